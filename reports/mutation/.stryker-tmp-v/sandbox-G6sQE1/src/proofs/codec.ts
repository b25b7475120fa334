/**
 * The wire layout every sigma proof here uses: its points (32-byte canonical encodings), then its
 * scalars (32-byte little-endian, < ℓ), nothing else. Decoding checks the length and rejects any
 * non-canonical part with an EncodingError.
 */
// @ts-nocheck

import { pointFromBytes, pointToBytes, type Point } from '../core/point.js';
import { scalarFromBytes, scalarToBytes, type Scalar } from '../core/scalar.js';

export function encodeParts(points: readonly Point[], scalars: readonly Scalar[]): Uint8Array {
  const out = new Uint8Array(32 * (points.length + scalars.length));
  points.forEach((p, i) => out.set(pointToBytes(p), 32 * i));
  scalars.forEach((s, i) => out.set(scalarToBytes(s), 32 * (points.length + i)));
  return out;
}

/** Throws RangeError on a wrong length (naming `what`), EncodingError on a non-canonical part. */
export function decodeParts(b: Uint8Array, nPoints: number, nScalars: number, what: string): { points: Point[]; scalars: Scalar[] } {
  const size = 32 * (nPoints + nScalars);
  if (b.length !== size) throw new RangeError(`${what} is ${size} bytes`);
  const part = (i: number) => b.subarray(32 * i, 32 * (i + 1));
  return {
    points: Array.from({ length: nPoints }, (_, i) => pointFromBytes(part(i))),
    scalars: Array.from({ length: nScalars }, (_, i) => scalarFromBytes(part(nPoints + i))),
  };
}
