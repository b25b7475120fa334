/**
 * A disk cache of the range proofs' vector generators 𝐆 = 'bp/G', 𝐇 = 'bp/H'.
 *
 * Why: an aggregated range proof over N bits needs 2N generators, each a hash_to_ristretto255 that costs
 * ≈ 0.25 ms in pure JavaScript. The largest proofs (N = RANGE_CHUNK_BITS = 49,152, one proof for a month
 * of quarter-hourly demand) need 98,304 of them: ≈ 25 s on one core, every time a process starts. The
 * generators are public constants, so this derives them once per machine, on every core (worker threads),
 * and keeps them in a file; later processes load the table in well under a second.
 *
 * File `<dir>/generators-v2-<name>.bin`:  "meterproof generators v2\n" ‖ u32le count ‖ count × 64 bytes
 * (affine x ‖ y, see `toAffineBytes`) ‖ SHA-256 of everything before, with count a whole number of chunks
 * of 4,096 and at most the 49,152 the pins cover. The checksum only tells a damaged file from a wrong one:
 * what makes a table acceptable is that every chunk hashes to its pin in src/core/generator-pins.ts, which
 * `primeGenerators` checks in full before it decodes a point (docs/generators.md). A file that fails
 * either check is reported on stderr, deleted and derived again; the checks cost ≈ 50 ms for both vectors.
 * The directory is METERPROOF_CACHE_DIR (empty or "off": no disk cache), else $XDG_CACHE_HOME/meterproof,
 * else ~/.cache/meterproof. The cache holds only public values.
 */
// @ts-nocheck

import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, unlinkSync } from 'node:fs';
import { homedir, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { MeterproofError } from '../core/errors.js';
import { GENERATOR_CHUNK, PINNED_GENERATORS } from '../core/generator-pins.js';
import { cachedGeneratorCount, generatorTable, generatorVector, primeGenerators } from '../core/generators.js';
import { runOnWorkers } from './worker-queue.js';

const MAGIC = new TextEncoder().encode('meterproof generators v2\n');
export const GENERATOR_NAMES = ['bp/G', 'bp/H'] as const;
/** Below this many generators per vector, deriving in-process is quick enough (< 2 s): no cache needed. */
export const WARM_THRESHOLD = GENERATOR_CHUNK;

/** Where a warning goes: stderr, one line, unless the caller takes it (tests, a service's log). */
export type Warn = (message: string) => void;
export const warnOnStderr: Warn = (message) => {
  process.stderr.write(`meterproof: warning: ${message}\n`);
};

export function generatorCacheDir(): string | null {
  const env = process.env.METERPROOF_CACHE_DIR;
  if (env !== undefined) return env === '' || env === 'off' ? null : env;
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg && xdg !== '' ? xdg : join(homedir(), '.cache'), 'meterproof');
}

export function generatorFile(dir: string, name: string): string {
  return join(dir, `generators-v2-${name.replace(/[^A-Za-z0-9]/g, '_')}.bin`);
}

/** Whole chunks, at most the pinned length: the only table sizes that can be accepted. */
function wholeChunks(n: number): number {
  return Math.min(PINNED_GENERATORS, Math.ceil(n / GENERATOR_CHUNK) * GENERATOR_CHUNK);
}

const isInvalidTable = (e: unknown): e is MeterproofError => e instanceof MeterproofError && e.code === 'generators.invalid';

/**
 * The table body (count × 64 bytes) of a cache file, 'absent' when there is none, or why it is damaged.
 * It is not checked against the pins here: `primeGenerators` does that.
 */
export function readGeneratorFile(dir: string, name: string): Uint8Array | 'absent' | { damaged: string } {
  let b: Buffer;
  try {
    b = readFileSync(generatorFile(dir, name));
  } catch {
    return 'absent';
  }
  const head = MAGIC.length + 4;
  if (b.length < head + 32 || !b.subarray(0, MAGIC.length).equals(MAGIC)) return { damaged: 'not a version-2 table' };
  const count = b.readUInt32LE(MAGIC.length);
  if (count % GENERATOR_CHUNK !== 0 || count > PINNED_GENERATORS) return { damaged: `${count} generators is not a whole number of pinned chunks` };
  if (b.length !== head + 64 * count + 32) return { damaged: 'wrong length' };
  const digest = createHash('sha256').update(b.subarray(0, head + 64 * count)).digest();
  if (!digest.equals(b.subarray(head + 64 * count))) return { damaged: 'checksum mismatch' };
  return new Uint8Array(b.buffer, b.byteOffset + head, 64 * count);
}

function writeTable(dir: string, name: string, body: Uint8Array): void {
  const count = Buffer.alloc(4);
  count.writeUInt32LE(body.length / 64);
  const head = Buffer.concat([MAGIC, count, body]);
  const file = generatorFile(dir, name);
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, Buffer.concat([head, createHash('sha256').update(head).digest()]));
    renameSync(tmp, file);
  } catch {
    // A cache that cannot be written only costs time next run.
    try {
      unlinkSync(tmp);
    } catch {
      /* nothing to remove */
    }
  }
}

function discard(file: string, warn: Warn, why: string): void {
  warn(`${file}: ${why}; discarding it and deriving the generators again`);
  try {
    unlinkSync(file);
  } catch {
    /* already gone, or read-only: it is ignored either way */
  }
}

/**
 * Loads the tables from the disk cache if it holds at least `count` generators per vector (synchronously;
 * no derivation). A shorter table that matches its pins is kept (a derivation then continues where it
 * ends); one that does not is reported, deleted and left to be derived. Returns whether the process now
 * has `count` of each.
 */
export function loadCachedGenerators(count: number, warn: Warn = warnOnStderr): boolean {
  const dir = generatorCacheDir();
  let ok = true;
  for (const name of GENERATOR_NAMES) {
    if (cachedGeneratorCount(name) >= count) continue;
    const t = dir === null ? 'absent' : readGeneratorFile(dir, name);
    if (t === 'absent' || !(t instanceof Uint8Array)) {
      if (t !== 'absent') discard(generatorFile(dir!, name), warn, `damaged generator cache (${t.damaged})`);
      ok = false;
      continue;
    }
    try {
      if (primeGenerators(name, t) < count) ok = false;
    } catch (e) {
      if (!isInvalidTable(e)) throw e;
      discard(generatorFile(dir!, name), warn, `the generator table does not match the pinned generators (${e.message})`);
      ok = false;
    }
  }
  return ok;
}

/**
 * Worker threads: accept the generator tables the main thread shares (whole chunks, checked against the
 * pins like any table from elsewhere). A table that does not match is refused with a warning, and this
 * thread derives what it needs itself.
 */
export function acceptSharedTables(tables: Readonly<Record<string, SharedArrayBuffer>>, warn: Warn = warnOnStderr): void {
  for (const [name, buf] of Object.entries(tables)) {
    try {
      primeGenerators(name, new Uint8Array(buf));
    } catch (e) {
      if (!isInvalidTable(e)) throw e;
      warn(`a worker thread refused the generator table it was given (${e.message}); it derives its own`);
    }
  }
}

/** The tables to share with worker threads for jobs that need `needed` generators: whole chunks, pinned part only. */
export function sharedGeneratorTables(needed: number): Record<string, SharedArrayBuffer> {
  const n = wholeChunks(needed);
  const tables: Record<string, SharedArrayBuffer> = {};
  for (const name of GENERATOR_NAMES) {
    const bytes = generatorTable(name, 0, n);
    const shared = new SharedArrayBuffer(bytes.length);
    new Uint8Array(shared).set(bytes);
    tables[name] = shared;
  }
  return tables;
}

export interface WarmOptions {
  /** Worker threads for a cold derivation; default: the machine's available parallelism. */
  readonly workers?: number;
  /** Progress of a cold derivation, in generators. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Generators per vector to derive when deriving (at least `count`, the default). */
  readonly target?: number;
  /** Where warnings about a discarded table go; default: stderr. */
  readonly onWarning?: Warn;
}

/**
 * Makes sure this process has the first `count` generators of each vector: from memory, else the disk
 * cache, else derived on every core (continuing a shorter cached table) and saved. Derivation and the
 * cache work in whole pinned chunks; generators beyond the pins (no range proof needs them) are derived
 * here and never cached.
 */
export async function warmGenerators(count: number, opts: WarmOptions = {}): Promise<'memory' | 'disk' | 'derived'> {
  const warn = opts.onWarning ?? warnOnStderr;
  if (GENERATOR_NAMES.every((n) => cachedGeneratorCount(n) >= count)) return 'memory';
  if (loadCachedGenerators(count, warn)) return 'disk';
  const target = wholeChunks(Math.max(count, opts.target ?? count));
  const dir = generatorCacheDir();
  // Chunks to derive: from the first one this process does not have in full.
  const tasks: Array<{ name: string; chunk: number }> = [];
  for (const name of GENERATOR_NAMES) {
    for (let c = Math.floor(cachedGeneratorCount(name) / GENERATOR_CHUNK); c * GENERATOR_CHUNK < target; c++) tasks.push({ name, chunk: c });
  }
  const total = tasks.length * GENERATOR_CHUNK;
  const size = Math.max(1, Math.min(opts.workers ?? availableParallelism(), 16));
  let done = 0;
  if (size === 1 || tasks.length <= 1) {
    for (const t of tasks) {
      generatorVector(t.name, (t.chunk + 1) * GENERATOR_CHUNK);
      done += GENERATOR_CHUNK;
      opts.onProgress?.(done, total);
    }
  } else {
    const tables = await runOnWorkers<(typeof tasks)[number], Uint8Array>(new URL('./generator-worker.js', import.meta.url), tasks, {
      workers: size,
      errorCode: 'generators.derive',
      onProgress: (units) => {
        done += units;
        opts.onProgress?.(done, total);
      },
    });
    for (const name of GENERATOR_NAMES) {
      const mine = tasks.flatMap((t, i) => (t.name === name ? [{ chunk: t.chunk, table: tables[i]! }] : []));
      if (mine.length === 0) continue;
      const body = new Uint8Array(mine.reduce((s, m) => s + m.table.length, 0));
      let at = 0;
      for (const m of mine) {
        body.set(m.table, at);
        at += m.table.length;
      }
      try {
        primeGenerators(name, body, mine[0]!.chunk * GENERATOR_CHUNK);
      } catch (e) {
        if (!isInvalidTable(e)) throw e;
        // A worker thread answered with wrong points: derive here (which checks each chunk as it completes).
        warn(`a worker thread derived a wrong generator table (${e.message}); deriving it again in this thread`);
        generatorVector(name, target);
      }
    }
  }
  for (const name of GENERATOR_NAMES) {
    if (dir !== null && tasks.some((t) => t.name === name)) writeTable(dir, name, generatorTable(name, 0, target));
    if (count > target) generatorVector(name, count);
  }
  return 'derived';
}

