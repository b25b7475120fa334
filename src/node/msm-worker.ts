/** Worker thread: computes the multi-scalar multiplications it is sent (see msm-pool.ts). Public inputs only. */
import { parentPort } from 'node:worker_threads';
import { msmExt, type Ext } from '../core/msm.js';

parentPort!.on('message', (m: { id: number; tasks: Array<{ points: Ext[]; scalars: bigint[] }> }) => {
  parentPort!.postMessage({ id: m.id, results: m.tasks.map((t) => msmExt(t.points, t.scalars)) });
});
