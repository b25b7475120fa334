/**
 * Range-proof messages and their wire encoding (docs/rangeproof.md, "Encoding").
 *
 * A proof for m values of n bits, with m padded to m' (the smallest 2^j or 3·2^j ≥ m), so that
 * n·m' = c·2^k with c ∈ {1, 3}, k rounds of the inner-product argument and final vectors of length c, is
 * the fixed sequence of 32-byte words
 *
 *   A ‖ S ‖ T1 ‖ T2 ‖ τx ‖ μ ‖ t̂ ‖ L_0 ‖ R_0 ‖ … ‖ L_{k−1} ‖ R_{k−1} ‖ a_0..a_{c−1} ‖ b_0..b_{c−1}
 *                                                                                    (7 + 2k + 2c words)
 *
 * points as canonical ristretto255 encodings, scalars as canonical little-endian integers < ℓ.
 * Decoding is strict: the length must be exactly that of the expected shape (n, m), and every word must
 * be canonical. Why c = 3 exists: padding m = 2,880 values to 4,096 costs 42 % more prover work and
 * generators; 3,072 costs 7 %, for four more scalars in the proof.
 */
import { EncodingError } from '../../core/errors.js';
import { pointFromBytes, type Point } from '../../core/point.js';
import { scalarFromBytes, scalarToBytes, type Scalar } from '../../core/scalar.js';

export type RangeBits = 8 | 16 | 32 | 64;

export const RANGE_BITS: readonly RangeBits[] = [8, 16, 32, 64];

/** Fewest inner-product rounds: n = 8, m = 1. */
export const MIN_ROUNDS = 3;
/** Most inner-product rounds accepted: n·m' ≤ 2^18 = 262,144 generators (e.g. 16,384 × 16 bits, 4,096 × 64 bits). */
export const MAX_ROUNDS = 18;

export interface RangeProof {
  /** A = α·H + ⟨a_L, 𝐆⟩ + ⟨a_R, 𝐇⟩, commitment to the bits. */
  readonly A: Point;
  /** S = ρ·H + ⟨s_L, 𝐆⟩ + ⟨s_R, 𝐇⟩, commitment to the blinding vectors. */
  readonly S: Point;
  /** T1 = t1·G + τ1·H, T2 = t2·G + τ2·H, commitments to the coefficients of t(X). */
  readonly T1: Point;
  readonly T2: Point;
  /** τx = τ2·x² + τ1·x + Σ_j z^{2+j}·γ_j, blinding of t̂. */
  readonly taux: Scalar;
  /** μ = α + ρ·x, blinding of A + x·S. */
  readonly mu: Scalar;
  /** t̂ = t(x) = ⟨l(x), r(x)⟩. */
  readonly t: Scalar;
  /** Inner-product argument: L_k, R_k per round, final vectors a, b of length c ∈ {1, 3}. */
  readonly L: readonly Point[];
  readonly R: readonly Point[];
  readonly a: readonly Scalar[];
  readonly b: readonly Scalar[];
}

export function isRangeBits(n: unknown): n is RangeBits {
  return n === 8 || n === 16 || n === 32 || n === 64;
}

/** m' = the smallest 2^j or 3·2^j that is ≥ m (m ≥ 1). */
export function paddedCount(m: number): number {
  let p = 1;
  while (p < m) p *= 2;
  // p/2 < m ≤ p; 3·p/4 lies between and is of the form 3·2^j when p ≥ 4.
  // Stryker disable next-line ConditionalExpression: for p < 4, 3·p/4 < m already (m > p/2), so dropping p ≥ 4 changes nothing
  return p >= 4 && (3 * p) / 4 >= m ? (3 * p) / 4 : p;
}

/** n·m' = c·2^k: the inner-product rounds k and the final length c ∈ {1, 3}. */
export function ippShape(n: RangeBits, m: number): { k: number; c: number } {
  const mPad = paddedCount(m);
  const c = mPad % 3 === 0 ? 3 : 1;
  return { k: Math.log2(n) + Math.log2(mPad / c), c };
}

/** k, the number of inner-product rounds. */
export function roundsFor(n: RangeBits, m: number): number {
  return ippShape(n, m).k;
}

/** Encoded size in bytes: 32·(7 + 2k + 2c). 672 for m = 1, n = 64; 992 for m = 128, n = 16. */
export function rangeProofSize(n: RangeBits, m: number): number {
  const { k, c } = ippShape(n, m);
  return 32 * (7 + 2 * k + 2 * c);
}

export function encodeRangeProof(p: RangeProof): Uint8Array {
  const k = p.L.length;
  const c = p.a.length;
  if (p.R.length !== k || p.b.length !== c) throw new RangeError('range proof: L and R, or a and b, differ in length');
  const out = new Uint8Array(32 * (7 + 2 * k + 2 * c));
  let o = 0;
  const put = (b: Uint8Array): void => {
    out.set(b, o);
    o += 32;
  };
  put(p.A.toBytes());
  put(p.S.toBytes());
  put(p.T1.toBytes());
  put(p.T2.toBytes());
  put(scalarToBytes(p.taux));
  put(scalarToBytes(p.mu));
  put(scalarToBytes(p.t));
  for (let i = 0; i < k; i++) {
    put(p.L[i]!.toBytes());
    put(p.R[i]!.toBytes());
  }
  for (const a of p.a) put(scalarToBytes(a));
  for (const b of p.b) put(scalarToBytes(b));
  return out;
}

/**
 * Strict decoding against the expected shape. Throws EncodingError: 'encoding.bytes' for a length that
 * is not the shape's, 'encoding.point' / 'encoding.scalar' for a non-canonical word.
 */
export function decodeRangeProof(b: Uint8Array, shape: { n: RangeBits; m: number }): RangeProof {
  if (!(b instanceof Uint8Array)) throw new EncodingError('encoding.bytes', 'a range proof is a byte array');
  if (!isRangeBits(shape.n) || !Number.isSafeInteger(shape.m) || shape.m < 1) {
    throw new RangeError('decodeRangeProof: shape must have n in {8, 16, 32, 64} and m ≥ 1');
  }
  const { k, c } = ippShape(shape.n, shape.m);
  if (k > MAX_ROUNDS) throw new EncodingError('encoding.bytes', `range proof has too many rounds (${k})`);
  const want = rangeProofSize(shape.n, shape.m);
  if (b.length !== want) {
    throw new EncodingError('encoding.bytes', `range proof for n=${shape.n}, m=${shape.m} is ${want} bytes, got ${b.length}`);
  }
  let o = 0;
  const word = (): Uint8Array => {
    const w = b.subarray(o, o + 32);
    o += 32;
    return w;
  };
  const A = pointFromBytes(word());
  const S = pointFromBytes(word());
  const T1 = pointFromBytes(word());
  const T2 = pointFromBytes(word());
  const taux = scalarFromBytes(word());
  const mu = scalarFromBytes(word());
  const t = scalarFromBytes(word());
  const L: Point[] = [];
  const R: Point[] = [];
  for (let i = 0; i < k; i++) {
    L.push(pointFromBytes(word()));
    R.push(pointFromBytes(word()));
  }
  const a: Scalar[] = [];
  const bb: Scalar[] = [];
  for (let i = 0; i < c; i++) a.push(scalarFromBytes(word()));
  for (let i = 0; i < c; i++) bb.push(scalarFromBytes(word()));
  return { A, S, T1, T2, taux, mu, t, L, R, a, b: bb };
}
