/**
 * Acceptance: the proven fee equals the plain fee exactly, under two time-of-use tariffs, for every
 * month of the NIST year (the daylight-saving months included) and for the 15-minute fixture.
 */
// @ts-nocheck

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { proveBill } from '../../src/bill/prove.js';
import { verifyBill } from '../../src/bill/verify.js';
import { parseGreenButton } from '../../src/formats/greenbutton.js';
import { formatDecimal } from '../../src/tariff/money.js';
import { parsePeriod } from '../../src/tariff/period.js';
import { plainFee } from '../../src/tariff/plain.js';
import { parseTariff } from '../../src/tariff/signed.js';
import { importUrdb } from '../../src/tariff/urdb.js';
import { fixture, keys, meterLog, nistIntervals, schedule, signed, touTariff } from '../helpers.js';

const provider = keys('provider');
const meter = keys('meter');
const demoUrdb = JSON.parse(readFileSync(new URL('../../demo/data/residential-tou.urdb.json', import.meta.url), 'utf8'));
const tariffs = {
  'test TOU (3 periods, monthly fixed charge, itemised)': touTariff({ itemised: true }),
  'demo residential TOU from URDB ($/day charge)': importUrdb(demoUrdb, { timezone: 'America/Los_Angeles' }).tariff,
};
const months = Array.from({ length: 12 }, (_, i) => `2011-${String(i + 1).padStart(2, '0')}`);

describe.each(Object.entries(tariffs))('NIST year under %s', (_name, tariffJson) => {
  const st = signed(tariffJson, provider);
  const tariff = parseTariff(st.tariff);
  const { log, priv } = meterLog(nistIntervals(), 'nist-1', meter);

  it.each(months)('%s: proven fee = plain fee', (month) => {
    const { bill } = proveBill({ signedTariff: st, log, priv, account: 'acct-1', period: month });
    const res = verifyBill({ bill: JSON.stringify(bill), signedTariff: st, providerKey: provider.public, meterKey: meter.public });
    const plain = plainFee(tariff, parsePeriod(month, tariff.timezone), priv.readings);
    expect(res).toMatchObject({ ok: true, fee: formatDecimal(plain.total, tariff.scale) });
    if (res.ok && res.lineItems) {
      expect(res.lineItems.map((l) => l.fee)).toEqual(plain.items.map((i) => formatDecimal(i.amount, tariff.scale)));
    }
  });

  it('the daylight-saving months have 743 and 721 hourly records', () => {
    const count = (m: string) => proveBill({ signedTariff: st, log, priv, account: 'a', period: m }).bill.records.count;
    expect(count('2011-03')).toBe(31 * 24 - 1);
    expect(count('2011-11')).toBe(30 * 24 + 1);
  });
});

describe('15-minute Green Button fixture (OpenESPI, 2012-03-01 US Eastern)', () => {
  const readings = parseGreenButton(fixture('greenbutton/openespi-15min-with-cost.xml')).readings;
  const intervals = readings.map((r) => ({ start: r.start, duration: r.duration, values: [r.wh] }));
  const { log, priv } = meterLog(intervals, 'espi-15', meter);
  const eastern = (t: Record<string, unknown>) => ({ ...t, timezone: 'America/New_York' });

  it.each(Object.entries(tariffs))('under %s', (_name, t) => {
    const st = signed(eastern(t), provider);
    const tariff = parseTariff(st.tariff);
    const period = '2012-03-01/2012-03-01';
    const hasMonthly = tariff.components.some((c) => c.kind === 'fixed' && c.per === 'month');
    if (hasMonthly) {
      expect(() => proveBill({ signedTariff: st, log, priv, account: 'a', period })).toThrow(/calendar month/);
      return;
    }
    const { bill } = proveBill({ signedTariff: st, log, priv, account: 'a', period });
    const res = verifyBill({ bill, signedTariff: st, providerKey: provider.public, meterKey: meter.public });
    expect(bill.records.count).toBe(96);
    expect(res).toMatchObject({ ok: true, fee: formatDecimal(plainFee(tariff, parsePeriod(period, tariff.timezone), priv.readings).total, tariff.scale) });
  });

  it('under a TOU tariff with a per-day charge and quarter-hour-sensitive rates', () => {
    const t = {
      ...touTariff({ timezone: 'America/New_York' }),
      components: [
        { kind: 'fixed', name: 'daily charge', amount: '390000000', per: 'day' },
        { kind: 'tou-energy', name: 'energy', periods: [{ label: 'night', rate: '101' }, { label: 'day', rate: '303' }, { label: 'peak', rate: '707' }], weekday: schedule((_m, h) => (h < 7 ? 0 : h >= 17 && h < 20 ? 2 : 1)), weekend: schedule(() => 0) },
      ],
    };
    const st = signed(t, provider);
    const tariff = parseTariff(st.tariff);
    const period = '2012-03-01/2012-03-01';
    const { bill } = proveBill({ signedTariff: st, log, priv, account: 'a', period });
    const res = verifyBill({ bill, signedTariff: st, providerKey: provider.public, meterKey: meter.public });
    expect(res).toMatchObject({ ok: true, fee: formatDecimal(plainFee(tariff, parsePeriod(period, tariff.timezone), priv.readings).total, tariff.scale) });
  });
});

describe('dynamic prices (a published price per interval)', () => {
  it('proves and verifies a day of half-hourly prices, and refuses an interval with no price', () => {
    const start = parsePeriod('2011-07-04/2011-07-04', 'America/Los_Angeles');
    // Hourly slots (a negative price in one of them); the NIST readings are hourly.
    const prices = Array.from({ length: 24 }, (_, i) => ({ start: start.start + 3600 * i, end: start.start + 3600 * (i + 1), rate: String(100000 + 7919 * i - (i === 3 ? 200000 : 0)) }));
    const t = { ...touTariff(), components: [{ kind: 'interval-prices', name: 'agile energy', prices }] };
    const st = signed(t, provider);
    const tariff = parseTariff(st.tariff);
    const { log, priv } = meterLog(nistIntervals(), 'nist-1', meter);
    const { bill } = proveBill({ signedTariff: st, log, priv, account: 'a', period: '2011-07-04/2011-07-04' });
    const res = verifyBill({ bill, signedTariff: st, providerKey: provider.public, meterKey: meter.public });
    expect(res).toMatchObject({ ok: true, fee: formatDecimal(plainFee(tariff, start, priv.readings).total, tariff.scale) });
    expect(() => proveBill({ signedTariff: st, log, priv, account: 'a', period: '2011-07-05/2011-07-05' })).toThrow(/no single price/);
    // Half-hourly prices cannot price an hourly reading exactly: refused, not averaged.
    const half = Array.from({ length: 48 }, (_, i) => ({ start: start.start + 1800 * i, end: start.start + 1800 * (i + 1), rate: String(1000 + i) }));
    const st2 = signed({ ...t, components: [{ kind: 'interval-prices', name: 'agile energy', prices: half }] }, provider);
    expect(() => proveBill({ signedTariff: st2, log, priv, account: 'a', period: '2011-07-04/2011-07-04' })).toThrow(/no single price/);
  });
});

describe('PG&E prefixed fixture', () => {
  it('reads the ns0:/ns1: namespaces and reports the overlapping blocks instead of double-counting', () => {
    expect(() => parseGreenButton(fixture('greenbutton/pge-prefixed-interval-block.xml'))).toThrow(/duplicate reading/);
    const r = parseGreenButton(fixture('greenbutton/pge-prefixed-interval-block.xml'), { duplicates: 'drop-identical' });
    expect(new Set(r.readings.map((x) => x.start)).size).toBe(r.readings.length);
  });
});
