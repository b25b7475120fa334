/** Worker thread: makes the range proofs it is sent (see range-pool.ts). */
// @ts-nocheck

import { workerData } from 'node:worker_threads';
import { proveRangeJob, type RangeJob } from '../statement/proof.js';
import { acceptSharedTables } from './generator-cache.js';
import { serveTasks } from './worker-queue.js';

// The generator tables the pool shares (public values), if the jobs are large enough to need them:
// accepted only chunk by chunk against the pins, like a table from any other place.
acceptSharedTables((workerData as { tables?: Record<string, SharedArrayBuffer> } | null)?.tables ?? {});

serveTasks((job: RangeJob) => proveRangeJob(job));
