/**
 * Every check the bill verifier makes, made to fail, each with its specific reason code.
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { proveBill } from '../../src/bill/prove.js';
import { verifyBill, type VerifyBillInput } from '../../src/bill/verify.js';
import type { Bill } from '../../src/bill/message.js';
import { fromHex, toHex } from '../../src/core/bytes.js';
import { signDigest } from '../../src/core/ed25519.js';
import { ORDER, scalarToBytes, scalar } from '../../src/core/scalar.js';
import { bytesToNumberLE } from '@noble/curves/utils.js';
import { layoutDigest } from '../../src/meter/layout.js';
import { recordHash } from '../../src/meter/record.js';
import { keys, meterLog, nistIntervals, signed, touTariff } from '../helpers.js';

const provider = keys('provider');
const meter = keys('meter');
const st = signed(touTariff(), provider);
// January and February 2011 of the NIST home: enough for two periods.
const intervals = nistIntervals().slice(0, 24 * 59);
const { log, priv } = meterLog(intervals, 'nist-1', meter);
const { bill } = proveBill({ signedTariff: st, log, priv, account: 'acct-1', period: '2011-01' });

const clone = (): Bill => structuredClone(bill);
const input = (b: unknown, over: Partial<VerifyBillInput> = {}): VerifyBillInput => ({
  bill: b,
  signedTariff: st,
  providerKey: provider.public,
  meterKey: meter.public,
  ...over,
});
const reason = (b: unknown, over: Partial<VerifyBillInput> = {}) => {
  const r = verifyBill(input(b, over));
  return r.ok ? 'accepted' : r.reason;
};

/** Re-signs a bill's record run as the meter would: for tests that need a validly signed bad record. */
function resign(b: Bill, meterKeys = meter): Bill {
  let h = fromHex(b.records.prev);
  const layout = layoutDigest(b.records.layout);
  for (const [seq, start, duration, ...cs] of b.records.items) {
    h = recordHash({ meter: b.meter, layout, seq, start, duration, registers: cs.map((c) => fromHex(c)), prev: h });
  }
  b.records.lastHash = toHex(h);
  b.records.lastSignature = toHex(signDigest('meterproof/v1/record', meterKeys.secret.secret, h));
  return b;
}

describe('bill verification rejects', () => {
  it('accepts the honest bill (control)', () => {
    expect(verifyBill(input(bill))).toMatchObject({ ok: true, fee: bill.fee, account: 'acct-1' });
    expect(verifyBill(input(JSON.stringify(bill))).ok).toBe(true);
  });

  it('a fee off by one smallest unit, up or down', () => {
    for (const d of [1n, -1n]) {
      const b = clone();
      const units = BigInt(b.fee.replace('.', '')) + d;
      b.fee = `${units / 10n ** 9n}.${(units % 10n ** 9n).toString().padStart(9, '0')}`;
      b.amountDue = bill.amountDue; // rounding unchanged by 1e-9
      expect(reason(b)).toBe('proof.linear');
    }
  });

  it('a flipped bit in the proof', () => {
    const b = clone();
    const p = fromHex(b.proof.linear[0]!);
    p[32]! ^= 1; // lowest bit of s: still canonical, wrong
    b.proof.linear[0] = toHex(p);
    expect(reason(b)).toBe('proof.linear');
    const b2 = clone();
    const p2 = fromHex(b2.proof.linear[0]!);
    p2[5]! ^= 0x10; // inside R: either not a point at all, or the wrong one
    b2.proof.linear[0] = toHex(p2);
    expect(['encoding.point', 'proof.linear']).toContain(reason(b2));
  });

  it('a non-canonical scalar in the proof (s + ℓ)', () => {
    const b = clone();
    const p = fromHex(b.proof.linear[0]!);
    const s = bytesToNumberLE(p.subarray(32));
    const big = s + ORDER; // < 2^256, same value mod ℓ: must still be refused
    const enc = new Uint8Array(32);
    let v = big;
    for (let i = 0; i < 32; i++, v >>= 8n) enc[i] = Number(v & 0xffn);
    p.set(enc, 32);
    b.proof.linear[0] = toHex(p);
    expect(reason(b)).toBe('encoding.scalar');
  });

  it('a non-canonical point in the proof', () => {
    const b = clone();
    const p = fromHex(b.proof.linear[0]!);
    p.fill(0xff, 0, 32); // field element ≥ p: never canonical
    b.proof.linear[0] = toHex(p);
    expect(reason(b)).toBe('encoding.point');
  });

  it('a non-canonical commitment, even one the meter signed', () => {
    const b = clone();
    b.records.items[3]![3] = 'ff'.repeat(32);
    expect(reason(b)).toBe('chain.hash');
    expect(reason(resign(b))).toBe('encoding.point');
  });

  it('a changed commitment', () => {
    const b = clone();
    b.records.items[10]![3] = bill.records.items[11]![3]!;
    expect(reason(b)).toBe('chain.hash');
  });

  it('a changed record time or duration', () => {
    const b = clone();
    b.records.items[5]![2] = 1800;
    expect(reason(b)).toBe('records.gap');
  });

  it('a missing record', () => {
    const b = clone();
    b.records.items.splice(100, 1);
    b.records.count--;
    expect(reason(b)).toBe('records.gap');
  });

  it('a doubled record', () => {
    const b = clone();
    b.records.items.splice(100, 0, structuredClone(b.records.items[100]!));
    b.records.count++;
    expect(reason(b)).toBe('records.duplicate');
  });

  it('reordered records', () => {
    const b = clone();
    const [x] = b.records.items.splice(100, 1);
    b.records.items.splice(101, 0, x!);
    expect(reason(b)).toBe('records.order');
  });

  it('a record count that does not match the records', () => {
    const b = clone();
    b.records.count++;
    expect(reason(b)).toBe('records.mismatch');
  });

  it('records that do not cover the period', () => {
    const b = clone();
    b.records.items.pop();
    b.records.count--;
    expect(reason(b)).toBe('period.coverage');
  });

  it('records signed with another key', () => {
    const other = keys('meter', 'other-meter');
    expect(reason(resign(clone(), other))).toBe('meter.signature');
    expect(reason(bill, { meterKey: other.public })).toBe('meter.signature');
  });

  it('records from another meter', () => {
    const other = keys('meter', 'other-meter');
    const theirs = meterLog(intervals, 'nist-2', other);
    const b = clone();
    b.records.items = theirs.log.records.slice(0, 744).map((r) => [r.seq, r.start, r.duration, ...r.commitments] as [number, number, number, ...string[]]);
    expect(reason(b)).toBe('chain.hash');
    b.records.lastHash = theirs.log.records[743]!.hash;
    b.records.lastSignature = theirs.log.records[743]!.signature;
    expect(reason(b)).toBe('chain.hash'); // hashed under this bill's meter id, the chain does not match
    b.meter = 'nist-2';
    expect(reason(b)).toBe('meter.signature'); // their own chain, but not the registered meter's key
  });

  it('a meter key that is not a meter key', () => {
    expect(reason(bill, { meterKey: provider.public })).toBe('meter.key');
  });

  it('another tariff', () => {
    const other = signed(touTariff({ id: 'other-tou' }), provider);
    expect(reason(bill, { signedTariff: other })).toBe('tariff.mismatch');
  });

  it('a tariff with a bad signature, or signed by someone else', () => {
    const bad = structuredClone(st);
    const sig = fromHex(bad.signature);
    sig[0]! ^= 1;
    bad.signature = toHex(sig);
    expect(reason(bill, { signedTariff: bad })).toBe('tariff.signature');
    const mallory = keys('provider', 'mallory');
    expect(reason(bill, { signedTariff: signed(touTariff(), mallory) })).toBe('tariff.signature');
  });

  it('a tariff edited after signing', () => {
    const edited = structuredClone(st) as { tariff: { components: { amount?: string }[] } };
    edited.tariff.components[0]!.amount = '1';
    expect(reason(bill, { signedTariff: edited })).toBe('tariff.digest');
  });

  it('another account', () => {
    const b = clone();
    b.account = 'acct-2';
    expect(reason(b)).toBe('proof.linear');
    expect(reason(bill, { expect: { account: 'acct-2' } })).toBe('account.mismatch');
  });

  it('another period', () => {
    const b = clone();
    b.period.label = '2011-02';
    expect(reason(b)).toBe('period.invalid');
    expect(reason(bill, { expect: { period: '2011-02' } })).toBe('period.mismatch');
    // A genuine February bill presented as January's fails the proof, not just the label.
    const feb = proveBill({ signedTariff: st, log, priv, account: 'acct-1', period: '2011-02' }).bill;
    const mixed = { ...feb, fee: bill.fee, amountDue: bill.amountDue };
    expect(reason(mixed)).toBe('proof.linear');
  });

  it('truncated or garbage JSON', () => {
    const text = JSON.stringify(bill);
    expect(reason(text.slice(0, text.length / 2))).toBe('malformed.json');
    expect(reason('\u0000\u00ff garbage')).toBe('malformed.json');
    expect(reason('')).toBe('malformed.json');
    expect(reason('null')).toBe('malformed.schema');
    expect(reason('[]')).toBe('malformed.schema');
    expect(reason({ ...bill, extra: 1 })).toBe('malformed.schema');
    expect(reason({ ...bill, v: 3 })).toBe('unsupported.version');
    expect(reason({ ...bill, v: 1 })).toBe('unsupported.version');
  });

  it('uppercase or short hex', () => {
    const b = clone();
    b.records.lastHash = b.records.lastHash.toUpperCase();
    expect(reason(b)).toBe('malformed.schema');
  });

  it('a fee written non-canonically', () => {
    for (const fee of [bill.fee.replace(/0+$/, ''), '0' + bill.fee, bill.fee + '0', '+' + bill.fee]) {
      const b = clone();
      b.fee = fee;
      expect(['malformed.fee', 'malformed.schema']).toContain(reason(b));
    }
  });

  it('a wrong rounded amount due', () => {
    const b = clone();
    b.amountDue = '0.01';
    expect(reason(b)).toBe('amount.rounding');
  });

  it('a proof count that does not match the claims', () => {
    const b = clone();
    b.proof.linear.push(b.proof.linear[0]!);
    expect(reason(b)).toBe('proof.count');
  });

  it('line items on a tariff that is not itemised', () => {
    const b = clone() as Bill & { lineItems?: unknown };
    b.lineItems = [{ component: 'energy', fee: bill.fee }];
    expect(reason(b)).toBe('lineitems.mismatch');
  });

  it('hostile values never throw', () => {
    const hostile: unknown[] = [undefined, 0, true, {}, { v: 1 }, { ...bill, records: null }, { ...bill, proof: { linear: ['zz'] } }, { ...bill, fee: 1e309 }];
    for (const h of hostile) expect(() => verifyBill(input(h))).not.toThrow();
    expect(verifyBill(input(bill, { signedTariff: null })).ok).toBe(false);
    expect(verifyBill(input(bill, { signedTariff: { ...st, tariff: 'x' } }))).toMatchObject({ ok: false, reason: 'tariff.malformed' });
  });
});

describe('itemised bills', () => {
  const sti = signed(touTariff({ itemised: true }), provider);
  const { bill: bi } = proveBill({ signedTariff: sti, log, priv, account: 'acct-1', period: '2011-01' });
  const r = (b: unknown) => {
    const v = verifyBill(input(b, { signedTariff: sti }));
    return v.ok ? 'accepted' : v.reason;
  };

  it('verifies, with one line item per component', () => {
    const v = verifyBill(input(bi, { signedTariff: sti }));
    expect(v).toMatchObject({ ok: true, lineItems: [{ component: 'customer charge', fee: '10.000000000' }, { component: 'energy' }] });
    expect(bi.proof.linear).toHaveLength(1); // the fixed charge needs no proof
  });

  it('rejects line items that do not add up, a wrong constant, or a moved amount', () => {
    const b1 = structuredClone(bi);
    b1.lineItems![1]!.fee = bi.lineItems![0]!.fee;
    expect(r(b1)).toBe('lineitems.sum');
    const b2 = structuredClone(bi);
    // Move one unit from energy to the fixed charge: the sum holds, the constant does not.
    const e = BigInt(bi.lineItems![1]!.fee.replace('.', '')) - 1n;
    b2.lineItems![0]!.fee = '10.000000001';
    b2.lineItems![1]!.fee = `${e / 10n ** 9n}.${(e % 10n ** 9n).toString().padStart(9, '0')}`;
    expect(r(b2)).toBe('lineitems.constant');
    const b3 = structuredClone(bi);
    delete b3.lineItems;
    expect(r(b3)).toBe('lineitems.mismatch');
  });
});

describe('privacy of the bill', () => {
  it('contains no reading, opening or seed', () => {
    const text = JSON.stringify(bill);
    expect(text).not.toContain(priv.seed);
    expect(text).not.toMatch(/"(values|readings|seed|wh|opening|openings)"/);
    // No opening of any billed record appears, in hex or as a number.
    for (const r of log.records.slice(0, 744)) {
      expect(r.commitments.every((c) => text.includes(c))).toBe(true); // commitments are public
    }
    const keysInBill = new Set<string>();
    JSON.parse(text, (k, v) => {
      keysInBill.add(k);
      return v;
    });
    const named = [...keysInBill].filter((k) => !/^\d*$/.test(k)).sort();
    expect(named).toEqual(
      ['account', 'amountDue', 'count', 'currency', 'end', 'fee', 'firstSeq', 'items', 'label', 'lastHash', 'lastSignature', 'layout', 'linear', 'meter', 'period', 'prev', 'proof', 'records', 'registers', 'scale', 'start', 'tariff', 'tariffId', 'type', 'unit', 'v'].sort(),
    );
  });

  it('the scalar helper rejects nothing it should accept (sanity)', () => {
    expect(toHex(scalarToBytes(scalar(-1n)))).toBe(toHex(scalarToBytes(scalar(ORDER - 1n))));
  });
});
