/** Byte helpers shared by every encoder. Strict: hex is lowercase, even length, nothing else. */
import { EncodingError } from './errors.js';

const utf8Encoder = new TextEncoder();

export function utf8(s: string): Uint8Array {
  return utf8Encoder.encode(s);
}

const HEX_PAIRS = Array.from({ length: 256 }, (_, i) => (i < 16 ? '0' : '') + i.toString(16));

export function toHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += HEX_PAIRS[b[i]!]!;
  return s;
}

const HEX_VALUE = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < 16; i++) t['0123456789abcdef'.charCodeAt(i)] = i;
  return t;
})();

/** Decodes lowercase hex; `length`, if given, is the required number of bytes. */
export function fromHex(hex: string, length?: number): Uint8Array {
  if (typeof hex !== 'string' || hex.length % 2 !== 0) {
    throw new EncodingError('encoding.bytes', 'expected lowercase hex');
  }
  if (length !== undefined && hex.length !== 2 * length) {
    throw new EncodingError('encoding.bytes', `expected ${length} bytes of hex, got ${hex.length / 2}`);
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const c1 = hex.charCodeAt(2 * i);
    const c2 = hex.charCodeAt(2 * i + 1);
    const hi = c1 < 128 ? HEX_VALUE[c1]! : -1;
    const lo = c2 < 128 ? HEX_VALUE[c2]! : -1;
    if (hi < 0 || lo < 0) throw new EncodingError('encoding.bytes', 'expected lowercase hex');
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/** Decodes `2·length` lowercase hex digits into out[at .. at + length); false (out partly written) on anything else. */
export function hexInto(hex: string, length: number, out: Uint8Array, at: number): boolean {
  if (typeof hex !== 'string' || hex.length !== 2 * length) return false;
  for (let i = 0; i < length; i++) {
    const c1 = hex.charCodeAt(2 * i);
    const c2 = hex.charCodeAt(2 * i + 1);
    const hi = c1 < 128 ? HEX_VALUE[c1]! : -1;
    const lo = c2 < 128 ? HEX_VALUE[c2]! : -1;
    if (hi < 0 || lo < 0) return false;
    out[at + i] = (hi << 4) | lo;
  }
  return true;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

/** Unsigned little-endian integer of `width` bytes. Throws on values that do not fit. */
export function uintLE(n: bigint | number, width: number): Uint8Array {
  const out = new Uint8Array(width);
  if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) {
    // Fast path for the common case: safe integers, no BigInt arithmetic.
    if (width < 7 && n >= 2 ** (8 * width)) throw new RangeError(`integer does not fit in ${width} bytes`);
    let v = n;
    for (let i = 0; i < width && v > 0; i++) {
      out[i] = v % 256;
      v = Math.floor(v / 256);
    }
    return out;
  }
  let v = BigInt(n);
  if (v < 0n || v >= 1n << BigInt(8 * width)) throw new RangeError(`integer does not fit in ${width} bytes`);
  for (let i = 0; i < width; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** Signed 64-bit little-endian (two's complement). */
export function int64LE(n: bigint | number): Uint8Array {
  if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) return uintLE(n, 8);
  const v = BigInt(n);
  if (v < -(1n << 63n) || v >= 1n << 63n) throw new RangeError('integer does not fit in 64 bits');
  return uintLE(v < 0n ? v + (1n << 64n) : v, 8);
}

/** Length-prefixed (u32 LE) bytes: the framing every hashed structure uses, so no two inputs collide. */
export function framed(b: Uint8Array): Uint8Array {
  return concatBytes(uintLE(b.length, 4), b);
}

export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  globalThis.crypto.getRandomValues(out);
  return out;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL_RE = /^[A-Za-z0-9_-]*$/;

/** base64url without padding (RFC 4648 section 5), as JWK uses. */
export function toBase64url(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    s += B64URL[(n >> 18) & 63]! + B64URL[(n >> 12) & 63]!;
    if (i + 1 < b.length) s += B64URL[(n >> 6) & 63]!;
    if (i + 2 < b.length) s += B64URL[n & 63]!;
  }
  return s;
}

/** Strict base64url decoding: no padding, no stray characters, canonical trailing bits. */
export function fromBase64url(s: string, length?: number): Uint8Array {
  if (typeof s !== 'string' || !B64URL_RE.test(s) || s.length % 4 === 1) {
    throw new EncodingError('encoding.bytes', 'expected base64url without padding');
  }
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (const ch of s) {
    acc = (acc << 6) | B64URL.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) throw new EncodingError('encoding.bytes', 'non-canonical base64url');
  if (length !== undefined && out.length !== length) {
    throw new EncodingError('encoding.bytes', `expected ${length} bytes, got ${out.length}`);
  }
  return out;
}
