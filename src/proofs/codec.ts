/**
 * The wire layout every sigma proof here uses: its points (32-byte canonical encodings), then its
 * scalars (32-byte little-endian, < ℓ), nothing else. Decoding checks the length and rejects any
 * non-canonical part with an EncodingError.
 */
import { fromHex } from '../core/bytes.js';
import { pointFromBytes, pointsFromBytes, pointToBytes, type Point } from '../core/point.js';
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

/**
 * Decodes many proofs of one layout, given as hex, with a single batch decoding of all their points (a
 * bill of per-reading block prices carries thousands of OR proofs). Null if any of them is malformed:
 * the caller then decodes them one by one with decodeParts, which names the first bad one.
 */
export function decodePartsMany(hexes: readonly string[], nPoints: number, nScalars: number): { points: Point[]; scalars: Scalar[] }[] | null {
  const size = 32 * (nPoints + nScalars);
  try {
    const bytes = hexes.map((h) => fromHex(h, size));
    const pts = pointsFromBytes(bytes.flatMap((b) => Array.from({ length: nPoints }, (_, i) => b.subarray(32 * i, 32 * (i + 1)))));
    return bytes.map((b, j) => ({
      points: pts.slice(nPoints * j, nPoints * (j + 1)),
      scalars: Array.from({ length: nScalars }, (_, i) => scalarFromBytes(b.subarray(32 * (nPoints + i), 32 * (nPoints + i + 1)))),
    }));
  } catch {
    return null;
  }
}
