/**
 * Generators (PROTOCOL.md section 2). G is the standard base point. H and the vector generators
 * G_i, H_i used by range proofs come from hash_to_ristretto255 (RFC 9380 / RFC 9496) of fixed,
 * domain-separated labels, so nobody knows a discrete log between any two of them.
 */
import { utf8 } from './bytes.js';
import { MeterproofError } from './errors.js';
import { hashToRistretto, onBackendChange, RistrettoPoint, type Point } from './point.js';

/** Domain separation tag for every generator this protocol derives. */
export const GENERATOR_DST = 'meterproof/v1/generators';

/** hash_to_ristretto255(label) under the protocol's DST. */
export function hashToPoint(label: string): Point {
  return hashToRistretto(utf8(label), GENERATOR_DST);
}

/** Base point G, with a wider precomputation table than noble's default: commitments multiply it constantly. */
export let G: Point = RistrettoPoint.fromBytes(RistrettoPoint.BASE.toBytes()).precompute(8, true);

/** Pedersen blinding generator H = hash_to_ristretto255("meterproof/v1/H"). */
export let H: Point = hashToPoint('meterproof/v1/H').precompute(8, true);

const vectorCache = new Map<string, Point[]>();

// A switch of group backend (src/core/backend) remakes G and H and empties the cache.
onBackendChange(() => {
  G = RistrettoPoint.fromBytes(RistrettoPoint.BASE.toBytes()).precompute(8, true);
  H = hashToPoint('meterproof/v1/H').precompute(8, true);
  vectorCache.clear();
});

/** Generator i of a named vector: hash_to_ristretto255 of the label `meterproof/v1/<name>/<i>`. */
export function vectorGenerator(name: string, i: number): Point {
  return hashToPoint(`meterproof/v1/${name}/${i}`);
}

/**
 * The first n generators of a named vector. Cached: deriving one costs a hash-to-group (≈ 0.25 ms in
 * pure JavaScript, so the 98,304 of the largest range proofs take ≈ 25 s; the Node edge keeps them in a
 * disk cache, src/node/generator-cache.ts, and primes this one).
 */
export function generatorVector(name: string, n: number): Point[] {
  let v = vectorCache.get(name);
  if (!v) {
    v = [];
    vectorCache.set(name, v);
  }
  for (let i = v.length; i < n; i++) v.push(vectorGenerator(name, i));
  return v.slice(0, n);
}

/** How many generators of a vector are cached in this process. */
export function cachedGeneratorCount(name: string): number {
  return vectorCache.get(name)?.length ?? 0;
}

/**
 * Puts generators 0 … points.length − 1 of a vector, derived elsewhere (another thread, a disk cache),
 * into this process's cache. The caller vouches they are `vectorGenerator(name, i)`; a random sample
 * is re-derived here as a cheap check against a wrong or stale table.
 */
export function primeGenerators(name: string, points: readonly Point[], sample = 8): void {
  const have = cachedGeneratorCount(name);
  if (points.length <= have) return;
  for (let k = 0; k < sample; k++) {
    const i = k === 0 ? points.length - 1 : Math.floor((points.length * k) / sample);
    if (!points[i]!.equals(vectorGenerator(name, i))) throw new MeterproofError('generators.invalid', `the generator table for ${name} is wrong at index ${i}`);
  }
  vectorCache.set(name, points.slice());
}
