/**
 * Points of ristretto255 (RFC 9496), a prime-order group of order ℓ.
 *
 * A `Point` only ever comes from the group operations or from `pointFromBytes`, which accepts
 * exactly the canonical 32-byte encodings of valid elements; so every `Point` in hand is valid.
 */
import { ristretto255 } from '@noble/curves/ed25519.js';
import { EncodingError } from './errors.js';
import type { Scalar } from './scalar.js';

/**
 * The group element interface the protocol code uses. It is the part of noble's RistrettoPoint we rely on,
 * kept narrow so another backend (WebAssembly, say) can slot in behind it.
 */
export interface Point {
  add(other: Point): Point;
  subtract(other: Point): Point;
  negate(): Point;
  double(): Point;
  /** Constant-time-style scalar multiplication, for secret scalars in [1, ℓ). */
  multiply(s: bigint): Point;
  /** Variable-time scalar multiplication, for public scalars in [0, ℓ). */
  multiplyUnsafe(s: bigint): Point;
  equals(other: Point): boolean;
  is0(): boolean;
  toBytes(): Uint8Array;
  precompute(windowSize?: number, isLazy?: boolean): Point;
}

/** noble's point class, for the few places (multi-scalar multiplication) that need the constructor. */
export const RistrettoPoint = ristretto255.Point as unknown as {
  BASE: Point;
  ZERO: Point;
  fromBytes(b: Uint8Array): Point;
};

export const IDENTITY: Point = RistrettoPoint.ZERO;

export function pointToBytes(p: Point): Uint8Array {
  return p.toBytes();
}

/** Canonical decoding: rejects wrong lengths, non-canonical field elements and non-group encodings. */
export function pointFromBytes(b: Uint8Array): Point {
  if (!(b instanceof Uint8Array) || b.length !== 32) {
    throw new EncodingError('encoding.point', 'a point is exactly 32 bytes');
  }
  try {
    return RistrettoPoint.fromBytes(b);
  } catch {
    throw new EncodingError('encoding.point', 'not a canonical ristretto255 encoding');
  }
}

/** Constant-time-style multiplication, for secret scalars. */
export function mul(p: Point, s: Scalar): Point {
  return s === 0n ? IDENTITY : p.multiply(s);
}
