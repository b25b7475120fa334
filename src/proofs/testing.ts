/**
 * Test-only: dishonest provers and per-equation checkers for the adaptive-forgery tests (test/forgery).
 * Nothing under src/ imports this module (test/forgery/isolation.test.ts checks it), and it is not
 * exported by the package: a verifier can never reach it.
 *
 * An adaptive forgery commits to a false statement and then computes every Fiat–Shamir challenge
 * honestly from a transcript built exactly as the verifier rebuilds it. Such a proof can only be refused
 * by the verifier's algebra, never by a challenge mismatch, so a test that refuses it fails as soon as
 * the algebraic check it targets is weakened (docs/mutation.md).
 *
 * The sigma provers (Schnorr, OR, one-of, product) do not check their witness, so a false witness given
 * to them already makes such a forgery; this module adds the cases they cannot play (a range proof of a
 * value outside [0, 2^n), an OR proof with both branches simulated) and, for every kind, a way to
 * evaluate each verification equation on its own from the verifier's own transcript replay (the batch
 * functions), so a test can say which equation failed and that the others held.
 */
import { G as BASE_G, H as BASE_H } from '../core/generators.js';
import { commit } from '../core/pedersen.js';
import { IDENTITY, type Point } from '../core/point.js';
import { scalar, type Scalar } from '../core/scalar.js';
import type { Transcript } from '../core/transcript.js';
import type { EquationBatch } from './batch.js';
import { batchOneOf, type OneOfProof } from './oneof.js';
import { batchOr, type OrProof } from './or.js';
import { batchProduct, type ProductProof } from './product.js';
import { batchSchnorr, type SchnorrProof } from './schnorr.js';
import { proveInnerProduct } from './rangeproof/innerproduct.js';
import type { RangeBits, RangeProof } from './rangeproof/messages.js';
import { appendStatement, bitGenerators, shapeOf } from './rangeproof/statement.js';
import { batchInvert, innerProduct, powers, sadd, smul, ssub } from './rangeproof/vec.js';

// ---------------------------------------------------------------------------------------------------
// Sigma proofs: the verifier's equations, one by one.

type Terms = ReadonlyArray<readonly [bigint, Point]>;

/** An EquationBatch stand-in that keeps each equation instead of weighting and summing them. */
class EquationRecorder {
  readonly equations: Terms[] = [];
  add(terms: Terms): void {
    this.equations.push(terms.map(([s, P]) => [s, P] as const));
  }
}

/** Σ s_i·P_i = 0, evaluated directly (no batch weights). */
export function holds(terms: Terms): boolean {
  let acc = IDENTITY;
  for (const [s, P] of terms) {
    const k = scalar(s);
    if (k !== 0n) acc = acc.add(P.multiplyUnsafe(k));
  }
  return acc.is0();
}

function recordWith(f: (b: EquationBatch) => unknown): boolean[] {
  const rec = new EquationRecorder();
  f(rec as unknown as EquationBatch);
  return rec.equations.map(holds);
}

/** [s·B − R − c·P = 0] */
export function schnorrEquations(t: Transcript, base: Point, P: Point, p: SchnorrProof): boolean[] {
  return recordWith((b) => batchSchnorr(b, t, base, P, p));
}

/** [s_1·H − R_1 − c_1·P_1 = 0, s_2·H − R_2 − (c − c_1)·P_2 = 0] */
export function orEquations(t: Transcript, P1: Point, P2: Point, p: OrProof): boolean[] {
  return recordWith((b) => batchOr(b, t, P1, P2, p));
}

/** [z_a·G + z_r·H = T_1 + c·A, z_a·B + z_τ·H = T_2 + c·P] */
export function productEquations(t: Transcript, A: Point, B: Point, P: Point, p: ProductProof): boolean[] {
  return recordWith((b) => batchProduct(b, t, A, B, P, p));
}

/** [s_i·H = R_i + c_i·P_i for each i], or [] when the shape is refused. */
export function oneOfEquations(t: Transcript, P: readonly Point[], p: OneOfProof): boolean[] {
  return recordWith((b) => batchOneOf(b, t, P, p));
}

/**
 * An OR proof with both branches simulated: (c_i, s_i) chosen freely and R_i = s_i·H − c_i·P_i, which
 * satisfies both equations for c_1 and c_2 of the forger's choosing. Only c_1 is sent; the verifier
 * derives c_2 = c − c_1 from the honest challenge c, which differs from the simulated one.
 */
export function forgeOrBothSimulated(t: Transcript, P1: Point, P2: Point, c1: Scalar, s1: Scalar, c2: Scalar, s2: Scalar): OrProof {
  const R1 = BASE_H.multiplyUnsafe(s1).subtract(P1.multiplyUnsafe(c1));
  const R2 = BASE_H.multiplyUnsafe(s2).subtract(P2.multiplyUnsafe(c2));
  t.appendPoint('or.P1', P1);
  t.appendPoint('or.P2', P2);
  t.appendPoint('or.R1', R1);
  t.appendPoint('or.R2', R2);
  t.challengeScalar('or.c'); // the honest challenge, computed and ignored: the forger cannot steer it
  return { R1, R2, c1, s1, s2 };
}

// ---------------------------------------------------------------------------------------------------
// Range proofs: the prover's algebra on a witness that is not a bit decomposition.

export type RangeForgeMode =
  /** t̂ = ⟨l(x), r(x)⟩ (honest inner product): fails t̂·G + τx·H = Σ z^{2+j}·V_j + δ·G + x·T1 + x²·T2. */
  | 'inner'
  /** t̂ chosen to satisfy that equation: the inner-product argument then proves a false ⟨l, r⟩ = t̂. */
  | 'polynomial'
  /** t̂ as in 'polynomial', and l(x) edited so that ⟨l', r⟩ = t̂ holds: l' is not what A + x·S commits to. */
  | 'vectors';

export interface RangeForgery {
  readonly proof: RangeProof;
  /** V_j = v_j·G + γ_j·H with v_j taken mod ℓ (any integer, in range or not). */
  readonly commitments: Point[];
}

export interface RangeForgeOptions {
  readonly mode?: RangeForgeMode;
  /**
   * a_L and a_R, N = n·m' entries each (padding included); by default a_L holds the low n bits of each
   * v_j mod 2^n and a_R = a_L − 1. For a v_j outside [0, 2^n) no bit vector gives ⟨a_L, 2^n⟩ = v_j, so the
   * default breaks that; a caller may pass non-bits that satisfy ⟨a_L, 2^n⟩ ≡ v_j instead, which then
   * break a_L ∘ a_R = 0 or a_L − a_R = 1.
   */
  readonly aL?: readonly Scalar[];
  readonly aR?: readonly Scalar[];
  /** Nonces (α, ρ, τ1, τ2, s_L, s_R) come from this; fixed by default so a forgery reproduces. */
  readonly seed?: bigint;
  /**
   * Added to μ before it is absorbed; w and the inner-product argument are then computed honestly from
   * the prover's vectors l, r. The inner-product equation then misses by exactly −shift·H (the verifier's
   * P has −μ·H) and the polynomial equation still holds: two proofs with shifts +d and −d have errors that
   * cancel in a batch whose weights are equal (test/forgery/range-batch.test.ts).
   */
  readonly muShift?: Scalar;
}

/** The low n bits of v mod 2^n, for each value, padded with zeros to N: what an honest prover would use. */
export function defaultBits(values: readonly bigint[], n: number, N: number): Scalar[] {
  const out = new Array<Scalar>(N).fill(0n as Scalar);
  values.forEach((v0, j) => {
    let v = ((v0 % (1n << BigInt(n))) + (1n << BigInt(n))) % (1n << BigInt(n));
    for (let i = 0; i < n; i++) {
      out[j * n + i] = (v & 1n) as Scalar;
      v >>= 1n;
    }
  });
  return out;
}

/**
 * A range proof for commitments to `values` (any integers; V_j = (v_j mod ℓ)·G + γ_j·H), computed with
 * the prover's algebra (src/proofs/rangeproof/prover.ts) on the given a_L, a_R and every challenge taken
 * honestly from the transcript in the verifier's order. For an honest witness it is a valid proof.
 */
export function forgeRange(t: Transcript, values: readonly bigint[], blindings: readonly Scalar[], n: RangeBits, opts: RangeForgeOptions = {}): RangeForgery {
  const m = values.length;
  const shape = shapeOf(n, m);
  if (shape === null || blindings.length !== m) throw new RangeError('forgeRange: bad shape');
  const { mPad, N } = shape;
  const commitments = values.map((v, j) => commit(scalar(v), blindings[j]!));
  appendStatement(t, shape, commitments);

  let seed = opts.seed ?? 0x5eedn;
  const nonce = (): Scalar => {
    seed = (seed * 6364136223846793005n + 1442695040888963407n) % (1n << 255n);
    return scalar(seed * 0x9e3779b97f4a7c15n + 12345n);
  };
  const alpha = nonce();
  const rho = nonce();
  const tau1 = nonce();
  const tau2 = nonce();
  const sL = Array.from({ length: N }, nonce);
  const sR = Array.from({ length: N }, nonce);
  const aL = opts.aL ?? defaultBits(values, n, N);
  const aR = opts.aR ?? aL.map((b) => ssub(b, 1n));
  if (aL.length !== N || aR.length !== N) throw new RangeError('forgeRange: a_L and a_R need n·m\' entries');

  const { G: Gx, H: Hx } = bitGenerators(N);
  let A = BASE_H.multiplyUnsafe(alpha);
  let S = BASE_H.multiplyUnsafe(rho);
  for (let i = 0; i < N; i++) {
    if (aL[i] !== 0n) A = A.add(Gx[i]!.multiplyUnsafe(aL[i]!));
    if (aR[i] !== 0n) A = A.add(Hx[i]!.multiplyUnsafe(aR[i]!));
    S = S.add(Gx[i]!.multiplyUnsafe(sL[i]!)).add(Hx[i]!.multiplyUnsafe(sR[i]!));
  }
  t.appendPoint('rp.A', A);
  t.appendPoint('rp.S', S);
  const y = t.challengeScalar('rp.y');
  const z = t.challengeScalar('rp.z');

  // l(X) = (a_L − z) + s_L·X,  r(X) = y^k ∘ (a_R + z + s_R·X) + ζ_k,  ζ_k = z^{2+j}·2^i.
  const yN = powers(y, N);
  const zz = powers(z, mPad + 3);
  const l0 = new Array<Scalar>(N);
  const r0 = new Array<Scalar>(N);
  const r1 = new Array<Scalar>(N);
  for (let j = 0; j < mPad; j++) {
    let zeta = zz[2 + j]!;
    for (let i = 0; i < n; i++) {
      const k = j * n + i;
      l0[k] = ssub(aL[k]!, z);
      r0[k] = sadd(smul(yN[k]!, sadd(aR[k]!, z)), zeta);
      r1[k] = smul(yN[k]!, sR[k]!);
      zeta = sadd(zeta, zeta);
    }
  }
  const t1 = sadd(innerProduct(l0, 0, r1, 0, N), innerProduct(sL, 0, r0, 0, N));
  const t2 = innerProduct(sL, 0, r1, 0, N);
  const T1 = commit(t1, tau1);
  const T2 = commit(t2, tau2);
  t.appendPoint('rp.T1', T1);
  t.appendPoint('rp.T2', T2);
  const x = t.challengeScalar('rp.x');

  let taux = sadd(smul(tau2, smul(x, x)), smul(tau1, x));
  for (let j = 0; j < m; j++) taux = sadd(taux, smul(zz[2 + j]!, blindings[j]!));
  const mu = sadd(sadd(alpha, smul(rho, x)), opts.muShift ?? 0n);
  const l = l0.map((v, k) => sadd(v, smul(sL[k]!, x)));
  const r = r0.map((v, k) => sadd(v, smul(r1[k]!, x)));
  let that = innerProduct(l, 0, r, 0, N);
  const mode = opts.mode ?? 'inner';
  if (mode !== 'inner') {
    // The t̂ the polynomial check wants: Σ z^{2+j}·v_j + δ(y, z) + t1·x + t2·x².
    let sumY = 0n;
    for (const p of yN) sumY += p;
    let sumZ3 = 0n;
    for (let j = 0; j < mPad; j++) sumZ3 += zz[3 + j]!;
    const delta = ssub(smul(ssub(z, smul(z, z)), sumY), smul(sumZ3, (1n << BigInt(n)) - 1n));
    let want = sadd(delta, sadd(smul(t1, x), smul(t2, smul(x, x))));
    for (let j = 0; j < m; j++) want = sadd(want, smul(zz[2 + j]!, scalar(values[j]!)));
    that = want;
    if (mode === 'vectors') {
      // l'_0 = l_0 + (t̂ − ⟨l, r⟩)/r_0, so ⟨l', r⟩ = t̂: a true inner product over the wrong vectors.
      const gap = ssub(that, innerProduct(l, 0, r, 0, N));
      l[0] = sadd(l[0]!, smul(gap, batchInvert([r[0]!])![0]!));
    }
  }
  t.appendScalar('rp.taux', taux);
  t.appendScalar('rp.mu', mu);
  t.appendScalar('rp.t', that);
  const w = t.challengeScalar('rp.w');
  const Q = BASE_G.multiplyUnsafe(w);
  const hFactors = powers(batchInvert([y])![0]!, N);
  const ipp = proveInnerProduct(t, Q, Gx, Hx, hFactors, l, r);
  return { proof: { A, S, T1, T2, taux, mu, t: that, L: ipp.L, R: ipp.R, a: ipp.a, b: ipp.b }, commitments };
}

export interface RangeEquations {
  /** t̂·G + τx·H = Σ_j z^{2+j}·V_j + δ(y, z)·G + x·T1 + x²·T2 */
  readonly polynomial: boolean;
  /** The inner-product argument, generators folded explicitly round by round (not the verifier's MSM). */
  readonly innerProduct: boolean;
}

/**
 * The range verifier's two equations, each on its own, by a plain re-implementation (the textbook
 * form, not verifier.ts's single multiscalar multiplication) over the same transcript. For small
 * proofs only: it folds the generators one round at a time.
 */
export function rangeEquations(t: Transcript, commitments: readonly Point[], n: RangeBits, proof: RangeProof): RangeEquations {
  const shape = shapeOf(n, commitments.length);
  if (shape === null || proof.L.length !== shape.k) throw new RangeError('rangeEquations: wrong shape');
  const { m, mPad, N } = shape;
  appendStatement(t, shape, commitments);
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
  const w = t.challengeScalar('rp.w');

  const yN = powers(y, N);
  const zz = powers(z, mPad + 3);
  let sumY = 0n;
  for (const p of yN) sumY += p;
  let sumZ3 = 0n;
  for (let j = 0; j < mPad; j++) sumZ3 += zz[3 + j]!;
  const delta = ssub(smul(ssub(z, smul(z, z)), sumY), smul(sumZ3, (1n << BigInt(n)) - 1n));
  let rhs = BASE_G.multiplyUnsafe(delta).add(proof.T1.multiplyUnsafe(x)).add(proof.T2.multiplyUnsafe(smul(x, x)));
  for (let j = 0; j < m; j++) rhs = rhs.add(commitments[j]!.multiplyUnsafe(zz[2 + j]!));
  const lhs = BASE_G.multiplyUnsafe(proof.t).add(BASE_H.multiplyUnsafe(proof.taux));
  const polynomial = lhs.equals(rhs);

  // P = A + x·S − z·Σ G_i + Σ (z·y^i + ζ_i)·H'_i − μ·H + t̂·Q,  H'_i = y^{−i}·H_i,  Q = w·G.
  const { G: G0, H: H0 } = bitGenerators(N);
  const yInv = powers(batchInvert([y])![0]!, N);
  let Gs: Point[] = G0.slice();
  let Hs: Point[] = H0.map((h, i) => h.multiplyUnsafe(yInv[i]!));
  const Q = BASE_G.multiplyUnsafe(w);
  let P = proof.A.add(proof.S.multiplyUnsafe(x)).subtract(BASE_H.multiplyUnsafe(proof.mu)).add(Q.multiplyUnsafe(proof.t));
  for (let j = 0; j < mPad; j++) {
    let zeta = zz[2 + j]!;
    for (let i = 0; i < n; i++) {
      const k = j * n + i;
      P = P.subtract(Gs[k]!.multiplyUnsafe(z)).add(Hs[k]!.multiplyUnsafe(sadd(smul(z, yN[k]!), zeta)));
      zeta = sadd(zeta, zeta);
    }
  }
  t.appendU64('ipp.n', N);
  let len = N;
  for (let r = 0; r < shape.k; r++) {
    t.appendPoint('ipp.L', proof.L[r]!);
    t.appendPoint('ipp.R', proof.R[r]!);
    const u = t.challengeScalar('ipp.u');
    const ui = batchInvert([u])![0]!;
    const h = len / 2;
    P = P.add(proof.L[r]!.multiplyUnsafe(smul(u, u))).add(proof.R[r]!.multiplyUnsafe(smul(ui, ui)));
    Gs = Array.from({ length: h }, (_, i) => Gs[i]!.multiplyUnsafe(ui).add(Gs[h + i]!.multiplyUnsafe(u)));
    Hs = Array.from({ length: h }, (_, i) => Hs[i]!.multiplyUnsafe(u).add(Hs[h + i]!.multiplyUnsafe(ui)));
    len = h;
  }
  let want = Q.multiplyUnsafe(scalar(innerProduct(proof.a, 0, proof.b, 0, len)));
  for (let i = 0; i < len; i++) want = want.add(Gs[i]!.multiplyUnsafe(proof.a[i]!)).add(Hs[i]!.multiplyUnsafe(proof.b[i]!));
  return { polynomial, innerProduct: P.equals(want) };
}
