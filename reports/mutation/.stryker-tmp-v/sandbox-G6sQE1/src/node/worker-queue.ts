/**
 * Independent tasks on worker threads: each worker takes the next task as soon as it answers, so uneven
 * tasks still keep every worker busy. Used for range-proof jobs (range-pool.ts) and for deriving the
 * generator table (generator-cache.ts).
 *
 * Protocol: the main thread posts { id, task }; the worker (`serveTasks`) answers any number of
 * { id, progress } and then { id, result } or { id, error } (an error message only, never the task).
 */
// @ts-nocheck

import { parentPort, Worker } from 'node:worker_threads';
import { MeterproofError } from '../core/errors.js';

interface Reply<R> {
  readonly id: number;
  readonly progress?: number;
  readonly result?: R;
  readonly error?: string;
}

export interface QueueOptions<R> {
  readonly workers: number;
  readonly workerData?: unknown;
  /** Called with the units a worker reports while it works. */
  readonly onProgress?: (units: number) => void;
  /** Called when task `id` is done. */
  readonly onDone?: (id: number, result: R) => void;
  /** The error code of a failed task, e.g. 'prove.range'. */
  readonly errorCode: string;
}

export async function runOnWorkers<T, R>(url: URL, tasks: readonly T[], o: QueueOptions<R>): Promise<R[]> {
  const workers = Array.from({ length: Math.max(1, Math.min(o.workers, tasks.length)) }, () => new Worker(url, { workerData: o.workerData }));
  const results = new Array<R>(tasks.length);
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const send = (): void => {
              if (next >= tasks.length) return resolve();
              const id = next++;
              w.postMessage({ id, task: tasks[id] });
            };
            w.on('message', (m: Reply<R>) => {
              if (m.progress !== undefined) return o.onProgress?.(m.progress);
              if (m.error !== undefined || m.result === undefined) return reject(new MeterproofError(o.errorCode, `task ${m.id}: ${m.error ?? 'no result'}`));
              results[m.id] = m.result;
              o.onDone?.(m.id, m.result);
              send();
            });
            w.on('error', () => reject(new MeterproofError(o.errorCode, 'a worker thread failed')));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

/** The worker's side: answers every task with `fn`; a Uint8Array result is transferred, not copied. */
export function serveTasks<T, R>(fn: (task: T, progress: (units: number) => void) => R): void {
  const port = parentPort!;
  port.on('message', (m: { id: number; task: T }) => {
    try {
      const result = fn(m.task, (units) => port.postMessage({ id: m.id, progress: units }));
      port.postMessage({ id: m.id, result }, result instanceof Uint8Array ? [result.buffer as ArrayBuffer] : []);
    } catch (e) {
      // Only the message crosses back: errors name their task, never a value.
      port.postMessage({ id: m.id, error: e instanceof Error ? e.message : 'failed' });
    }
  });
}
