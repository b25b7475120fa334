/**
 * Aggregated range-proof prover (Bünz et al. 2018, §4.1–4.3):
 *
 *   PoK{ (v_j, γ_j)_{j<m} : V_j = v_j·G + γ_j·H  ∧  v_j ∈ [0, 2^n) }
 *
 * With N = n·m' (m' = m padded to a power of two, padding values 0 with blinding 0):
 *   a_L = the bits of all v_j (index j·n + i = bit i of v_j), a_R = a_L − 1^N;
 *   A = α·H + ⟨a_L, 𝐆⟩ + ⟨a_R, 𝐇⟩,  S = ρ·H + ⟨s_L, 𝐆⟩ + ⟨s_R, 𝐇⟩;            → y, z
 *   l(X) = (a_L − z·1) + s_L·X,  r(X) = 𝐲^N ∘ (a_R + z·1 + s_R·X) + Σ_j z^{2+j}·(0^{jn} ‖ 2^n ‖ 0^{(m'−j−1)n}),
 *   t(X) = ⟨l(X), r(X)⟩ = t0 + t1·X + t2·X²,  T_i = t_i·G + τ_i·H;            → x
 *   τx = τ2·x² + τ1·x + Σ_j z^{2+j}·γ_j,  μ = α + ρ·x,  t̂ = ⟨l(x), r(x)⟩;          → w, Q = w·G
 *   inner-product argument for ⟨l(x), r(x)⟩ = t̂ over 𝐆, 𝐇' = (y^{−i}·H_i), Q.
 * The protocol is written out in docs/rangeproof.md.
 */
// @ts-nocheck

import { concatBytes, uintLE } from '../../core/bytes.js';
import { MeterproofError } from '../../core/errors.js';
import { G, H } from '../../core/generators.js';
import { commit } from '../../core/pedersen.js';
import { mul as pmul, pinPoints, sumPoints, type Point } from '../../core/point.js';
import { scalarToBytes, type Scalar } from '../../core/scalar.js';
import type { Transcript } from '../../core/transcript.js';
import { innerProductSteps } from './innerproduct.js';
import { runAsync, runSync, type MsmExecutor, type ProverSteps } from './steps.js';
import { isRangeBits, type RangeBits, type RangeProof } from './messages.js';
import { appendStatement, bitGenerators, shapeOf } from './statement.js';
import { batchInvert, innerProduct, isScalar, powers, sadd, smul, ssub } from './vec.js';

export interface RangeProofResult {
  readonly proof: RangeProof;
  /** V_j = v_j·G + γ_j·H, in the order of the values. */
  readonly commitments: Point[];
}

/**
 * Proves that every value is in [0, 2^n). The caller appends its own statement to `t` first; this
 * appends n, m, m' and the commitments itself, then the proof. The nonces come from the transcript's witness rng.
 *
 * Throws MeterproofError: 'range.out_of_range' (a value is negative or ≥ 2^n; the message names its
 * index, never the value), 'range.invalid_input' (bad n, no values, mismatched or non-scalar blindings),
 * 'range.too_large' (n·m' above 2^MAX_ROUNDS).
 */
export function proveRange(t: Transcript, values: readonly bigint[], blindings: readonly Scalar[], n: RangeBits): RangeProofResult {
  return runSync(rangeProofSteps(t, values, blindings, n));
}

/** `proveRange` with its multi-scalar multiplications computed by `exec` (e.g. on worker threads); the same proof. */
export function proveRangeAsync(t: Transcript, values: readonly bigint[], blindings: readonly Scalar[], n: RangeBits, exec: MsmExecutor): Promise<RangeProofResult> {
  return runAsync(rangeProofSteps(t, values, blindings, n), exec);
}

/** The prover as a coroutine that yields its MSMs (steps.ts). Input checks happen on the first step. */
export function* rangeProofSteps(t: Transcript, values: readonly bigint[], blindings: readonly Scalar[], n: RangeBits): ProverSteps<RangeProofResult> {
  if (!isRangeBits(n)) throw new MeterproofError('range.invalid_input', 'n must be 8, 16, 32 or 64');
  const m = values.length;
  if (m < 1) throw new MeterproofError('range.invalid_input', 'at least one value is needed');
  if (blindings.length !== m) throw new MeterproofError('range.invalid_input', 'one blinding per value is needed');
  const bound = 1n << BigInt(n);
  for (let j = 0; j < m; j++) {
    const v = values[j];
    if (typeof v !== 'bigint') throw new MeterproofError('range.invalid_input', `value ${j} is not a bigint`);
    if (v < 0n || v >= bound) {
      throw new MeterproofError('range.out_of_range', `value ${j} is outside [0, 2^${n})`);
    }
    if (!isScalar(blindings[j])) throw new MeterproofError('range.invalid_input', `blinding ${j} is not a scalar`);
  }
  const shape = shapeOf(n, m);
  if (shape === null) throw new MeterproofError('range.too_large', `too many values for ${n}-bit range proofs`);
  const { mPad, N } = shape;

  const commitments = values.map((v, j) => commit(v, blindings[j]!));
  appendStatement(t, shape, commitments);

  // Nonces: one witness rng over the statement so far, the witness (each v_j, then each γ_j, 32 bytes
  // LE) and fresh randomness, and every nonce under its own label and index (core/transcript.ts), so no
  // two are equal however weak the transcript's rng is. The transcript itself is unchanged.
  const rng = t.witnessRng('rp.witness', [concatBytes(...values.map((v) => uintLE(v, 32)), ...blindings.map(scalarToBytes))]);
  const alpha = rng.scalar('rp.alpha');
  const rho = rng.scalar('rp.rho');
  const tau1 = rng.scalar('rp.tau1');
  const tau2 = rng.scalar('rp.tau2');
  const sL = new Array<Scalar>(N);
  const sR = new Array<Scalar>(N);
  for (let i = 0; i < N; i++) {
    sL[i] = rng.scalar('rp.sL', i);
    sR[i] = rng.scalar('rp.sR', i);
  }

  const gens = bitGenerators(N);
  const Gx = gens.G;
  const Hx = gens.H;
  pinPoints(Gx);
  pinPoints(Hx);

  // Bits: aL[j·n + i] = bit i of v_j; padded values are 0.
  const aL = new Uint8Array(N);
  for (let j = 0; j < m; j++) {
    let v = values[j]!;
    for (let i = 0; i < n; i++) {
      aL[j * n + i] = Number(v & 1n);
      v >>= 1n;
    }
  }

  // A = α·H + Σ_{a_L[i]=1} G_i − Σ_{a_L[i]=0} H_i   (a_R[i] = a_L[i] − 1 ∈ {0, −1}): additions only.
  const ones: Point[] = [];
  const zeros: Point[] = [];
  for (let i = 0; i < N; i++) (aL[i] ? ones : zeros).push(aL[i] ? Gx[i]! : Hx[i]!);
  const A = pmul(H, alpha).add(sumPoints(ones)).subtract(sumPoints(zeros));

  // S = ρ·H + ⟨s_L, 𝐆⟩ + ⟨s_R, 𝐇⟩ (variable-time MSM over uniformly random scalars).
  const [sGH] = yield { msms: [{ points: Gx.concat(Hx), scalars: (sL as bigint[]).concat(sR) }] };
  const S = pmul(H, rho).add(sGH!);

  t.appendPoint('rp.A', A);
  t.appendPoint('rp.S', S);
  const y = t.challengeScalar('rp.y');
  const z = t.challengeScalar('rp.z');
  if (y === 0n || z === 0n) throw new MeterproofError('range.internal', 'zero challenge');

  // l(X) = l0 + l1·X, r(X) = r0 + r1·X.
  const yN = powers(y, N);
  const zz = powers(z, mPad + 2); // zz[2 + j] = z^{2+j}
  const l0 = new Array<Scalar>(N);
  const r0 = new Array<Scalar>(N);
  const r1 = new Array<Scalar>(N);
  const negZ = ssub(0n, z);
  const oneMinusZ = ssub(1n, z);
  const zMinus1 = ssub(z, 1n);
  for (let j = 0; j < mPad; j++) {
    let two = zz[2 + j]!; // ζ_k = z^{2+j}·2^i
    for (let i = 0; i < n; i++) {
      const k = j * n + i;
      const bit = aL[k]!;
      l0[k] = bit ? oneMinusZ : negZ;
      // y^k·(a_R[k] + z) + ζ_k,  a_R[k] + z = bit − 1 + z
      r0[k] = sadd(smul(yN[k]!, bit ? z : zMinus1), two);
      r1[k] = smul(yN[k]!, sR[k]!);
      two = sadd(two, two);
    }
  }
  const t1 = sadd(innerProduct(l0, 0, r1, 0, N), innerProduct(sL, 0, r0, 0, N));
  const t2 = innerProduct(sL, 0, r1, 0, N);
  const T1 = commit(t1, tau1);
  const T2 = commit(t2, tau2);
  t.appendPoint('rp.T1', T1);
  t.appendPoint('rp.T2', T2);
  const x = t.challengeScalar('rp.x');
  if (x === 0n) throw new MeterproofError('range.internal', 'zero challenge');

  let taux = sadd(smul(tau2, smul(x, x)), smul(tau1, x));
  for (let j = 0; j < m; j++) taux = sadd(taux, smul(zz[2 + j]!, blindings[j]!));
  const mu = sadd(alpha, smul(rho, x));
  const l = new Array<Scalar>(N);
  const r = new Array<Scalar>(N);
  for (let k = 0; k < N; k++) {
    l[k] = sadd(l0[k]!, smul(sL[k]!, x));
    r[k] = sadd(r0[k]!, smul(r1[k]!, x));
  }
  const that = innerProduct(l, 0, r, 0, N);
  t.appendScalar('rp.taux', taux);
  t.appendScalar('rp.mu', mu);
  t.appendScalar('rp.t', that);
  const w = t.challengeScalar('rp.w');
  if (w === 0n) throw new MeterproofError('range.internal', 'zero challenge');
  const Q = G.multiplyUnsafe(w);

  const yInv = batchInvert([y])![0]!;
  const hFactors = powers(yInv, N);
  const ipp = yield* innerProductSteps(t, Q, Gx, Hx, hFactors, l, r);
  return {
    proof: { A, S, T1, T2, taux, mu, t: that, L: ipp.L, R: ipp.R, a: ipp.a, b: ipp.b },
    commitments,
  };
}
