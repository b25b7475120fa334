/**
 * The range prover under a weak rng (issue 8, point 7). Its nonces come from the transcript's witness
 * rng, one draw per (label, index), so with a constant rng
 *   (a) every s_L[i], s_R[i] is its own value,
 *   (b) two proofs of different values of one statement share no nonce, and
 *   (c) the review's attack fails: with all s_L[i] equal (s) and all s_R[i] equal (s'), the final
 *       inner-product scalars a = Σ c_i·(a_L[i] − z + s·x) and b = Σ d_i·(y^i·(a_L[i] − 1 + z + s'·x) + z²·2^i)
 *       (c_i, d_i from the public challenges) give s and s' for each guess of the bits, and t̂ = ⟨l, r⟩
 *       confirms the right guess: a 16-bit value falls to 2^16 tries from one proof.
 * s_L and s_R are observed as the scalars of the prover's first MSM (S = ρ·H + ⟨s_L, 𝐆⟩ + ⟨s_R, 𝐇⟩).
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { msm } from '../../src/core/msm.js';
import type { Point } from '../../src/core/point.js';
import { inv, ORDER, type Scalar } from '../../src/core/scalar.js';
import { Transcript, type WitnessRng } from '../../src/core/transcript.js';
import { innerProductChallenges } from '../../src/proofs/rangeproof/innerproduct.js';
import { proveRange, proveRangeAsync, verifyRange, type MsmBatch, type RangeBits, type RangeProof } from '../../src/proofs/rangeproof/index.js';
import { appendStatement, shapeOf } from '../../src/proofs/rangeproof/statement.js';
import { powers, sadd, smul, ssub } from '../../src/proofs/rangeproof/vec.js';
import { WEAK } from '../core/weak-rng.js';
import { blindings, PROTOCOL, transcript } from './helpers.js';

/** The proof and its s_L ‖ s_R, read off the first MSM the prover asks for. */
async function proveObserved(t: Transcript, values: bigint[], gammas: Scalar[], n: RangeBits) {
  let first: bigint[] | undefined;
  const exec = async (b: MsmBatch): Promise<Point[]> => {
    first ??= [...b.msms[0]!.scalars];
    return b.msms.map((m) => msm(m.points, m.scalars));
  };
  const r = await proveRangeAsync(t, values, gammas, n, exec);
  const N = first!.length / 2;
  return { ...r, sL: first!.slice(0, N), sR: first!.slice(N) };
}

/**
 * The old prover's structure, as a control for the attack: a transcript whose witness rng ignores the
 * draw index, so every s_L[i] is one value and every s_R[i] another (what one label from one state gave).
 */
class OneDrawPerLabel extends Transcript {
  override witnessRng(label: string, witness: Iterable<Uint8Array>): WitnessRng {
    const r = super.witnessRng(label, witness);
    const bytes = r.bytes.bind(r);
    r.bytes = (l: string) => bytes(l, 0);
    return r;
  }
}

/**
 * The review's attack on a proof that one value is in [0, 2^16): for each guess v, solve s and s' from
 * the final scalars a and b, and keep v if t̂ = ⟨l, r⟩. Returns the values that pass (none, if s_L and
 * s_R are not constant vectors, but for a chance of about 2^16/ℓ).
 */
function constantNonceAttack(statement: string, V: Point, proof: RangeProof): bigint[] {
  const n = 16;
  const shape = shapeOf(n, 1)!;
  const N = shape.N;
  const t = transcript(statement);
  appendStatement(t, shape, [V]);
  t.appendPoint('rp.A', proof.A);
  t.appendPoint('rp.S', proof.S);
  const y = t.challengeScalar('rp.y');
  const z = t.challengeScalar('rp.z');
  t.appendPoint('rp.T1', proof.T1);
  t.appendPoint('rp.T2', proof.T2);
  const x = t.challengeScalar('rp.x');
  t.appendScalar('rp.taux', proof.taux);
  t.appendScalar('rp.mu', proof.mu);
  t.appendScalar('rp.t', proof.t);
  t.challengeScalar('rp.w');
  const { s } = innerProductChallenges(t, N, proof)!;
  // a folds l with the inverses of the G coefficients s_i (s_i⁻¹ = s_{N−1−i}), b folds r with s_i.
  const ca = Array.from({ length: N }, (_, i) => s[N - 1 - i]!);
  const cb = Array.from({ length: N }, (_, i) => s[i]!);
  const yN = powers(y, N);
  const z2 = smul(z, z);
  const two = powers(2n as Scalar, N);
  const sumCa = ca.reduce((acc, c) => sadd(acc, c), 0n as Scalar);
  const cbY = cb.map((c, i) => smul(c, yN[i]!));
  const sumCbY = cbY.reduce((acc, c) => sadd(acc, c), 0n as Scalar);
  const invA = inv(smul(x, sumCa));
  const invB = inv(smul(x, sumCbY));
  // Parts of a and b that do not depend on the bits.
  const a0 = sadd(proof.a[0]!, smul(z, sumCa));
  let b0 = proof.b[0]!;
  for (let i = 0; i < N; i++) b0 = ssub(b0, smul(cb[i]!, sadd(smul(yN[i]!, ssub(z, 1n)), smul(z2, two[i]!))));
  // With X = s·x and Y = s'·x, l_i = λ_i + X and r_i = ρ_i + y^i·Y, where λ_i = bit − z and
  // ρ_i = y^i·(bit − 1 + z) + z²·2^i depend on bit i alone, so
  //   ⟨l, r⟩ = Σ λ_i·ρ_i + Y·Σ λ_i·y^i + X·Σ ρ_i + X·Y·Σ y^i,
  // and each sum over i is a sum of per-bit terms: a few multiplications per guess.
  const lam = [0, 1].map((bit) => ssub(BigInt(bit), z));
  const rho = Array.from({ length: N }, (_, i) => [0, 1].map((bit) => sadd(smul(yN[i]!, sadd(ssub(BigInt(bit), 1n), z)), smul(z2, two[i]!))));
  const lamRho = rho.map((r) => [0, 1].map((bit) => smul(lam[bit]!, r[bit]!)));
  const lamY = yN.map((y) => [0, 1].map((bit) => smul(lam[bit]!, y)));
  const sumY = yN.reduce((acc, v) => sadd(acc, v), 0n as Scalar);
  const found: bigint[] = [];
  for (let v = 0; v < 1 << n; v++) {
    let sa = 0n; // Σ_{bit i set} c_i
    let sb = 0n; // Σ_{bit i set} d_i·y^i
    let lr = 0n; // Σ λ_i·ρ_i
    let ly = 0n; // Σ λ_i·y^i
    let rs = 0n; // Σ ρ_i
    for (let i = 0; i < N; i++) {
      const bit = (v >> i) & 1;
      if (bit) {
        sa += ca[i]!;
        sb += cbY[i]!;
      }
      lr += lamRho[i]![bit]!;
      ly += lamY[i]![bit]!;
      rs += rho[i]![bit]!;
    }
    const X = smul(smul(ssub(a0, sa % ORDER), invA), x);
    const Y = smul(smul(ssub(b0, sb % ORDER), invB), x);
    const that = sadd(sadd(lr % ORDER, smul(Y, ly % ORDER)), sadd(smul(X, rs % ORDER), smul(smul(X, Y), sumY)));
    if (that === proof.t) found.push(BigInt(v));
  }
  return found;
}

const distinct = (xs: readonly bigint[]) => new Set(xs).size === xs.length;

describe('range prover under a weak rng', () => {
  for (const [name, rng] of WEAK) {
    const tr = (statement: string) => transcript(statement, rng);

    it(`${name}: (a) every s_L[i] and s_R[i] is its own value`, async () => {
      for (const [n, values] of [[16, [4242n]], [8, [1n, 200n, 7n]]] as Array<[RangeBits, bigint[]]>) {
        const { sL, sR, proof, commitments } = await proveObserved(tr('weak-a'), values, blindings('weak-a', values.length), n);
        expect(distinct([...sL, ...sR])).toBe(true);
        expect(verifyRange(transcript('weak-a'), commitments, n, proof)).toBe(true);
      }
    });

    it(`${name}: (b) proofs of two values of one statement share no nonce`, async () => {
      const g = blindings('weak-b', 1);
      const p1 = await proveObserved(tr('weak-b'), [1000n], g, 16);
      const p2 = await proveObserved(tr('weak-b'), [1001n], g, 16);
      expect(distinct([...p1.sL, ...p1.sR, ...p2.sL, ...p2.sR])).toBe(true);
      for (const k of ['A', 'S', 'T1', 'T2'] as const) expect(p1.proof[k].equals(p2.proof[k])).toBe(false);
      expect(p1.proof.mu).not.toBe(p2.proof.mu);
    });

    it(`${name}: (c) a 16-bit value is not recovered from one proof by search`, () => {
      const v = 0xbeefn;
      const { proof, commitments } = proveRange(tr('weak-c'), [v], blindings('weak-c', 1), 16);
      expect(constantNonceAttack('weak-c', commitments[0]!, proof)).toEqual([]);
    });
  }

  it('(c, control) the attack works on the old structure: one s_L and one s_R value for every bit', async () => {
    const v = 0xbeefn;
    const t = new OneDrawPerLabel(PROTOCOL, WEAK[0]![1]);
    t.appendString('test.statement', 'weak-c');
    const { proof, commitments, sL } = await proveObserved(t, [v], blindings('weak-c', 1), 16);
    expect(new Set(sL).size).toBe(1);
    expect(constantNonceAttack('weak-c', commitments[0]!, proof)).toEqual([v]);
  });
});
