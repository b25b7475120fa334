/**
 * Verifier checks a dishonest user can only reach by building a bill by hand: a period the tariff cannot
 * bill, an interval without a published price, demand over intervals that do not divide an hour, and
 * overlapping records.
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { proveBill } from '../../src/bill/prove.js';
import { verifyBill } from '../../src/bill/verify.js';
import { toHex } from '../../src/core/bytes.js';
import { tariffDigest } from '../../src/tariff/signed.js';
import { keys, meterLog, schedule, signed } from '../helpers.js';
import { dayData, tariffOf } from './nonlinear-fixtures.js';
import { parsePeriod } from '../../src/tariff/period.js';

const provider = keys('provider');
const meter = keys('meter');
const flat = schedule(() => 0);
const period = '2012-03-01/2012-03-01';
const data = dayData(period);
const daily = signed(tariffOf([{ kind: 'tou-energy', name: 'energy', periods: [{ label: 'all', rate: '7' }], weekday: flat, weekend: flat }]), provider);
const { bill } = proveBill({ signedTariff: daily, log: data.log, priv: data.priv, account: 'a', period });

/** The same records and fee, relabelled for another signed tariff: what a dishonest user could send. */
function relabel(st: ReturnType<typeof signed>) {
  return { ...structuredClone(bill), tariff: toHex(tariffDigest(st.tariff)), tariffId: (st.tariff as { id: string }).id };
}
const reason = (b: unknown, st: ReturnType<typeof signed>) => {
  const r = verifyBill({ bill: b, signedTariff: st, providerKey: provider.public, meterKey: meter.public });
  return r.ok ? 'accepted' : r.reason;
};

describe('tariff checks reached by hand-built bills', () => {
  it('a monthly charge billed over a range of days: tariff.period', () => {
    const monthly = signed(tariffOf([{ kind: 'fixed', name: 'monthly', amount: '1', per: 'month' }, { kind: 'tou-energy', name: 'energy', periods: [{ label: 'all', rate: '7' }], weekday: flat, weekend: flat }], { id: 'monthly' }), provider);
    expect(reason(relabel(monthly), monthly)).toBe('tariff.period');
  });

  it('an interval with no published price: tariff.no_price', () => {
    const p = parsePeriod(period, 'America/New_York');
    const prices = signed(tariffOf([{ kind: 'interval-prices', name: 'prices', prices: [{ start: p.start, end: p.start + 3600, rate: '5' }] }], { id: 'prices' }), provider);
    expect(reason(relabel(prices), prices)).toBe('tariff.no_price');
  });

  it('demand over two-hour intervals: tariff.unsupported', () => {
    const p = parsePeriod(period, 'America/New_York');
    const twoHourly = Array.from({ length: 12 }, (_, i) => ({ start: p.start + 7200 * i, duration: 7200, values: [i] }));
    const { log, priv } = meterLog(twoHourly, 'two-hourly', meter);
    const { bill: b2 } = proveBill({ signedTariff: daily, log, priv, account: 'a', period });
    const demand = signed(tariffOf([{ kind: 'demand', name: 'demand', periods: [{ label: 'all', tiers: [{ rate: '1' }] }], weekday: flat, weekend: flat }], { id: 'demand' }), provider);
    expect(reason({ ...b2, tariff: toHex(tariffDigest(demand.tariff)), tariffId: 'demand' }, demand)).toBe('tariff.unsupported');
  });

  it('a record stretched over the next one: records.overlap', () => {
    const b = structuredClone(bill);
    b.records.items[10]![2] = 1800;
    expect(reason(b, daily)).toBe('records.overlap');
  });
});
