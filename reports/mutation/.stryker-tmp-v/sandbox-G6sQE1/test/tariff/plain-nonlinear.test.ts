/** The plaintext reference calculator on non-linear tariffs: known answers worked out by hand. */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/tariff/period.js';
import { plainFee } from '../../src/tariff/plain.js';
import { parseTariff } from '../../src/tariff/signed.js';
import { tierFills } from '../../src/tariff/rates.js';
import { schedule } from '../helpers.js';

const TZ = 'America/New_York';
const base = (components: unknown[], over: Record<string, unknown> = {}) =>
  parseTariff({ v: 1, type: 'meterproof/tariff', id: 't', name: 't', currency: 'USD', timezone: TZ, scale: 9, unit: 'Wh', components, ...over });
const flat = schedule(() => 0);

/** A period of whole days with `perInterval` Wh in every interval of `step` seconds. */
function readings(period: string, step: number, f: (i: number) => number) {
  const p = parsePeriod(period, TZ);
  return { p, r: Array.from({ length: (p.end - p.start) / step }, (_, i) => ({ start: p.start + i * step, duration: step, values: [f(i)] })) };
}

describe('tier fills', () => {
  it('fill greedily', () => {
    expect(tierFills(0n, [10n, 30n])).toEqual([0n, 0n, 0n]);
    expect(tierFills(7n, [10n, 30n])).toEqual([7n, 0n, 0n]);
    expect(tierFills(10n, [10n, 30n])).toEqual([10n, 0n, 0n]);
    expect(tierFills(25n, [10n, 30n])).toEqual([10n, 15n, 0n]);
    expect(tierFills(99n, [10n, 30n])).toEqual([10n, 20n, 69n]);
  });
});

describe('FPL RS-1 known answer', () => {
  it('2,000 kWh in every month of a year gives $2,342.88 of energy charges', () => {
    // First 1,000 kWh a month at 0.07531 + 0.0119, the rest at 0.09613 + 0.0119 $/kWh.
    const t = base([{ kind: 'tiered-energy', name: 'energy', basis: 'total', periods: [{ label: 'all', tiers: [{ upTo: '1000000', rate: '87210' }, { rate: '108030' }] }], weekday: flat, weekend: flat }]);
    let total = 0n;
    for (let m = 1; m <= 12; m++) {
      const month = `2025-${String(m).padStart(2, '0')}`;
      const p = parsePeriod(month, TZ);
      const n = (p.end - p.start) / 3600;
      // 2,000,000 Wh spread over the month's hours exactly.
      const r = Array.from({ length: n }, (_, i) => ({ start: p.start + 3600 * i, duration: 3600, values: [Math.floor((2_000_000 * (i + 1)) / n) - Math.floor((2_000_000 * i) / n)] }));
      total += plainFee(t, p, r).total;
    }
    expect(total).toBe(2342_880_000_000n);
  });
});

describe('non-linear components', () => {
  it('per-period tiers split each time-of-use period\'s own total; per-day bounds scale with days', () => {
    const t = base([
      {
        kind: 'tiered-energy',
        name: 'energy',
        basis: 'per-period',
        per: 'day',
        periods: [
          { label: 'off', tiers: [{ upTo: '10', rate: '1' }, { rate: '2' }] },
          { label: 'on', tiers: [{ upTo: '5', rate: '10' }, { rate: '20' }] },
        ],
        weekday: schedule((_m, h) => (h >= 12 ? 1 : 0)),
        weekend: schedule((_m, h) => (h >= 12 ? 1 : 0)),
      },
    ]);
    // Two days, 1 Wh an hour: off-peak 24 Wh (bound 20): 20·1 + 4·2 = 28; on-peak 24 Wh (bound 10): 10·10 + 14·20 = 380.
    const { p, r } = readings('2012-03-01/2012-03-02', 3600, () => 1);
    expect(plainFee(t, p, r).total).toBe(408n);
  });

  it('declining per-reading blocks price each interval on its own', () => {
    const t = base([{ kind: 'block-energy', name: 'blocks', periods: [{ label: 'all', tiers: [{ upTo: '100', rate: '30' }, { upTo: '300', rate: '20' }, { rate: '10' }] }], weekday: flat, weekend: flat }]);
    // Hourly: 50 Wh → 1500; 250 Wh → 3000 + 3000 = 6000; 400 Wh → 3000 + 4000 + 1000 = 8000.
    const { p, r } = readings('2012-03-01/2012-03-01', 3600, (i) => [50, 250, 400][i % 3]!);
    expect(plainFee(t, p, r).total).toBe(8n * (1500n + 6000n + 8000n));
  });

  it('polynomial prices', () => {
    const t = base([{ kind: 'polynomial-energy', name: 'poly', coefficients: ['3', '2', '1'] }]);
    // Σ 3q + 2q² + q³ over q = 0..23.
    const { p, r } = readings('2012-03-01/2012-03-01', 3600, (i) => i);
    let want = 0n;
    for (let q = 0n; q < 24n; q++) want += 3n * q + 2n * q * q + q * q * q;
    expect(plainFee(t, p, r).total).toBe(want);
  });

  it('maximum demand, flat and by time of use, tiered, in W from quarter-hour Wh', () => {
    const t = base([
      { kind: 'demand', name: 'flat demand', periods: [{ label: 'all', tiers: [{ rate: '7' }] }], weekday: flat, weekend: flat },
      {
        kind: 'demand',
        name: 'tou demand',
        periods: [{ label: 'off', tiers: [{ rate: '0' }] }, { label: 'on', tiers: [{ upTo: '1000', rate: '5' }, { rate: '3' }] }],
        weekday: schedule((_m, h) => (h >= 16 && h < 20 ? 1 : 0)),
        weekend: flat,
      },
    ]);
    // 2012-03-01 is a Thursday. Quarter hours: 100 Wh everywhere except 17:00-17:15 = 600 Wh and 03:00 = 900 Wh.
    const { p, r } = readings('2012-03-01/2012-03-01', 900, (i) => (i === 17 * 4 ? 600 : i === 12 ? 900 : 100));
    // Flat: 900 Wh · 4 = 3600 W · 7 = 25200. On-peak: 2400 W → 1000·5 + 1400·3 = 9200.
    expect(plainFee(t, p, r).items.map((i) => i.amount)).toEqual([25200n, 9200n]);
  });

  it('refuses demand over intervals that do not divide an hour', () => {
    const t = base([{ kind: 'demand', name: 'd', periods: [{ label: 'all', tiers: [{ rate: '1' }] }], weekday: flat, weekend: flat }]);
    const { p, r } = readings('2012-03-01/2012-03-01', 7200, () => 1);
    expect(() => plainFee(t, p, r)).toThrow(/divide an hour/);
  });

  it('minimum charges top the bill up, per month or per day', () => {
    const mk = (per: 'month' | 'day', amount: string) =>
      base([
        { kind: 'tou-energy', name: 'energy', periods: [{ label: 'all', rate: '1' }], weekday: flat, weekend: flat },
        { kind: 'minimum', name: 'minimum', amount, per },
      ]);
    const { p, r } = readings('2012-03-01/2012-03-02', 3600, () => 10); // 480 Wh → 480
    expect(plainFee(mk('day', '300'), p, r).items.map((i) => i.amount)).toEqual([480n, 120n]);
    expect(plainFee(mk('day', '100'), p, r).items.map((i) => i.amount)).toEqual([480n, 0n]);
    expect(() => plainFee(mk('month', '100'), p, r)).toThrow(/monthly minimum/);
  });

  it('refuses inconsistent tiers', () => {
    expect(() => base([{ kind: 'block-energy', name: 'b', periods: [{ label: 'a', tiers: [{ upTo: '5', rate: '1' }, { upTo: '5', rate: '1' }, { rate: '1' }] }], weekday: flat, weekend: flat }])).toThrow(/increase/);
    expect(() => base([{ kind: 'block-energy', name: 'b', periods: [{ label: 'a', tiers: [{ upTo: '5', rate: '1' }] }], weekday: flat, weekend: flat }])).toThrow(/last tier/);
    expect(() => base([{ kind: 'fixed', name: 'x', amount: '1', per: 'month' }, { kind: 'fixed', name: 'x', amount: '1', per: 'month' }])).toThrow(/named "x"/);
  });
});
