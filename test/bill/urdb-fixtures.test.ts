/**
 * Acceptance: every fixture tariff in test/fixtures/urdb (all with demand charges) bills the NIST
 * home, and the proven fee equals the plain fee. The default suite bills March (with its daylight-saving
 * change) under two of them; `npm run soak` bills all twelve
 * months under every one.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { proveBill } from '../../src/bill/prove.js';
import { verifyBill } from '../../src/bill/verify.js';
import { formatDecimal } from '../../src/tariff/money.js';
import { parsePeriod } from '../../src/tariff/period.js';
import { plainFee } from '../../src/tariff/plain.js';
import { parseTariff } from '../../src/tariff/signed.js';
import { importUrdb } from '../../src/tariff/urdb.js';
import { fixture, FIXTURES, keys, meterLog, nistIntervals, signed } from '../helpers.js';

const provider = keys('provider');
const meter = keys('meter');
const soak = process.env.SOAK === '1' || process.env.npm_lifecycle_event === 'soak';
const DEFAULT = new Set(['fpl-gsld-1.json', 'smud-ci-tod3.json']);
const files = readdirSync(new URL('urdb/', FIXTURES)).filter((f) => f.endsWith('.json') && (soak || DEFAULT.has(f)));
const months = soak ? Array.from({ length: 12 }, (_, i) => `2011-${String(i + 1).padStart(2, '0')}`) : ['2011-03'];

// One log of the NIST year for every tariff (8,760 signed records).
const { log, priv } = meterLog(nistIntervals(), 'nist-1', meter);

describe.each(files)('URDB fixture %s on the NIST year', (file) => {
  const urdb = JSON.parse(fixture(`urdb/${file}`));
  // The reactive-power charge needs kVAR readings the meter does not take: left out, and said so.
  const leaveOut = JSON.stringify(urdb).includes('demandreactivepowercharge') ? ['demandreactivepowercharge'] : [];
  const { tariff: t } = importUrdb(urdb, { timezone: 'America/Los_Angeles', leaveOut, id: file.replace('.json', ''), capacity: 60000 });
  const st = signed({ ...t, itemised: true }, provider);
  const tariff = parseTariff(st.tariff);

  it.each(months)('%s: proven fee = plain fee, itemised', (month) => {
    const { bill } = proveBill({ signedTariff: st, log, priv, account: 'acct-1', period: month });
    const res = verifyBill({ bill: JSON.stringify(bill), signedTariff: st, providerKey: provider.public, meterKey: meter.public });
    const plain = plainFee(tariff, parsePeriod(month, tariff.timezone), priv.readings);
    expect(res).toMatchObject({ ok: true, fee: formatDecimal(plain.total, tariff.scale) });
    if (res.ok) expect(res.lineItems!.map((l) => l.fee)).toEqual(plain.items.map((i) => formatDecimal(i.amount, tariff.scale)));
    if (tariff.omitted?.length) expect(res).toMatchObject({ omitted: tariff.omitted });
  });
});
