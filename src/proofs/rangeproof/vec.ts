/**
 * Scalar-vector helpers for the range proof, over F_ℓ (ℓ the ristretto255 group order):
 *
 *   powers(x, n) = (1, x, x², …, x^{n−1}),   ⟨a, b⟩ = Σ a_i·b_i,   batchInvert(x) = (x_i^{−1})_i.
 *
 * Inner loops work on raw bigints and reduce mod ℓ once per product; every value returned is a
 * canonical `Scalar` in [0, ℓ).
 */
import { ORDER, type Scalar } from '../../core/scalar.js';

const L = ORDER;

export function smul(a: bigint, b: bigint): Scalar {
  return ((a * b) % L) as Scalar;
}

export function sadd(a: bigint, b: bigint): Scalar {
  const s = a + b;
  return (s >= L ? s - L : s) as Scalar;
}

export function ssub(a: bigint, b: bigint): Scalar {
  const s = a - b;
  return (s < 0n ? s + L : s) as Scalar;
}

/** (1, x, …, x^{n−1}). */
export function powers(x: Scalar, n: number): Scalar[] {
  // Stryker disable next-line ArrayDeclaration: a preallocated array and one that grows hold the same entries
  const out = new Array<Scalar>(n);
  let acc = 1n;
  for (let i = 0; i < n; i++) {
    out[i] = acc as Scalar;
    acc = (acc * x) % L;
  }
  return out;
}

/** Σ_{i<n} x^i. */
export function sumOfPowers(x: Scalar, n: number): Scalar {
  let acc = 1n;
  let s = 0n;
  for (let i = 0; i < n; i++) {
    s += acc;
    acc = (acc * x) % L;
  }
  return (s % L) as Scalar;
}

/** ⟨a[ao..ao+len), b[bo..bo+len)⟩. */
export function innerProduct(a: readonly bigint[], ao: number, b: readonly bigint[], bo: number, len: number): Scalar {
  let s = 0n;
  for (let i = 0; i < len; i++) s += a[ao + i]! * b[bo + i]!;
  return (s % L) as Scalar;
}

/** Modular inverse by the extended Euclidean algorithm (x must be nonzero mod ℓ). */
function invOne(x: bigint): bigint {
  let a = x % L;
  let b = L;
  let u = 1n;
  let v = 0n;
  while (a !== 0n) {
    const q = b / a;
    [a, b] = [b - q * a, a];
    [u, v] = [v - q * u, u];
  }
  // Stryker disable next-line ConditionalExpression: every caller passes a product of canonical nonzero scalars, invertible mod the prime ℓ (b = gcd = 1)
  if (b !== 1n) throw new RangeError('not invertible');
  // Stryker disable next-line ConditionalExpression,EqualityOperator: v is never 0, and batchInvert reduces every product with it mod ℓ
  return v < 0n ? v + L : v;
}

/**
 * Inverts every entry with one modular inversion (Montgomery's trick). Returns null if any entry is 0
 * (callers treat that as a rejected proof; for honest transcripts it has probability ≈ 2^−252).
 */
export function batchInvert(xs: readonly Scalar[]): Scalar[] | null {
  const n = xs.length;
  // Stryker disable next-line ConditionalExpression,ArrayDeclaration: with no entries the loops below do nothing and return [] too
  if (n === 0) return [];
  // Stryker disable next-line ArrayDeclaration: a preallocated array and one that grows hold the same entries
  const prefix = new Array<bigint>(n);
  let acc = 1n;
  for (let i = 0; i < n; i++) {
    if (xs[i] === 0n) return null;
    prefix[i] = acc;
    acc = (acc * xs[i]!) % L;
  }
  let inv = invOne(acc);
  // Stryker disable next-line ArrayDeclaration: as above
  const out = new Array<Scalar>(n);
  for (let i = n - 1; i >= 0; i--) {
    out[i] = ((inv * prefix[i]!) % L) as Scalar;
    inv = (inv * xs[i]!) % L;
  }
  return out;
}

export function isScalar(x: unknown): x is Scalar {
  return typeof x === 'bigint' && x >= 0n && x < L;
}
