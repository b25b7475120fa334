/** The verifier's checks that only non-linear tariffs reach: minimum charges, omitted charges, proof counts. */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { proveBill } from '../../src/bill/prove.js';
import { verifyBill } from '../../src/bill/verify.js';
import type { Bill } from '../../src/bill/message.js';
import { formatDecimal, parseDecimal } from '../../src/tariff/money.js';
import { keys, schedule, signed } from '../helpers.js';
import { dayData, tariffOf } from './nonlinear-fixtures.js';

const provider = keys('provider');
const meter = keys('meter');
const flat = schedule(() => 0);
const period = '2012-03-01/2012-03-01';
const data = dayData(period);
const energy = { kind: 'tiered-energy', name: 'energy', basis: 'total', per: 'day', periods: [{ label: 'all', tiers: [{ upTo: '5000', rate: '100' }, { rate: '300' }] }], weekday: flat, weekend: flat };
// A minimum high enough to apply to one day of this data.
const minimum = { kind: 'minimum', name: 'minimum', amount: '100000000', per: 'day' };

function setup(tariffJson: unknown) {
  const st = signed(tariffJson, provider);
  const { bill } = proveBill({ signedTariff: st, log: data.log, priv: data.priv, account: 'a', period });
  const reason = (b: unknown) => {
    const r = verifyBill({ bill: b, signedTariff: st, providerKey: provider.public, meterKey: meter.public });
    return r.ok ? 'accepted' : r.reason;
  };
  return { st, bill, reason };
}
const units = (s: string) => parseDecimal(s, 9);

describe('minimum charges', () => {
  const plain = setup(tariffOf([energy, minimum]));
  const itemised = setup(tariffOf([energy, minimum], { itemised: true }));

  it('honest bills verify, topped up to the minimum', () => {
    expect(plain.reason(plain.bill)).toBe('accepted');
    expect(plain.bill.fee).toBe('0.100000000');
    expect(units(plain.bill.subtotal!)).toBeLessThan(units(plain.bill.fee));
    expect(itemised.reason(itemised.bill)).toBe('accepted');
  });

  it('a missing or wrong subtotal', () => {
    const b1 = structuredClone(plain.bill) as Bill;
    delete b1.subtotal;
    expect(plain.reason(b1)).toBe('lineitems.mismatch');
    const b2 = structuredClone(plain.bill);
    b2.subtotal = formatDecimal(units(b2.subtotal!) + 1n, 9);
    expect(plain.reason(b2)).toBe('proof.linear'); // still below the minimum: the fee holds, the proof does not
    const b3 = structuredClone(plain.bill);
    b3.fee = formatDecimal(units(b3.fee) + 1n, 9);
    expect(plain.reason(b3)).toBe('lineitems.sum');
  });

  it('a wrong top-up line item', () => {
    const b = structuredClone(itemised.bill);
    const li = b.lineItems!;
    li[1]!.fee = formatDecimal(units(li[1]!.fee) - 1n, 9);
    b.fee = formatDecimal(units(b.fee) - 1n, 9);
    expect(itemised.reason(b)).toBe('lineitems.constant');
  });

  it('a subtotal on a tariff without a minimum', () => {
    const none = setup(tariffOf([energy]));
    const b = structuredClone(none.bill);
    b.subtotal = b.fee;
    expect(none.reason(b)).toBe('lineitems.mismatch');
  });
});

describe('omitted charges and proof counts', () => {
  it('a bill must repeat what the tariff leaves out', () => {
    const withOmitted = setup(tariffOf([energy], { omitted: ['reactive power demand charge'] }));
    expect(withOmitted.reason(withOmitted.bill)).toBe('accepted');
    expect(withOmitted.bill.omitted).toEqual(['reactive power demand charge']);
    const b = structuredClone(withOmitted.bill) as Bill;
    delete b.omitted;
    expect(withOmitted.reason(b)).toBe('tariff.mismatch');
  });

  it('constraint proofs on a linear tariff, or an auxiliary commitment too many', () => {
    const nl = setup(tariffOf([energy]));
    const lin = setup(tariffOf([{ kind: 'tou-energy', name: 'energy', periods: [{ label: 'all', rate: '7' }], weekday: flat, weekend: flat }]));
    expect(lin.reason({ ...lin.bill, proof: { ...lin.bill.proof, or: [] } })).toBe('proof.count');
    const b = structuredClone(nl.bill);
    b.proof.aux!.push(b.proof.aux![0]!);
    expect(nl.reason(b)).toBe('malformed.schema');
    const b2 = structuredClone(nl.bill);
    b2.proof.range!.push(b2.proof.range![0]!);
    expect(nl.reason(b2)).toBe('malformed.schema');
  });
});
