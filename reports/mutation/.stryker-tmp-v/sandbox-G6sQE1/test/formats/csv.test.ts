// @ts-nocheck
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatReadingsCsv, parseReadingsCsv } from '../../src/formats/csv.js';
import type { Reading } from '../../src/formats/readings.js';
import { importError } from './helpers.js';

/** 2011-07-01T07:00:00Z = 2011-07-01T00:00:00-07:00 */
const T = 1309503600;
const csv = (...rows: string[]): string => ['start,duration_s,wh', ...rows].join('\n') + '\n';
/** The error message for a file with `row` as its only data line (line 2). */
const rowError = (row: string): string => importError(() => parseReadingsCsv(csv(row))).message;

describe('parseReadingsCsv', () => {
  it('reads ISO 8601 and Unix starts and sorts them', () => {
    const out = parseReadingsCsv(csv('2011-07-01T01:00:00-07:00,3600,20', '1309503600,3600,10', '2011-07-01T09:00:00Z,900,0'));
    expect(out).toEqual({
      source: 'csv',
      registers: ['import'],
      notes: [],
      readings: [
        { start: T, duration: 3600, wh: 10 },
        { start: T + 3600, duration: 3600, wh: 20 },
        { start: T + 7200, duration: 900, wh: 0 },
      ],
    });
  });

  it('treats every way of writing the same instant alike', () => {
    for (const start of [
      '1309503600',
      '2011-07-01T07:00:00Z',
      '2011-07-01T00:00:00-07:00',
      '2011-07-01T12:30:00+05:30',
      '2011-07-01T07:00:00+00:00',
      '2011-06-30T20:00:00-11:00',
    ]) {
      expect(parseReadingsCsv(csv(`${start},3600,5`)).readings).toEqual([{ start: T, duration: 3600, wh: 5 }]);
    }
  });

  it('accepts a BOM, CRLF, a case-insensitive spaced header, blank lines and comments', () => {
    const text = '\uFEFF# exported by hand\r\n\r\n Start, Duration_S ,WH \r\n# a comment\r\n1309503600, 3600 ,7\r\n\r\n';
    expect(parseReadingsCsv(text).readings).toEqual([{ start: T, duration: 3600, wh: 7 }]);
  });

  it('handles dates across leap days and years', () => {
    expect(parseReadingsCsv(csv('2012-02-29T00:00:00Z,60,1')).readings[0]!.start).toBe(Date.UTC(2012, 1, 29) / 1000);
    expect(parseReadingsCsv(csv('1969-12-31T17:00:00-07:00,60,1')).readings[0]!.start).toBe(0);
  });

  describe('errors say the line and the problem', () => {
    it('header', () => {
      expect(importError(() => parseReadingsCsv('time,kwh\n1,2\n')).message).toBe(
        'line 1: expected the header "start,duration_s,wh" or start,duration_s followed by register names, found "time,kwh"',
      );
      expect(importError(() => parseReadingsCsv('1309503600,3600,5\n')).message).toMatch(/^line 1: expected the header/);
      expect(importError(() => parseReadingsCsv('')).message).toBe('no readings: missing the header "start,duration_s,wh"');
      expect(importError(() => parseReadingsCsv('start,duration_s,wh\n# nothing\n')).message).toBe('no readings');
    });

    it('column count', () => {
      expect(importError(() => parseReadingsCsv(csv('1309503600,3600,5', '1309507200,3600'))).message).toBe(
        'line 3: expected 3 columns (start,duration_s,wh), found 2',
      );
      expect(rowError('1309503600,3600,5,extra')).toBe('line 2: expected 3 columns (start,duration_s,wh), found 4');
    });

    it.each(['abc', '0', '-3600', '1.5', '1e3', '', '+60', '0x10', '99999999999999999999'])('duration_s %j', (d) => {
      const e = importError(() => parseReadingsCsv(csv(`1309503600,${d},5`)));
      expect(e.message).toBe(`line 2: duration_s ${JSON.stringify(d)} is not a positive integer`);
      expect(e.where).toBe('line 2');
    });

    it.each(['-1', '1.5', '1e3', '', 'abc', '12345678901234567890', '5 Wh'])('wh %j', (wh) => {
      expect(rowError(`1309503600,3600,${wh}`)).toBe(`line 2: wh ${JSON.stringify(wh)} is not a non-negative integer`);
    });

    it('start without offset is ambiguous', () => {
      for (const s of ['2011-07-01T00:00:00', '2011-07-01T00:00', '2011-07-01 00:00:00']) {
        expect(rowError(`${s},3600,5`)).toBe(
          `line 2: start "${s}" has no UTC offset, so the time is ambiguous; add Z or an offset such as -07:00`,
        );
      }
    });

    it('start with fractional seconds', () => {
      expect(rowError('2011-07-01T00:00:00.5Z,3600,5')).toBe(
        'line 2: start "2011-07-01T00:00:00.5Z" has fractional seconds; use whole seconds',
      );
    });

    it.each([
      '2011-07-01',
      'July 1 2011',
      '2011-7-1T00:00:00Z',
      '2011-07-01T00:00:00z',
      '2011-07-01T00:00:00-0700',
      '2011-07-01T00:00:00 Z',
      '-1',
      '1309503600.5',
      '2011-07-01T00:00:00-07',
    ])('start %j is not a recognised time', (s) => {
      expect(rowError(`${s},3600,5`)).toMatch(/is not Unix seconds or an ISO 8601 time with offset/);
    });

    it.each(['2011-02-29T00:00:00Z', '2011-13-01T00:00:00Z', '2011-07-01T24:00:00Z', '2016-12-31T23:59:60Z', '0075-01-01T00:00:00Z'])(
      'start %j is not a valid date and time',
      (s) => {
        expect(rowError(`${s},3600,5`)).toMatch(/is not a valid date and time|before 1970/);
      },
    );

    it('start with an impossible offset, or before 1970', () => {
      expect(rowError('2011-07-01T00:00:00+24:00,3600,5')).toBe(
        'line 2: start "2011-07-01T00:00:00+24:00" has an invalid UTC offset',
      );
      expect(rowError('1969-12-31T23:59:59Z,3600,5')).toBe(
        'line 2: start "1969-12-31T23:59:59Z" is before 1970-01-01T00:00:00Z',
      );
    });

    it('a long bad value is cut short, not echoed whole', () => {
      const message = rowError(`${'9'.repeat(5000)}x,3600,5`);
      expect(message.length).toBeLessThan(200);
    });

    it('gaps, duplicates and overlaps name the lines', () => {
      expect(importError(() => parseReadingsCsv(csv('1309503600,3600,1', '1309510800,3600,2'))).message).toBe(
        'gap in readings: no data from 2011-07-01T08:00:00Z to 2011-07-01T09:00:00Z (1 h) between line 2 and line 3',
      );
      const dup = importError(() =>
        parseReadingsCsv(csv('1309503600,3600,1', '# repeat', '2011-07-01T00:00:00-07:00,3600,1')),
      );
      expect(dup.message).toContain('the interval 2011-07-01T07:00:00Z to 2011-07-01T08:00:00Z appears more than once (line 2 and line 4)');
      expect(dup.message).toContain('1 duplicate reading in total');
      const overlap = importError(() => parseReadingsCsv(csv('1309503600,3600,1', '1309505400,3600,1')));
      expect(overlap.message).toBe(
        'overlapping readings: 2011-07-01T07:00:00Z to 2011-07-01T08:00:00Z (line 2) and ' +
          '2011-07-01T07:30:00Z to 2011-07-01T08:30:00Z (line 3) cover the same time with different data',
      );
    });
  });

  it("drops identical duplicates with duplicates: 'drop-identical' and notes it", () => {
    const out = parseReadingsCsv(csv('1309503600,3600,1', '1309503600,3600,1', '1309507200,3600,2'), {
      duplicates: 'drop-identical',
    });
    expect(out.readings).toHaveLength(2);
    expect(out.notes).toEqual(['dropped 1 identical duplicate reading']);
  });
});

describe('formatReadingsCsv', () => {
  const rs: Reading[] = [
    { start: T, duration: 3600, wh: 10 },
    { start: T + 3600, duration: 900, wh: 0 },
  ];

  it('writes ISO UTC or Unix seconds', () => {
    expect(formatReadingsCsv(rs)).toBe('start,duration_s,wh\n2011-07-01T07:00:00Z,3600,10\n2011-07-01T08:00:00Z,900,0\n');
    expect(formatReadingsCsv(rs, { time: 'unix' })).toBe('start,duration_s,wh\n1309503600,3600,10\n1309507200,900,0\n');
  });

  it('round-trips', () => {
    expect(parseReadingsCsv(formatReadingsCsv(rs)).readings).toEqual(rs);
    expect(parseReadingsCsv(formatReadingsCsv(rs, { time: 'unix' })).readings).toEqual(rs);
  });
});

describe('property: contiguous readings → CSV → the same readings', () => {
  /** `start` written as local time at `offsetMin` minutes from UTC, e.g. 2011-07-01T00:00:00-07:00. */
  function isoWithOffset(start: number, offsetMin: number): string {
    const local = new Date((start + offsetMin * 60) * 1000).toISOString().slice(0, 19);
    const sign = offsetMin < 0 ? '-' : '+';
    const abs = Math.abs(offsetMin);
    const hh = String(Math.floor(abs / 60)).padStart(2, '0');
    const mm = String(abs % 60).padStart(2, '0');
    return `${local}${sign}${hh}:${mm}`;
  }

  const series = fc
    .record({
      first: fc.integer({ min: 86_400, max: 4_000_000_000 }),
      steps: fc.array(
        fc.record({
          duration: fc.oneof(fc.constantFrom(60, 300, 900, 3600, 86_400), fc.integer({ min: 1, max: 40 * 86_400 })),
          wh: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.maxSafeNat()),
        }),
        { minLength: 1, maxLength: 60 },
      ),
    })
    .map(({ first, steps }) => {
      let start = first;
      return steps.map(({ duration, wh }): Reading => {
        const r = { start, duration, wh };
        start += duration;
        return r;
      });
    });

  it('holds for Unix, UTC and offset times, any row order, LF or CRLF', () => {
    fc.assert(
      fc.property(
        series,
        fc.array(fc.constantFrom('unix', 'utc', 'offset')),
        fc.integer({ min: -14 * 4, max: 14 * 4 }),
        fc.boolean(),
        fc.boolean(),
        (readings, styles, quarterHours, crlf, reverse) => {
          const lines = readings.map((r, i) => {
            const style = styles[i % Math.max(styles.length, 1)] ?? 'utc';
            const start =
              style === 'unix' ? String(r.start) : style === 'utc' ? isoWithOffset(r.start, 0).replace('+00:00', 'Z') : isoWithOffset(r.start, quarterHours * 15);
            return `${start},${r.duration},${r.wh}`;
          });
          if (reverse) lines.reverse();
          const text = ['start,duration_s,wh', ...lines].join(crlf ? '\r\n' : '\n');
          expect(parseReadingsCsv(text).readings).toEqual(readings);
          expect(parseReadingsCsv(formatReadingsCsv(readings)).readings).toEqual(readings);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('several registers', () => {
  const two = (start: number, imp: number, exp: number): Reading => ({ start, duration: 3600, wh: imp, values: [imp, exp] });

  it('takes the register names from the header, in order', () => {
    const out = parseReadingsCsv('start,duration_s,import,export\n1309507200,3600,3,0\n1309503600,3600,1,2\n');
    expect(out.registers).toEqual(['import', 'export']);
    expect(out.readings).toEqual([two(T, 1, 2), two(T + 3600, 3, 0)]);
  });

  it('a single named register is that register; wh alone means import', () => {
    expect(parseReadingsCsv('start,duration_s,export\n1309503600,3600,4\n')).toMatchObject({
      registers: ['export'],
      readings: [{ start: T, duration: 3600, wh: 4 }],
    });
    expect(parseReadingsCsv(csv('1309503600,3600,4')).registers).toEqual(['import']);
    const three = parseReadingsCsv(' Start , duration_s, road.A ,road-B,road_c\n1309503600,3600,1,2,3\n');
    expect(three.registers).toEqual(['road.A', 'road-B', 'road_c']);
    expect(three.readings[0]!.values).toEqual([1, 2, 3]);
  });

  it('errors name the line and the register', () => {
    const multi = (...rows: string[]) => ['start,duration_s,import,export', ...rows].join('\n');
    expect(importError(() => parseReadingsCsv(multi('1309503600,3600,1'))).message).toBe(
      'line 2: expected 4 columns (start,duration_s,import,export), found 3',
    );
    expect(importError(() => parseReadingsCsv(multi('1309503600,3600,1,2', '1309507200,3600,1,-2'))).message).toBe(
      'line 3: export "-2" is not a non-negative integer',
    );
    expect(importError(() => parseReadingsCsv('start,duration_s,import,Import\n')).message).toBe(
      'line 1: register "Import" appears twice in the header',
    );
    expect(importError(() => parseReadingsCsv('start,duration_s,wh,export\n')).message).toMatch(/^line 1: the column "wh" is the one-register form/);
    for (const bad of ['1st', 'a b', '', 'start', 'x'.repeat(65), 'kWh/hh']) {
      expect(importError(() => parseReadingsCsv(`start,duration_s,import,${bad}\n`)).message).toMatch(/^line 1: register name .* is not valid/);
    }
    expect(importError(() => parseReadingsCsv('start,duration_s\n')).message).toMatch(/^line 1: expected the header/);
  });

  it('drops only copies identical in every register', () => {
    const text = 'start,duration_s,import,export\n1309503600,3600,1,2\n1309503600,3600,1,2\n1309507200,3600,5,0\n';
    expect(parseReadingsCsv(text, { duplicates: 'drop-identical' }).readings).toEqual([two(T, 1, 2), two(T + 3600, 5, 0)]);
    expect(importError(() => parseReadingsCsv(text.replace('1,2\n1309507200', '1,2\n1309503600,3600,1,3\n1309507200'), { duplicates: 'drop-identical' })).message).toMatch(
      /^overlapping readings/,
    );
  });

  it('formatReadingsCsv writes the register names and round-trips', () => {
    const rs = [two(T, 1, 2), two(T + 3600, 3, 0)];
    const text = formatReadingsCsv(rs, { registers: ['import', 'export'] });
    expect(text).toBe('start,duration_s,import,export\n2011-07-01T07:00:00Z,3600,1,2\n2011-07-01T08:00:00Z,3600,3,0\n');
    const back = parseReadingsCsv(text);
    expect(back.readings).toEqual(rs);
    expect(formatReadingsCsv(back.readings, { registers: back.registers, time: 'unix' })).toBe(
      'start,duration_s,import,export\n1309503600,3600,1,2\n1309507200,3600,3,0\n',
    );
    expect(formatReadingsCsv([{ start: T, duration: 60, wh: 9 }], { registers: ['export'] })).toBe(
      'start,duration_s,export\n2011-07-01T07:00:00Z,60,9\n',
    );
    expect(() => formatReadingsCsv(rs)).toThrow(/reading 1 has 2 register values for 1 registers/);
    expect(() => formatReadingsCsv(rs, { registers: ['import', 'wh'] })).toThrow(/one-register form/);
  });
});
