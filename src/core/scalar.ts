/**
 * Scalars of ristretto255: integers mod the group order ℓ = 2^252 + 27742317777372353535851937790883648493.
 *
 * `Scalar` is a branded bigint that is always reduced into [0, ℓ). Plain bigints (amounts, weights)
 * become scalars only through `scalar()`, so an unreduced or negative value cannot reach the group code.
 * On the wire a scalar is 32 bytes little-endian and must be < ℓ (PROTOCOL.md section 2).
 */
import { ristretto255 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import { randomBytes } from './bytes.js';
import { EncodingError } from './errors.js';
import { digest512 } from './hash.js';

export type Scalar = bigint & { readonly __brand: 'Scalar' };

/** The prime order ℓ of ristretto255. */
export const ORDER: bigint = ristretto255.Point.Fn.ORDER;

/** Reduces any integer (negative ones too) into [0, ℓ). */
export function scalar(x: bigint | number): Scalar {
  const v = BigInt(x) % ORDER;
  return (v < 0n ? v + ORDER : v) as Scalar;
}

export const ZERO = 0n as Scalar;
export const ONE = 1n as Scalar;

export const add = (a: Scalar, b: Scalar): Scalar => scalar(a + b);
export const sub = (a: Scalar, b: Scalar): Scalar => scalar(a - b);
export const mul = (a: Scalar, b: Scalar): Scalar => scalar(a * b);
export const neg = (a: Scalar): Scalar => scalar(-a);
export function inv(a: Scalar): Scalar {
  if (a === 0n) throw new RangeError('zero has no inverse');
  return ristretto255.Point.Fn.inv(a) as Scalar;
}

export function scalarToBytes(s: Scalar): Uint8Array {
  return numberToBytesLE(s, 32);
}

/** Canonical decoding: exactly 32 bytes, value < ℓ. Anything else is rejected, never reduced. */
export function scalarFromBytes(b: Uint8Array): Scalar {
  if (!(b instanceof Uint8Array) || b.length !== 32) {
    throw new EncodingError('encoding.scalar', 'a scalar is exactly 32 bytes');
  }
  const v = bytesToNumberLE(b);
  if (v >= ORDER) throw new EncodingError('encoding.scalar', 'scalar is not canonical (not below the group order)');
  return v as Scalar;
}

/** Wide reduction of 64 bytes: the bias is below 2^-250. */
export function scalarFromWide(b64: Uint8Array): Scalar {
  if (b64.length !== 64) throw new RangeError('wide reduction takes 64 bytes');
  return scalar(bytesToNumberLE(b64));
}

/**
 * Wide reduction of the 64 bytes at `off` in `b` (as scalarFromWide), read as eight little-endian 64-bit
 * words: about twice as fast as going through hex, for the batches of openings a bill derives.
 */
export function scalarFromWideAt(b: Uint8Array, off: number): Scalar {
  if (!(off >= 0 && off + 64 <= b.length)) throw new RangeError('wide reduction takes 64 bytes');
  const v = new DataView(b.buffer, b.byteOffset + off, 64);
  const lo = v.getBigUint64(0, true) | (v.getBigUint64(8, true) << 64n) | (v.getBigUint64(16, true) << 128n) | (v.getBigUint64(24, true) << 192n);
  const hi = v.getBigUint64(32, true) | (v.getBigUint64(40, true) << 64n) | (v.getBigUint64(48, true) << 128n) | (v.getBigUint64(56, true) << 192n);
  return (((hi << 256n) | lo) % ORDER) as Scalar;
}

/** HashToScalar(domain ‖ parts) = SHA-512(framed inputs) mod ℓ. */
export function hashToScalar(domain: string, ...parts: Uint8Array[]): Scalar {
  return scalarFromWide(digest512(domain, ...parts));
}

export function randomScalar(): Scalar {
  return scalarFromWide(randomBytes(64));
}
