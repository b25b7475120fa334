/**
 * Points of ristretto255 (RFC 9496), a prime-order group of order ℓ.
 *
 * A `Point` only ever comes from the group operations or from `pointFromBytes`, which accepts
 * exactly the canonical 32-byte encodings of valid elements; so every `Point` in hand is valid.
 * The arithmetic behind it is a backend (src/core/backend/): WebAssembly by default, noble as the
 * fallback; nothing outside src/core/backend knows which.
 */
import { expand_message_xmd } from '@noble/curves/abstract/hash-to-curve.js';
import { backend, onBackendChange } from './backend/index.js';
import { utf8 } from './bytes.js';
import { EncodingError } from './errors.js';
import { sha512 } from './hash.js';
import type { Scalar } from './scalar.js';

export { backendName, onBackendChange, useNobleBackend, useWasmBackend } from './backend/index.js';

/**
 * The group element interface the protocol code uses, kept narrow so that backends can slot in behind it.
 */
export interface Point {
  add(other: Point): Point;
  subtract(other: Point): Point;
  negate(): Point;
  double(): Point;
  /** Constant-time scalar multiplication, for secret scalars in [1, ℓ). */
  multiply(s: bigint): Point;
  /** Variable-time scalar multiplication, for public scalars in [0, ℓ). */
  multiplyUnsafe(s: bigint): Point;
  equals(other: Point): boolean;
  is0(): boolean;
  toBytes(): Uint8Array;
  /** Prepares a fixed-base table for repeated multiplication of this point (G and H); returns the point. */
  precompute(windowSize?: number, isLazy?: boolean): Point;
}

/** The active backend's identity, base point and decoder (the constructor-like surface generators.ts uses). */
export const RistrettoPoint = {
  get BASE(): Point {
    return backend().BASE;
  },
  get ZERO(): Point {
    return backend().ZERO;
  },
  fromBytes: (b: Uint8Array): Point => backend().fromBytes(b),
};

export let IDENTITY: Point = backend().ZERO;
onBackendChange(() => (IDENTITY = backend().ZERO));

export function pointToBytes(p: Point): Uint8Array {
  return p.toBytes();
}

/** Canonical decoding: rejects wrong lengths, non-canonical field elements and non-group encodings. */
export function pointFromBytes(b: Uint8Array): Point {
  if (!(b instanceof Uint8Array) || b.length !== 32) {
    throw new EncodingError('encoding.point', 'a point is exactly 32 bytes');
  }
  return backend().fromBytes(b);
}

/**
 * Decodes many encodings in one batch (the verifiers' hot loop). Throws EncodingError('encoding.point')
 * naming the first invalid one, as `pointFromBytes` would have.
 */
export function pointsFromBytes(bs: readonly Uint8Array[]): Point[] {
  for (let i = 0; i < bs.length; i++) {
    const b = bs[i];
    if (!(b instanceof Uint8Array) || b.length !== 32) throw new EncodingError('encoding.point', `point ${i}: a point is exactly 32 bytes`);
  }
  const ps = backend().decodeMany(bs);
  for (let i = 0; i < ps.length; i++) if (ps[i] === null) throw new EncodingError('encoding.point', `point ${i}: not a canonical ristretto255 encoding`);
  return ps as Point[];
}

/** Encodes many points in one batch. */
export function pointsToBytes(ps: readonly Point[]): Uint8Array[] {
  return backend().encodeMany(ps);
}

/** Σ points (variable time: the points are public). */
export function sumPoints(ps: readonly Point[]): Point {
  return ps.length === 0 ? backend().ZERO : backend().sum(ps);
}

/** SHA-512 as expand_message_xmd wants it: one-shot, with its block and output lengths (the backend's, if it has one). */
const XMD_SHA512 = Object.assign((m: Uint8Array) => sha512(m), { outputLen: 64, blockLen: 128 });

/** hash_to_ristretto255 (RFC 9380 with expand_message_xmd(SHA-512), RFC 9496 element derivation). */
export function hashToRistretto(msg: Uint8Array, dst: string): Point {
  return backend().fromUniform(expand_message_xmd(msg, dst, 64, XMD_SHA512 as unknown as Parameters<typeof expand_message_xmd>[3]));
}

/**
 * hashToRistretto of many messages under one DST, equal to it message by message: in one backend call
 * per message length where the backend has a batch form (the WebAssembly one), one by one otherwise.
 */
export function hashToRistrettoMany(msgs: readonly Uint8Array[], dst: string): Point[] {
  const many = backend().hashToGroupMany;
  const d = utf8(dst);
  if (!many || d.length > 255) return msgs.map((m) => hashToRistretto(m, dst));
  const dstPrime = new Uint8Array([...d, d.length]);
  const out = new Array<Point>(msgs.length);
  const byLength = new Map<number, number[]>();
  msgs.forEach((m, i) => {
    const g = byLength.get(m.length);
    if (g) g.push(i);
    else byLength.set(m.length, [i]);
  });
  for (const [len, idx] of byLength) {
    const buf = new Uint8Array(len * idx.length);
    idx.forEach((i, j) => buf.set(msgs[i]!, j * len));
    many(buf, idx.length, len, dstPrime).forEach((p, j) => (out[idx[j]!] = p));
  }
  return out;
}

/** Keeps these points ready for repeated multi-scalar multiplications (generator tables). */
export function pinPoints(ps: readonly Point[]): void {
  backend().pin(ps);
}

/** Constant-time multiplication, for secret scalars. */
export function mul(p: Point, s: Scalar): Point {
  return s === 0n ? IDENTITY : p.multiply(s);
}
