/**
 * Multi-scalar multiplications on Web Workers: the browser's counterpart of src/node/msm-pool.ts, an
 * MsmExecutor for the range prover (src/proofs/rangeproof/steps.ts), so a large range proof (a month's
 * demand charge) uses every core. A large MSM is split by points, one slice per worker, and the partial
 * sums added (Σ s_i·P_i is the same however the terms are grouped, so the proof's bytes do not change);
 * small batches are computed here, where shipping them would cost more than it saves.
 */
import { backend } from '../../src/core/backend/index.js';
import { backendName, type Point } from '../../src/core/point.js';
import { execMsmBatch } from '../../src/proofs/rangeproof/split.js';
import type { MsmBatch, MsmExecutor } from '../../src/proofs/rangeproof/index.js';

export interface MsmPool {
  readonly exec: MsmExecutor;
  readonly size: number;
  close(): void;
}

export function msmPool(size: number, onBatch?: () => void): MsmPool {
  const workers = Array.from({ length: Math.max(1, size) }, () => new Worker(new URL('./msm-worker.ts', import.meta.url), { type: 'module', name: 'meterproof-msm' }));
  const pending = new Map<number, { resolve: (r: Point[]) => void; reject: (e: unknown) => void }>();
  let nextId = 0;
  for (const w of workers) {
    w.onmessage = (ev: MessageEvent<{ id: number; results: Uint8Array }>) => {
      pending.get(ev.data.id)?.resolve(backend().importRaw(ev.data.results));
      pending.delete(ev.data.id);
    };
    w.onerror = (e) => {
      for (const p of pending.values()) p.reject(new Error(e.message || 'an MSM worker failed'));
      pending.clear();
    };
  }
  const send = (w: Worker, tasks: { points: readonly Point[]; scalars: readonly bigint[] }[]): Promise<Point[]> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      const raw = tasks.map((t) => ({ points: backend().exportRaw(t.points), scalars: [...t.scalars] }));
      w.postMessage({ id, backend: backendName(), tasks: raw }, raw.map((t) => t.points.buffer as ArrayBuffer));
    });

  const exec = (batch: MsmBatch): Promise<Point[]> => {
    onBatch?.();
    return execMsmBatch(batch, workers, send);
  };
  return { exec, size: workers.length, close: () => workers.forEach((x) => x.terminate()) };
}
