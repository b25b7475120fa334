/**
 * Generators (PROTOCOL.md section 2). G is the standard base point. H and the vector generators
 * G_i, H_i used by range proofs come from hash_to_ristretto255 (RFC 9380 / RFC 9496) of fixed,
 * domain-separated labels, so nobody knows a discrete log between any two of them.
 *
 * Derived, never trusted: G and H are checked against `PEDERSEN_PIN` when this module loads, every
 * chunk of 4,096 vector generators this process derives is checked against its pin when it completes,
 * and a table derived elsewhere is accepted (`primeGenerators`) only in whole chunks that all match
 * their pins (src/core/generator-pins.ts, docs/generators.md). A range proof checked against a wrong
 * generator can accept a false statement (one generator set to the identity made a proof of ℓ − 1 ∈
 * [0, 2^8) verify), so nothing here takes a table on trust.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, toHex, utf8 } from './bytes.js';
import { MeterproofError } from './errors.js';
import { GENERATOR_CHUNK, GENERATOR_PINS, PEDERSEN_PIN } from './generator-pins.js';
import { fromAffineBytes, toAffineBytes } from './msm.js';
import { hashToRistretto, hashToRistrettoMany, onBackendChange, RistrettoPoint, type Point } from './point.js';

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

// A changed label, DST or library shows up here, before any commitment is made with the wrong H.
function checkPedersenPin(): void {
  if (toHex(sha256(concatBytes(G.toBytes(), H.toBytes()))) !== PEDERSEN_PIN) {
    throw new MeterproofError('generators.invalid', 'the Pedersen generators G, H do not match PEDERSEN_PIN (src/core/generator-pins.ts): the derivation changed');
  }
}
checkPedersenPin();

/** Bytes of one affine table entry (x ‖ y, see `toAffineBytes`). */
const ENTRY = 64;
const CHUNK_BYTES = ENTRY * GENERATOR_CHUNK;

const vectorCache = new Map<string, Point[]>();

// A switch of group backend (src/core/backend) remakes G and H (checked against the pin again) and
// empties the cache: points of one backend are not the other's.
onBackendChange(() => {
  G = RistrettoPoint.fromBytes(RistrettoPoint.BASE.toBytes()).precompute(8, true);
  H = hashToPoint('meterproof/v1/H').precompute(8, true);
  checkPedersenPin();
  vectorCache.clear();
});

function cacheOf(name: string): Point[] {
  let v = vectorCache.get(name);
  if (!v) {
    v = [];
    vectorCache.set(name, v);
  }
  return v;
}

/** Generator i of a named vector: hash_to_ristretto255 of the label `meterproof/v1/<name>/<i>`. */
export function vectorGenerator(name: string, i: number): Point {
  return hashToPoint(`meterproof/v1/${name}/${i}`);
}

/** Generators from ≤ i < to of a named vector, as `vectorGenerator` gives them, derived in one batch. */
export function vectorGenerators(name: string, from: number, to: number): Point[] {
  const labels: Uint8Array[] = [];
  for (let i = from; i < to; i++) labels.push(utf8(`meterproof/v1/${name}/${i}`));
  return hashToRistrettoMany(labels, GENERATOR_DST);
}

/** How many chunks of a vector are pinned (0 for a vector without pins, such as a test's own). */
export function pinnedChunkCount(name: string): number {
  return Object.hasOwn(GENERATOR_PINS, name) ? GENERATOR_PINS[name]!.length : 0;
}

/** Whether `bytes` (one chunk's affine table) hashes to the pin of chunk c of the vector. */
export function chunkMatchesPin(name: string, c: number, bytes: Uint8Array): boolean {
  if (c < 0 || c >= pinnedChunkCount(name) || bytes.length !== CHUNK_BYTES) return false;
  return toHex(sha256(bytes)) === GENERATOR_PINS[name]![c];
}

/**
 * The first n generators of a named vector. Cached: deriving one costs a hash-to-group (≈ 0.25 ms in
 * pure JavaScript, so the 98,304 of the largest range proofs take ≈ 25 s; the Node edge keeps them in a
 * disk cache, src/node/generator-cache.ts, and primes this one). Each pinned chunk is checked against its
 * pin as soon as it is complete (≈ 15 ms for 4,096 points, 2 % of deriving them).
 */
export function generatorVector(name: string, n: number): Point[] {
  const v = cacheOf(name);
  const pinned = pinnedChunkCount(name);
  // In batches that end on chunk boundaries, so each pinned chunk is checked as soon as it is complete.
  while (v.length < n) {
    const from = v.length;
    const to = Math.min(n, (Math.floor(from / GENERATOR_CHUNK) + 1) * GENERATOR_CHUNK);
    v.push(...vectorGenerators(name, from, to));
    const c = to / GENERATOR_CHUNK - 1;
    if (Number.isInteger(c) && c < pinned && !chunkMatchesPin(name, c, toAffineBytes(v.slice(c * GENERATOR_CHUNK)))) {
      v.length = c * GENERATOR_CHUNK;
      throw new MeterproofError('generators.invalid', `this process derived chunk ${c} of ${name} differently from its pin (src/core/generator-pins.ts): the derivation changed`);
    }
  }
  return v.slice(0, n);
}

/** How many generators of a vector are cached in this process. */
export function cachedGeneratorCount(name: string): number {
  return vectorCache.get(name)?.length ?? 0;
}

/**
 * The affine table (`toAffineBytes`) of generators [from, to) of a vector, for another thread or a
 * cache file; derives what is missing.
 */
export function generatorTable(name: string, from: number, to: number): Uint8Array {
  return toAffineBytes(generatorVector(name, to).slice(from));
}

/**
 * Accepts generators first … first + k·4096 − 1 of a pinned vector that were derived elsewhere (another
 * thread, a disk cache), given as their affine table (`toAffineBytes`: 64 bytes per point): whole chunks
 * only, `first` a multiple of 4,096 not beyond what this process has, the whole table within the pins.
 * Every chunk is hashed and compared with its pin before a single point is decoded or cached, so a table
 * with any wrong generator is refused as a whole. Throws MeterproofError('generators.invalid') naming the
 * first chunk that does not match; the Node edge turns that into a warning and derives the table again.
 * Returns the number of generators of the vector now cached.
 */
export function primeGenerators(name: string, table: Uint8Array, first = 0): number {
  const pinned = pinnedChunkCount(name);
  if (pinned === 0) throw new MeterproofError('generators.invalid', `${name} has no pinned generators: a table of it cannot be accepted from elsewhere`);
  const have = cachedGeneratorCount(name);
  if (!Number.isSafeInteger(first) || first < 0 || first % GENERATOR_CHUNK !== 0 || first > have) {
    throw new MeterproofError('generators.invalid', `a table of ${name} must start at a chunk boundary within the ${have} generators cached, not at ${first}`);
  }
  if (table.length % CHUNK_BYTES !== 0) {
    throw new MeterproofError('generators.invalid', `a table of ${name} holds whole chunks of ${GENERATOR_CHUNK} generators (${CHUNK_BYTES} bytes each), not ${table.length} bytes`);
  }
  const c0 = first / GENERATOR_CHUNK;
  const chunks = table.length / CHUNK_BYTES;
  if (c0 + chunks > pinned) {
    throw new MeterproofError('generators.invalid', `a table of ${name} reaching chunk ${c0 + chunks - 1} goes beyond the ${pinned} pinned chunks`);
  }
  for (let k = 0; k < chunks; k++) {
    if (!chunkMatchesPin(name, c0 + k, table.subarray(k * CHUNK_BYTES, (k + 1) * CHUNK_BYTES))) {
      throw new MeterproofError('generators.invalid', `chunk ${c0 + k} of the generator table for ${name} does not match its pin`);
    }
  }
  const end = first + chunks * GENERATOR_CHUNK;
  if (end <= have) return have;
  const v = cacheOf(name);
  // Generators below `have` are already here (derived or accepted, and the same points); decode the rest.
  for (const p of fromAffineBytes(table.subarray((have - first) * ENTRY))) v.push(p);
  return v.length;
}
