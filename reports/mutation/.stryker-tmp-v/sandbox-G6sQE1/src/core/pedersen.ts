/**
 * Pedersen commitments Com(v, r) = v·G + r·H: binding under discrete log, perfectly hiding for uniform r.
 *
 * Both scalars are secret (a reading and its opening), so the multiplication is the backend's
 * constant-time fixed-base one (the WebAssembly backend keeps 32 × 8 precomputed multiples of G and H).
 */
// @ts-nocheck

import { backend } from './backend/index.js';
import { G, H } from './generators.js';
import type { Point } from './point.js';
import { scalar, type Scalar } from './scalar.js';

export function commit(value: bigint | number, blinding: Scalar): Point {
  return backend().commitMany(G, H, [scalar(value)], [blinding])[0]!;
}

/**
 * Com(v_i, r_i) for many pairs in one batch (the meter log), encodings included. `valueBits`, a public
 * bound (the meter's READING_BITS), says every value is in [0, 2^valueBits): the constant-time work on
 * the values then covers only that many bits. RangeError if a value is outside it.
 */
export function commitMany(values: readonly (bigint | number)[], blindings: readonly Scalar[], valueBits?: number): Point[] {
  if (values.length !== blindings.length) throw new RangeError('commitMany: one blinding per value');
  const vs = values.map((v) => (valueBits === undefined ? scalar(v) : BigInt(v)));
  return backend().commitMany(G, H, vs, blindings, valueBits);
}
