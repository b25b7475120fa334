/**
 * Range proofs in parallel, on worker threads: a bill's aggregated range proofs are independent jobs
 * (see RangeJob), so on a 2-core machine two workers roughly halve the prover's time. Each worker derives
 * the vector generators once and reuses them for every job it gets. Jobs stay in this process: their
 * values and blindings never leave it.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { MeterproofError } from '../core/errors.js';
import { proveRangeJob, type RangeJob } from '../statement/proof.js';

export interface RangePoolOptions {
  /** Number of worker threads; default: the machine's available parallelism. */
  readonly workers?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export async function proveRangeJobs(jobs: readonly RangeJob[], opts: RangePoolOptions = {}): Promise<string[]> {
  const size = Math.min(jobs.length, Math.max(1, opts.workers ?? availableParallelism()));
  const total = jobs.reduce((s, j) => s + j.n * j.values.length, 0);
  let done = 0;
  const report = (j: RangeJob) => {
    done += j.n * j.values.length;
    opts.onProgress?.(done, total);
  };
  if (size <= 1) {
    return jobs.map((j) => {
      const p = proveRangeJob(j);
      report(j);
      return p;
    });
  }
  const workerUrl = new URL('./range-worker.js', import.meta.url);
  const workers = Array.from({ length: size }, () => new Worker(workerUrl));
  const results = new Array<string>(jobs.length);
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= jobs.length) return resolve();
              const id = next++;
              w.postMessage({ id, job: jobs[id] });
            };
            w.on('message', (m: { id: number; proof?: string; error?: string }) => {
              if (m.error !== undefined || m.proof === undefined) return reject(new MeterproofError('prove.range', `range proof ${m.id}: ${m.error ?? 'no proof'}`));
              results[m.id] = m.proof;
              report(jobs[m.id]!);
              send();
            });
            w.on('error', () => reject(new MeterproofError('prove.range', 'a range-proof worker failed')));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
