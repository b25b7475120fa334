/**
 * Non-linear tariffs end to end: cumulative tiers, per-reading blocks (declining too), polynomial prices,
 * maximum demand (flat, time-of-use, tiered) and minimum charges. The proven fee equals the plain fee.
 */
import { describe, expect, it } from 'vitest';
import { proveBill } from '../../src/bill/prove.js';
import { verifyBill } from '../../src/bill/verify.js';
import { formatDecimal } from '../../src/tariff/money.js';
import { parsePeriod } from '../../src/tariff/period.js';
import { plainFee } from '../../src/tariff/plain.js';
import { parseTariff } from '../../src/tariff/signed.js';
import { seededRng } from '../../src/core/rng.js';
import { keys, meterLog, schedule, signed } from '../helpers.js';

const provider = keys('provider');
const meter = keys('meter');
const TZ = 'America/New_York';
const flat = schedule(() => 0);
const peak = schedule((_m, h) => (h >= 16 && h < 20 ? 1 : 0));

export function tariffOf(components: unknown[], over: Record<string, unknown> = {}) {
  return { v: 1, type: 'meterproof/tariff', id: 'nl', name: 'non-linear', currency: 'USD', timezone: TZ, scale: 9, unit: 'Wh', components, ...over };
}

/** Two days of quarter-hour readings with a seeded, bursty profile. */
export function dayData(period = '2012-03-01/2012-03-02', step = 900, seed = 'nl') {
  const p = parsePeriod(period, TZ);
  const rng = seededRng(seed);
  const intervals = Array.from({ length: (p.end - p.start) / step }, (_, i) => {
    const b = rng(2);
    return { start: p.start + i * step, duration: step, values: [(b[0]! * 256 + b[1]!) % (i % 7 === 0 ? 900 : 300)] };
  });
  return { p, ...meterLog(intervals, `nl-${seed}`, meter) };
}

export function roundTrip(tariffJson: unknown, period = '2012-03-01/2012-03-02', data = dayData(period)) {
  const st = signed(tariffJson, provider);
  const tariff = parseTariff(st.tariff);
  const { bill } = proveBill({ signedTariff: st, log: data.log, priv: data.priv, account: 'a', period });
  const res = verifyBill({ bill, signedTariff: st, providerKey: provider.public, meterKey: meter.public });
  const plain = plainFee(tariff, parsePeriod(period, tariff.timezone), data.priv.readings);
  return { st, tariff, bill, res, plain: formatDecimal(plain.total, tariff.scale), plainItems: plain.items.map((i) => formatDecimal(i.amount, tariff.scale)) };
}

describe('non-linear tariffs prove and verify, equal to the plain fee', () => {
  it('cumulative tiers on the total (inclining)', () => {
    const r = roundTrip(tariffOf([{ kind: 'tiered-energy', name: 'energy', basis: 'total', periods: [{ label: 'all', tiers: [{ upTo: '20000', rate: '100' }, { upTo: '40000', rate: '150' }, { rate: '300' }] }], weekday: flat, weekend: flat }]));
    expect(r.res).toMatchObject({ ok: true, fee: r.plain });
  });

  it('cumulative tiers per time-of-use period, per day, itemised', () => {
    const r = roundTrip(
      tariffOf(
        [
          { kind: 'fixed', name: 'daily charge', amount: '500000000', per: 'day' },
          {
            kind: 'tiered-energy',
            name: 'energy',
            basis: 'per-period',
            per: 'day',
            periods: [
              { label: 'off', tiers: [{ upTo: '3000', rate: '90' }, { rate: '120' }] },
              { label: 'on', tiers: [{ upTo: '1000', rate: '200' }, { upTo: '2000', rate: '250' }, { rate: '400' }] },
            ],
            weekday: peak,
            weekend: flat,
          },
        ],
        { itemised: true },
      ),
    );
    expect(r.res).toMatchObject({ ok: true, fee: r.plain });
    if (r.res.ok) expect(r.res.lineItems!.map((l) => l.fee)).toEqual(r.plainItems);
  });

  it('declining per-reading blocks', () => {
    const r = roundTrip(tariffOf([{ kind: 'block-energy', name: 'blocks', periods: [{ label: 'all', tiers: [{ upTo: '100', rate: '300' }, { upTo: '250', rate: '200' }, { rate: '100' }] }], weekday: flat, weekend: flat }]), '2012-03-01/2012-03-01');
    expect(r.res).toMatchObject({ ok: true, fee: r.plain });
  });

  it('polynomial prices', () => {
    const r = roundTrip(tariffOf([{ kind: 'polynomial-energy', name: 'poly', coefficients: ['100', '3', '-1'] }]), '2012-03-01/2012-03-01');
    expect(r.res).toMatchObject({ ok: true, fee: r.plain });
  });

  it('maximum demand: flat, time-of-use and tiered, with a monthly minimum', () => {
    const r = roundTrip(
      tariffOf([
        { kind: 'demand', name: 'flat demand', periods: [{ label: 'all', tiers: [{ rate: '7000' }] }], weekday: flat, weekend: flat },
        { kind: 'demand', name: 'tou demand', periods: [{ label: 'off', tiers: [{ rate: '0' }] }, { label: 'on', tiers: [{ upTo: '2000', rate: '5000' }, { rate: '3000' }] }], weekday: peak, weekend: flat },
        { kind: 'minimum', name: 'minimum', amount: '1000000000000', per: 'day' },
      ]),
    );
    expect(r.res).toMatchObject({ ok: true, fee: r.plain });
    expect(r.bill.subtotal).toBeDefined();
  });
});
