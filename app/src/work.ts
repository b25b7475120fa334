/** The page's side of the Web Worker (worker.ts): one worker, calls answered in order, progress as it goes. */
export interface WorkProgress {
  readonly stage: string;
  readonly done: number;
  readonly total: number;
}

export class WorkError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; onProgress?: ((p: WorkProgress) => void) | undefined };

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'meterproof' });
  worker.onmessage = (ev: MessageEvent<{ id: number; progress?: WorkProgress; ok?: boolean; result?: unknown; error?: { code: string; message: string } }>) => {
    const m = ev.data;
    const p = pending.get(m.id);
    if (!p) return;
    if (m.progress) return p.onProgress?.(m.progress);
    pending.delete(m.id);
    if (m.ok) p.resolve(m.result);
    else p.reject(new WorkError(m.error?.code ?? 'internal', m.error?.message ?? 'the worker failed'));
  };
  worker.onerror = (ev) => {
    for (const p of pending.values()) p.reject(new WorkError('internal', ev.message || 'the worker stopped'));
    pending.clear();
  };
  return worker;
}

export function work<T>(op: string, args: unknown, onProgress?: (p: WorkProgress) => void): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
    getWorker().postMessage({ id, op, args });
  });
}
