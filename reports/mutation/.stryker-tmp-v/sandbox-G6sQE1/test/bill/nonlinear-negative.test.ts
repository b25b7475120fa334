/**
 * A dishonest prover against each gadget: a non-greedy tier fill, a maximum below the real one, a value
 * out of range and a wrong product, each forged by editing the prover's witness; and a flipped byte in
 * each part of the proof. Each is rejected with its specific reason code.
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { proveBill } from '../../src/bill/prove.js';
import { verifyBill } from '../../src/bill/verify.js';
import type { Bill } from '../../src/bill/message.js';
import { fromHex, toHex } from '../../src/core/bytes.js';
import { formatDecimal } from '../../src/tariff/money.js';
import type { Statement } from '../../src/statement/system.js';
import { keys, schedule, signed } from '../helpers.js';
import { dayData, tariffOf } from './nonlinear-fixtures.js';

const provider = keys('provider');
const meter = keys('meter');
const flat = schedule(() => 0);
const period = '2012-03-01/2012-03-01';
const data = dayData(period);
const values = data.priv.readings.filter((r) => r.start >= data.p.start && r.start < data.p.end).map((r) => BigInt(r.values[0]!));

function run(tariffJson: unknown, dishonest?: (st: Statement) => void) {
  const st = signed(tariffJson, provider);
  const { bill } = proveBill({ signedTariff: st, log: data.log, priv: data.priv, account: 'a', period, ...(dishonest ? { dishonest } : {}) });
  const verify = (b: unknown) => {
    const r = verifyBill({ bill: b, signedTariff: st, providerKey: provider.public, meterKey: meter.public });
    return r.ok ? 'accepted' : r.reason;
  };
  return { bill, verify };
}

// Declining blocks: 0-100 Wh at 300, 100-250 at 200, above at 100. Aux per reading i: U1 = 2i, U2 = 2i + 1.
const blocks = tariffOf([{ kind: 'block-energy', name: 'blocks', periods: [{ label: 'all', tiers: [{ upTo: '100', rate: '300' }, { upTo: '250', rate: '200' }, { rate: '100' }] }], weekday: flat, weekend: flat }]);
const demand = tariffOf([{ kind: 'demand', name: 'demand', periods: [{ label: 'all', tiers: [{ rate: '7000' }] }], weekday: flat, weekend: flat }]);
const poly = tariffOf([{ kind: 'polynomial-energy', name: 'poly', coefficients: ['0', '5'] }]);

describe('a dishonest prover is caught', () => {
  it('the honest bills verify (control)', () => {
    for (const t of [blocks, demand, poly]) expect(run(t).verify(run(t).bill)).toBe('accepted');
  });

  it('a tier fill that is not greedy: proof.or', () => {
    // A reading above 100 Wh: move one Wh from the dear first block to the cheaper second one.
    const i = values.findIndex((q) => q > 100n && q < 250n);
    expect(i).toBeGreaterThanOrEqual(0);
    const honest = run(blocks).bill;
    const { bill, verify } = run(blocks, (st) => {
      st.forgeAux(2 * i, 99n);
      st.forgeAux(2 * i + 1, values[i]! - 99n);
    });
    expect(BigInt(bill.fee.replace('.', ''))).toBeLessThan(BigInt(honest.fee.replace('.', ''))); // it would pay less
    expect(verify(bill)).toBe('proof.or');
  });

  it('a tier fill out of its range: proof.range', () => {
    const i = values.findIndex((q) => q > 100n && q < 250n);
    const { bill, verify } = run(blocks, (st) => {
      st.forgeAux(2 * i, 101n); // more than the block holds
      st.forgeAux(2 * i + 1, values[i]! - 101n);
    });
    expect(verify(bill)).toBe('proof.range');
  });

  it('a negative first tier (which has no lower-bound range proof) is caught by the OR proofs', () => {
    const i = values.findIndex((q) => q > 10n && q < 100n);
    const { bill, verify } = run(blocks, (st) => {
      st.forgeAux(2 * i, -5n);
      st.forgeAux(2 * i + 1, values[i]! + 5n);
    });
    expect(verify(bill)).toBe('proof.or');
  });

  it('a claimed maximum below the real one: proof.range', () => {
    const max = values.reduce((m, q) => (q > m ? q : m), 0n);
    const { bill, verify } = run(demand, (st) => st.forgeAux(0, 4n * max - 1n)); // W from quarter-hour Wh
    expect(verify(bill)).toBe('proof.range');
  });

  it('a negative fill forged by wrapping it into range: proof.range', () => {
    const i = values.findIndex((q) => q < 100n);
    const { bill, verify } = run(blocks, (st) => {
      st.forgeAux(2 * i, values[i]! + 1n); // the last block becomes −1
    });
    expect(verify(bill)).toBe('proof.range');
  });

  it('a product that is not the square: proof.product', () => {
    const { bill, verify } = run(poly, (st) => st.forgeAux(3, values[3]! * values[3]! - 1n));
    expect(verify(bill)).toBe('proof.product');
  });
});

describe('a flipped byte in each part of a non-linear proof', () => {
  const honest = run(blocks);
  const flip = (hex: string, at: number) => {
    const b = fromHex(hex);
    b[at % b.length]! ^= 0x01;
    return toHex(b);
  };
  const parts: [string, (b: Bill) => void, string[]][] = [
    ['an auxiliary commitment', (b) => (b.proof.aux![5] = flip(b.proof.aux![5]!, 7)), ['encoding.point', 'proof.range']],
    ['a range proof', (b) => (b.proof.range![0] = flip(b.proof.range![0]!, 100)), ['encoding.point', 'encoding.scalar', 'proof.range']],
    ['a range proof scalar', (b) => (b.proof.range![0] = flip(b.proof.range![0]!, 4 * 32)), ['encoding.point', 'encoding.scalar', 'proof.range']],
    ['an OR proof point', (b) => (b.proof.or![3] = flip(b.proof.or![3]!, 3)), ['encoding.point', 'proof.or']],
    ['an OR proof scalar', (b) => (b.proof.or![3] = flip(b.proof.or![3]!, 100)), ['encoding.scalar', 'proof.or']],
    ['a linear proof', (b) => (b.proof.linear[0] = flip(b.proof.linear[0]!, 40)), ['encoding.scalar', 'proof.linear']],
    ['a missing OR proof', (b) => b.proof.or!.pop(), ['malformed.schema']],
    ['missing constraint proofs', (b) => delete b.proof.range, ['proof.count']],
  ];
  it.each(parts)('%s', (_name, mutate, reasons) => {
    const b = structuredClone(honest.bill);
    mutate(b);
    expect(reasons).toContain(honest.verify(b));
  });

  it('a fee changed by one unit', () => {
    const b = structuredClone(honest.bill);
    const units = BigInt(b.fee.replace('.', '')) + 1n;
    b.fee = formatDecimal(units, 9);
    b.amountDue = undefined as unknown as string;
    delete b.amountDue;
    expect(honest.verify(b)).toBe('proof.linear');
  });
});
