// @ts-nocheck
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localInstants, type LocalDateTime } from '../../src/formats/localtime.js';
import { parsePgeCsv } from '../../src/formats/pge.js';
import type { Reading } from '../../src/formats/readings.js';
import { importError } from './helpers.js';

const data = (name: string): string => readFileSync(new URL(`../data/formats/${name}`, import.meta.url), 'utf8');
const LA = 'America/Los_Angeles';
const utc = (iso: string): number => Date.parse(iso) / 1000;

const HEAD = ['Name,JANE Q SAMPLE', 'Address,"1 EXAMPLE ST, SAN FRANCISCO CA 94100"', 'Account Number,0000000000', '', 'TYPE,DATE,START TIME,END TIME,USAGE,UNITS,COST,NOTES'];
/** A download whose data rows are `rows` (the header row is line 5, the first data row line 6). */
const pge = (...rows: string[]): string => [...HEAD, ...rows].join('\n') + '\n';
const row = (date: string, from: string, to: string, usage: string, units = 'kWh') => `Electric usage,${date},${from},${to},${usage},${units},$0.01,`;
const rowError = (...rows: string[]): string => importError(() => parsePgeCsv(pge(...rows), { timeZone: LA })).message;

describe('parsePgeCsv', () => {
  it('reads the autumn day: the repeated hour twice, summer time first, into contiguous UTC intervals', () => {
    const out = parsePgeCsv(data('pge-fall-back.csv'), { timeZone: LA });
    expect(out.source).toBe('pge-csv');
    expect(out.registers).toEqual(['import']);
    expect(out.readings).toHaveLength(20);
    // 23:00 PDT on Nov 4 is 06:00Z; five real hours of 15-minute rows, the local 01:00 hour twice.
    out.readings.forEach((r, i) => {
      expect(r).toEqual({ start: utc('2023-11-05T06:00:00Z') + i * 900, duration: 900, wh: 50 + ((i * 37) % 400) });
    });
    expect(out.readings[8]!.start).toBe(utc('2023-11-05T08:00:00Z')); // first 01:00 row: PDT
    expect(out.readings[12]!.start).toBe(utc('2023-11-05T09:00:00Z')); // second 01:00 row: PST
    expect(out.notes).toEqual([
      'local times read in America/Los_Angeles',
      '8 rows in the repeated hour when the clocks went back, placed in file order (summer time first)',
      "ignored the COST column (the utility's own figures, 20 rows)",
    ]);
  });

  it('reads the spring day: hourly rows skip 02:00 without a gap', () => {
    const out = parsePgeCsv(data('pge-spring-forward.csv'), { timeZone: LA });
    expect(out.readings).toHaveLength(29);
    out.readings.forEach((r, i) => {
      expect(r).toEqual({ start: utc('2024-03-09T08:00:00Z') + i * 3600, duration: 3600, wh: 200 + ((i * 113) % 900) });
    });
    // 01:00 PST (09:00Z) is followed by 03:00 PDT (10:00Z).
    expect(out.readings[25]!.start).toBe(utc('2024-03-10T09:00:00Z'));
    expect(out.readings[26]!.start).toBe(utc('2024-03-10T10:00:00Z'));
  });

  it('keeps every Wh: the total equals the sum of the USAGE column in exact decimals', () => {
    const text = data('pge-fall-back.csv');
    const total = parsePgeCsv(text, { timeZone: LA }).readings.reduce((n, r) => n + r.wh, 0);
    const exact = [...text.matchAll(/,(\d+)\.(\d+),kWh,/g)].reduce((n, m) => n + Number(m[1]) * 1000 + Number(m[2]!.padEnd(3, '0')), 0);
    expect(total).toBe(exact);
    expect(total).toBe(4430);
  });

  it('converts kWh and Wh exactly, day-long rows, hourly and 15-minute intervals', () => {
    const out = parsePgeCsv(
      pge(row('2024-01-01', '00:00', '00:14', '0.12'), row('2024-01-01', '00:15', '00:59', '1.001'), row('2024-01-01', '1:00', '23:59', '1234', 'Wh')),
      { timeZone: LA },
    );
    expect(out.readings).toEqual([
      { start: utc('2024-01-01T08:00:00Z'), duration: 900, wh: 120 },
      { start: utc('2024-01-01T08:15:00Z'), duration: 2700, wh: 1001 },
      { start: utc('2024-01-01T09:00:00Z'), duration: 23 * 3600, wh: 1234 },
    ]);
    // A whole day on the autumn change is 25 hours long, on the spring change 23.
    expect(parsePgeCsv(pge(row('2023-11-05', '00:00', '23:59', '10')), { timeZone: LA }).readings[0]!.duration).toBe(25 * 3600);
    expect(parsePgeCsv(pge(row('2024-03-10', '00:00', '23:59', '10')), { timeZone: LA }).readings[0]!.duration).toBe(23 * 3600);
  });

  it('accepts a BOM, no header block, CRLF, quoted cells, a missing trailing NOTES cell and notes text', () => {
    const text = '\uFEFFTYPE,DATE,START TIME,END TIME,USAGE,UNITS,COST,NOTES\r\n"Electric usage",2024-01-01,00:00,00:59,"0.5",kWh,"$1,000.00","estimated, see bill"\r\nElectric usage,2024-01-01,01:00,01:59,0.25,kWh,$0.01\r\n';
    expect(parsePgeCsv(text, { timeZone: LA }).readings.map((r) => r.wh)).toEqual([500, 250]);
  });

  it('reads net-metered downloads with IMPORT (kWh) and EXPORT (kWh) as two registers', () => {
    const text = 'TYPE,DATE,START TIME,END TIME,IMPORT (kWh),EXPORT (kWh),COST,NOTES\nElectric usage,2024-06-01,12:00,12:59,0.1,1.25,$0.00,\n';
    const out = parsePgeCsv(text, { timeZone: LA });
    expect(out.registers).toEqual(['import', 'export']);
    expect(out.readings).toEqual([{ start: utc('2024-06-01T19:00:00Z'), duration: 3600, wh: 100, values: [100, 1250] }]);
  });

  describe('errors name the line and the problem', () => {
    it('no header row, or no rows after it; never echoes the header block', () => {
      const e = importError(() => parsePgeCsv('Name,JANE Q SAMPLE\nAddress,SECRET ST\n', { timeZone: LA }));
      expect(e.message).toBe('no header row "TYPE,DATE,START TIME,END TIME,USAGE,UNITS,COST,NOTES" found: this is not a PG&E usage download in CSV');
      expect(e.message).not.toContain('SECRET');
      expect(importError(() => parsePgeCsv(pge(), { timeZone: LA })).message).toBe('no readings: no rows after the header row (line 5)');
    });

    it('time zone', () => {
      expect(importError(() => parsePgeCsv(pge(row('2024-01-01', '00:00', '00:59', '1')), { timeZone: 'Pacific/Nowhere' })).message).toBe(
        'unknown time zone "Pacific/Nowhere": use an IANA name such as America/Los_Angeles or Europe/London',
      );
    });

    it('usage that is not a whole number of Wh is never rounded', () => {
      expect(rowError(row('2024-01-01', '00:00', '00:59', '0.1234'))).toBe('line 6: USAGE "0.1234" kWh is not a whole number of Wh; values are never rounded');
      expect(rowError(row('2024-01-01', '00:00', '00:59', '1.5', 'Wh'))).toBe('line 6: USAGE "1.5" Wh is not a whole number of Wh; values are never rounded');
      // Trailing zeros past the Wh are fine.
      expect(parsePgeCsv(pge(row('2024-01-01', '00:00', '00:59', '0.1230')), { timeZone: LA }).readings[0]!.wh).toBe(123);
    });

    it.each(['', 'abc', '1e3', '1,5', '.5', '0x10', '+1'])('usage %j', (usage) => {
      expect(rowError(row('2024-01-01', '00:00', '00:59', usage))).toMatch(/^line 6: (USAGE .* is not a non-negative decimal number of kWh|expected 8 columns)/);
    });

    it('negative usage (export) is refused, not netted', () => {
      expect(rowError(row('2024-01-01', '00:00', '00:59', '-0.5'))).toBe(
        'line 6: USAGE "-0.5" is negative (energy sent to the grid); a net amount cannot be split into import and export',
      );
    });

    it('units other than kWh and Wh, and gas rows', () => {
      expect(rowError(row('2024-01-01', '00:00', '00:59', '1', 'therms'))).toBe('line 6: UNITS "therms" is not supported: only kWh and Wh are');
      expect(rowError(row('2024-01-01', '00:00', '00:59', '1', 'MWh'))).toBe('line 6: UNITS "MWh" is not supported: only kWh and Wh are');
      expect(rowError('Natural gas usage,2024-01-01,00:00,23:59,1.02,therms,$1.50,')).toBe('line 6: TYPE "Natural gas usage" is not electric usage');
      const header = 'TYPE,DATE,START TIME,END TIME,USAGE (therms),NOTES\n';
      expect(importError(() => parsePgeCsv(header, { timeZone: LA })).message).toBe('line 1: the column "USAGE (therms)" is in "THERMS": only kWh and Wh are supported');
    });

    it('dates and times', () => {
      expect(rowError(row('01/02/2024', '00:00', '00:59', '1'))).toBe('line 6: DATE "01/02/2024" is not a date written YYYY-MM-DD');
      expect(rowError(row('2023-02-29', '00:00', '00:59', '1'))).toBe('line 6: DATE "2023-02-29" is not a date written YYYY-MM-DD');
      expect(rowError(row('2024-01-01', '24:00', '00:59', '1'))).toBe('line 6: START TIME "24:00" is not a time written HH:MM (00:00 to 23:59)');
      expect(rowError(row('2024-01-01', '00:00', '12:00 PM', '1'))).toBe('line 6: END TIME "12:00 PM" is not a time written HH:MM (00:00 to 23:59)');
      expect(rowError(row('2024-01-01', '01:00', '00:59', '1'))).toBe('line 6: END TIME 00:59 is before START TIME 01:00');
    });

    it('column count', () => {
      expect(rowError('Electric usage,2024-01-01,00:00,00:59,1,kWh')).toBe('line 6: expected 8 columns as in the header row, found 6');
      expect(rowError(`${row('2024-01-01', '00:00', '00:59', '1')},extra`)).toBe('line 6: expected 8 columns as in the header row, found 9');
    });

    it('a time in the skipped spring hour', () => {
      expect(rowError(row('2024-03-10', '01:00', '01:59', '1'), row('2024-03-10', '02:00', '02:59', '1'))).toBe(
        'line 7: 2024-03-10 02:00 does not exist in America/Los_Angeles: the clocks went forward over it',
      );
    });

    it('a repeated autumn time written once, or three times, is ambiguous', () => {
      expect(rowError(row('2023-11-05', '00:00', '00:59', '1'), row('2023-11-05', '01:00', '01:59', '1'), row('2023-11-05', '02:00', '02:59', '1'))).toBe(
        'line 7: 2023-11-05 01:00 happens twice in America/Los_Angeles (at 2023-11-05T08:00:00Z and 2023-11-05T09:00:00Z, ' +
          'UTC-07:00 then UTC-08:00), when the clocks go back, but the file has it once, so which one is meant cannot be told',
      );
      const thrice = rowError(...[1, 2, 3].map(() => row('2023-11-05', '01:00', '01:59', '1')));
      expect(thrice).toMatch(/^line 6: 2023-11-05 01:00 happens twice .* but the file has it 3 times \(line 6, line 7, line 8\)$/);
      // A row that starts before the repeated hour and ends inside it cannot be placed either.
      expect(rowError(row('2023-11-05', '00:00', '01:29', '1'))).toMatch(/^line 6: END TIME 2023-11-05 01:29 happens twice/);
    });

    it('gaps and duplicates go through the shared rules, with line numbers', () => {
      expect(rowError(row('2024-01-01', '00:00', '00:59', '1'), row('2024-01-01', '02:00', '02:59', '1'))).toBe(
        'gap in readings: no data from 2024-01-01T09:00:00Z to 2024-01-01T10:00:00Z (1 h) between line 6 and line 7',
      );
      expect(rowError(row('2024-01-01', '00:00', '00:59', '1'), row('2024-01-01', '00:00', '00:59', '1'))).toMatch(
        /^duplicate reading: .*\(line 6 and line 7\)/,
      );
      const dropped = parsePgeCsv(pge(row('2024-01-01', '00:00', '00:59', '1'), row('2024-01-01', '00:00', '00:59', '1')), {
        timeZone: LA,
        duplicates: 'drop-identical',
      });
      expect(dropped.readings).toHaveLength(1);
      expect(dropped.notes).toContain('dropped 1 identical duplicate reading');
    });

    it('a header without a usage column', () => {
      expect(importError(() => parsePgeCsv('TYPE,DATE,START TIME,END TIME,COST\n', { timeZone: LA })).message).toBe(
        'line 1: expected one USAGE column, or IMPORT and EXPORT columns in that order; the header row has none',
      );
      expect(importError(() => parsePgeCsv('TYPE,DATE,START TIME,END TIME,USAGE,COST\n', { timeZone: LA })).message).toBe(
        'line 1: the column USAGE has no unit: expected a UNITS column or USAGE (kWh)',
      );
    });
  });
});

/** The local date and time of `unix` in `zone`. */
function localParts(unix: number, zone: string): LocalDateTime {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const p = Object.fromEntries(f.formatToParts(new Date(unix * 1000)).map((x) => [x.type, Number(x.value)]));
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

/**
 * A PG&E-style writer for the property below: the local date and clock of each interval in `zone`,
 * END TIME the interval's last minute, USAGE in kWh with up to three decimals.
 */
function formatPge(readings: readonly Reading[], zone: string): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const kwh = (wh: number): string => `${Math.floor(wh / 1000)}.${String(wh % 1000).padStart(3, '0')}`.replace(/\.?0+$/, '') || '0';
  const rows = readings.map((r) => {
    const a = localParts(r.start, zone);
    const b = localParts(r.start + r.duration - 60, zone);
    return `Electric usage,${a.year}-${two(a.month)}-${two(a.day)},${two(a.hour)}:${two(a.minute)},${two(b.hour)}:${two(b.minute)},${kwh(r.wh)},kWh,$0.00,`;
  });
  return [...HEAD, ...rows].join('\n') + '\n';
}

describe('property: readings → PG&E CSV in local time → the same readings', () => {
  // Quarter hours and hours, over spans that include a clock change in each zone.
  const zones = ['America/Los_Angeles', 'America/New_York', 'Europe/London', 'Australia/Sydney', 'UTC'];
  it('holds across daylight-saving changes, or names the repeated time when the data starts or ends inside the repeated hour', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom(900, 3600),
        fc.constantFrom(utc('2023-03-10T00:00:00Z'), utc('2023-03-25T12:00:00Z'), utc('2023-10-28T12:00:00Z'), utc('2023-11-04T12:00:00Z'), utc('2023-04-01T12:00:00Z')),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 10_000_000 })), { minLength: 1, maxLength: 120 }),
        (zone, step, from, whs) => {
          const readings = whs.map((wh, i): Reading => ({ start: from + i * step, duration: step, wh }));
          const text = formatPge(readings, zone);
          // A repeated local time whose other instant is not in the data is written once: ambiguous.
          const starts = new Set(readings.map((r) => r.start));
          const cut = readings.some((r) => {
            const both = localInstants(localParts(r.start, zone), zone);
            return both.length === 2 && both.some((t) => !starts.has(t));
          });
          if (cut) {
            expect(importError(() => parsePgeCsv(text, { timeZone: zone })).message).toMatch(/happens twice in .* but the file has it once/);
          } else {
            expect(parsePgeCsv(text, { timeZone: zone }).readings).toEqual(readings);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
