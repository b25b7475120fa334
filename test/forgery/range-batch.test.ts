/**
 * Range-proof batches and typed input. A batch must refuse any bad proof among good ones, of any size and
 * in any position, and a pair of proofs whose edits are opposite (μ or τx shifted by +ε and −ε). Edited
 * after the fact, those change the later challenges and do not cancel even without batch weights; the
 * adaptive pair below (μ ± d, then w and the inner-product argument recomputed honestly) does cancel
 * under equal weights, so only the random weights refuse it. And the typed API must
 * refuse what the wire decoder would: scalars that are not reduced mod ℓ, vectors of the wrong length,
 * objects that are not points.
 */
import { describe, expect, it } from 'vitest';
import { ORDER, add, scalar, type Scalar } from '../../src/core/scalar.js';
import { proveRange, verifyRange, verifyRangeBatch, type RangeProof } from '../../src/proofs/rangeproof/index.js';
import { rangeCoefficientsForTest } from '../../src/proofs/rangeproof/verifier.js';
import { forgeRange, rangeEquations } from '../../src/proofs/testing.js';
import { scalars, transcript } from './helpers.js';

const rs = scalars('forgery/range-batch');

function proven(statement: string, values: bigint[], n: 8 | 16 = 8) {
  const { proof, commitments } = proveRange(transcript(statement), values, values.map(() => rs()), n);
  return { proof, commitments, n, statement };
}
const item = (p: ReturnType<typeof proven>, proof: RangeProof = p.proof) => ({ t: transcript(p.statement), commitments: p.commitments, n: p.n, proof });

describe('batched range proofs: errors cannot cancel across proofs', () => {
  const a = proven('a', [3n]);
  const b = proven('b', [200n]);
  const eps = rs();
  const aBad = { ...a.proof, mu: add(a.proof.mu, eps) };
  const bBad = { ...b.proof, mu: add(b.proof.mu, scalar(-eps)) };

  it('control: the honest pair verifies together and alone', () => {
    expect(verifyRangeBatch([item(a), item(b)])).toBe(true);
  });

  it('mu shifted by plus and minus epsilon in two proofs: each refused alone, and the pair refused together', () => {
    expect(verifyRange(transcript('a'), a.commitments, 8, aBad)).toBe(false);
    expect(verifyRange(transcript('b'), b.commitments, 8, bBad)).toBe(false);
    expect(verifyRangeBatch([item(a, aBad), item(b, bBad)])).toBe(false);
    expect(verifyRangeBatch([item(b, bBad), item(a, aBad)])).toBe(false);
  });

  it('with an honest proof first, whose weight could be the only random one, the pair after it is still refused', () => {
    const h = proven('h', [1n]);
    expect(verifyRangeBatch([item(h), item(a, aBad), item(b, bBad)])).toBe(false);
    expect(verifyRangeBatch([item(h), item(a), item(b)])).toBe(true);
  });

  it('the same for taux, the blinding of the polynomial equation, shifted by plus and minus epsilon', () => {
    const aT = { ...a.proof, taux: add(a.proof.taux, eps) };
    const bT = { ...b.proof, taux: add(b.proof.taux, scalar(-eps)) };
    expect(verifyRangeBatch([item(a, aT), item(b, bT)])).toBe(false);
  });

  it('proofs of different sizes batch together, over the largest proof generators, and one bad one sinks them', () => {
    const big = proven('big', [1n, 2n, 3n, 4n, 5n], 16);
    expect(verifyRangeBatch([item(a), item(big)])).toBe(true);
    expect(verifyRangeBatch([item(big), item(a)])).toBe(true);
    expect(verifyRangeBatch([item(big), item(a, aBad)])).toBe(false);
    expect(verifyRangeBatch([item(a, aBad), item(big)])).toBe(false);
    expect(verifyRangeBatch([])).toBe(true);
  });
});

describe('batched range proofs: adaptive errors that cancel unless the weights are random', () => {
  // Proof A has μ + d, proof B μ − d, and each then computes w and the inner-product argument honestly
  // from its vectors l, r. The verifier's P holds −μ·H, so A's inner-product equation misses by −d·H and
  // B's by +d·H, while both polynomial equations hold (their c-weighted part has its own random c per
  // proof anyway). With batch weights r_A, r_B the sum misses by (r_B − r_A)·d·H, zero only if r_A = r_B:
  // the pair passes a batch whose weights are all 1 or all equal.
  const d = rs();
  const gA = [rs()];
  const gB = [rs()];
  const fa = forgeRange(transcript('cancel-a'), [5n], gA, 8, { muShift: d });
  const fb = forgeRange(transcript('cancel-b'), [99n], gB, 8, { muShift: scalar(-d) });
  const honest = proven('cancel-h', [7n]);
  const A = { t: transcript('cancel-a'), commitments: fa.commitments, n: 8 as const, proof: fa.proof };
  const B = { t: transcript('cancel-b'), commitments: fb.commitments, n: 8 as const, proof: fb.proof };
  const fresh = (x: typeof A) => ({ ...x, t: transcript(x === A ? 'cancel-a' : 'cancel-b') });

  it('each forged proof fails exactly its inner-product equation and is refused alone', () => {
    expect(rangeEquations(transcript('cancel-a'), fa.commitments, 8, fa.proof)).toEqual({ polynomial: true, innerProduct: false });
    expect(rangeEquations(transcript('cancel-b'), fb.commitments, 8, fb.proof)).toEqual({ polynomial: true, innerProduct: false });
    expect(verifyRange(transcript('cancel-a'), fa.commitments, 8, fa.proof)).toBe(false);
    expect(verifyRange(transcript('cancel-b'), fb.commitments, 8, fb.proof)).toBe(false);
  });

  it('control: without the shift the same forger makes valid proofs that batch', () => {
    const ha = forgeRange(transcript('cancel-a'), [5n], gA, 8);
    expect(verifyRangeBatch([{ ...A, t: transcript('cancel-a'), commitments: ha.commitments, proof: ha.proof }, item(honest)])).toBe(true);
  });

  it('the pair with opposite mu shifts is refused in one batch, in either order', () => {
    expect(verifyRangeBatch([A, B])).toBe(false);
    expect(verifyRangeBatch([fresh(B), fresh(A)])).toBe(false);
  });

  it('the pair is refused after an honest first proof too, whatever weight the first one gets', () => {
    expect(verifyRangeBatch([item(honest), fresh(A), fresh(B)])).toBe(false);
  });
});

describe('typed input the wire decoder would refuse', () => {
  const p = proven('typed', [77n]);
  const v = (proof: unknown, commitments: unknown = p.commitments, n: unknown = 8) =>
    verifyRange(transcript('typed'), commitments as RangeProof['L'], n as 8, proof as RangeProof);

  it('control', () => {
    expect(v(p.proof)).toBe(true);
  });

  it('a final a or b not reduced mod the group order, the same residue, is refused as decoding would', () => {
    expect(v({ ...p.proof, a: [p.proof.a[0]! + ORDER] })).toBe(false);
    expect(v({ ...p.proof, b: [p.proof.b[0]! + ORDER] })).toBe(false);
    expect(v({ ...p.proof, a: [-1n] })).toBe(false);
  });

  it('the verifier refuses them itself, before any arithmetic (the JavaScript coefficients, as on noble)', () => {
    // The WebAssembly backend refuses unreduced scalars too (src/core/backend/wasm.ts), so on it the
    // verifier's own check is backed up; here it is the only one, as it is on the noble backend.
    const js = (proof: RangeProof) => rangeCoefficientsForTest([{ t: transcript('typed'), commitments: p.commitments, n: 8, proof }], [1n as Scalar], undefined);
    expect(js(p.proof)).not.toBeNull();
    expect(js({ ...p.proof, a: [(p.proof.a[0]! + ORDER) as Scalar] })).toBeNull();
    expect(js({ ...p.proof, b: [(p.proof.b[0]! + ORDER) as Scalar] })).toBeNull();
    expect(rangeCoefficientsForTest([{ t: transcript('typed'), commitments: p.commitments, n: 7 as 8, proof: p.proof }], [1n as Scalar], undefined)).toBeNull();
    // Final vectors of length 3: one entry not reduced among reduced ones.
    const q = proven('typed3', [1n, 2n, 3n]);
    const js3 = (proof: RangeProof) => rangeCoefficientsForTest([{ t: transcript('typed3'), commitments: q.commitments, n: 8, proof }], [1n as Scalar], undefined);
    expect(js3(q.proof)).not.toBeNull();
    expect(js3({ ...q.proof, a: [q.proof.a[0]!, (q.proof.a[1]! + ORDER) as Scalar, q.proof.a[2]!] })).toBeNull();
    expect(js3({ ...q.proof, b: [q.proof.b[0]!, q.proof.b[1]!, (q.proof.b[2]! + ORDER) as Scalar] })).toBeNull();
  });

  it('in final vectors of length 3, one entry not reduced among reduced ones is refused', () => {
    // Three values pad to m' = 3, so the inner-product argument ends with a, b of length c = 3.
    const q = proven('typed3', [1n, 2n, 3n]);
    const v3 = (proof: RangeProof) => verifyRange(transcript('typed3'), q.commitments, 8, proof);
    expect(q.proof.a.length).toBe(3);
    expect(v3(q.proof)).toBe(true);
    expect(v3({ ...q.proof, a: [q.proof.a[0]!, (q.proof.a[1]! + ORDER) as Scalar, q.proof.a[2]!] })).toBe(false);
    expect(v3({ ...q.proof, b: [q.proof.b[0]!, q.proof.b[1]!, (q.proof.b[2]! + ORDER) as Scalar] })).toBe(false);
  });

  it('taux, mu or t not reduced, or not bigints, are refused', () => {
    for (const f of ['taux', 'mu', 't'] as const) {
      expect(v({ ...p.proof, [f]: p.proof[f] + ORDER }), f).toBe(false);
      expect(v({ ...p.proof, [f]: Number(7) }), f).toBe(false);
    }
  });

  it('final vectors, L or R of the wrong length, or not arrays: refused', () => {
    expect(v({ ...p.proof, a: [...p.proof.a, 1n as Scalar] })).toBe(false);
    expect(v({ ...p.proof, b: [] })).toBe(false);
    expect(v({ ...p.proof, L: p.proof.L.slice(1) })).toBe(false);
    expect(v({ ...p.proof, R: p.proof.R.slice(1) })).toBe(false);
    expect(v({ ...p.proof, L: [...p.proof.L, p.proof.L[0]!], R: [...p.proof.R, p.proof.R[0]!] })).toBe(false);
    expect(v({ ...p.proof, a: 'x' })).toBe(false);
    expect(v({ ...p.proof, L: {} })).toBe(false);
  });

  it('points that are not points, no proof at all, a bad n or no commitments: refused, never thrown', () => {
    for (const f of ['A', 'S', 'T1', 'T2'] as const) expect(v({ ...p.proof, [f]: {} }), f).toBe(false);
    expect(v(null)).toBe(false);
    expect(v(undefined)).toBe(false);
    expect(v(p.proof, p.commitments, 12)).toBe(false);
    expect(v(p.proof, [])).toBe(false);
    expect(v(p.proof, [{}])).toBe(false);
    expect(v(p.proof, 'x')).toBe(false);
    expect(verifyRangeBatch([item(p), { ...item(p), proof: null as unknown as RangeProof }])).toBe(false);
    // A point-like object that throws when encoded: the verifier catches it and refuses, it never accepts.
    const hostile = { toBytes: () => { throw new Error('hostile'); } };
    expect(v(p.proof, [hostile])).toBe(false);
    expect(v({ ...p.proof, A: hostile })).toBe(false);
    expect(verifyRangeBatch([item(p), { ...item(p), commitments: [hostile as unknown as RangeProof['A']] }])).toBe(false);
  });
});
