/** Shared data for the non-linear bill tests: a small tariff builder and two days of quarter-hour readings. */
// @ts-nocheck

import { proveBill } from '../../src/bill/prove.js';
import { verifyBill } from '../../src/bill/verify.js';
import { seededRng } from '../../src/core/rng.js';
import { formatDecimal } from '../../src/tariff/money.js';
import { parsePeriod } from '../../src/tariff/period.js';
import { plainFee } from '../../src/tariff/plain.js';
import { parseTariff } from '../../src/tariff/signed.js';
import { keys, meterLog, signed } from '../helpers.js';

export const TZ = 'America/New_York';
const meter = keys('meter');
const provider = keys('provider');

export function tariffOf(components: unknown[], over: Record<string, unknown> = {}) {
  // capacity 60 kW: the range widths of hidden amounts come from it (a home's connection; these readings peak at 3.6 kW).
  return { v: 1, type: 'meterproof/tariff', id: 'nl', name: 'non-linear', currency: 'USD', timezone: TZ, scale: 9, unit: 'Wh', capacity: '60000', components, ...over };
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

