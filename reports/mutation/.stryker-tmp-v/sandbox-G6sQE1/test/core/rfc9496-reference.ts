/**
 * hash_to_ristretto255 written from the RFC text alone, to check the pinned generator table
 * (src/core/generator-pins.ts) against a derivation that shares no code with the one the library uses
 * (noble-curves): expand_message_xmd of RFC 9380 §5.3.1 on node:crypto's SHA-512, the MAP of RFC 9496
 * §4.3.4 with SQRT_RATIO_M1 of §4.2, and the affine twisted-Edwards group law
 *
 *   (x1, y1) + (x2, y2) = ((x1·y2 + y1·x2) / (1 + d·x1·x2·y1·y2), (y1·y2 + x1·x2) / (1 − d·x1·x2·y1·y2))   (a = −1)
 *
 * on the two MAP outputs. The result is the Edwards point RFC 9496's element derivation returns, given by
 * its affine coordinates (x, y) in [0, p), which is what the pins hash (docs/generators.md). ENCODE (§4.3.2)
 * is here only to check this file against the RFC's published vectors. Plain BigInt, slow (≈ 0.3 ms a
 * point, two square roots each); for tests only.
 */
// @ts-nocheck

import { createHash } from 'node:crypto';

export const P = 2n ** 255n - 19n;
// RFC 9496 §4.1 constants (checked against their definitions in the test).
export const D = 37095705934669439343138083508754565189542113879843219016388785533085940283555n;
export const SQRT_M1 = 19681161376707505956807079304988542015446066515923890162744021073123829784752n;
export const SQRT_AD_MINUS_ONE = 25063068953384623474111414158702152701244531502492656460079210482610430750235n;
export const INVSQRT_A_MINUS_D = 54469307008909316920995813868745141605393597292927456921205312896311721017578n;
export const ONE_MINUS_D_SQ = 1159843021668779879193775521855586647937357759715417654439879720876111806838n;
export const D_MINUS_ONE_SQ = 40440834346308536858101042469323190826248399146238708352240133220865137265952n;

export const mod = (a: bigint): bigint => {
  const r = a % P;
  return r < 0n ? r + P : r;
};

export function pow(b: bigint, e: bigint): bigint {
  let r = 1n;
  b = mod(b);
  for (; e > 0n; e >>= 1n) {
    if (e & 1n) r = (r * b) % P;
    b = (b * b) % P;
  }
  return r;
}

/** IS_NEGATIVE: the least significant bit of the canonical encoding. */
const isNegative = (x: bigint): boolean => (mod(x) & 1n) === 1n;
const abs = (x: bigint): bigint => (isNegative(x) ? mod(-x) : mod(x));

/** RFC 9496 §4.2 SQRT_RATIO_M1(u, v): (was_square, the non-negative sqrt of u/v or of SQRT_M1·u/v). */
export function sqrtRatioM1(u: bigint, v: bigint): { wasSquare: boolean; r: bigint } {
  const v3 = mod(v * v * v);
  const v7 = mod(v3 * v3 * v);
  let r = mod(u * v3 * pow(u * v7, (P - 5n) / 8n));
  const check = mod(v * r * r);
  const correct = check === mod(u);
  const flipped = check === mod(-u);
  const flippedI = check === mod(-u * SQRT_M1);
  if (flipped || flippedI) r = mod(r * SQRT_M1);
  return { wasSquare: correct || flipped, r: abs(r) };
}

/** Extended coordinates (X : Y : Z : T), x = X/Z, y = Y/Z. */
export interface Ext {
  X: bigint;
  Y: bigint;
  Z: bigint;
  T: bigint;
}

/** RFC 9496 §4.3.4 MAP(t), exactly as written there. */
export function map(t: bigint): Ext {
  const r = mod(SQRT_M1 * t * t);
  const u = mod((r + 1n) * ONE_MINUS_D_SQ);
  const v = mod((-1n - r * D) * (r + D));
  const { wasSquare, r: s0 } = sqrtRatioM1(u, v);
  const sPrime = mod(-abs(s0 * t));
  const s = wasSquare ? s0 : sPrime;
  const c = wasSquare ? P - 1n : r;
  const N = mod(c * (r - 1n) * D_MINUS_ONE_SQ - v);
  const w0 = mod(2n * s * v);
  const w1 = mod(N * SQRT_AD_MINUS_ONE);
  const w2 = mod(1n - s * s);
  const w3 = mod(1n + s * s);
  return { X: mod(w0 * w3), Y: mod(w2 * w1), Z: mod(w1 * w3), T: mod(w0 * w2) };
}

/** Inverses of many field elements with one exponentiation (Montgomery's trick). */
function invertAll(xs: readonly bigint[]): bigint[] {
  const prefix: bigint[] = [];
  let acc = 1n;
  for (const x of xs) {
    prefix.push(acc);
    acc = (acc * x) % P;
  }
  let inv = pow(acc, P - 2n);
  const out = new Array<bigint>(xs.length);
  for (let i = xs.length - 1; i >= 0; i--) {
    out[i] = (inv * prefix[i]!) % P;
    inv = (inv * xs[i]!) % P;
  }
  return out;
}

/** RFC 9380 §5.3.1 expand_message_xmd with SHA-512 (b_in_bytes = 64, s_in_bytes = 128). */
export function expandMessageXmd(msg: Uint8Array, dst: string, len: number): Uint8Array {
  const sha512 = (...parts: Uint8Array[]): Uint8Array => {
    const h = createHash('sha512');
    for (const p of parts) h.update(p);
    return new Uint8Array(h.digest());
  };
  const dstBytes = new TextEncoder().encode(dst);
  if (dstBytes.length > 255) throw new Error('DST too long');
  const dstPrime = Uint8Array.of(...dstBytes, dstBytes.length);
  const ell = Math.ceil(len / 64);
  if (ell > 255 || len > 65535) throw new Error('len_in_bytes too large');
  const b0 = sha512(new Uint8Array(128), msg, Uint8Array.of(len >> 8, len & 0xff), Uint8Array.of(0), dstPrime);
  const out = new Uint8Array(ell * 64);
  let prev = sha512(b0, Uint8Array.of(1), dstPrime);
  out.set(prev, 0);
  for (let i = 2; i <= ell; i++) {
    prev = sha512(
      b0.map((x, k) => x ^ prev[k]!),
      Uint8Array.of(i),
      dstPrime,
    );
    out.set(prev, 64 * (i - 1));
  }
  return out.subarray(0, len);
}

const leToBig = (b: Uint8Array): bigint => {
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
  return v;
};

const bigToLe = (v: bigint, out: Uint8Array, at: number): void => {
  for (let i = 0; i < 32; i++) {
    out[at + i] = Number(v & 0xffn);
    v >>= 8n;
  }
};

/** The two MAP outputs for 64 uniform bytes (each half with its top bit cleared, RFC 9496 §4.3.4). */
export function mapPair(uniform: Uint8Array): [Ext, Ext] {
  const half = (b: Uint8Array): bigint => mod(leToBig(b) & (2n ** 255n - 1n));
  return [map(half(uniform.subarray(0, 32))), map(half(uniform.subarray(32, 64)))];
}

/**
 * The affine coordinates of MAP(b[0:32]) + MAP(b[32:64]) for each 64-byte input, as 64 bytes each
 * (x ‖ y, little-endian), computed with the affine group law; one shared inversion for all of them.
 */
export function deriveAffine(uniforms: readonly Uint8Array[]): Uint8Array {
  // With x_i = X_i/Z_i, y_i = Y_i/Z_i and k = Z1·Z2, the affine law reads
  //   x3 = (X1·Y2 + Y1·X2)·k / (k² + d·X1·X2·Y1·Y2),   y3 = (Y1·Y2 + X1·X2)·k / (k² − d·X1·X2·Y1·Y2).
  const nums: bigint[] = [];
  const dens: bigint[] = [];
  for (const u of uniforms) {
    const [a, b] = mapPair(u);
    const k = mod(a.Z * b.Z);
    const m = mod(D * a.X * b.X * a.Y * b.Y);
    nums.push(mod((a.X * b.Y + a.Y * b.X) * k), mod((a.Y * b.Y + a.X * b.X) * k));
    dens.push(mod(k * k + m), mod(k * k - m));
  }
  const inv = invertAll(dens);
  const out = new Uint8Array(32 * nums.length);
  nums.forEach((n, i) => bigToLe((n * inv[i]!) % P, out, 32 * i));
  return out;
}

/** hash_to_ristretto255(label) under `dst` (RFC 9380 appendix B): 64 bytes of expand_message_xmd. */
export function uniformFor(label: string, dst: string): Uint8Array {
  return expandMessageXmd(new TextEncoder().encode(label), dst, 64);
}

/** RFC 9496 §4.3.2 ENCODE of an affine point (x, y) (Z = 1, T = x·y). */
export function encodeAffine(x: bigint, y: bigint): Uint8Array {
  const x0 = mod(x);
  const y0 = mod(y);
  const z0 = 1n;
  const t0 = mod(x * y);
  const u1 = mod((z0 + y0) * (z0 - y0));
  const u2 = mod(x0 * y0);
  const { r: invsqrt } = sqrtRatioM1(1n, mod(u1 * u2 * u2));
  const den1 = mod(invsqrt * u1);
  const den2 = mod(invsqrt * u2);
  const zInv = mod(den1 * den2 * t0);
  const ix0 = mod(x0 * SQRT_M1);
  const iy0 = mod(y0 * SQRT_M1);
  const enchanted = mod(den1 * INVSQRT_A_MINUS_D);
  const rotate = isNegative(t0 * zInv);
  const xr = rotate ? iy0 : x0;
  let yr = rotate ? ix0 : y0;
  const denInv = rotate ? enchanted : den2;
  if (isNegative(xr * zInv)) yr = mod(-yr);
  const s = abs(denInv * (z0 - yr));
  const out = new Uint8Array(32);
  bigToLe(s, out, 0);
  return out;
}

/** The affine (x, y) of entry i of a `deriveAffine` table. */
export function affineAt(table: Uint8Array, i: number): { x: bigint; y: bigint } {
  return { x: leToBig(table.subarray(64 * i, 64 * i + 32)), y: leToBig(table.subarray(64 * i + 32, 64 * i + 64)) };
}
