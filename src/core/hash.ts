/**
 * Hashes (PROTOCOL.md section 2): SHA-256 for record hashes and document digests,
 * SHA-512 reduced mod ℓ for challenges and derived scalars. Every input is domain-separated
 * and length-framed.
 */
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, framed, utf8 } from './bytes.js';

export function digest256(domain: string, ...parts: Uint8Array[]): Uint8Array {
  const h = sha256.create();
  h.update(framed(utf8(domain)));
  for (const p of parts) h.update(framed(p));
  return h.digest();
}

export function digest512(domain: string, ...parts: Uint8Array[]): Uint8Array {
  const h = sha512.create();
  h.update(framed(utf8(domain)));
  for (const p of parts) h.update(framed(p));
  return h.digest();
}

export { sha256, sha512, concatBytes };
