/** Verifying many bills at once gives the same answers as one by one, with exact reasons on failure. */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { proveBill } from '../../src/bill/prove.js';
import { verifyBill, verifyBills, type VerifyBillInput } from '../../src/bill/verify.js';
import { formatDecimal } from '../../src/tariff/money.js';
import { keys, schedule, signed, touTariff } from '../helpers.js';
import { dayData, tariffOf } from './nonlinear-fixtures.js';

const provider = keys('provider');
const meter = keys('meter');
const flat = schedule(() => 0);
const tiered = signed(tariffOf([{ kind: 'tiered-energy', name: 'energy', basis: 'total', per: 'day', periods: [{ label: 'all', tiers: [{ upTo: '5000', rate: '100' }, { rate: '300' }] }], weekday: flat, weekend: flat }]), provider);
const demand = signed(tariffOf([{ kind: 'demand', name: 'demand', periods: [{ label: 'all', tiers: [{ rate: '50' }] }], weekday: flat, weekend: flat }]), provider);
const tou = signed(touTariff({ timezone: 'America/New_York', components: touTariff().components.slice(1) }), provider);

const days = ['2012-03-01/2012-03-01', '2012-03-02/2012-03-02'];
const data = dayData('2012-03-01/2012-03-02');
const inputs: VerifyBillInput[] = [];
for (const st of [tiered, demand, tou]) {
  for (const period of days) {
    const { bill } = proveBill({ signedTariff: st, log: data.log, priv: data.priv, account: 'a', period });
    inputs.push({ bill, signedTariff: st, providerKey: provider.public, meterKey: meter.public });
  }
}

describe('verifyBills', () => {
  it('accepts a batch of honest bills of several kinds, as single verification does', () => {
    const batch = verifyBills(inputs);
    expect(batch.map((r) => r.ok)).toEqual(inputs.map(() => true));
    expect(batch).toEqual(inputs.map((i) => verifyBill(i)));
    expect(verifyBills([])).toEqual([]);
  });

  it('finds the bad bills in a batch and names their reasons', () => {
    const bad = inputs.map((i) => ({ ...i, bill: structuredClone(i.bill) as { fee: string; amountDue?: string; proof: { range?: string[] } } }));
    // A wrong fee in bill 1 (tiered), a broken range proof in bill 2 (demand), a swapped tariff in bill 4.
    const b1 = bad[1]!.bill;
    b1.fee = formatDecimal(BigInt(b1.fee.replace('.', '')) + 1n, 9);
    delete b1.amountDue;
    const b2 = bad[2]!.bill;
    b2.proof.range![0] = b2.proof.range![0]!.replace(/^(.{200})(.)/, (_m, a: string, c: string) => a + (c === '0' ? '1' : '0'));
    bad[4] = { ...bad[4]!, signedTariff: tiered };
    const res = verifyBills(bad);
    expect(res.map((r) => (r.ok ? 'ok' : r.reason))).toEqual(['ok', 'proof.linear', expect.stringMatching(/^(proof\.range|encoding\.(point|scalar))$/), 'ok', 'tariff.mismatch', 'ok']);
  });
});
