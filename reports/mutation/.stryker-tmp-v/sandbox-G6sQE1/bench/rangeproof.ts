/**
 * Range-proof benchmarks: medians (ms) of prove / verify / batch-verify at a few sizes, plus the MSM
 * comparison (ours vs noble's `pippenger`) that decides src/core/msm.ts, and the cost of deriving a
 * generator. Run standalone (after `tsc -p tsconfig.bench.json`): node dist-bench/bench/rangeproof.js
 * or import `benchRangeproof` from the main bench.
 */
// @ts-nocheck

import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import { G, generatorVector } from '../src/core/generators.js';
import { msm } from '../src/core/msm.js';
import type { Point } from '../src/core/point.js';
import { seededRng } from '../src/core/rng.js';
import { scalarFromWide, type Scalar } from '../src/core/scalar.js';
import { Transcript } from '../src/core/transcript.js';
import {
  encodeRangeProof,
  proveRange,
  verifyRange,
  verifyRangeBatch,
  type RangeBits,
  type RangeProof,
} from '../src/proofs/rangeproof/index.js';
import { time } from './timing.js';


const PROTOCOL = 'meterproof/v1/bench/rangeproof';
const transcript = (): Transcript => new Transcript(PROTOCOL).appendString('bench.statement', 'bench');

export interface RangeproofBenchOptions {
  /** Skip the largest case (m = 128, n = 16) and the MSM comparison at 4096 points. */
  readonly quick?: boolean;
  readonly log?: (line: string) => void;
}

/** Medians in milliseconds, keyed like 'rangeproof.prove.n16.m128'. */
export async function benchRangeproof(opts: RangeproofBenchOptions = {}): Promise<Record<string, number>> {
  const log = opts.log ?? ((l: string) => process.stdout.write(l + '\n'));
  const out: Record<string, number> = {};
  const rec = (key: string, ms: number, note = ''): void => {
    out[key] = Math.round(ms * 100) / 100;
    log(`${key.padEnd(44)} ${ms.toFixed(ms < 10 ? 2 : 1).padStart(10)} ms  ${note}`);
  };
  const rng = seededRng('bench/rangeproof');
  const rs = (): Scalar => scalarFromWide(rng(64));

  // Generator derivation (hash-to-group), on a name no proof uses, so it is really cold.
  {
    generatorVector('bench/derive-warmup', 16); // JIT warm-up
    const k = 64;
    const t0 = performance.now();
    generatorVector('bench/derive', k);
    rec('generators.derive_per_point', (performance.now() - t0) / k, '(hash_to_ristretto255, one-time, cached)');
  }

  // MSM: ours (Straus below 64 terms, signed-digit Pippenger above) against noble's pippenger.
  const msmSizes = opts.quick ? [2, 16, 64, 256, 1024] : [2, 16, 64, 256, 1024, 4096];
  const pool = generatorVector('bp/G', Math.max(...msmSizes));
  for (const k of msmSizes) {
    const pts: Point[] = pool.slice(0, k);
    const sc = Array.from({ length: k }, rs);
    const runs = k >= 1024 ? 3 : 7;
    rec(`msm.${k}`, time(runs, () => msm(pts, sc)).ms);
  }
  // the single multiplication the MSM replaces, for scale
  rec('point.multiplyUnsafe', time(7, () => G.multiplyUnsafe(rs())).ms);

  const cases: Array<{ n: RangeBits; m: number; prove: number; verify: number; batch: number }> = [
    { n: 64, m: 1, prove: 7, verify: 9, batch: 8 },
    { n: 16, m: 8, prove: 5, verify: 7, batch: 8 },
    { n: 64, m: 8, prove: 3, verify: 5, batch: 4 },
    ...(opts.quick ? [] : [{ n: 16 as RangeBits, m: 128, prove: 3, verify: 5, batch: 4 }]),
  ];
  for (const c of cases) {
    const tag = `n${c.n}.m${c.m}`;
    const N = c.n * c.m;
    // derive generators up front so "prove" is the warm figure; report the cold extra separately
    const g0 = performance.now();
    generatorVector('bp/G', N);
    generatorVector('bp/H', N);
    const derive = performance.now() - g0;
    if (derive > 1) rec(`rangeproof.generators.${tag}`, derive, `(first use of ${2 * N} generators)`);
    const values = Array.from({ length: c.m }, (_, j) => BigInt(j * 7919 + 1) % (1n << BigInt(c.n)));
    const gammas = Array.from({ length: c.m }, rs);
    const proved = time(c.prove, () => proveRange(transcript(), values, gammas, c.n));
    const { proof, commitments } = proved.last;
    rec(`rangeproof.prove.${tag}`, proved.ms, `(${encodeRangeProof(proof).length} bytes)`);
    const verified = time(c.verify, () => verifyRange(transcript(), commitments, c.n, proof));
    if (!verified.last) throw new Error(`bench proof ${tag} rejected`);
    rec(`rangeproof.verify.${tag}`, verified.ms);
    const proofs: Array<{ proof: RangeProof; commitments: Point[] }> = [proved.last];
    while (proofs.length < c.batch) proofs.push(proveRange(transcript(), values, gammas, c.n));
    const batched = time(Math.max(3, c.verify - 2), () =>
      verifyRangeBatch(proofs.map((p) => ({ t: transcript(), commitments: p.commitments, n: c.n, proof: p.proof }))),
    );
    if (!batched.last) throw new Error(`bench batch ${tag} rejected`);
    rec(`rangeproof.batch${c.batch}.${tag}`, batched.ms, `(${(batched.ms / c.batch).toFixed(1)} ms per proof)`);
  }
  return out;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`range-proof benchmarks: node ${process.version}, ${cpus().length} cores, ${cpus()[0]?.model ?? ''}`);
  benchRangeproof({ quick: process.argv.includes('--quick') }).catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
