/**
 * Domain-separated, length-framed SHA-512 (PROTOCOL.md section 2), reduced mod ℓ for derived scalars.
 * (Record hashes are framed the same way with SHA-256 in meter/record.ts; document digests are plain
 * SHA-256 of canonical JSON in tariff/signed.ts.)
 */
import { sha512 } from '@noble/hashes/sha2.js';
import { framed, utf8 } from './bytes.js';

export function digest512(domain: string, ...parts: Uint8Array[]): Uint8Array {
  const h = sha512.create();
  h.update(framed(utf8(domain)));
  for (const p of parts) h.update(framed(p));
  return h.digest();
}
