/**
 * Randomness sources. Provers take an optional `Rng` so tests can make fixed vectors from a seed;
 * production code uses the platform CSPRNG (crypto.getRandomValues, in Node and browsers alike).
 */
// @ts-nocheck

import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, framed, randomBytes, uintLE, utf8 } from './bytes.js';

export type Rng = (n: number) => Uint8Array;

export const systemRng: Rng = randomBytes;

/** Deterministic RNG for test vectors only: SHA-512(seed ‖ counter) blocks. Never use it for real keys. */
export function seededRng(seed: string): Rng {
  const key = utf8(`meterproof/test-rng/${seed}`);
  let counter = 0n;
  let buf: Uint8Array = new Uint8Array(0);
  return (n: number) => {
    while (buf.length < n) {
      buf = concatBytes(buf, sha512(concatBytes(key, uintLE(counter++, 8))));
    }
    const out = buf.slice(0, n);
    buf = buf.slice(n);
    return out;
  };
}

/**
 * An Rng that expands a secret key: SHA-512(domain ‖ key ‖ counter) blocks. A range job carries such a
 * key (derived from its bill's witness rng) instead of a random source, so a proof made in a worker thread
 * has nonces as strong as one made in this thread, and every driver gives the same bytes.
 */
export function keyedRng(key: Uint8Array): Rng {
  if (key.length < 32) throw new RangeError('a keyed rng needs a key of at least 32 bytes');
  const prefix = concatBytes(framed(utf8('meterproof/v1/keyed-rng')), framed(key));
  let counter = 0n;
  let buf: Uint8Array = new Uint8Array(0);
  return (n: number) => {
    while (buf.length < n) buf = concatBytes(buf, sha512(concatBytes(prefix, uintLE(counter++, 8))));
    const out = buf.slice(0, n);
    buf = buf.slice(n);
    return out;
  };
}
