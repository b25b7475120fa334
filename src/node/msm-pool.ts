/**
 * Multi-scalar multiplications on worker threads: an `MsmExecutor` for the range prover (steps.ts), so
 * one large range proof uses every core. A large MSM is split by points into one slice per worker and
 * the partial sums added; many small ones (folded generators) are dealt out in contiguous groups. The
 * scalars are public or fresh uniformly random blinders (docs/rangeproof.md, "Side channels"), the same
 * values the single-threaded prover feeds `msm`; no witness crosses to a worker. Points cross in the
 * backend's raw form (`exportRaw`), which needs no inversion or square root.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { backend } from '../core/backend/index.js';
import { backendName, type Point } from '../core/point.js';
import { execMsmBatch } from '../proofs/rangeproof/split.js';
import type { MsmBatch, MsmExecutor } from '../proofs/rangeproof/index.js';

export interface MsmPool {
  readonly exec: MsmExecutor;
  close(): Promise<void>;
}

export function msmPool(size = availableParallelism()): MsmPool {
  const url = new URL('./msm-worker.js', import.meta.url);
  const workers = Array.from({ length: Math.max(1, size) }, () => new Worker(url));
  const pending = new Map<number, { resolve: (r: Point[]) => void; reject: (e: unknown) => void }>();
  let nextId = 0;
  for (const w of workers) {
    w.on('message', (m: { id: number; results: Uint8Array }) => {
      pending.get(m.id)?.resolve(backend().importRaw(m.results));
      pending.delete(m.id);
    });
    w.on('error', (e) => {
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    });
  }
  const send = (w: Worker, tasks: Array<{ points: readonly Point[]; scalars: readonly bigint[] }>): Promise<Point[]> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      const raw = tasks.map((t) => ({ points: backend().exportRaw(t.points), scalars: t.scalars }));
      w.postMessage({ id, backend: backendName(), tasks: raw }, raw.map((t) => t.points.buffer as ArrayBuffer));
    });

  const exec = (batch: MsmBatch): Promise<Point[]> => execMsmBatch(batch, workers, send);
  return {
    exec,
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
