/**
 * Generators (PROTOCOL.md section 2). G is the standard base point. H and the vector generators
 * G_i, H_i used by range proofs come from hash_to_ristretto255 (RFC 9380 / RFC 9496) of fixed,
 * domain-separated labels, so nobody knows a discrete log between any two of them.
 */
import { ristretto255_hasher } from '@noble/curves/ed25519.js';
import { utf8 } from './bytes.js';
import { RistrettoPoint, type Point } from './point.js';

/** Domain separation tag for every generator this protocol derives. */
export const GENERATOR_DST = 'meterproof/v1/generators';

/** hash_to_ristretto255(label) under the protocol's DST. */
export function hashToPoint(label: string): Point {
  return ristretto255_hasher.hashToCurve(utf8(label), { DST: GENERATOR_DST }) as unknown as Point;
}

/** Base point G, with a wider precomputation table than noble's default: commitments multiply it constantly. */
export const G: Point = RistrettoPoint.fromBytes(RistrettoPoint.BASE.toBytes()).precompute(8, true);

/** Pedersen blinding generator H = hash_to_ristretto255("meterproof/v1/H"). */
export const H: Point = hashToPoint('meterproof/v1/H').precompute(8, true);

const vectorCache = new Map<string, Point[]>();

/**
 * The first n generators of a named vector, label `meterproof/v1/<name>/<i>`. Cached: deriving one
 * costs a hash-to-group.
 */
export function generatorVector(name: string, n: number): Point[] {
  let v = vectorCache.get(name);
  if (!v) {
    v = [];
    vectorCache.set(name, v);
  }
  for (let i = v.length; i < n; i++) v.push(hashToPoint(`meterproof/v1/${name}/${i}`));
  return v.slice(0, n);
}
