/** Dynamic prices from an Octopus Agile unit-rate feed: exact import, and a bill proven under them. */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { proveBill } from '../../src/bill/prove.js';
import { verifyBill } from '../../src/bill/verify.js';
import { seededRng } from '../../src/core/rng.js';
import { formatDecimal } from '../../src/tariff/money.js';
import { parsePeriod } from '../../src/tariff/period.js';
import { plainFee } from '../../src/tariff/plain.js';
import { importAgilePrices } from '../../src/tariff/prices.js';
import { parseTariff } from '../../src/tariff/signed.js';
import { keys, meterLog, signed } from '../helpers.js';

const LONDON = 'Europe/London';

/** A day of half-hourly Agile prices, newest first as the API returns them (one negative price). */
function agileDay(day: string, price: (i: number) => number) {
  const p = parsePeriod(`${day}/${day}`, LONDON);
  const results = Array.from({ length: (p.end - p.start) / 1800 }, (_, i) => ({
    value_exc_vat: 0,
    value_inc_vat: price(i),
    valid_from: new Date((p.start + 1800 * i) * 1000).toISOString().replace('.000Z', 'Z'),
    valid_to: new Date((p.start + 1800 * (i + 1)) * 1000).toISOString().replace('.000Z', 'Z'),
    payment_method: null,
  })).reverse();
  return { count: results.length, next: null, previous: null, results };
}

describe('Octopus Agile prices', () => {
  it('import exactly, at the smallest scale ≥ 9 that keeps every price exact', () => {
    const { tariff } = importAgilePrices(agileDay('2024-03-01', (i) => (i === 0 ? 22.344 : 15.015)), { currency: 'GBP', timezone: LONDON });
    const c = tariff.components[0] as { prices: { start: number; rate: string }[] };
    expect(tariff.scale).toBe(9);
    expect(c.prices[0]!.rate).toBe('223440'); // 22.344 p/kWh = 0.00022344 £/Wh = 223,440 × 10^-9
    expect(c.prices[0]!.start).toBeLessThan(c.prices[1]!.start); // oldest first
    expect(importAgilePrices(agileDay('2024-03-01', () => 21.0945), { currency: 'GBP', timezone: LONDON }).tariff.scale).toBe(9);
    const fine = importAgilePrices(agileDay('2024-03-01', () => 21.094512), { currency: 'GBP', timezone: LONDON }).tariff;
    expect(fine.scale).toBe(11);
    expect((fine.components[0] as { prices: { rate: string }[] }).prices[0]!.rate).toBe('21094512');
  });

  it('refuse overlapping slots, bad times and bad values, naming them', () => {
    const feed = agileDay('2024-03-01', () => 10);
    const dup = { results: [...feed.results, feed.results[3]] };
    expect(() => importAgilePrices(dup, { currency: 'GBP', timezone: LONDON })).toThrow(/overlap or repeat/);
    const badTime = { results: [{ ...feed.results[0], valid_from: '2024-03-01 00:00' }] };
    expect(() => importAgilePrices(badTime, { currency: 'GBP', timezone: LONDON })).toThrow(/results\[0\]\.valid_from/);
    const badValue = { results: [{ ...feed.results[0], value_inc_vat: '10' }] };
    expect(() => importAgilePrices(badValue, { currency: 'GBP', timezone: LONDON })).toThrow(/value_inc_vat/);
    expect(() => importAgilePrices({}, { currency: 'GBP', timezone: LONDON })).toThrow(/results/);
    const gap = { results: feed.results.filter((_, i) => i !== 10) };
    expect(importAgilePrices(gap, { currency: 'GBP', timezone: LONDON }).notes.join()).toMatch(/no price from/);
  });

  it('an Agile-priced bill, on a 23-hour day with a negative price, proves and verifies to the plain fee', () => {
    const day = '2024-03-31'; // British Summer Time starts: 46 half-hours
    const { tariff: t } = importAgilePrices(agileDay(day, (i) => (i === 5 ? -2.415 : (1200 + (i % 7) * 331) / 100)), { currency: 'GBP', timezone: LONDON });
    const provider = keys('provider');
    const meter = keys('meter');
    const st = signed(t, provider);
    const p = parsePeriod(`${day}/${day}`, LONDON);
    const rng = seededRng('agile');
    const intervals = Array.from({ length: (p.end - p.start) / 1800 }, (_, i) => ({ start: p.start + 1800 * i, duration: 1800, values: [rng(1)[0]! * 3] }));
    expect(intervals).toHaveLength(46);
    const { log, priv } = meterLog(intervals, 'agile-home', meter);
    const { bill } = proveBill({ signedTariff: st, log, priv, account: 'a', period: `${day}/${day}` });
    const res = verifyBill({ bill, signedTariff: st, providerKey: provider.public, meterKey: meter.public });
    const tariff = parseTariff(st.tariff);
    expect(res).toMatchObject({ ok: true, fee: formatDecimal(plainFee(tariff, p, priv.readings).total, tariff.scale), currency: 'GBP' });
  });
});
