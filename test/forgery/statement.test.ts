/**
 * Adaptive forgeries at the statement level: bills and disclosures re-proven for a false figure or a
 * false witness, through the real provers' test-only hooks (`proveBill({dishonest, dishonestFigures})`,
 * `Statement.forgeAux`, `proveDisclosure({dishonest})`), so the statement, the transcript and every
 * challenge are the ones the verifier rebuilds. Each bill is refused for the reason of the proof whose
 * equation its lie breaks, by the single verifier and by the batch verifier (verifyBills), which must
 * also keep the honest bills of the batch.
 */
import { describe, expect, it } from 'vitest';
import { proveBill, type Figures, type ProveBillInput } from '../../src/bill/prove.js';
import { verifyBill, verifyBills, type VerifyBillInput } from '../../src/bill/verify.js';
import type { Statement } from '../../src/statement/system.js';
import { keys, schedule, signed } from '../helpers.js';
import { dayData, tariffOf } from '../bill/nonlinear-fixtures.js';
import { KINDS, maxOf, prove, reason as disclosureReason } from './disclosure-cases.js';

const provider = keys('provider');
const meter = keys('meter');
const flat = schedule(() => 0);
const period = '2012-03-01/2012-03-01';
const data = dayData(period, 3600, 'forgery'); // 24 hourly records: small proofs, so the mutation runs stay cheap
const values = data.priv.readings.filter((r) => r.start >= data.p.start && r.start < data.p.end).map((r) => BigInt(r.values[0]!));

const energy = (name: string, rate: string) => ({ kind: 'tou-energy', name, periods: [{ label: 'all', rate }], weekday: flat, weekend: flat });
const linear = signed(tariffOf([energy('energy', '250000')]), provider);
const itemised = signed(tariffOf([energy('energy', '250000'), energy('distribution', '31000')], { itemised: true }), provider);
const blocks = signed(tariffOf([{ kind: 'block-energy', name: 'blocks', periods: [{ label: 'all', tiers: [{ upTo: '100', rate: '300' }, { upTo: '250', rate: '200' }, { rate: '100' }] }], weekday: flat, weekend: flat }]), provider);
const poly = signed(tariffOf([{ kind: 'polynomial-energy', name: 'poly', coefficients: ['0', '5'] }]), provider);

function bill(st: unknown, over: Partial<ProveBillInput> = {}) {
  return proveBill({ signedTariff: st, log: data.log, priv: data.priv, account: 'a', period, ...over }).bill;
}
const input = (st: unknown, b: unknown): VerifyBillInput => ({ bill: b, signedTariff: st, providerKey: provider.public, meterKey: meter.public });
const reason = (st: unknown, b: unknown): string => {
  const r = verifyBill(input(st, b));
  return r.ok ? 'accepted' : r.reason;
};
/** Single and batched verdicts, the forged bill between two honest ones in the batch. */
function verdicts(st: unknown, forged: unknown) {
  const honest = bill(st);
  const batch = verifyBills([input(st, honest), input(st, forged), input(st, honest)]).map((r) => (r.ok ? 'accepted' : r.reason));
  return { single: reason(st, forged), batch };
}

describe('bills: a revealed figure off by one, re-proven with a consistent transcript', () => {
  it('control: the honest bills verify', () => {
    for (const st of [linear, itemised, blocks, poly]) expect(reason(st, bill(st))).toBe('accepted');
  });

  for (const d of [1n, -1n]) {
    it(`fee ${d > 0 ? '+' : '−'} 1 unit: proof.linear (single and batched)`, () => {
      const forged = bill(linear, { dishonestFigures: (f: Figures) => ({ ...f, fee: f.fee + d }) });
      expect(verdicts(linear, forged)).toEqual({ single: 'proof.linear', batch: ['accepted', 'proof.linear', 'accepted'] });
    });
  }

  it('two line items moved by +1 and −1 (they still add up to the fee): proof.linear', () => {
    const forged = bill(itemised, { dishonestFigures: (f: Figures) => ({ ...f, lineItems: f.lineItems.map((x, j) => ({ ...x, fee: x.fee + (j === 0 ? 1n : -1n) })) }) });
    expect(verdicts(itemised, forged)).toEqual({ single: 'proof.linear', batch: ['accepted', 'proof.linear', 'accepted'] });
  });

  it('only the second line item (and the fee) off by one: proof.linear, so every claim is checked, not the first', () => {
    const forged = bill(itemised, { dishonestFigures: (f: Figures) => ({ ...f, fee: f.fee + 1n, lineItems: f.lineItems.map((x, j) => ({ ...x, fee: x.fee + (j === 1 ? 1n : 0n) })) }) });
    expect(verdicts(itemised, forged)).toEqual({ single: 'proof.linear', batch: ['accepted', 'proof.linear', 'accepted'] });
  });
});

describe('bills: a false witness behind the hidden amounts', () => {
  const i = values.findIndex((q) => q > 100n && q < 250n);

  it('a non-greedy tier fill (one Wh moved to the cheaper block): proof.or', () => {
    const forged = bill(blocks, { dishonest: (st: Statement) => { st.forgeAux(2 * i, 99n); st.forgeAux(2 * i + 1, values[i]! - 99n); } });
    expect(verdicts(blocks, forged)).toEqual({ single: 'proof.or', batch: ['accepted', 'proof.or', 'accepted'] });
  });

  it('a block fill of −1 (wrapped into range by the dishonest prover): proof.range', () => {
    const forged = bill(blocks, { dishonest: (st: Statement) => { st.forgeAux(2 * i, values[i]! + 1n); st.forgeAux(2 * i + 1, -1n); } });
    expect(verdicts(blocks, forged)).toEqual({ single: 'proof.range', batch: ['accepted', 'proof.range', 'accepted'] });
  });

  it('a square off by one: proof.product', () => {
    const forged = bill(poly, { dishonest: (st: Statement) => st.forgeAux(3, values[3]! * values[3]! - 1n) });
    expect(verdicts(poly, forged)).toEqual({ single: 'proof.product', batch: ['accepted', 'proof.product', 'accepted'] });
  });
});

describe('disclosures: answers re-proven false with a consistent transcript', () => {
  it('control: the honest disclosures verify', () => {
    for (const k of Object.keys(KINDS)) expect(disclosureReason(prove(KINDS[k]!).disclosure), k).toBe('accepted');
  });

  it('a reading, a sum and a linear fact each off by one, the other answers of the query honest: proof.linear', () => {
    const items = [...KINDS.reading!, ...KINDS.sum!, ...KINDS.linear!];
    for (let j = 0; j < 3; j++) {
      const d = prove(items, { dishonest: (a) => a.map((x, k) => (k === j ? (x as bigint) + 1n : x)) }).disclosure;
      expect(disclosureReason(d), `answer ${j}`).toBe('proof.linear');
    }
  });

  it('a maximum that no record attains (max + 1) beside an honest sum: proof.oneof', () => {
    const items = [...KINDS.sum!, ...KINDS.max!];
    const d = prove(items, { dishonest: (a) => [a[0]!, BigInt(maxOf(10, 30)) + 1n] }).disclosure;
    expect(disclosureReason(d)).toBe('proof.oneof');
  });

  it('a threshold answered the wrong way beside an honest maximum: proof.range', () => {
    const items = [...KINDS.max!, ...KINDS.threshold!];
    const d = prove(items, { dishonest: (a) => [a[0]!, !(a[1] as boolean)] }).disclosure;
    expect(disclosureReason(d)).toBe('proof.range');
  });
});

describe('disclosures: range proofs that do not decode are named as such', () => {
  it('a threshold\'s range proof with a non-canonical point: encoding.point, not proof.count', () => {
    const d = structuredClone(prove(KINDS.threshold!).disclosure);
    d.proof.range[0] = 'ff'.repeat(32) + d.proof.range[0]!.slice(64);
    expect(disclosureReason(d)).toBe('encoding.point');
  });
});
