// @ts-nocheck
import { describe, expect, it } from 'vitest';
import {
  findGaps,
  humanDuration,
  ImportError,
  isoUtc,
  normaliseReadings,
  readingOf,
  readingValues,
  type Reading,
} from '../../src/formats/readings.js';
import { importError } from './helpers.js';

const H = 3600;
/** 2011-03-13T08:00:00Z */
const T0 = Date.UTC(2011, 2, 13, 8) / 1000;
const hourly = (n: number, from = T0): Reading[] =>
  Array.from({ length: n }, (_, i) => ({ start: from + i * H, duration: H, wh: 100 + i }));


describe('ImportError', () => {
  it('prefixes the location and carries a stable code', () => {
    const e = new ImportError('duration_s "abc" is not a positive integer', 'line 12');
    expect(e.message).toBe('line 12: duration_s "abc" is not a positive integer');
    expect(e.where).toBe('line 12');
    expect(e.code).toBe('import.invalid');
    expect(e.name).toBe('ImportError');
    expect(e).toBeInstanceOf(Error);
    expect(new ImportError('no readings').where).toBeUndefined();
    const inline = new ImportError('overlapping readings: ... (line 3) and ... (line 5)', 'line 3 and line 5', { prefix: false });
    expect(inline.message).toBe('overlapping readings: ... (line 3) and ... (line 5)');
    expect(inline.where).toBe('line 3 and line 5');
  });
});

describe('helpers', () => {
  it('formats times and durations', () => {
    expect(isoUtc(T0)).toBe('2011-03-13T08:00:00Z');
    expect(humanDuration(3600)).toBe('1 h');
    expect(humanDuration(900)).toBe('15 min');
    expect(humanDuration(90)).toBe('1 min 30 s');
    expect(humanDuration(2 * 86400 + 3 * 3600)).toBe('2 d 3 h');
    expect(humanDuration(0)).toBe('0 s');
  });
});

describe('normaliseReadings', () => {
  it('sorts by start and keeps contiguous readings unchanged', () => {
    const rs = hourly(5);
    const shuffled = [rs[3]!, rs[0]!, rs[4]!, rs[2]!, rs[1]!];
    expect(normaliseReadings(shuffled)).toEqual(rs);
  });

  it('accepts mixed durations when they tile time', () => {
    const rs: Reading[] = [
      { start: T0, duration: 900, wh: 1 },
      { start: T0 + 900, duration: 2700, wh: 2 },
      { start: T0 + H, duration: H, wh: 0 },
    ];
    expect(normaliseReadings(rs)).toEqual(rs);
  });

  it('rejects empty input', () => {
    expect(importError(() => normaliseReadings([])).message).toBe('no readings');
  });

  it('rejects exact duplicates by default, naming the interval and the count', () => {
    const rs = hourly(4);
    const e = importError(() => normaliseReadings([...rs, rs[1]!, rs[2]!, rs[1]!]));
    expect(e.message).toContain('duplicate reading');
    expect(e.message).toContain('2011-03-13T09:00:00Z to 2011-03-13T10:00:00Z');
    expect(e.message).toContain('3 duplicate readings in total');
    expect(e.message).toContain('(reading 2 and reading 5)');
    expect(e.message).toMatch(/^duplicate reading: /);
    expect(e.where).toBe('reading 2 and reading 5');
  });

  it('drops exact duplicates with drop-identical', () => {
    const rs = hourly(4);
    expect(normaliseReadings([...rs, rs[1]!, rs[1]!], { duplicates: 'drop-identical' })).toEqual(rs);
  });

  it('always rejects a same-start reading with a different value, naming both', () => {
    const rs = hourly(3);
    const clash = { ...rs[1]!, wh: 999 };
    for (const duplicates of ['error', 'drop-identical'] as const) {
      const e = importError(() => normaliseReadings([...rs, clash], { duplicates, locate: (i) => `line ${i + 2}` }));
      expect(e.message).toMatch(/^overlapping readings: /);
      expect(e.message).toContain('2011-03-13T09:00:00Z to 2011-03-13T10:00:00Z (line 3)');
      expect(e.message).toContain('2011-03-13T09:00:00Z to 2011-03-13T10:00:00Z (line 5)');
      expect(e.where).toBe('line 3 and line 5');
    }
  });

  it('rejects partial overlaps and same start with a different duration', () => {
    const rs = hourly(3);
    const e1 = importError(() => normaliseReadings([...rs, { start: T0 + 1800, duration: H, wh: 5 }]));
    expect(e1.message).toContain('overlapping readings: 2011-03-13T08:00:00Z to 2011-03-13T09:00:00Z');
    expect(e1.message).toContain('2011-03-13T08:30:00Z to 2011-03-13T09:30:00Z');
    const e2 = importError(() => normaliseReadings([...rs, { start: T0, duration: 900, wh: 100 }]));
    expect(e2.message).toContain('overlapping readings');
  });

  it('reports a gap, never fills it, and says how many there are', () => {
    const rs = hourly(6).filter((_, i) => i !== 2 && i !== 4);
    const e = importError(() => normaliseReadings(rs));
    expect(e.message).toMatch(
      /^gap in readings: no data from 2011-03-13T10:00:00Z to 2011-03-13T11:00:00Z \(1 h\) between reading 2 and reading 3; 2 gaps in total$/,
    );
    expect(findGaps(rs)).toEqual([
      { from: T0 + 2 * H, to: T0 + 3 * H },
      { from: T0 + 4 * H, to: T0 + 5 * H },
    ]);
    expect(findGaps(hourly(6))).toEqual([]);
    expect(findGaps([])).toEqual([]);
  });

  it('rejects malformed readings from direct callers', () => {
    for (const bad of [
      { start: T0, duration: 0, wh: 1 },
      { start: T0, duration: 1.5, wh: 1 },
      { start: T0, duration: H, wh: -1 },
      { start: T0, duration: H, wh: 0.5 },
      { start: -1, duration: H, wh: 1 },
      { start: T0, duration: H, wh: 2 ** 53 },
    ]) {
      expect(importError(() => normaliseReadings([bad])).message).toMatch(/^reading 1: invalid reading/);
    }
  });

  it('does not modify its input', () => {
    const rs = hourly(3).reverse();
    const copy = [...rs];
    normaliseReadings(rs);
    expect(rs).toEqual(copy);
  });
});

describe('several registers', () => {
  const two = (start: number, imp: number, exp: number): Reading => ({ start, duration: H, wh: imp, values: [imp, exp] });

  it('keeps every register value and sorts by time', () => {
    const out = normaliseReadings([two(T0 + H, 3, 4), two(T0, 1, 2)]);
    expect(out).toEqual([two(T0, 1, 2), two(T0 + H, 3, 4)]);
    expect(out.map(readingValues)).toEqual([[1, 2], [3, 4]]);
    expect(readingValues({ start: T0, duration: H, wh: 7 })).toEqual([7]);
  });

  it('builds readings with readingOf: values only when there are several', () => {
    expect(readingOf(T0, H, [5])).toEqual({ start: T0, duration: H, wh: 5 });
    expect(readingOf(T0, H, [5, 6])).toEqual({ start: T0, duration: H, wh: 5, values: [5, 6] });
  });

  it('a duplicate is a copy in every register; the same import with another export is an overlap', () => {
    const dropped = normaliseReadings([two(T0, 1, 2), two(T0, 1, 2)], { duplicates: 'drop-identical' });
    expect(dropped).toEqual([two(T0, 1, 2)]);
    // The copies sort next to each other even with a different export value between them in the input.
    const e = importError(() => normaliseReadings([two(T0, 1, 2), two(T0, 1, 3), two(T0, 1, 2)], { duplicates: 'drop-identical' }));
    expect(e.message).toMatch(/^overlapping readings: .*\(reading 1\) and .*\(reading 2\) cover the same time with different data$/);
    expect(importError(() => normaliseReadings([two(T0, 1, 2), two(T0, 1, 3), two(T0, 1, 2)])).message).toMatch(
      /^duplicate reading: .*\(reading 1 and reading 3\)/,
    );
  });

  it('refuses readings that disagree on the number of registers, or whose wh is not the first value', () => {
    expect(importError(() => normaliseReadings([two(T0, 1, 2), { start: T0 + H, duration: H, wh: 3 }])).message).toBe(
      'reading 2: the reading has 1 register value where the first reading has 2',
    );
    expect(importError(() => normaliseReadings([{ start: T0, duration: H, wh: 3 }, two(T0 + H, 1, 2)])).message).toBe(
      'reading 2: the reading has 2 register values where the first reading has 1',
    );
    expect(importError(() => normaliseReadings([{ start: T0, duration: H, wh: 3, values: [3] }])).message).toMatch(/2 or more registers/);
    expect(importError(() => normaliseReadings([{ ...two(T0, 1, 2), wh: 9 }])).message).toBe('reading 1: invalid reading: wh 9 is not values[0] (1)');
    expect(importError(() => normaliseReadings([two(T0, 1, -2)])).message).toMatch(/every register value must be a non-negative integer/);
  });
});
