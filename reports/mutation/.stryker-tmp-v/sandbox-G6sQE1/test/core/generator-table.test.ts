/**
 * primeGenerators: a table derived elsewhere is accepted only in whole chunks that match their pins, and
 * refused as a whole if a single generator is wrong (the identity, another valid point, two swapped).
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { MeterproofError } from '../../src/core/errors.js';
import { GENERATOR_CHUNK, PINNED_CHUNKS } from '../../src/core/generator-pins.js';
import { G, cachedGeneratorCount, chunkMatchesPin, generatorTable, generatorVector, primeGenerators, vectorGenerator } from '../../src/core/generators.js';
import { toAffineBytes } from '../../src/core/msm.js';
import { IDENTITY } from '../../src/core/point.js';

// Chunk 0 of 𝐆 as another thread would send it, derived here without touching this process's cache.
const good = toAffineBytes(Array.from({ length: GENERATOR_CHUNK }, (_, i) => vectorGenerator('bp/G', i)));

function withEntry(table: Uint8Array, i: number, entry: Uint8Array): Uint8Array {
  const t = table.slice();
  t.set(entry, 64 * i);
  return t;
}
const entryOf = (p: typeof G): Uint8Array => toAffineBytes([p]);

const invalid = (f: () => unknown, message: RegExp): void => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(MeterproofError);
    expect((e as MeterproofError).code).toBe('generators.invalid');
    expect((e as Error).message).toMatch(message);
    return;
  }
  throw new Error('expected generators.invalid');
};

describe('primeGenerators', () => {
  it('refuses a table with one generator replaced, wherever it is, before caching anything', () => {
    const swapped = good.slice();
    swapped.set(good.subarray(64 * 6, 64 * 7), 64 * 5);
    swapped.set(good.subarray(64 * 5, 64 * 6), 64 * 6);
    const bad = [
      withEntry(good, 0, entryOf(IDENTITY)), // the identity (the break the review found)
      withEntry(good, 1234, entryOf(IDENTITY)),
      withEntry(good, GENERATOR_CHUNK - 1, entryOf(IDENTITY)),
      withEntry(good, 77, entryOf(G)), // another valid point, with a known discrete log
      withEntry(good, 3000, good.subarray(64 * 3001, 64 * 3002)), // a real generator, twice
      swapped,
    ];
    for (const t of bad) invalid(() => primeGenerators('bp/G', t), /chunk 0 of the generator table for bp\/G does not match its pin/);
    // A right chunk 0 followed by a wrong chunk 1: refused as a whole too, chunk 0 included.
    const two = new Uint8Array(2 * good.length);
    two.set(good, 0);
    two.set(withEntry(good, 0, entryOf(IDENTITY)), good.length);
    invalid(() => primeGenerators('bp/G', two), /chunk 1 of the generator table for bp\/G does not match its pin/);
    expect(cachedGeneratorCount('bp/G')).toBe(0);
  });

  it('accepts whole chunks only, within the pins, of pinned vectors only', () => {
    invalid(() => primeGenerators('bp/G', good.subarray(0, 64 * 100)), /whole chunks/);
    invalid(() => primeGenerators('bp/G', new Uint8Array(64 * GENERATOR_CHUNK * (PINNED_CHUNKS + 1))), /beyond the 12 pinned chunks/);
    invalid(() => primeGenerators('test/other', good), /no pinned generators/);
    invalid(() => primeGenerators('bp/G', good, GENERATOR_CHUNK), /chunk boundary/); // a gap after the cached ones
    invalid(() => primeGenerators('bp/G', good, 5), /chunk boundary/);
    // Chunk 0's points as chunk 1: each chunk has its own pin.
    expect(chunkMatchesPin('bp/G', 0, good)).toBe(true);
    expect(chunkMatchesPin('bp/G', 1, good)).toBe(false);
    expect(chunkMatchesPin('bp/H', 0, good)).toBe(false);
  });

  it('accepts the pinned table and continues a shorter cache with it', () => {
    generatorVector('bp/G', 100); // derived here: the table's first 100 are not decoded again
    expect(primeGenerators('bp/G', good)).toBe(GENERATOR_CHUNK);
    const v = generatorVector('bp/G', GENERATOR_CHUNK);
    for (const i of [0, 99, 100, 2048, GENERATOR_CHUNK - 1]) expect(v[i]!.equals(vectorGenerator('bp/G', i))).toBe(true);
    expect(generatorTable('bp/G', 0, GENERATOR_CHUNK)).toEqual(good);
    expect(primeGenerators('bp/G', good)).toBe(GENERATOR_CHUNK); // nothing new: a no-op
  });
});
