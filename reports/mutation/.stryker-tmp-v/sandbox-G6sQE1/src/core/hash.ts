/**
 * Domain-separated, length-framed SHA-512 (PROTOCOL.md section 2), reduced mod ℓ for derived scalars.
 * (Record hashes are framed the same way with SHA-256 in meter/record.ts; document digests are plain
 * SHA-256 of canonical JSON in tariff/signed.ts.)
 *
 * `sha256` and `sha512` are one-shot hashes: the WebAssembly backend's where it runs (one call per
 * message), @noble/hashes otherwise. Both are tested against each other and the FIPS 180-4 examples.
 */
// @ts-nocheck

import { sha256 as nobleSha256, sha512 as nobleSha512 } from '@noble/hashes/sha2.js';
import { backend } from './backend/index.js';
import { utf8 } from './bytes.js';

export function sha256(b: Uint8Array): Uint8Array {
  const f = backend().sha256;
  return f ? f(b) : nobleSha256(b);
}

export function sha512(b: Uint8Array): Uint8Array {
  const f = backend().sha512;
  return f ? f(b) : nobleSha512(b);
}

/** SHA-512(frame(domain) ‖ frame(part_1) ‖ …), every frame a u32 little-endian length and the bytes. */
export function digest512(domain: string, ...parts: Uint8Array[]): Uint8Array {
  const d = utf8(domain);
  let n = 4 + d.length;
  for (const p of parts) n += 4 + p.length;
  const buf = new Uint8Array(n);
  let o = 0;
  for (const p of [d, ...parts]) {
    const l = p.length;
    buf[o] = l & 0xff;
    buf[o + 1] = (l >>> 8) & 0xff;
    buf[o + 2] = (l >>> 16) & 0xff;
    buf[o + 3] = (l >>> 24) & 0xff;
    buf.set(p, o + 4);
    o += 4 + l;
  }
  return sha512(buf);
}
