/** Worker thread: makes the range proofs it is sent (see range-pool.ts). */
import { workerData } from 'node:worker_threads';
import { primeGenerators } from '../core/generators.js';
import { fromAffineBytes } from '../core/msm.js';
import { proveRangeJob, type RangeJob } from '../statement/proof.js';
import { serveTasks } from './worker-queue.js';

// The generator tables the pool shares (public values), if the jobs are large enough to need them.
const tables = (workerData as { tables?: Record<string, SharedArrayBuffer> } | null)?.tables ?? {};
for (const [name, buf] of Object.entries(tables)) primeGenerators(name, fromAffineBytes(new Uint8Array(buf)));

serveTasks((job: RangeJob) => proveRangeJob(job));
