/** The weak random sources of issue 8 (point 7), for the nonce tests: all zeros, and one 32-byte block repeated. */
// @ts-nocheck

import type { Rng } from '../../src/core/rng.js';

export const zeros: Rng = (n) => new Uint8Array(n);

const block = Uint8Array.from({ length: 32 }, (_, i) => 0xa5 ^ i);
export const repeating: Rng = (n) => Uint8Array.from({ length: n }, (_, i) => block[i % 32]!);

export const WEAK: ReadonlyArray<readonly [string, Rng]> = [
  ['a constant rng (zeros)', zeros],
  ['an rng that repeats 32 bytes', repeating],
];
