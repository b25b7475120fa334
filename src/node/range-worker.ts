/** Worker thread: makes the range proofs it is sent (see range-pool.ts). */
import { parentPort } from 'node:worker_threads';
import { proveRangeJob, type RangeJob } from '../statement/proof.js';

parentPort!.on('message', (msg: { id: number; job: RangeJob }) => {
  try {
    parentPort!.postMessage({ id: msg.id, proof: proveRangeJob(msg.job) });
  } catch (e) {
    // Only the code and message cross back: they name the chunk, never a value.
    parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? e.message : 'range proof failed' });
  }
});
