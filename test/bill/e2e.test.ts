import { describe, expect, it } from 'vitest';
import { proveBill } from '../../src/bill/prove.js';
import { verifyBill } from '../../src/bill/verify.js';
import { formatDecimal } from '../../src/tariff/money.js';
import { parsePeriod } from '../../src/tariff/period.js';
import { plainFee } from '../../src/tariff/plain.js';
import { parseTariff } from '../../src/tariff/signed.js';
import { keys, meterLog, nistIntervals, signed, touTariff } from '../helpers.js';

describe('NIST year under a TOU tariff', () => {
  const provider = keys('provider');
  const meter = keys('meter');
  const st = signed(touTariff(), provider);
  const tariff = parseTariff(st.tariff);
  const { log, priv } = meterLog(nistIntervals(), 'nist-1', meter);

  it.each(Array.from({ length: 12 }, (_, i) => `2011-${String(i + 1).padStart(2, '0')}`))('month %s: proven fee = plain fee', (month) => {
    const { bill } = proveBill({ signedTariff: st, log, priv, meterKey: meter.public, account: 'acct-1', period: month });
    const res = verifyBill({ bill: JSON.stringify(bill), signedTariff: st, providerKey: provider.public, meterKey: meter.public });
    const plain = plainFee(tariff, parsePeriod(month, tariff.timezone), priv.readings);
    expect(res).toMatchObject({ ok: true, fee: formatDecimal(plain.total, tariff.scale) });
  });
});
