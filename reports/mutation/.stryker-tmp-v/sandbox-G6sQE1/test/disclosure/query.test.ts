/**
 * Queries: strict parsing of instants and items, the canonical digest the consent signs, and the
 * deterministic, DST-correct expansion of daily totals.
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/core/bytes.js';
import { expandQuery, parseInstant, parseQuery, queryDigest, type QueryItem } from '../../src/disclosure/query.js';

const q = (items: unknown[], over: Record<string, unknown> = {}) => ({ v: 1, type: 'meterproof/query', meter: 'm-1', registers: ['import', 'export'], items, ...over });
const expand = (items: unknown[]) => expandQuery(parseQuery(q(items)));
const code = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

describe('instants', () => {
  it('ISO 8601 with seconds and an offset, nothing else', () => {
    expect(parseInstant('2012-03-11T03:00:00-07:00')).toBe(parseInstant('2012-03-11T10:00:00Z'));
    expect(parseInstant('2012-03-11T10:00:00+05:30')).toBe(Date.UTC(2012, 2, 11, 4, 30) / 1000);
    for (const bad of ['2012-03-11T10:00Z', '2012-03-11T10:00:00', '2012-03-11 10:00:00Z', '2012-03-11T10:00:00.000Z', '2012-02-30T00:00:00Z', '2012-03-11T24:00:00Z', '2012-03-11T10:00:60Z', '2012-03-11T10:00:00-00:00', '2012-03-11T10:00:00+19:00', '2012-03-11T10:00:00z']) {
      expect(code(() => parseInstant(bad)), bad).toBe('query.invalid');
    }
  });
});

describe('parsing', () => {
  it('rejects unknown fields, kinds, versions and malformed numbers', () => {
    const sum = { kind: 'sum', from: '2012-03-10T00:00:00Z', to: '2012-03-11T00:00:00Z' };
    expect(code(() => parseQuery(q([sum])))).toBe('ok');
    expect(code(() => parseQuery(q([{ ...sum, extra: 1 }])))).toBe('query.invalid');
    expect(code(() => parseQuery(q([{ ...sum, kind: 'median' }])))).toBe('query.invalid');
    expect(code(() => parseQuery(q([sum], { v: 2 })))).toBe('query.invalid');
    expect(code(() => parseQuery(q([])))).toBe('query.invalid');
    expect(code(() => parseQuery(q([sum], { registers: ['a', 'a'] })))).toBe('query.invalid');
    const lin = (c: string) => ({ kind: 'linear', terms: [{ at: sum.from, coefficient: c }] });
    expect(code(() => parseQuery(q([lin('-12')])))).toBe('ok');
    for (const c of ['012', '+1', '1.0', '-0x1', '1e3', '1000000000000000']) expect(code(() => parseQuery(q([lin(c)]))), c).toBe('query.invalid');
    const thr = (x: Record<string, unknown>) => ({ kind: 'threshold', threshold: '10', ...x });
    expect(code(() => parseQuery(q([thr({ at: sum.from })])))).toBe('ok');
    expect(code(() => parseQuery(q([thr({ from: sum.from, to: sum.to })])))).toBe('ok');
    expect(code(() => parseQuery(q([thr({ at: sum.from, from: sum.from, to: sum.to })])))).toBe('query.invalid');
    expect(code(() => parseQuery(q([thr({ from: sum.from })])))).toBe('query.invalid');
    expect(code(() => parseQuery(q([thr({ at: sum.from, threshold: '-1' })])))).toBe('query.invalid');
  });

  it('rejects empty windows, unknown registers and time zones, and reversed day ranges', () => {
    expect(code(() => expand([{ kind: 'sum', from: '2012-03-10T00:00:00Z', to: '2012-03-10T00:00:00Z' }]))).toBe('query.invalid');
    expect(code(() => expand([{ kind: 'max', from: '2012-03-10T00:00:00Z', to: '2012-03-11T00:00:00Z', register: 'gas' }]))).toBe('query.invalid');
    expect(code(() => expand([{ kind: 'daily', from: '2012-03-10', to: '2012-03-11', timezone: 'Not/AZone' }]))).toBe('query.invalid');
    expect(code(() => expand([{ kind: 'daily', from: '2012-03-11', to: '2012-03-10', timezone: 'UTC' }]))).toBe('query.invalid');
    expect(code(() => expand([{ kind: 'daily', from: '2012-01-01', to: '2013-12-31', timezone: 'UTC' }]))).toBe('query.invalid');
  });

  it('the digest is of the canonical form: key order and spacing do not matter, values do', () => {
    const a = parseQuery(q([{ kind: 'reading', at: '2012-03-10T00:00:00Z' }]));
    const b = parseQuery(JSON.parse(`{"items":[{"at":"2012-03-10T00:00:00Z","kind":"reading"}],  "registers":["import","export"],"meter":"m-1","type":"meterproof/query","v":1}`));
    expect(toHex(queryDigest(a))).toBe(toHex(queryDigest(b)));
    const c = parseQuery(q([{ kind: 'reading', at: '2012-03-09T16:00:00-08:00' }])); // the same instant, written otherwise
    expect(toHex(queryDigest(c))).not.toBe(toHex(queryDigest(a)));
  });
});

describe('expansion', () => {
  it('daily totals follow local days through both DST changes', () => {
    const spring = expand([{ kind: 'daily', from: '2012-03-10', to: '2012-03-12', timezone: 'America/Los_Angeles', register: 'export' }]);
    expect(spring.map((f) => f.kind === 'sum' && [f.window.from, (f.window.to - f.window.from) / 3600, f.register])).toEqual([
      [Date.UTC(2012, 2, 10, 8) / 1000, 24, 1],
      [Date.UTC(2012, 2, 11, 8) / 1000, 23, 1],
      [Date.UTC(2012, 2, 12, 7) / 1000, 24, 1],
    ]);
    const autumn = expand([{ kind: 'daily', from: '2012-11-04', to: '2012-11-04', timezone: 'America/Los_Angeles' }]);
    expect(autumn.map((f) => f.kind === 'sum' && (f.window.to - f.window.from) / 3600)).toEqual([25]);
    expect(autumn[0]!.label).toBe('import total on 2012-11-04 (America/Los_Angeles)');
    // A zone whose DST change is at midnight (Cuba, 2012-04-01 starts at 01:00): the day still tiles.
    const havana = expand([{ kind: 'daily', from: '2012-03-31', to: '2012-04-02', timezone: 'America/Havana' }]);
    const w = havana.map((f) => (f.kind === 'sum' ? f.window : undefined)!);
    expect(w[0]!.to).toBe(w[1]!.from);
    expect(w[1]!.to).toBe(w[2]!.from);
    expect((w[1]!.to - w[1]!.from) / 3600).toBe(23);
  });

  it('is deterministic and keeps item order; a month of days is one fact per day', () => {
    const items: QueryItem[] = [
      { kind: 'reading', at: '2012-03-10T00:00:00Z' },
      { kind: 'daily', from: '2012-06-01', to: '2012-06-30', timezone: 'Europe/London' },
      { kind: 'max', from: '2012-03-10T00:00:00Z', to: '2012-03-11T00:00:00Z' },
    ];
    const a = expand(items);
    expect(a).toEqual(expand(structuredClone(items)));
    expect(a).toHaveLength(32);
    expect(a.map((f) => f.item)).toEqual([0, ...Array(30).fill(1), 2]);
  });
});
