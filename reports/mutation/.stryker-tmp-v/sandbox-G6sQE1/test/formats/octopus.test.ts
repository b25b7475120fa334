// @ts-nocheck
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOctopusConsumption } from '../../src/formats/octopus.js';
import type { Reading } from '../../src/formats/readings.js';
import { importError } from './helpers.js';

const data = (name: string): string => readFileSync(new URL(`../data/formats/${name}`, import.meta.url), 'utf8');
const utc = (iso: string): number => Date.parse(iso) / 1000;

interface Result {
  consumption: unknown;
  interval_start?: unknown;
  interval_end?: unknown;
}
const response = (results: Result[], more: Record<string, unknown> = {}): string =>
  JSON.stringify({ count: results.length, next: null, previous: null, results, ...more });
const slot = (start: unknown, end: unknown, consumption: unknown): Result => ({ consumption, interval_start: start, interval_end: end });
const error = (results: Result[]): string => importError(() => parseOctopusConsumption(response(results))).message;

describe('parseOctopusConsumption', () => {
  it('reads a newest-first response across the spring change (Z, then +01:00) in time order', () => {
    const out = parseOctopusConsumption(data('octopus-consumption.json'));
    expect(out.source).toBe('octopus-json');
    expect(out.registers).toEqual(['import']);
    expect(out.notes).toEqual(['consumption read as kWh (an electricity meter)']);
    expect(out.readings).toHaveLength(24);
    out.readings.forEach((r, i) => {
      expect(r).toEqual({ start: utc('2023-03-25T22:00:00Z') + i * 1800, duration: 1800, wh: 30 + ((i * 71) % 500) });
    });
    // 00:30Z–01:00Z is written in GMT, the next slot 02:00+01:00: contiguous in real time.
    expect(out.readings[5]!.start + 1800).toBe(out.readings[6]!.start);
  });

  it('reads oldest first (order_by=period) the same', () => {
    const doc = JSON.parse(data('octopus-consumption.json')) as { results: Result[] };
    const forward = JSON.stringify({ ...doc, results: [...doc.results].reverse() });
    expect(parseOctopusConsumption(forward).readings).toEqual(parseOctopusConsumption(data('octopus-consumption.json')).readings);
  });

  it('converts kWh to Wh exactly (0.29 kWh is 290 Wh, not 289.99999999999994)', () => {
    const out = parseOctopusConsumption(
      response([slot('2024-01-01T00:30:00Z', '2024-01-01T01:00:00Z', 0.29), slot('2024-01-01T00:00:00Z', '2024-01-01T00:30:00Z', 1.001), slot('2024-01-01T01:00:00Z', '2024-01-01T01:30:00Z', 0)]),
    );
    expect(out.readings.map((r) => r.wh)).toEqual([1001, 290, 0]);
  });

  it('says when the file is one page of several', () => {
    const one = response([slot('2024-01-01T00:00:00Z', '2024-01-01T00:30:00Z', 0.1)], {
      count: 1000,
      next: 'https://api.octopus.energy/v1/electricity-meter-points/x/meters/y/consumption/?page=2',
    });
    expect(parseOctopusConsumption(one).notes).toContain('this is one page of the response (1 results of 1000); the other pages are not included');
  });

  describe('errors name the result and the problem', () => {
    it('not JSON, or not a consumption response; never echoes the input', () => {
      const e = importError(() => parseOctopusConsumption('{"results": [ {"consumption": SECRET} ]}'));
      expect(e.message).toMatch(/^not valid JSON( \(at character \d+\))?: expected an Octopus consumption response$/);
      expect(e.message).not.toContain('SECRET');
      expect(importError(() => parseOctopusConsumption('[]')).message).toBe(
        'expected an Octopus consumption response: a JSON object with a "results" array',
      );
      expect(importError(() => parseOctopusConsumption('{"count":0,"results":[]}')).message).toBe('no readings: "results" is empty');
    });

    it('consumption', () => {
      const at = (c: unknown) => error([slot('2024-01-01T00:00:00Z', '2024-01-01T00:30:00Z', 0.1), slot('2024-01-01T00:30:00Z', '2024-01-01T01:00:00Z', c)]);
      expect(at(0.1234)).toBe('results[1]: consumption "0.1234" kWh is not a whole number of Wh; values are never rounded');
      expect(at(-0.5)).toBe('results[1]: consumption "-0.5" is negative (energy sent to the grid); a net amount cannot be split into import and export');
      expect(at(null)).toBe('results[1]: consumption is null; expected a number of kWh');
      expect(at('0.1')).toBe('results[1]: consumption is the text "0.1"; expected a number of kWh');
      expect(at(1e-7)).toBe('results[1]: consumption 1e-7 kWh is not a whole number of Wh');
      expect(at(1e21)).toBe('results[1]: consumption 1e+21 kWh is too large');
      expect(error([{ interval_start: '2024-01-01T00:00:00Z', interval_end: '2024-01-01T00:30:00Z' } as Result])).toBe('results[0]: consumption is missing');
    });

    it('times', () => {
      expect(error([slot('2024-01-01T00:00:00', '2024-01-01T00:30:00Z', 0.1)])).toBe(
        'results[0]: interval_start "2024-01-01T00:00:00" has no UTC offset, so the time is ambiguous; add Z or an offset such as -07:00',
      );
      expect(error([slot('2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', 0.1)])).toBe('results[0]: interval_end is not after interval_start');
      expect(error([{ consumption: 0.1, interval_start: '2024-01-01T00:00:00Z' }])).toBe('results[0]: interval_end is missing');
      expect(error([slot('2024-01-01T00:00:00Z', 1704069000, 0.1)])).toBe('results[0]: interval_end is not a string');
      expect(error([slot('2024-02-30T00:00:00Z', '2024-03-01T00:30:00Z', 0.1)])).toBe('results[0]: interval_start "2024-02-30T00:00:00Z" is not a valid date and time');
      expect(importError(() => parseOctopusConsumption('{"results":[42]}')).message).toBe(
        'results[0]: expected an object with consumption, interval_start and interval_end',
      );
    });

    it('gaps, duplicates and overlaps name the results', () => {
      expect(error([slot('2024-01-01T01:00:00Z', '2024-01-01T01:30:00Z', 0.1), slot('2024-01-01T00:00:00Z', '2024-01-01T00:30:00Z', 0.1)])).toBe(
        'gap in readings: no data from 2024-01-01T00:30:00Z to 2024-01-01T01:00:00Z (30 min) between results[1] and results[0]',
      );
      expect(error([slot('2024-01-01T00:00:00Z', '2024-01-01T00:30:00Z', 0.1), slot('2024-01-01T01:00:00+01:00', '2024-01-01T01:30:00+01:00', 0.1)])).toMatch(
        /^duplicate reading: .*\(results\[0\] and results\[1\]\)/,
      );
      expect(error([slot('2024-01-01T00:00:00Z', '2024-01-01T00:30:00Z', 0.1), slot('2024-01-01T00:00:00Z', '2024-01-01T00:30:00Z', 0.2)])).toMatch(
        /^overlapping readings: .*\(results\[0\]\) and .*\(results\[1\]\)/,
      );
    });
  });
});

describe('property: readings → Octopus JSON (any order, Z or +01:00) → the same readings', () => {
  /** `unix` written with the given offset in minutes, as Octopus writes interval times. */
  const iso = (unix: number, offsetMin: number): string => {
    const local = new Date((unix + offsetMin * 60) * 1000).toISOString().slice(0, 19);
    return offsetMin === 0 ? `${local}Z` : `${local}+${String(offsetMin / 60).padStart(2, '0')}:00`;
  };
  it('holds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 888_889, max: 1_000_000 }), // half-hour slots from 2020 to 2027
        fc.array(fc.record({ wh: fc.integer({ min: 0, max: 9_999_999 }), bst: fc.boolean() }), { minLength: 1, maxLength: 60 }),
        fc.boolean(),
        (slot0, items, newestFirst) => {
          const readings = items.map(({ wh }, i): Reading => ({ start: (slot0 + i) * 1800, duration: 1800, wh }));
          const results = readings.map((r, i) => ({
            consumption: r.wh / 1000,
            interval_start: iso(r.start, items[i]!.bst ? 60 : 0),
            interval_end: iso(r.start + 1800, items[i]!.bst ? 60 : 0),
          }));
          if (newestFirst) results.reverse();
          expect(parseOctopusConsumption(JSON.stringify({ count: results.length, next: null, previous: null, results })).readings).toEqual(readings);
        },
      ),
      { numRuns: 200 },
    );
  });
});
