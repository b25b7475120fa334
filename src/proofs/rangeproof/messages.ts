/**
 * Range-proof messages and their wire encoding (docs/rangeproof.md, "Encoding").
 *
 * A proof for m values of n bits, with m padded to m' = 2^⌈log2 m⌉ and k = log2(n·m') rounds of the
 * inner-product argument, is the fixed sequence of 32-byte words
 *
 *   A ‖ S ‖ T1 ‖ T2 ‖ τx ‖ μ ‖ t̂ ‖ L_0 ‖ R_0 ‖ … ‖ L_{k−1} ‖ R_{k−1} ‖ a ‖ b          (9 + 2k words)
 *
 * points as canonical ristretto255 encodings, scalars as canonical little-endian integers < ℓ.
 * Decoding is strict: the length must be 32·(9 + 2k) for some k in [MIN_ROUNDS, MAX_ROUNDS] (exactly the
 * k of the expected shape, when one is given), and every word must be canonical.
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
  /** Inner-product argument: L_k, R_k per round, final a, b. */
  readonly L: readonly Point[];
  readonly R: readonly Point[];
  readonly a: Scalar;
  readonly b: Scalar;
}

export function isRangeBits(n: unknown): n is RangeBits {
  return n === 8 || n === 16 || n === 32 || n === 64;
}

/** m' = the smallest power of two ≥ m. */
export function paddedCount(m: number): number {
  let p = 1;
  while (p < m) p *= 2;
  return p;
}

/** k = log2(n·m'), the number of inner-product rounds. */
export function roundsFor(n: RangeBits, m: number): number {
  return Math.log2(n) + Math.log2(paddedCount(m));
}

/** Encoded size in bytes: 32·(9 + 2·log2(n·m')). 672 for m = 1, n = 64; 992 for m = 128, n = 16. */
export function rangeProofSize(n: RangeBits, m: number): number {
  return 32 * (9 + 2 * roundsFor(n, m));
}

export function encodeRangeProof(p: RangeProof): Uint8Array {
  const k = p.L.length;
  if (p.R.length !== k) throw new RangeError('range proof: L and R differ in length');
  const out = new Uint8Array(32 * (9 + 2 * k));
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
  put(scalarToBytes(p.a));
  put(scalarToBytes(p.b));
  return out;
}

/**
 * Strict decoding. Throws EncodingError: 'encoding.bytes' for a length that is not 32·(9 + 2k) with k in
 * range (or not the k of `shape`), 'encoding.point' / 'encoding.scalar' for a non-canonical word.
 */
export function decodeRangeProof(b: Uint8Array, shape?: { n: RangeBits; m: number }): RangeProof {
  if (!(b instanceof Uint8Array)) throw new EncodingError('encoding.bytes', 'a range proof is a byte array');
  if (b.length % 32 !== 0 || b.length < 32 * (9 + 2 * MIN_ROUNDS)) {
    throw new EncodingError('encoding.bytes', `range proof has an invalid length (${b.length} bytes)`);
  }
  const words = b.length / 32;
  if ((words - 9) % 2 !== 0) {
    throw new EncodingError('encoding.bytes', `range proof has an invalid length (${b.length} bytes)`);
  }
  const k = (words - 9) / 2;
  if (k > MAX_ROUNDS) throw new EncodingError('encoding.bytes', `range proof has too many rounds (${k})`);
  if (shape !== undefined) {
    if (!isRangeBits(shape.n) || !Number.isSafeInteger(shape.m) || shape.m < 1) {
      throw new RangeError('decodeRangeProof: shape must have n in {8, 16, 32, 64} and m ≥ 1');
    }
    const want = rangeProofSize(shape.n, shape.m);
    if (b.length !== want) {
      throw new EncodingError('encoding.bytes', `range proof for n=${shape.n}, m=${shape.m} is ${want} bytes, got ${b.length}`);
    }
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
  const a = scalarFromBytes(word());
  const bb = scalarFromBytes(word());
  return { A, S, T1, T2, taux, mu, t, L, R, a, b: bb };
}
