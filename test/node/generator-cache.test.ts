import { mkdtempSync, readFileSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatorVector, primeGenerators, vectorGenerator } from '../../src/core/generators.js';
import { fromAffineBytes, toAffineBytes } from '../../src/core/msm.js';
import { MeterproofError } from '../../src/core/errors.js';
import { generatorsForProofs, readGeneratorTable } from '../../src/node/generator-cache.js';
import { RANGE_CHUNK_BITS } from '../../src/statement/proof.js';

const dir = mkdtempSync(join(tmpdir(), 'mp-gen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('affine point tables', () => {
  const pts = generatorVector('bp/G', 5).concat(generatorVector('bp/H', 3));

  it('round-trip', () => {
    const back = fromAffineBytes(toAffineBytes(pts));
    back.forEach((p, i) => expect(p.equals(pts[i]!)).toBe(true));
    expect(toAffineBytes(back)).toEqual(toAffineBytes(pts));
  });

  it('refuse a point off the curve, a coordinate ≥ p and a ragged length', () => {
    const b = toAffineBytes(pts);
    const off = b.slice();
    off[64 * 2]! ^= 1;
    expect(() => fromAffineBytes(off)).toThrow(/not on the curve/);
    const big = b.slice();
    big.fill(0xff, 0, 32);
    expect(() => fromAffineBytes(big)).toThrow(/not below p/);
    expect(() => fromAffineBytes(b.subarray(1))).toThrow(MeterproofError);
  });

  it('priming with a wrong table is refused', () => {
    const wrong = generatorVector('bp/H', 40);
    expect(() => primeGenerators('bp/G', wrong)).toThrow(/wrong at index/);
  });
});

describe('generator disk cache', () => {
  it('derives on worker threads, writes a checked file, and reads it back', async () => {
    process.env.METERPROOF_CACHE_DIR = dir;
    // The built module: its worker threads run dist/node/generator-worker.js.
    const { warmGenerators } = (await import('../../dist/node/generator-cache.js')) as typeof import('../../src/node/generator-cache.js');
    const got = await warmGenerators(200, { target: 200, workers: 2 });
    expect(got).toBe('derived');
    expect(await warmGenerators(200)).toBe('memory');
    const files = readdirSync(dir).filter((f) => f.endsWith('.bin'));
    expect(files.sort()).toEqual(['generators-v1-bp_G.bin', 'generators-v1-bp_H.bin']);
    const table = readGeneratorTable(dir, 'bp/H')!;
    expect(table).toHaveLength(200);
    for (const i of [0, 1, 99, 199]) expect(table[i]!.equals(vectorGenerator('bp/H', i))).toBe(true);
  });

  it('a larger need continues the cached table', async () => {
    const { warmGenerators } = (await import('../../dist/node/generator-cache.js')) as typeof import('../../src/node/generator-cache.js');
    expect(await warmGenerators(260, { workers: 2 })).toBe('derived');
    const table = readGeneratorTable(dir, 'bp/G')!;
    expect(table).toHaveLength(260);
    for (const i of [0, 199, 200, 259]) expect(table[i]!.equals(vectorGenerator('bp/G', i))).toBe(true);
  });

  it('a damaged file is ignored', () => {
    const file = join(dir, 'generators-v1-bp_G.bin');
    const good = readFileSync(file);
    for (const at of [0, 40, good.length - 1]) {
      const bad = Buffer.from(good);
      bad[at]! ^= 0x10;
      writeFileSync(file, bad);
      expect(readGeneratorTable(dir, 'bp/G')).toBeNull();
    }
    writeFileSync(file, good.subarray(0, good.length - 64));
    expect(readGeneratorTable(dir, 'bp/G')).toBeNull();
    writeFileSync(file, good);
    expect(readGeneratorTable(dir, 'bp/G')).toHaveLength(260);
  });

  it('sizes a verifier needs from proof lengths, capped', () => {
    const hexOf = (words: number) => '00'.repeat(32 * words);
    expect(generatorsForProofs([hexOf(7 + 2 * (14 + 3))])).toBe(3 * 2 ** 14); // N = 3·2^14, k = 14, c = 3
    expect(generatorsForProofs([hexOf(9 + 2 * 12)])).toBe(4096); // N = 2^12
    expect(generatorsForProofs([hexOf(7 + 2 * 40)])).toBe(RANGE_CHUNK_BITS);
    expect(generatorsForProofs('nope')).toBe(0);
    expect(generatorsForProofs([1, null])).toBe(0);
  });
});
