/**
 * Domain-separated, length-framed SHA-512 (PROTOCOL.md section 2), reduced mod ℓ for derived scalars.
 * (Record hashes are framed the same way with SHA-256 in meter/record.ts; document digests are plain
 * SHA-256 of canonical JSON in tariff/signed.ts.)
 *
 * `sha256` and `sha512` are one-shot hashes: the WebAssembly backend's where it runs (one call per
 * message), @noble/hashes otherwise. Both are tested against each other and the FIPS 180-4 examples.
 */
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

/** SHA-256 of n messages of `len` bytes each, laid end to end in `msgs`: the n digests end to end (one backend call). */
export function sha256Many(msgs: Uint8Array, n: number, len: number): Uint8Array {
  const f = backend().sha256Many;
  return f ? f(msgs, n, len) : manyWith(nobleSha256, 32, msgs, n, len);
}

/** SHA-512 of n messages of `len` bytes each, as `sha256Many`. */
export function sha512Many(msgs: Uint8Array, n: number, len: number): Uint8Array {
  const f = backend().sha512Many;
  return f ? f(msgs, n, len) : manyWith(nobleSha512, 64, msgs, n, len);
}

/**
 * A SHA-256 hash chain in one backend call: h_i = SHA-256(m_i), where m_i is message i of `msgs` (n of
 * `len` bytes each) with its bytes [prevAt, prevAt + 32) replaced by h_{i−1} for i > 0. Returns every
 * h_i, end to end. `msgs` is not modified. `same` (default 0) promises that the first `same` bytes of
 * every message are equal: the backend may hash their whole blocks once (it checks nothing).
 */
export function sha256Chain(msgs: Uint8Array, n: number, len: number, prevAt: number, same = 0): Uint8Array {
  if (msgs.length !== n * len || !(prevAt >= 0 && prevAt + 32 <= len) || !(Number.isInteger(same) && same >= 0 && same <= len)) throw new RangeError('sha256Chain: n messages of len bytes, prev inside each');
  const f = backend().sha256Chain;
  if (f) return f(msgs, n, len, prevAt, same);
  const out = new Uint8Array(32 * n);
  const m = new Uint8Array(len);
  for (let i = 0; i < n; i++) {
    m.set(msgs.subarray(i * len, (i + 1) * len));
    if (i > 0) m.set(out.subarray(32 * (i - 1), 32 * i), prevAt);
    out.set(nobleSha256(m), 32 * i);
  }
  return out;
}

function manyWith(h: (b: Uint8Array) => Uint8Array, size: number, msgs: Uint8Array, n: number, len: number): Uint8Array {
  if (msgs.length !== n * len) throw new RangeError('sha many: n messages of len bytes expected');
  const out = new Uint8Array(size * n);
  for (let i = 0; i < n; i++) out.set(h(msgs.subarray(i * len, (i + 1) * len)), size * i);
  return out;
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
