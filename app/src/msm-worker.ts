/**
 * A Web Worker that computes the multi-scalar multiplications it is sent (msm-pool.ts): public points
 * and scalars only (generators, commitments, challenges and fresh blinders), never a reading or opening.
 */
import { backend } from '../../src/core/backend/index.js';
import { msm } from '../../src/core/msm.js';
import { backendName, useNobleBackend, useWasmBackend } from '../../src/core/point.js';

self.onmessage = async (ev: MessageEvent<{ id: number; backend: 'noble' | 'wasm'; tasks: { points: Uint8Array; scalars: bigint[] }[] }>) => {
  const m = ev.data;
  // Points cross in the backend's raw form, so both ends must run the same backend.
  if (m.backend !== backendName()) {
    if (m.backend === 'noble') useNobleBackend();
    else await useWasmBackend();
  }
  const b = backend();
  const results = b.exportRaw(m.tasks.map((t) => msm(b.importRaw(t.points), t.scalars)));
  (self as unknown as Worker).postMessage({ id: m.id, results }, [results.buffer as ArrayBuffer]);
};
