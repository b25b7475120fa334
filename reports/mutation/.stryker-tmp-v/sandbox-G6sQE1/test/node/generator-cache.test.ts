/**
 * The generator disk cache and the tables worker threads get: derived elsewhere, so accepted only chunk
 * by chunk against the pins. A wrong table (one generator the identity, another valid point, two swapped;
 * the file's own checksum recomputed so that it passes) is refused, reported, deleted and derived again,
 * and the forged range proof of ℓ − 1 ∈ [0, 2^8) that the identity allows does not verify afterwards.
 *
 * The cache, its worker threads and the verifier run from the built modules (dist/); each scenario
 * re-imports them after vi.resetModules(), as a new process would load them.
 */
// @ts-nocheck

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fromHex, toHex } from '../../src/core/bytes.js';
import { MeterproofError } from '../../src/core/errors.js';
import { GENERATOR_CHUNK, GENERATOR_PINS } from '../../src/core/generator-pins.js';
import { G, generatorVector, vectorGenerator } from '../../src/core/generators.js';
import { fromAffineBytes, toAffineBytes } from '../../src/core/msm.js';
import { commit } from '../../src/core/pedersen.js';
import { IDENTITY, pointToBytes } from '../../src/core/point.js';
import { ORDER, scalar, scalarFromBytes } from '../../src/core/scalar.js';
import { Transcript } from '../../src/core/transcript.js';
import { decodeRangeProof, encodeRangeProof, verifyRange } from '../../src/proofs/rangeproof/index.js';
import { acceptSharedTables } from '../../src/node/generator-cache.js';
import type { RangeJob } from '../../src/statement/proof.js';
import { forgeRangeProof } from './identity-forgery.js';

const dir = mkdtempSync(join(tmpdir(), 'mp-gen-'));
process.env.METERPROOF_CACHE_DIR = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type CacheModule = typeof import('../../src/node/generator-cache.js');
type GeneratorsModule = typeof import('../../src/core/generators.js');
type RangeModule = typeof import('../../src/proofs/rangeproof/index.js');
type TranscriptModule = typeof import('../../src/core/transcript.js');
type PointModule = typeof import('../../src/core/point.js');

/** The built modules, loaded afresh: an empty generator cache in memory, as in a new process. */
async function freshProcess() {
  vi.resetModules();
  return {
    cache: (await import('../../dist/node/generator-cache.js')) as unknown as CacheModule,
    gens: (await import('../../dist/core/generators.js')) as unknown as GeneratorsModule,
    range: (await import('../../dist/proofs/rangeproof/index.js')) as unknown as RangeModule,
    transcript: (await import('../../dist/core/transcript.js')) as unknown as TranscriptModule,
    point: (await import('../../dist/core/point.js')) as unknown as PointModule,
  };
}

const MAGIC = Buffer.from('meterproof generators v2\n');
const fileOf = (name: string) => join(dir, `generators-v2-${name.replace('/', '_')}.bin`);

/** Writes a cache file the way an attacker with write access to the cache would: checksum and all. */
function writeCacheFile(name: string, body: Uint8Array): void {
  const count = Buffer.alloc(4);
  count.writeUInt32LE(body.length / 64);
  const head = Buffer.concat([MAGIC, count, body]);
  writeFileSync(fileOf(name), Buffer.concat([head, createHash('sha256').update(head).digest()]));
}

const bodyOf = (name: string): Uint8Array => {
  const b = readFileSync(fileOf(name));
  return new Uint8Array(b.subarray(MAGIC.length + 4, b.length - 32));
};

const withEntry = (table: Uint8Array, i: number, entry: Uint8Array): Uint8Array => {
  const t = table.slice();
  t.set(entry, 64 * i);
  return t;
};

const chunkPin = (b: Uint8Array, c: number) => createHash('sha256').update(b.subarray(c * 64 * GENERATOR_CHUNK, (c + 1) * 64 * GENERATOR_CHUNK)).digest('hex');

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
});

describe('generator disk cache', () => {
  let good: Uint8Array; // chunk 0 of 𝐆 as the cache writes it

  it('derives whole chunks on worker threads, writes files whose chunks hash to the pins, and loads them', async () => {
    const p = await freshProcess();
    // 300 per vector, rounded up to a whole chunk: one chunk of each vector, one per worker.
    expect(await p.cache.warmGenerators(300, { workers: 2 })).toBe('derived');
    expect(await p.cache.warmGenerators(300)).toBe('memory');
    expect(readdirSync(dir).filter((f) => f.endsWith('.bin')).sort()).toEqual(['generators-v2-bp_G.bin', 'generators-v2-bp_H.bin']);
    for (const name of ['bp/G', 'bp/H']) {
      const body = bodyOf(name);
      expect(body.length).toBe(64 * GENERATOR_CHUNK);
      expect(chunkPin(body, 0)).toBe(GENERATOR_PINS[name]![0]);
    }
    good = bodyOf('bp/G');
    const q = await freshProcess();
    const warnings: string[] = [];
    expect(await q.cache.warmGenerators(GENERATOR_CHUNK, { onWarning: (m) => warnings.push(m) })).toBe('disk');
    expect(warnings).toEqual([]);
    for (const i of [0, 1, 2048, 4095]) expect(q.gens.generatorVector('bp/G', GENERATOR_CHUNK)[i]!.equals(vectorGenerator('bp/G', i))).toBe(true);
  });

  const wrong: Array<[string, () => Uint8Array]> = [
    ['generator 0 set to the identity', () => withEntry(good, 0, toAffineBytes([IDENTITY]))],
    ['generator 77 set to another valid point (the base point)', () => withEntry(good, 77, toAffineBytes([G]))],
    ['generator 4,095 set to a real generator (number 4,094)', () => withEntry(good, 4095, good.subarray(64 * 4094, 64 * 4095))],
    ['generators 5 and 6 swapped', () => withEntry(withEntry(good, 5, good.subarray(64 * 6, 64 * 7)), 6, good.subarray(64 * 5, 64 * 6))],
  ];
  for (const [what, table] of wrong) {
    it(`a file with ${what} (checksum recomputed) is refused, reported, deleted and derived again`, async () => {
      writeCacheFile('bp/G', table());
      const p = await freshProcess();
      expect(p.cache.readGeneratorFile(dir, 'bp/G')).toBeInstanceOf(Uint8Array); // the file-level check passes
      const warnings: string[] = [];
      expect(await p.cache.warmGenerators(GENERATOR_CHUNK, { onWarning: (m) => warnings.push(m) })).toBe('derived');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(fileOf('bp/G'));
      expect(warnings[0]).toMatch(/does not match the pinned generators \(chunk 0 of the generator table for bp\/G does not match its pin\)/);
      expect(bodyOf('bp/G')).toEqual(good); // rebuilt
      const v = p.gens.generatorVector('bp/G', GENERATOR_CHUNK);
      for (const i of [0, 5, 6, 77, 4095]) expect(v[i]!.equals(vectorGenerator('bp/G', i))).toBe(true);
    });
  }

  it('the forged proof of ℓ − 1 ∈ [0, 2^8) that an identity generator allows does not verify after loading that file', async () => {
    const badTable = withEntry(good, 0, toAffineBytes([IDENTITY]));
    const badG = fromAffineBytes(badTable.subarray(0, 64 * 8));
    const Hv = generatorVector('bp/H', 8);
    const gamma = scalar(12345n);
    const forge = (v: bigint, Gv: typeof badG) => {
      const { V, proof } = forgeRangeProof(new Transcript('forgery'), v, gamma, 8, Gv, Hv, 0);
      return { V: pointToBytes(V), proof: encodeRangeProof(proof) };
    };
    const verifyWith = (r: RangeModule, t: TranscriptModule, pt: PointModule, f: ReturnType<typeof forge>) =>
      r.verifyRange(new t.Transcript('forgery'), [pt.pointFromBytes(f.V)], 8, r.decodeRangeProof(f.proof, { n: 8, m: 1 }));

    // The forger is a correct prover when nothing is forged, and its forgery is real: a verifier whose 𝐆
    // is the wrong table (the old 8-sample check let it in) accepts it.
    const honest = forge(0n, generatorVector('bp/G', 8));
    expect(verifyRange(new Transcript('forgery'), [commit(0n, gamma)], 8, decodeRangeProof(honest.proof, { n: 8, m: 1 }))).toBe(true);
    expect(verifyRange(new Transcript('forgery'), [commit(ORDER - 1n, gamma)], 8, decodeRangeProof(forge(ORDER - 1n, generatorVector('bp/G', 8)).proof, { n: 8, m: 1 }))).toBe(false);
    const forged = forge(ORDER - 1n, badG);
    vi.resetModules();
    vi.doMock('../../dist/core/generators.js', async (original) => {
      const real = await original<GeneratorsModule>();
      return { ...real, generatorVector: (name: string, n: number) => (name === 'bp/G' ? badG.slice(0, n) : real.generatorVector(name, n)) };
    });
    try {
      const fooled = {
        range: (await import('../../dist/proofs/rangeproof/index.js')) as unknown as RangeModule,
        transcript: (await import('../../dist/core/transcript.js')) as unknown as TranscriptModule,
        point: (await import('../../dist/core/point.js')) as unknown as PointModule,
      };
      expect(verifyWith(fooled.range, fooled.transcript, fooled.point, forged)).toBe(true);
    } finally {
      vi.doUnmock('../../dist/core/generators.js');
    }

    // Now the real thing: a verifier process loads the cache file with that table in it.
    writeCacheFile('bp/G', badTable);
    const p = await freshProcess();
    const warnings: string[] = [];
    await p.cache.warmGenerators(GENERATOR_CHUNK, { onWarning: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(verifyWith(p.range, p.transcript, p.point, forged)).toBe(false);
    expect(verifyWith(p.range, p.transcript, p.point, honest)).toBe(true);
  });

  it('a damaged file (bad checksum, truncated, partial chunk, other version) is told apart, reported and rebuilt', async () => {
    const head = Buffer.concat([MAGIC, Buffer.from([0, 0x10, 0, 0])]); // count 4,096
    const file = Buffer.concat([head, good, createHash('sha256').update(Buffer.concat([head, good])).digest()]);
    const flipped = Buffer.from(file);
    flipped[100]! ^= 0x10;
    const partial = Buffer.concat([MAGIC, Buffer.from([100, 0, 0, 0]), good.subarray(0, 6400)]);
    const damaged: Array<[Buffer, string]> = [
      [flipped, 'checksum mismatch'],
      [file.subarray(0, file.length - 64), 'wrong length'],
      [Buffer.concat([partial, createHash('sha256').update(partial).digest()]), '100 generators is not a whole number of pinned chunks'],
      [Buffer.concat([Buffer.from('meterproof generators v1\n'), file.subarray(MAGIC.length)]), 'not a version-2 table'],
    ];
    const p = await freshProcess();
    for (const [bytes, why] of damaged) {
      writeFileSync(fileOf('bp/G'), bytes);
      expect(p.cache.readGeneratorFile(dir, 'bp/G')).toEqual({ damaged: why });
    }
    const warnings: string[] = [];
    expect(await p.cache.warmGenerators(GENERATOR_CHUNK, { onWarning: (m) => warnings.push(m) })).toBe('derived');
    expect(warnings).toEqual([`${fileOf('bp/G')}: damaged generator cache (not a version-2 table); discarding it and deriving the generators again`]);
    expect(bodyOf('bp/G')).toEqual(good);
  });

  it('warnings go to stderr by default, one line naming the file and the fix', async () => {
    writeCacheFile('bp/G', withEntry(good, 0, toAffineBytes([IDENTITY])));
    const p = await freshProcess();
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(p.cache.loadCachedGenerators(GENERATOR_CHUNK)).toBe(false);
      const lines = spy.mock.calls.map((c) => String(c[0]));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^meterproof: warning: .*generators-v2-bp_G\.bin: the generator table does not match the pinned generators .*; discarding it and deriving the generators again\n$/);
    } finally {
      spy.mockRestore();
    }
    expect(existsSync(fileOf('bp/G'))).toBe(false); // deleted: a wrong table never lingers
  });

});

describe('worker threads', () => {
  const job: RangeJob = { seed: '11'.repeat(32), rngKey: '22'.repeat(32), chunk: 0, n: 8, values: ['5', '250'], blindings: ['02'.padEnd(64, '0'), '03'.padEnd(64, '0')] };
  const verifyJob = (proofHex: string): boolean => {
    const t = new Transcript('meterproof/v1/range-chunk');
    t.appendBytes('statement', fromHex(job.seed, 32));
    t.appendU64('chunk', job.chunk);
    t.appendU64('n', job.n);
    const V = job.values.map((v, i) => commit(BigInt(v), scalarFromBytes(fromHex(job.blindings[i]!, 32))));
    return verifyRange(t, V, 8, decodeRangeProof(fromHex(proofHex), { n: 8, m: 2 }));
  };
  const shared = (bytes: Uint8Array): SharedArrayBuffer => {
    const s = new SharedArrayBuffer(bytes.length);
    new Uint8Array(s).set(bytes);
    return s;
  };

  /** One job on a range-proof worker (dist/node/range-worker.js) given these tables; its proof and stderr. */
  async function runRangeWorker(tables: Record<string, SharedArrayBuffer>): Promise<{ proof: string; stderr: string }> {
    const w = new Worker(new URL('../../dist/node/range-worker.js', import.meta.url), { workerData: { tables }, stderr: true });
    let stderr = '';
    w.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const ended = new Promise((resolve) => w.stderr.on('end', resolve));
    try {
      const proof = await new Promise<string>((resolve, reject) => {
        w.on('message', (m: { result?: string; error?: string }) => (m.result !== undefined ? resolve(m.result) : m.error !== undefined ? reject(new Error(m.error)) : undefined));
        w.on('error', reject);
        w.postMessage({ id: 0, task: job });
      });
      await w.terminate();
      await ended; // everything the worker wrote before it stopped
      return { proof, stderr };
    } finally {
      await w.terminate();
    }
  }

  const goodG = () => toAffineBytes(generatorVector('bp/G', GENERATOR_CHUNK));
  const goodH = () => toAffineBytes(generatorVector('bp/H', GENERATOR_CHUNK));

  it('a range-proof worker given a table with a wrong generator refuses it, says so, and proves with its own', async () => {
    // Generator 3 of 𝐆 is used by this job (N = 16); the old sample check did not look at it.
    const r = await runRangeWorker({ 'bp/G': shared(withEntry(goodG(), 3, toAffineBytes([IDENTITY]))), 'bp/H': shared(goodH()) });
    expect(r.stderr).toMatch(/meterproof: warning: a worker thread refused the generator table it was given \(chunk 0 of the generator table for bp\/G does not match its pin\)/);
    expect(verifyJob(r.proof)).toBe(true);
  });

  it('a range-proof worker given the pinned table uses it quietly', async () => {
    const r = await runRangeWorker({ 'bp/G': shared(goodG()), 'bp/H': shared(goodH()) });
    expect(r.stderr).toBe('');
    expect(verifyJob(r.proof)).toBe(true);
  });

  it('acceptSharedTables refuses a table of another vector, a partial chunk or a wrong point, and keeps going', () => {
    const warnings: string[] = [];
    acceptSharedTables({ 'bp/H': shared(goodG()), 'bp/G': shared(goodG().subarray(0, 6400)), 'test/x': shared(goodG()) }, (m) => warnings.push(m));
    expect(warnings).toHaveLength(3);
    expect(warnings.join('\n')).toMatch(/bp\/H does not match its pin[^]*whole chunks[^]*no pinned generators/);
    expect(toHex(toAffineBytes(generatorVector('bp/H', 2)))).toBe(toHex(goodH().subarray(0, 128)));
  });
});
