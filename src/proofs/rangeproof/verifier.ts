/**
 * Aggregated range-proof verifier: accepts iff, for the challenges y, z, x, w, u_k replayed from the
 * transcript and a verifier-chosen random c, one multiscalar multiplication is the identity:
 *
 *     A + x·S + Σ_k (u_k²·L_k + u_k⁻²·R_k) − Σ_i (z + a_j·s_q)·G_i + Σ_i (z + y^{−i}·(ζ_i − b_j·s_q⁻¹))·H_i
 *   + (w·(t̂ − ⟨𝐚, 𝐛⟩) + c·(δ(y,z) − t̂))·G − (μ + c·τx)·H + c·x·T1 + c·x²·T2 + Σ_j c·z^{2+j}·V_j  =  0
 *
 * where ζ_i = z^{2+j}·2^{i mod n} for i in block j, δ(y,z) = (z − z²)·Σ_{i<N} y^i − Σ_{j<m'} z^{3+j}·(2^n − 1)
 * and, writing i = q·c + j (the final vectors 𝐚, 𝐛 have length c), s_q = Π_k u_k^{±1}. The first line is the inner-product check on P = A + x·S − z·⟨1, 𝐆⟩ +
 * ⟨z·𝐲^N + ζ, 𝐇'⟩ − μ·H + t̂·Q with Q = w·G; the c-weighted rest is t̂·G + τx·H = Σ_j z^{2+j}·V_j +
 * δ·G + x·T1 + x²·T2. Both hold for an honest proof; if either fails the sum is the identity with
 * probability ≤ 1/ℓ over c. Batch verification adds the equations of several proofs, each times a fresh
 * random weight, into one multiscalar multiplication (shared generators merge their coefficients).
 */
import { backend } from '../../core/backend/index.js';
import type { RangeCoefficientInput, RangeScalarOps } from '../../core/backend/types.js';
import { G as BASE_G, H as BASE_H } from '../../core/generators.js';
import { msm } from '../../core/msm.js';
import { pinPoints } from '../../core/point.js';
import type { Point } from '../../core/point.js';
import { randomScalar, type Scalar } from '../../core/scalar.js';
import type { Transcript } from '../../core/transcript.js';
import { innerProductChallenges } from './innerproduct.js';
import { isRangeBits, type RangeBits, type RangeProof } from './messages.js';
import { appendStatement, bitGenerators, shapeOf } from './statement.js';
import { batchInvert, isScalar, powers, sadd, smul, ssub, sumOfPowers } from './vec.js';

export interface RangeProofItem {
  readonly t: Transcript;
  readonly commitments: readonly Point[];
  readonly n: RangeBits;
  readonly proof: RangeProof;
}

/** Coefficients of one proof's verification equation, already multiplied by its batch weight. */
interface Terms {
  N: number;
  /** what the coefficients of G_i and H_i, i < N, are made of (`coefficients` below, or the backend's) */
  input: RangeCoefficientInput;
  /** s_q = Π_k u_k^{±1} for the JavaScript coefficients (empty when the backend makes them) */
  s: readonly Scalar[];
  /** coefficients of the Pedersen bases */
  baseG: bigint;
  baseH: bigint;
  /** the proof's own points (A, S, T1, T2, V_j, L_k, R_k) and their coefficients */
  points: Point[];
  scalars: bigint[];
}

function isPointLike(p: unknown): p is Point {
  // Stryker disable next-line all: anything that is not a point throws when the transcript encodes it, and verifyRange's catch refuses it (tested)
  return typeof p === 'object' && p !== null && typeof (p as Point).toBytes === 'function';
}

function wellTyped(item: RangeProofItem): boolean {
  // These guards turn a badly typed proof into false before any arithmetic. Most are also enforced by what
  // follows (the transcript throws on a non-point, a shape check catches wrong lengths, verifyRange's
  // catch turns any throw into false: test/forgery/range-batch.test.ts), so weakening them is equivalent;
  // the one that is not is the check that a and b are reduced (nothing is drawn from the transcript after
  // them, so a + ℓ would pass the equation): it stays mutated.
  const p = item.proof as Partial<RangeProof> | null | undefined;
  // Stryker disable next-line all: a missing proof throws at its first field, and the catch refuses it
  if (typeof p !== 'object' || p === null) return false;
  // Stryker disable next-line all: a non-point commitment throws when the statement is appended
  if (!Array.isArray(item.commitments) || !item.commitments.every(isPointLike)) return false;
  // Stryker disable next-line all: a non-point throws when the transcript absorbs it
  if (![p.A, p.S, p.T1, p.T2].every(isPointLike)) return false;
  // Stryker disable next-line all: τx, μ, t̂ are absorbed before the challenge w, so a non-canonical one changes w (or throws)
  if (![p.taux, p.mu, p.t].every(isScalar)) return false;
  // Stryker disable next-line all: a non-array a or b throws at .every (or later at .map), and the catch refuses it
  if (!Array.isArray(p.a) || !Array.isArray(p.b)) return false;
  if (!p.a.every(isScalar) || !p.b.every(isScalar)) return false;
  // Stryker disable next-line all: innerProductChallenges refuses L and R of lengths other than the rounds
  if (!Array.isArray(p.L) || !Array.isArray(p.R) || p.L.length !== p.R.length) return false;
  // Stryker disable next-line all: a non-point L or R throws when the transcript absorbs it
  return p.L.every(isPointLike) && p.R.every(isPointLike);
}

/**
 * Replays the transcript and computes the weighted terms; null if the proof is inconsistent. With `ops`
 * (the backend's scalar arithmetic) the backend makes the products s_q itself, unless `products` asks.
 */
// Stryker disable next-line ConditionalExpression,EqualityOperator,BooleanLiteral: asking for s when the backend makes its own is only slower (on noble, where the JavaScript coefficients read s, test:noble runs the same tests)
function terms(item: RangeProofItem, weight: Scalar | null, ops: RangeScalarOps | undefined, products = ops === undefined): Terms | null {
  const { t, commitments, n, proof } = item;
  if (!isRangeBits(n) || !wellTyped(item)) return null;
  const shape = shapeOf(n, commitments.length);
  // Stryker disable next-line all: a null shape throws at shape.k and innerProductChallenges refuses other round counts
  if (shape === null || proof.L.length !== shape.k) return null;
  const { m, mPad, N, c: len } = shape;

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
  const ipp = innerProductChallenges(t, N, proof, products);
  // Stryker disable next-line all: a null ipp throws at ipp.u2 (caught: false); a zero challenge needs a hash output of 0 mod ℓ
  if (ipp === null || y === 0n || z === 0n || x === 0n || w === 0n) return null;
  const yInv = batchInvert([y]);
  // Stryker disable next-line all: y ≠ 0 here, so y is invertible
  if (yInv === null) return null;

  const r = weight ?? (1n as Scalar);
  const c = smul(randomScalar(), r);
  const { a, b } = proof;

  // δ(y, z) = (z − z²)·Σ y^i − Σ_{j<m'} z^{3+j}·(2^n − 1)
  const zz = powers(z, mPad + 3);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: both give Σ y^i (test/core/scalar.test.ts compares them)
  const sumY = ops === undefined ? sumOfPowers(y, N) : (ops.sumOfPowers(y, N) as Scalar);
  let sumZ3 = 0n;
  for (let j = 0; j < mPad; j++) sumZ3 += zz[3 + j]!;
  const delta = ssub(smul(ssub(z, smul(z, z)), sumY), smul(sumZ3, (1n << BigInt(n)) - 1n));

  const input: RangeCoefficientInput = { n, mPad, c: len, r, z, yInv: yInv[0]!, a, b, u2: ipp.u2, uInv: ipp.uInv };

  let ab = 0n as Scalar;
  for (let e = 0; e < len; e++) ab = sadd(ab, smul(a[e]!, b[e]!));
  const baseG = sadd(smul(smul(r, w), ssub(proof.t, ab)), smul(c, ssub(delta, proof.t)));
  const baseH = ssub(0n, sadd(smul(r, proof.mu), smul(c, proof.taux)));

  const points: Point[] = [proof.A, proof.S, proof.T1, proof.T2];
  const scalars: bigint[] = [r, smul(r, x), smul(c, x), smul(c, smul(x, x))];
  for (let j = 0; j < m; j++) {
    points.push(commitments[j]!);
    scalars.push(smul(c, zz[2 + j]!));
  }
  for (let k = 0; k < shape.k; k++) {
    points.push(proof.L[k]!, proof.R[k]!);
    scalars.push(smul(r, ipp.u2[k]!), smul(r, ipp.uInv2[k]!));
  }
  return { N, input, s: ipp.s, baseG, baseH, points, scalars };
}

/** The coefficients of G_k and H_k of one proof (docs at RangeCoefficientInput), in JavaScript bigints. */
function coefficients(tm: Terms): { g: bigint[]; h: bigint[] } {
  const { N, s } = tm;
  const { n, mPad, c: len, r, z, a, b } = tm.input;
  const zz = powers(z as Scalar, mPad + 2);
  // Stryker disable next-line ArrayDeclaration: a preallocated array and one that grows hold the same entries
  const g = new Array<bigint>(N);
  // Stryker disable next-line ArrayDeclaration: as above
  const h = new Array<bigint>(N);
  const last = s.length - 1;
  const rz = smul(r, z);
  const ra = a.map((aj) => smul(r, aj));
  let yi = r; // r·y^{−i}
  const yInv0 = tm.input.yInv;
  for (let j = 0; j < mPad; j++) {
    let zeta = zz[2 + j]!; // z^{2+j}·2^i
    for (let i = 0; i < n; i++) {
      const k = j * n + i;
      const q = Math.floor(k / len);
      const e = k - q * len;
      g[k] = ssub(ssub(0n, rz), smul(ra[e]!, s[q]!));
      // r·(z + y^{−k}·(ζ_k − b_e·s_q⁻¹)),  s_q⁻¹ = s_{2^k−1−q}
      h[k] = sadd(rz, smul(yi, ssub(zeta, smul(b[e]!, s[last - q]!))));
      yi = smul(yi, yInv0);
      zeta = sadd(zeta, zeta);
    }
  }
  return { g, h };
}

/** Σ_p g_p and Σ_p h_p over a batch, zero-padded to N, in JavaScript bigints (the noble backend's path). */
function summedCoefficients(all: readonly Terms[], N: number): { g: bigint[]; h: bigint[] } {
  const g = new Array<bigint>(N).fill(0n);
  const h = new Array<bigint>(N).fill(0n);
  for (const tm of all) {
    const c = coefficients(tm);
    for (let i = 0; i < tm.N; i++) {
      g[i] = sadd(g[i]!, c.g[i]!);
      h[i] = sadd(h[i]!, c.h[i]!);
    }
  }
  return { g, h };
}

/** The backend's range-verifier scalar arithmetic, if it has one (the WebAssembly backend); else the code above. */
// Stryker disable next-line BlockStatement: without the backend's arithmetic the JavaScript coefficients run, the same numbers (test/core/scalar.test.ts compares them)
function scalarOps(): RangeScalarOps | undefined {
  return backend().rangeScalars;
}

/** Checks Σ of the terms' equations with one multiscalar multiplication. */
function checkTerms(all: readonly Terms[], ops: RangeScalarOps | undefined): boolean {
  let maxN = 0;
  for (const tm of all) maxN = Math.max(maxN, tm.N);
  let baseG = 0n;
  let baseH = 0n;
  const points: Point[] = [];
  const scalars: bigint[] = [];
  for (const tm of all) {
    baseG = sadd(baseG, tm.baseG);
    baseH = sadd(baseH, tm.baseH);
    for (let i = 0; i < tm.points.length; i++) {
      points.push(tm.points[i]!);
      scalars.push(tm.scalars[i]!);
    }
  }
  points.push(BASE_G, BASE_H);
  scalars.push(baseG, baseH);
  const gens = bitGenerators(maxN);
  pinPoints(gens.G);
  pinPoints(gens.H);
  // The generator coefficients stay in the backend's memory, summed there, and go into its MSM directly.
  // (On the backend that has them, forcing this true changes nothing; the JavaScript path below is
  // compared with the backend's coefficients by test/core/scalar.test.ts, and runs alone under test:noble.)
  // Stryker disable next-line ConditionalExpression: see above
  if (ops !== undefined) return ops.msm(gens.G, gens.H, all.map((tm) => tm.input), points, scalars).is0();
  const { g, h } = summedCoefficients(all, maxN);
  for (let i = 0; i < maxN; i++) {
    points.push(gens.G[i]!, gens.H[i]!);
    scalars.push(g[i]!, h[i]!);
  }
  return msm(points, scalars).is0();
}

/**
 * Verifies one aggregated range proof for `commitments` (m of them, n bits each). Replays the same
 * transcript as `proveRange`, so the caller must have appended the same statement first. Returns false on
 * any inconsistency (wrong number of rounds, zero challenge, failed check); never throws on a well-typed
 * proof. The random c makes the result randomised only in the negligible probability of a false accept.
 */
export function verifyRange(t: Transcript, commitments: readonly Point[], n: RangeBits, proof: RangeProof): boolean {
  try {
    const ops = scalarOps();
    const tm = terms({ t, commitments, n, proof }, null, ops);
    // Stryker disable next-line ConditionalExpression: checkTerms([null]) throws, and the catch returns false
    return tm !== null && checkTerms([tm], ops);
  } catch {
    return false;
  }
}

/**
 * Verifies several proofs at once: Σ_p r_p·(equation of proof p) = 0 with independent uniformly random
 * weights r_p, in one multiscalar multiplication where the shared generators (G, H, 𝐆, 𝐇) appear once.
 * Accepts iff (with probability ≥ 1 − 2/ℓ) every proof would verify on its own. An empty batch is true.
 * On false it does not say which proof failed: verify them one by one to find out.
 */
export function verifyRangeBatch(items: readonly RangeProofItem[]): boolean {
  try {
    const ops = scalarOps();
    const all: Terms[] = [];
    for (const item of items) {
      // The first proof's weight is 1 (only the ratios of the weights matter), the others are random: with
      // equal weights, two proofs whose inner-product errors are opposite would cancel (test/forgery/range-batch.test.ts).
      // (Mutating the condition to false, so the first proof too gets a random weight, is equivalent; it cannot
      // be marked apart from the `true` mutant on the same line, which the test kills: docs/mutation.md.)
      const tm = terms(item, all.length === 0 ? null : randomScalar(), ops);
      // Stryker disable next-line ConditionalExpression: a null entry makes checkTerms throw, and the catch returns false
      if (tm === null) return false;
      all.push(tm);
    }
    // Stryker disable next-line ConditionalExpression: checkTerms of no proofs is an all-zero MSM, the identity: true
    return all.length === 0 || checkTerms(all, ops);
  } catch {
    return false;
  }
}

/**
 * For tests: the summed generator coefficients of a batch (item p weighted by weights[p]) from the
 * JavaScript code and from `ops` (by default the backend's, if it has them); null if a proof is inconsistent.
 * Consumes the items' transcripts.
 */
// Stryker disable all: a test helper (it compares the two coefficient paths), not part of any verdict
export function rangeCoefficientsForTest(items: readonly RangeProofItem[], weights: readonly Scalar[], ops = scalarOps()): { js: { g: bigint[]; h: bigint[] }; backend: { g: bigint[]; h: bigint[] } | null } | null {
  const all: Terms[] = [];
  for (let p = 0; p < items.length; p++) {
    const tm = terms(items[p]!, weights[p]!, ops, true);
    if (tm === null) return null;
    all.push(tm);
  }
  let N = 0;
  for (const tm of all) N = Math.max(N, tm.N);
  return { js: summedCoefficients(all, N), backend: ops === undefined ? null : ops.coefficients(N, all.map((tm) => tm.input)) };
}
// Stryker restore all
