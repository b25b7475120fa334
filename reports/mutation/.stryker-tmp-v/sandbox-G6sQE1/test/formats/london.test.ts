// @ts-nocheck
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLondonCsv, type LondonCsvOptions } from '../../src/formats/london.js';
import { importError } from './helpers.js';

const data = (name: string): string => readFileSync(new URL(`../data/formats/${name}`, import.meta.url), 'utf8');
const utc = (iso: string): number => Date.parse(iso) / 1000;
const LONDON: LondonCsvOptions = { timeZone: 'Europe/London' };

const HEADER = 'LCLid,stdorToU,DateTime,KWH/hh (per half hour) ';
/** One household's rows: [DateTime, value]; the header is line 1, the first row line 2. */
const lcl = (...rows: [string, string][]): string => [HEADER, ...rows.map(([t, v]) => `MAC000002,Std,${t}.0000000, ${v} `)].join('\n') + '\n';
const halfHours = (day: string, from: number, n: number, value = '0.1'): [string, string][] =>
  Array.from({ length: n }, (_, i) => {
    const m = (from + i) * 30;
    return [`${day} ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00`, value];
  });
const error = (text: string, opts: LondonCsvOptions = LONDON): string => importError(() => parseLondonCsv(text, opts)).message;

describe('parseLondonCsv', () => {
  it('reads one household across the October change: DateTime ends its half hour, 01:00 and 01:30 twice', () => {
    const out = parseLondonCsv(data('london-fall-back.csv'), { ...LONDON, household: 'MAC000002' });
    expect(out.source).toBe('london-csv');
    expect(out.registers).toEqual(['import']);
    expect(out.readings).toHaveLength(13);
    // The first row, 23:00 BST on the 27th, ends at 22:00Z: its half hour starts at 21:30Z.
    out.readings.forEach((r, i) => {
      expect(r).toEqual({ start: utc('2012-10-27T21:30:00Z') + i * 1800, duration: 1800, wh: 100 + ((i * 29) % 300) });
    });
    expect(out.notes).toEqual([
      'household MAC000002 (the file holds 2), tariff Std',
      'DateTime read as the end of each half hour, in Europe/London',
    ]);
    const other = parseLondonCsv(data('london-fall-back.csv'), { ...LONDON, household: 'MAC000003' });
    expect(other.readings.map((r) => r.wh)).toEqual(Array.from({ length: 13 }, (_, i) => 40 + ((i * 29) % 300)));
    expect(other.notes[0]).toBe('household MAC000003 (the file holds 2), tariff ToU');
  });

  it('reads the March change: no rows for the skipped hour, and no gap', () => {
    // 2013-03-31: 01:00 GMT becomes 02:00 BST. The half hour ending at 01:00Z is stamped on the new
    // clock, 02:00 BST, so the end stamps run 00:30, 02:00, 02:30, ...
    const out = parseLondonCsv(lcl(...halfHours('2013-03-31', 1, 1), ...halfHours('2013-03-31', 4, 4)), LONDON);
    expect(out.readings.map((r) => r.start)).toEqual([0, 1, 2, 3, 4].map((i) => utc('2013-03-31T00:00:00Z') + i * 1800));
  });

  it('reads UTC-stamped files with the time zone UTC, and DateTime as the start with stamp: start', () => {
    const text = lcl(...halfHours('2013-03-31', 0, 6));
    expect(parseLondonCsv(text, { timeZone: 'UTC' }).readings[0]!.start).toBe(utc('2013-03-30T23:30:00Z'));
    expect(parseLondonCsv(text, { timeZone: 'UTC', stamp: 'start' }).readings[0]!.start).toBe(utc('2013-03-31T00:00:00Z'));
    expect(parseLondonCsv(text, { timeZone: 'UTC', stamp: 'start' }).notes[1]).toBe('DateTime read as the start of each half hour, in UTC');
    // The same file read as London time has a row in the hour that was skipped.
    expect(error(text)).toBe(
      "line 4: 2013-03-31 01:00 does not exist in Europe/London: the clocks went forward over it; if the file's times are UTC all year, read it in the time zone UTC",
    );
  });

  it('converts kWh exactly, accepts spaces, CRLF and the Acorn columns', () => {
    const text = 'LCLid,stdorToU,DateTime,KWH/hh (per half hour) ,Acorn,Acorn_grouped\r\nMAC000002,Std,2012-10-12 00:30:00.0000000, 0 ,ACORN-A,Affluent\r\nMAC000002,Std,2012-10-12 01:00:00.0000000,0.219,ACORN-A,Affluent\r\n';
    expect(parseLondonCsv(text, LONDON).readings.map((r) => r.wh)).toEqual([0, 219]);
  });

  describe('several households', () => {
    it('requires a choice and lists the households', () => {
      expect(error(data('london-fall-back.csv'))).toBe('the file holds 2 households (MAC000002, MAC000003): choose one with --household (option household)');
      expect(error(data('london-fall-back.csv'), { ...LONDON, household: 'MAC000009' })).toBe(
        'household "MAC000009" is not in the file; it holds MAC000002, MAC000003',
      );
    });

    it('ignores the other households\' rows, even bad ones', () => {
      const text = `${lcl(...halfHours('2013-01-01', 1, 2))}MAC000099,Std,garbage,Null\n`;
      expect(parseLondonCsv(text, { ...LONDON, household: 'MAC000002' }).readings).toHaveLength(2);
    });
  });

  describe('Null rows', () => {
    const rows = halfHours('2013-01-01', 1, 6);
    it('are an error with the line number by default', () => {
      const withNull = [...rows];
      withNull[2] = [rows[2]![0], 'Null'];
      expect(error(lcl(...withNull))).toBe('line 4: KWH/hh is Null (no reading); to leave such rows out, import with --skip-null (option skipNull)');
    });

    it('at the start or end can be skipped, with a note', () => {
      const edges = rows.map(([t, v], i): [string, string] => [t, i === 0 || i === 5 ? 'Null' : v]);
      const out = parseLondonCsv(lcl(...edges), { ...LONDON, skipNull: true });
      expect(out.readings).toHaveLength(4);
      expect(out.readings[0]!.start).toBe(utc('2013-01-01T00:30:00Z'));
      expect(out.notes).toContain('skipped 2 Null rows at the start or end of the data');
    });

    it('inside the data leave a gap, which is reported, never filled', () => {
      const inside = rows.map(([t, v], i): [string, string] => [t, i === 2 || i === 3 ? 'Null' : v]);
      expect(error(lcl(...inside), { ...LONDON, skipNull: true })).toBe(
        'line 4: KWH/hh is Null, and skipping it leaves a gap in the readings at 2013-01-01T01:00:00Z to 2013-01-01T01:30:00Z ' +
          '(2 such rows in all); a gap is never filled, so only Null rows at the start or end of the data can be skipped',
      );
      expect(error(lcl(...rows.map(([t]): [string, string] => [t, 'Null'])), { ...LONDON, skipNull: true })).toBe(
        'no readings: every row of MAC000002 is Null',
      );
    });
  });

  describe('errors name the line and the problem', () => {
    it('header', () => {
      expect(error('LCLid,tstp,energy(kWh/hh)\nMAC000002,2012-10-12 00:30:00.0000000,0\n')).toBe(
        'line 1: expected the header "LCLid,stdorToU,DateTime,KWH/hh (per half hour) ", found "LCLid,tstp,energy(kWh/hh)"',
      );
      expect(error('\n\n')).toBe('no readings: the file is empty (expected the header "LCLid,stdorToU,DateTime,KWH/hh (per half hour) ")');
      expect(error(`${HEADER}\n`)).toBe('no readings: no rows after the header');
    });

    it.each([
      ['2012-10-12T00:30:00', 'DateTime "2012-10-12T00:30:00" is not written YYYY-MM-DD HH:MM:SS.0000000'],
      ['12/10/2012 00:30', 'DateTime "12/10/2012 00:30" is not written YYYY-MM-DD HH:MM:SS.0000000'],
      ['2012-02-30 00:30:00', 'DateTime "2012-02-30 00:30:00" is not a valid date and time'],
      ['2012-10-12 00:15:00', 'DateTime "2012-10-12 00:15:00" is not on the hour or half hour'],
    ])('DateTime %j', (t, message) => {
      expect(error([HEADER, `MAC000002,Std,${t},0.1`].join('\n'))).toBe(`line 2: ${message}`);
    });

    it.each([
      ['0.1234', 'KWH/hh "0.1234" kWh is not a whole number of Wh; values are never rounded'],
      ['-0.1', 'KWH/hh "-0.1" is negative (energy sent to the grid); a net amount cannot be split into import and export'],
      ['', 'KWH/hh "" is not a non-negative decimal number of kWh'],
      ['1e-3', 'KWH/hh "1e-3" is not a non-negative decimal number of kWh'],
    ])('value %j', (v, message) => {
      expect(error([HEADER, `MAC000002,Std,2012-10-12 00:30:00.0000000,${v}`].join('\n'))).toBe(`line 2: ${message}`);
    });

    it('columns and empty ids', () => {
      expect(error([HEADER, 'MAC000002,Std,2012-10-12 00:30:00.0000000'].join('\n'))).toBe('line 2: expected 4 columns as in the header, found 3');
      expect(error([HEADER, ',Std,2012-10-12 00:30:00.0000000,0'].join('\n'))).toBe('line 2: LCLid is empty');
    });

    it('an October time written once is ambiguous in Europe/London', () => {
      expect(error(lcl(...halfHours('2012-10-28', 1, 4)))).toMatch(
        /^line 3: 2012-10-28 01:00 happens twice in Europe\/London \(at 2012-10-28T00:00:00Z and 2012-10-28T01:00:00Z, UTC\+01:00 then UTC\+00:00\), when the clocks go back, but the file has it once/,
      );
    });

    it('gaps and duplicates name the lines', () => {
      expect(error(lcl(['2013-01-01 00:30:00', '0.1'], ['2013-01-01 01:30:00', '0.1']))).toBe(
        'gap in readings: no data from 2013-01-01T00:30:00Z to 2013-01-01T01:00:00Z (30 min) between line 2 and line 3',
      );
      expect(error(lcl(['2013-01-01 00:30:00', '0.1'], ['2013-01-01 00:30:00', '0.1']))).toMatch(/^duplicate reading: .*\(line 2 and line 3\)/);
      expect(parseLondonCsv(lcl(['2013-01-01 00:30:00', '0.1'], ['2013-01-01 00:30:00', '0.1']), { ...LONDON, duplicates: 'drop-identical' }).readings).toHaveLength(1);
    });
  });
});
