/**
 * Randomness sources. Provers take an optional `Rng` so tests can make fixed vectors from a seed;
 * production code uses the platform CSPRNG (crypto.getRandomValues, in Node and browsers alike).
 */
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, randomBytes, uintLE, utf8 } from './bytes.js';

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
