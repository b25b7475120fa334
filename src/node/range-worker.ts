/** Worker thread: makes the range proofs it is sent (see range-pool.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { primeGenerators } from '../core/generators.js';
import { fromAffineBytes } from '../core/msm.js';
import { proveRangeJob, type RangeJob } from '../statement/proof.js';

// The generator tables the pool shares (public values), if the jobs are large enough to need them.
const tables = (workerData as { tables?: Record<string, SharedArrayBuffer> } | null)?.tables ?? {};
for (const [name, buf] of Object.entries(tables)) primeGenerators(name, fromAffineBytes(new Uint8Array(buf)));

parentPort!.on('message', (msg: { id: number; job: RangeJob }) => {
  try {
    parentPort!.postMessage({ id: msg.id, proof: proveRangeJob(msg.job) });
  } catch (e) {
    // Only the code and message cross back: they name the chunk, never a value.
    parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? e.message : 'range proof failed' });
  }
});
