/**
 * Range proofs in parallel, on worker threads: a bill's aggregated range proofs are independent jobs
 * (see RangeJob), so on a 2-core machine two workers roughly halve the prover's time. A bill with one
 * large proof (a month's demand) instead spreads that proof's multi-scalar multiplications over the
 * cores (msm-pool.ts). Each worker derives
 * the vector generators once and reuses them for every job it gets. Jobs stay in this process: their
 * values and blindings never leave it.
 */
import { availableParallelism } from 'node:os';
import { msm, msmCost } from '../core/msm.js';
import { paddedCount } from '../proofs/rangeproof/index.js';
import { foldPlan } from '../proofs/rangeproof/innerproduct.js';
import type { MsmBatch, MsmExecutor } from '../proofs/rangeproof/steps.js';
import { proveRangeJobAsync, type RangeJob } from '../statement/proof.js';
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

/**
 * The work of one range proof of N = n·m' bits, in the cost units of `msmCost`, following the prover's
 * own schedule (innerproduct.ts, foldPlan): the commitment S over 2N generators, then per round j of the
 * inner-product argument two MSMs of n_j·2^p + 1 points (p challenges pending), and after each round the
 * plan materialises, 2·n_{j+1} MSMs of 2^(p+1) points. Progress is reported against it as each MSM batch
 * returns, so the bar moves with the work (the first rounds are the heaviest: it is not linear in steps).
 */
export function rangeProofWork(N: number): number {
  let work = msmCost(2 * N);
  const plan = foldPlan(N);
  let p = 0;
  plan.forEach((mat, j) => {
    work += 2 * msmCost((N >> j) * 2 ** p + 1);
    if (mat) {
      work += 2 * (N >> (j + 1)) * msmCost(2 ** (p + 1));
      p = 0;
    } else p++;
  });
  return work;
}

function batchWork(b: MsmBatch): number {
  let w = 0;
  for (const m of b.msms) w += msmCost(m.points.length);
  return w;
}

export async function proveRangeJobs(jobs: readonly RangeJob[], opts: RangePoolOptions = {}): Promise<string[]> {
  const cores = Math.max(1, opts.workers ?? availableParallelism());
  const size = Math.min(jobs.length, cores);
  const needed = generatorsNeeded(jobs);
  if (needed > WARM_THRESHOLD) await warmGenerators(needed, opts.onGenerators ? { onProgress: opts.onGenerators } : {});
  // Progress in msmCost units: per MSM batch when the proofs run here, per proof on worker threads.
  const work = jobs.map((j) => rangeProofWork(j.n * paddedCount(j.values.length)));
  const total = work.reduce((s, w) => s + w, 0);
  let done = 0;
  let reported = -1;
  const tell = (d: number) => {
    const v = Math.round(Math.min(d, total));
    if (v > reported) opts.onProgress?.(v, Math.round(total));
    reported = Math.max(reported, v);
  };
  /** Runs the jobs one after another through `exec`, reporting after each MSM batch and each proof. */
  const inTurn = async (exec: MsmExecutor): Promise<string[]> => {
    const proofs: string[] = [];
    for (const [i, j] of jobs.entries()) {
      const before = done;
      const counted: MsmExecutor = async (batch) => {
        const r = await exec(batch);
        // The estimate may run over by a little; the proof's end sets the exact figure.
        tell(Math.min(done + batchWork(batch), before + work[i]!));
        done = Math.min(done + batchWork(batch), before + work[i]!);
        return r;
      };
      proofs.push(await proveRangeJobAsync(j, counted));
      done = before + work[i]!;
      tell(done);
    }
    return proofs;
  };
  tell(0);
  if (size <= 1 && cores > 1 && needed > WARM_THRESHOLD) {
    // One large proof: spread its multi-scalar multiplications over every core instead.
    const pool = msmPool(cores);
    try {
      return await inTurn(pool.exec);
    } finally {
      await pool.close();
    }
  }
  if (size <= 1) {
    // In this thread, MSM by MSM, so the bar can move between them (the same proofs as proveRangeJob).
    return inTurn(async (batch) => batch.msms.map((m) => msm(m.points, m.scalars)));
  }
  const report = (i: number) => {
    done += work[i]!;
    tell(done);
  };
  const workerUrl = new URL('./range-worker.js', import.meta.url);
  // Workers get this process's generator tables in shared memory rather than deriving them again.
  const tables = needed > WARM_THRESHOLD ? sharedGeneratorTables(needed) : {};
  return runOnWorkers<RangeJob, string>(workerUrl, jobs, { workers: size, workerData: { tables }, errorCode: 'prove.range', onDone: (id) => report(id) });
}
