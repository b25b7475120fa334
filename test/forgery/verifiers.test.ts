/**
 * The bill and disclosure verifiers' own checks around the proofs, on small data (24 hourly records), for
 * the mutation runs (docs/mutation.md): revealed figures bounded and canonical, the proofs a statement
 * needs (no more, no fewer), the amount due, the fields of an accepted result, and the batch verifier's
 * fallback. Each test names the reason it expects.
 */
import { describe, expect, it } from 'vitest';
import { proveBill, type Figures } from '../../src/bill/prove.js';
import { verifyBill, verifyBills, type VerifyBillInput } from '../../src/bill/verify.js';
import type { Bill } from '../../src/bill/message.js';
import { FIGURE_LIMIT } from '../../src/core/bounds.js';
import { ORDER } from '../../src/core/scalar.js';
import { formatDecimal, parseDecimal } from '../../src/tariff/money.js';
import { keys, schedule, signed } from '../helpers.js';
import { dayData, tariffOf } from '../bill/nonlinear-fixtures.js';

const provider = keys('provider');
const meter = keys('meter');
const flat = schedule(() => 0);
const period = '2012-03-01/2012-03-01';
const data = dayData(period, 3600, 'forgery');

const energy = (name: string, rate: string) => ({ kind: 'tou-energy', name, periods: [{ label: 'all', rate }], weekday: flat, weekend: flat });
const rounded = signed(tariffOf([energy('energy', '250000')], { rounding: { decimals: 2, mode: 'half-up' } }), provider);
const plain = signed(tariffOf([energy('energy', '250000')]), provider);
const itemised = signed(tariffOf([energy('energy', '250000'), energy('distribution', '31000')], { itemised: true }), provider);
const blocks = signed(tariffOf([{ kind: 'block-energy', name: 'blocks', periods: [{ label: 'all', tiers: [{ upTo: '100', rate: '300' }, { rate: '100' }] }], weekday: flat, weekend: flat }]), provider);

const prove = (st: unknown, dishonestFigures?: (f: Figures) => Figures) =>
  proveBill({ signedTariff: st, log: data.log, priv: data.priv, account: 'a', period, ...(dishonestFigures ? { dishonestFigures } : {}) }).bill;
const input = (st: unknown, b: unknown): VerifyBillInput => ({ bill: b, signedTariff: st, providerKey: provider.public, meterKey: meter.public });
const reason = (st: unknown, b: unknown): string => {
  const r = verifyBill(input(st, b));
  return r.ok ? 'accepted' : r.reason;
};
const bills = { rounded: prove(rounded), plain: prove(plain), itemised: prove(itemised), blocks: prove(blocks) };
const edit = (b: Bill, f: (c: Bill) => void): Bill => {
  const c = structuredClone(b);
  f(c);
  return c;
};

describe('revealed figures', () => {
  it('control: the honest bills verify', () => {
    expect(reason(rounded, bills.rounded)).toBe('accepted');
    expect(reason(plain, bills.plain)).toBe('accepted');
    expect(reason(itemised, bills.itemised)).toBe('accepted');
    expect(reason(blocks, bills.blocks)).toBe('accepted');
  });

  it('a fee re-proven as F ± ℓ or at ±2^160: malformed.fee; at ±(2^160 − 1): only the proof refuses it', () => {
    for (const d of [ORDER, -ORDER]) expect(reason(plain, prove(plain, (f) => ({ ...f, fee: f.fee + d })))).toBe('malformed.fee');
    for (const v of [FIGURE_LIMIT, -FIGURE_LIMIT]) expect(reason(plain, prove(plain, (f) => ({ ...f, fee: v })))).toBe('malformed.fee');
    for (const v of [FIGURE_LIMIT - 1n, -FIGURE_LIMIT + 1n]) expect(reason(plain, prove(plain, (f) => ({ ...f, fee: v })))).toBe('proof.linear');
  });

  it('a line item re-proven at ±ℓ (the others moved to add up): malformed.fee', () => {
    const b = prove(itemised, (f) => ({ ...f, lineItems: f.lineItems.map((x, j) => ({ ...x, fee: x.fee + (j === 0 ? ORDER : -ORDER) })) }));
    expect(reason(itemised, b)).toBe('malformed.fee');
  });

  it('a fee not written with the tariff\'s decimals, or not a number: malformed.fee', () => {
    const fee = parseDecimal(bills.plain.fee, 9);
    for (const text of [formatDecimal(fee, 9).replace(/0$/, ''), `${formatDecimal(fee, 9)}0`, `+${formatDecimal(fee, 9)}`, '1e3']) {
      const r = reason(plain, edit(bills.plain, (c) => void (c.fee = text)));
      expect(['malformed.fee', 'malformed.schema'], text).toContain(r);
    }
    expect(reason(plain, edit(bills.plain, (c) => void (c.fee = formatDecimal(fee, 9).replace(/0$/, ''))))).toBe('malformed.fee');
    // More decimals than the tariff's scale: not even an amount (parseDecimal refuses it as inexact).
    expect(reason(plain, edit(bills.plain, (c) => void (c.fee = `${formatDecimal(fee, 9)}1`)))).toBe('malformed.fee');
  });
});

describe('the proofs a statement needs, no more and no fewer', () => {
  it('a linear bill carrying range, OR, product or aux proofs: proof.count', () => {
    for (const k of ['aux', 'range', 'or', 'product'] as const) {
      expect(reason(plain, edit(bills.plain, (c) => void ((c.proof as Record<string, string[]>)[k] = []))), k).toBe('proof.count');
    }
  });

  it('a non-linear bill without one of its proof lists: proof.count', () => {
    for (const k of ['aux', 'range', 'or', 'product'] as const) {
      expect(reason(blocks, edit(bills.blocks, (c) => void delete (c.proof as Record<string, unknown>)[k])), k).toBe('proof.count');
    }
  });

  it('one linear proof too many or too few: proof.count', () => {
    expect(reason(plain, edit(bills.plain, (c) => void c.proof.linear.push(c.proof.linear[0]!)))).toBe('proof.count');
    expect(reason(itemised, edit(bills.itemised, (c) => void c.proof.linear.pop()))).toBe('proof.count');
  });

  it('the linear proofs of an itemised bill swapped: proof.linear', () => {
    expect(reason(itemised, edit(bills.itemised, (c) => void c.proof.linear.reverse()))).toBe('proof.linear');
  });

  it('a linear proof that is not a canonical point or scalar: encoding.point / encoding.scalar', () => {
    expect(reason(plain, edit(bills.plain, (c) => void (c.proof.linear[0] = 'ff'.repeat(32) + c.proof.linear[0]!.slice(64))))).toBe('encoding.point');
    expect(reason(plain, edit(bills.plain, (c) => void (c.proof.linear[0] = c.proof.linear[0]!.slice(0, 64) + 'ff'.repeat(32))))).toBe('encoding.scalar');
  });

  it('one range, OR or product proof too many or too few: proof.count (malformed.schema from the constraint verifier)', () => {
    for (const k of ['range', 'or', 'aux'] as const) {
      const more = reason(blocks, edit(bills.blocks, (c) => void (c.proof as Record<string, string[]>)[k]!.push((c.proof as Record<string, string[]>)[k]![0]!)));
      const fewer = reason(blocks, edit(bills.blocks, (c) => void (c.proof as Record<string, string[]>)[k]!.pop()));
      expect([more, fewer], k).toEqual(['malformed.schema', 'malformed.schema']);
    }
  });
});

describe('the amount due', () => {
  it('a rounding tariff\'s bill without its amount due, or with another: amount.rounding', () => {
    expect(reason(rounded, edit(bills.rounded, (c) => void delete c.amountDue))).toBe('amount.rounding');
    expect(reason(rounded, edit(bills.rounded, (c) => void (c.amountDue = '0.00')))).toBe('amount.rounding');
  });

  it('an amount due on a tariff without a rounding rule: amount.rounding', () => {
    expect(reason(plain, edit(bills.plain, (c) => void (c.amountDue = '1.00')))).toBe('amount.rounding');
  });
});

describe('the accepted result', () => {
  it('carries exactly the bill\'s figures (amount due, line items only when the tariff has them)', () => {
    const r = verifyBill(input(rounded, bills.rounded));
    expect(r).toStrictEqual({
      ok: true, fee: bills.rounded.fee, currency: 'USD', amountDue: bills.rounded.amountDue,
      account: 'a', meter: bills.rounded.meter, period: bills.rounded.period, records: 24, unit: 'Wh',
      tariff: { id: 'nl', digest: bills.rounded.tariff },
    });
    const p = verifyBill(input(plain, bills.plain));
    expect(p.ok && Object.keys(p).sort()).toEqual(['account', 'currency', 'fee', 'meter', 'ok', 'period', 'records', 'tariff', 'unit']);
    const i = verifyBill(input(itemised, bills.itemised));
    expect(i.ok && i.lineItems).toStrictEqual(bills.itemised.lineItems);
    expect(i.ok && 'subtotal' in i).toBe(false);
  });
});

describe('the accepted result of a minimum-charge or omitted-charge tariff', () => {
  // A non-itemised tariff with a minimum charge reveals the subtotal (bound into the transcript by
  // bindFigures) and proves it; the fee is the subtotal topped up. A tariff listing omitted charges
  // passes that list on in every accepted result, so the customer sees what the bill leaves out.
  const minimum = (amount: string) => ({ kind: 'minimum', name: 'minimum charge', amount, per: 'day' });
  const topped = signed(tariffOf([energy('energy', '250000'), minimum('1000000000000')]), provider);
  const above = signed(tariffOf([energy('energy', '250000'), minimum('1')]), provider);
  const omitted = ['reactive power demand: the meter does not measure it'];
  const leaves = signed(tariffOf([energy('energy', '250000')], { omitted }), provider);

  it('a topped-up bill is accepted with its subtotal and the minimum as its fee', () => {
    const b = prove(topped);
    expect(b.fee).toBe(formatDecimal(1_000_000_000_000n, 9));
    const r = verifyBill(input(topped, b));
    expect(r).toMatchObject({ ok: true, fee: b.fee, subtotal: b.subtotal });
    expect(r.ok && parseDecimal(r.subtotal!, 9)).toBeLessThan(1_000_000_000_000n);
    expect(r.ok && 'omitted' in r).toBe(false);
  });

  it('a bill above the minimum is accepted with its subtotal equal to its fee', () => {
    const b = prove(above);
    const r = verifyBill(input(above, b));
    expect(r).toMatchObject({ ok: true, fee: b.fee, subtotal: b.fee });
  });

  it('the subtotal is bound: another subtotal with the same fee is refused, and so is none', () => {
    const b = prove(above);
    expect(reason(above, edit(b, (c) => void delete c.subtotal))).toBe('lineitems.mismatch');
    expect(reason(topped, edit(prove(topped), (c) => void (c.subtotal = formatDecimal(parseDecimal(c.subtotal!, 9) + 1n, 9))))).toBe('proof.linear');
  });

  it('a tariff with omitted charges: the accepted result lists them, and a bill that drops them is refused', () => {
    const b = prove(leaves);
    const r = verifyBill(input(leaves, b));
    expect(r.ok && r.omitted).toStrictEqual(omitted);
    expect(reason(leaves, edit(b, (c) => void delete c.omitted))).toBe('tariff.mismatch');
  });
});

describe('verifyBills', () => {
  it('names the reason of each bad bill in a batch and keeps the good ones (the fallback is exact)', () => {
    const forged = prove(plain, (f) => ({ ...f, fee: f.fee + 1n }));
    const bad = edit(bills.blocks, (c) => void (c.fee = formatDecimal(parseDecimal(c.fee, 9) + 1n, 9)));
    const res = verifyBills([input(plain, bills.plain), input(plain, forged), input(blocks, bills.blocks), input(blocks, bad), input(plain, 'not json')]);
    expect(res.map((r) => (r.ok ? 'accepted' : r.reason))).toEqual(['accepted', 'proof.linear', 'accepted', 'proof.linear', 'malformed.json']);
    expect(res[0]).toStrictEqual(verifyBill(input(plain, bills.plain)));
  });

  it('an all-honest batch takes the batch path and agrees with single verification', () => {
    const inputs = [input(plain, bills.plain), input(blocks, bills.blocks), input(itemised, bills.itemised)];
    expect(verifyBills(inputs)).toStrictEqual(inputs.map((x) => verifyBill(x)));
    expect(verifyBills([])).toEqual([]);
  });
});

describe('constraint proofs that do not decode', () => {
  const poly = signed(tariffOf([{ kind: 'polynomial-energy', name: 'poly', coefficients: ['0', '5'] }]), provider);
  const polyBill = prove(poly);
  const flipPoint = (h: string) => 'ff'.repeat(32) + h.slice(64);
  const badScalar = (h: string, at: number) => h.slice(0, 64 * at) + 'ff'.repeat(32) + h.slice(64 * (at + 1));

  it('control: the polynomial bill verifies', () => {
    expect(reason(poly, polyBill)).toBe('accepted');
  });

  it('a range, OR or product proof whose first point is not canonical: encoding.point', () => {
    expect(reason(blocks, edit(bills.blocks, (c) => void (c.proof.range![0] = flipPoint(c.proof.range![0]!))))).toBe('encoding.point');
    expect(reason(blocks, edit(bills.blocks, (c) => void (c.proof.or![0] = flipPoint(c.proof.or![0]!))))).toBe('encoding.point');
    expect(reason(poly, edit(polyBill, (c) => void (c.proof.product![0] = flipPoint(c.proof.product![0]!))))).toBe('encoding.point');
    expect(reason(blocks, edit(bills.blocks, (c) => void (c.proof.aux![0] = 'ff'.repeat(32))))).toBe('encoding.point');
  });

  it('an OR or product proof with a scalar ≥ ℓ: encoding.scalar; one of the wrong length: malformed.schema', () => {
    expect(reason(blocks, edit(bills.blocks, (c) => void (c.proof.or![0] = badScalar(c.proof.or![0]!, 2))))).toBe('encoding.scalar');
    expect(reason(poly, edit(polyBill, (c) => void (c.proof.product![0] = badScalar(c.proof.product![0]!, 3))))).toBe('encoding.scalar');
    expect(reason(blocks, edit(bills.blocks, (c) => void (c.proof.or![0] = c.proof.or![0]!.slice(64))))).toBe('malformed.schema');
    expect(reason(poly, edit(polyBill, (c) => void (c.proof.product![0] = c.proof.product![0]!.slice(64))))).toBe('malformed.schema');
    expect(reason(blocks, edit(bills.blocks, (c) => void (c.proof.range![0] = c.proof.range![0]!.slice(64))))).toBe('malformed.schema');
  });

  it('one product proof too many or too few: malformed.schema', () => {
    expect(reason(poly, edit(polyBill, (c) => void c.proof.product!.push(c.proof.product![0]!)))).toBe('malformed.schema');
    expect(reason(poly, edit(polyBill, (c) => void c.proof.product!.pop()))).toBe('malformed.schema');
  });
});
