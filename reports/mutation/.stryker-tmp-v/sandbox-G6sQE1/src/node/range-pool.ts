/**
 * Range proofs in parallel, on worker threads: a bill's aggregated range proofs are independent jobs
 * (see RangeJob), so on a 2-core machine two workers roughly halve the prover's time. A bill with one
 * large proof (a month's demand) instead spreads that proof's multi-scalar multiplications over the
 * cores (msm-pool.ts). Each worker derives
 * the vector generators once and reuses them for every job it gets. Jobs stay in this process: their
 * values and blindings never leave it.
 */
// @ts-nocheck

import { availableParallelism } from 'node:os';
import { paddedCount } from '../proofs/rangeproof/index.js';
import { proveRangeJob, proveRangeJobAsync, type RangeJob } from '../statement/proof.js';
import { msmPool } from './msm-pool.js';
import { runOnWorkers } from './worker-queue.js';
import { sharedGeneratorTables, warmGenerators, WARM_THRESHOLD } from './generator-cache.js';

export interface RangePoolOptions {
  /** Number of worker threads; default: the machine's available parallelism. */
  readonly workers?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /** Progress of deriving the generators, when they are in neither memory nor the disk cache. */
  readonly onGenerators?: (done: number, total: number) => void;
}

/** The generators per vector the largest job needs: n·m'. */
export function generatorsNeeded(jobs: readonly RangeJob[]): number {
  return jobs.reduce((mx, j) => Math.max(mx, j.n * paddedCount(j.values.length)), 0);
}

export async function proveRangeJobs(jobs: readonly RangeJob[], opts: RangePoolOptions = {}): Promise<string[]> {
  const cores = Math.max(1, opts.workers ?? availableParallelism());
  const size = Math.min(jobs.length, cores);
  const needed = generatorsNeeded(jobs);
  if (needed > WARM_THRESHOLD) await warmGenerators(needed, opts.onGenerators ? { onProgress: opts.onGenerators } : {});
  const total = jobs.reduce((s, j) => s + j.n * j.values.length, 0);
  let done = 0;
  const report = (j: RangeJob) => {
    done += j.n * j.values.length;
    opts.onProgress?.(done, total);
  };
  if (size <= 1 && cores > 1 && needed > WARM_THRESHOLD) {
    // One large proof: spread its multi-scalar multiplications over every core instead.
    const pool = msmPool(cores);
    try {
      const proofs: string[] = [];
      for (const j of jobs) {
        proofs.push(await proveRangeJobAsync(j, pool.exec));
        report(j);
      }
      return proofs;
    } finally {
      await pool.close();
    }
  }
  if (size <= 1) {
    return jobs.map((j) => {
      const p = proveRangeJob(j);
      report(j);
      return p;
    });
  }
  const workerUrl = new URL('./range-worker.js', import.meta.url);
  // Workers get this process's generator tables in shared memory rather than deriving them again.
  const tables = needed > WARM_THRESHOLD ? sharedGeneratorTables(needed) : {};
  return runOnWorkers<RangeJob, string>(workerUrl, jobs, { workers: size, workerData: { tables }, errorCode: 'prove.range', onDone: (id) => report(jobs[id]!) });
}
