/** Worker thread: computes the multi-scalar multiplications it is sent (see msm-pool.ts). Public inputs only. */
// @ts-nocheck

import { parentPort } from 'node:worker_threads';
import { backend } from '../core/backend/index.js';
import { msm } from '../core/msm.js';
import { backendName, useNobleBackend, useWasmBackend } from '../core/point.js';

interface Task {
  points: Uint8Array;
  scalars: bigint[];
}

parentPort!.on('message', (m: { id: number; backend: 'noble' | 'wasm'; tasks: Task[] }) => {
  void (async () => {
    // Points cross threads in the backend's raw form, so both ends must run the same backend.
    if (m.backend !== backendName()) {
      if (m.backend === 'noble') useNobleBackend();
      else await useWasmBackend();
    }
    const b = backend();
    const results = b.exportRaw(m.tasks.map((t) => msm(b.importRaw(t.points), t.scalars)));
    parentPort!.postMessage({ id: m.id, results }, [results.buffer as ArrayBuffer]);
  })();
});
