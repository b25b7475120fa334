/**
 * A disk cache of the range proofs' vector generators 𝐆 = 'bp/G', 𝐇 = 'bp/H'.
 *
 * Why: an aggregated range proof over N bits needs 2N generators, each a hash_to_ristretto255 that costs
 * ≈ 0.25 ms in pure JavaScript. The largest proofs (N = RANGE_CHUNK_BITS = 49,152, one proof for a month
 * of quarter-hourly demand) need 98,304 of them: ≈ 25 s on one core, every time a process starts. The
 * generators are public constants, so this derives them once per machine, on every core (worker threads),
 * and keeps them in a file; later processes load the table in well under a second.
 *
 * File `<dir>/generators-v1-<name>.bin`:  "meterproof generators v1\n" ‖ u32le count ‖ count × 64 bytes
 * (affine x ‖ y, see `toAffineBytes`) ‖ SHA-256 of everything before. A file that is short, corrupt or
 * off the curve is ignored and rebuilt; `primeGenerators` re-derives a sample of every table it is given.
 * The directory is METERPROOF_CACHE_DIR (empty or "off": no disk cache), else $XDG_CACHE_HOME/meterproof,
 * else ~/.cache/meterproof. The cache holds only public values.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, unlinkSync } from 'node:fs';
import { homedir, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { cachedGeneratorCount, generatorVector, primeGenerators } from '../core/generators.js';
import { fromAffineBytes, toAffineBytes } from '../core/msm.js';
import type { Point } from '../core/point.js';
import { RANGE_CHUNK_BITS } from '../statement/proof.js';
import { runOnWorkers } from './worker-queue.js';

const MAGIC = new TextEncoder().encode('meterproof generators v1\n');
export const GENERATOR_NAMES = ['bp/G', 'bp/H'] as const;
/** Below this many generators per vector, deriving in-process is quick enough (< 2 s): no cache needed. */
export const WARM_THRESHOLD = 4096;

export function generatorCacheDir(): string | null {
  const env = process.env.METERPROOF_CACHE_DIR;
  if (env !== undefined) return env === '' || env === 'off' ? null : env;
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg && xdg !== '' ? xdg : join(homedir(), '.cache'), 'meterproof');
}

function fileOf(dir: string, name: string): string {
  return join(dir, `generators-v1-${name.replace(/[^A-Za-z0-9]/g, '_')}.bin`);
}

/** The table in a cache file, or null when there is none or it is damaged. */
export function readGeneratorTable(dir: string, name: string): Point[] | null {
  let b: Buffer;
  try {
    b = readFileSync(fileOf(dir, name));
  } catch {
    return null;
  }
  const head = MAGIC.length + 4;
  if (b.length < head + 32 || !b.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const count = b.readUInt32LE(MAGIC.length);
  if (b.length !== head + 64 * count + 32) return null;
  const digest = createHash('sha256').update(b.subarray(0, head + 64 * count)).digest();
  if (!digest.equals(b.subarray(head + 64 * count))) return null;
  try {
    return fromAffineBytes(new Uint8Array(b.buffer, b.byteOffset + head, 64 * count));
  } catch {
    return null;
  }
}

function writeTable(dir: string, name: string, points: readonly Point[]): void {
  const body = toAffineBytes(points);
  const count = Buffer.alloc(4);
  count.writeUInt32LE(points.length);
  const head = Buffer.concat([MAGIC, count, body]);
  const file = fileOf(dir, name);
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

/**
 * Worker threads and other processes: load the tables from the disk cache if it holds at least `count`
 * generators per vector (synchronously; no derivation). Returns whether the process now has them.
 */
export function loadCachedGenerators(count: number): boolean {
  const dir = generatorCacheDir();
  let ok = true;
  for (const name of GENERATOR_NAMES) {
    if (cachedGeneratorCount(name) >= count) continue;
    const t = dir === null ? null : readGeneratorTable(dir, name);
    if (t === null) {
      ok = false;
      continue;
    }
    try {
      primeGenerators(name, t); // even a shorter table: a derivation then continues where it ends
      if (t.length < count) ok = false;
    } catch {
      ok = false; // a stale or foreign table: derive afresh
    }
  }
  return ok;
}

export interface WarmOptions {
  /** Worker threads for a cold derivation; default: the machine's available parallelism. */
  readonly workers?: number;
  /** Progress of a cold derivation, in generators. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Generators per vector to derive when deriving (at least `count`, the default). */
  readonly target?: number;
}

/**
 * Makes sure this process has the first `count` generators of each vector: from memory, else the disk
 * cache, else derived on every core (continuing a shorter cached table) and saved.
 */
export async function warmGenerators(count: number, opts: WarmOptions = {}): Promise<'memory' | 'disk' | 'derived'> {
  if (GENERATOR_NAMES.every((n) => cachedGeneratorCount(n) >= count)) return 'memory';
  if (loadCachedGenerators(count)) return 'disk';
  const target = Math.max(count, opts.target ?? count);
  const dir = generatorCacheDir();
  const missing = GENERATOR_NAMES.map((name) => ({ name, from: cachedGeneratorCount(name) })).filter((m) => m.from < target);
  const total = missing.reduce((s, m) => s + target - m.from, 0);
  const size = Math.max(1, Math.min(opts.workers ?? availableParallelism(), 16));
  let done = 0;
  const slices: Array<{ name: string; from: number; to: number }> = [];
  for (const m of missing) {
    const step = Math.ceil((target - m.from) / size);
    for (let a = m.from; a < target; a += step) slices.push({ name: m.name, from: a, to: Math.min(target, a + step) });
  }
  let tables: Uint8Array[];
  if (size === 1) {
    tables = slices.map((s) => {
      const v = generatorVector(s.name, s.to);
      done += s.to - s.from;
      opts.onProgress?.(done, total);
      return toAffineBytes(v.slice(s.from, s.to));
    });
  } else {
    tables = await runOnWorkers<(typeof slices)[number], Uint8Array>(new URL('./generator-worker.js', import.meta.url), slices, {
      workers: size,
      errorCode: 'generators.derive',
      onProgress: (units) => {
        done += units;
        opts.onProgress?.(done, total);
      },
    });
  }
  for (const m of missing) {
    const parts: Point[] = generatorVector(m.name, m.from);
    slices.forEach((s, i) => {
      if (s.name === m.name) for (const p of fromAffineBytes(tables[i]!)) parts.push(p);
    });
    primeGenerators(m.name, parts);
    if (dir !== null) writeTable(dir, m.name, parts);
  }
  return 'derived';
}

/**
 * Generators per vector that range proofs of these encoded sizes (hex strings) may need, capped at
 * RANGE_CHUNK_BITS (the verifier rejects anything larger, so hostile input cannot ask for more). A proof of
 * 7 + 2s words has k + c = s, so N = c·2^k is at most max(2^(s−1), 3·2^(s−3)).
 */
export function generatorsForProofs(proofs: unknown): number {
  if (!Array.isArray(proofs)) return 0;
  let n = 0;
  for (const p of proofs) {
    if (typeof p !== 'string') continue;
    const s = Math.floor((p.length / 64 - 7) / 2);
    if (s < 1 || s > 40) continue;
    n = Math.max(n, 2 ** (s - 1), s >= 3 ? 3 * 2 ** (s - 3) : 0);
  }
  return Math.min(n, RANGE_CHUNK_BITS);
}
