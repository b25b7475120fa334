/** Bills claimed from the bills table under a lease (see queue.ts). */
import type { Db, Sql } from '../store/db.js';
import type { Queue } from './queue.js';

export interface TableQueueOptions {
  /** How long a claim holds before another worker may take the bill (its process is presumed dead). */
  readonly leaseMs?: number;
  /** Idle poll interval; a submission in this process wakes the workers at once. */
  readonly pollMs?: number;
  readonly now?: () => number;
}

export function tableQueue(db: Db, o: TableQueueOptions = {}): Queue {
  const leaseMs = o.leaseMs ?? 10_000;
  const pollMs = o.pollMs ?? 250;
  const now = o.now ?? Date.now;
  let stopped = false;
  const wakers = new Set<() => void>();
  const loops: Promise<void>[] = [];

  async function claim(): Promise<string | null> {
    const t = now();
    const rows = await db.query<{ id: string }>(
      `UPDATE bills SET lease_until = $1, attempts = attempts + 1
        WHERE id = (SELECT id FROM bills WHERE state = 'queued' AND lease_until < $2 ORDER BY submitted_ms LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [t + leaseMs, t],
    );
    return rows[0]?.id ?? null;
  }

  async function loop(handler: (id: string) => Promise<void>): Promise<void> {
    while (!stopped) {
      let id: string | null = null;
      try {
        id = await claim();
        if (id !== null) await handler(id);
      } catch {
        // The bill stays queued; its lease runs out and it is tried again.
      }
      if (id === null && !stopped) {
        await new Promise<void>((res) => {
          const wake = () => {
            clearTimeout(timer);
            wakers.delete(wake);
            res();
          };
          const timer = setTimeout(wake, pollMs);
          wakers.add(wake);
        });
      }
    }
  }

  return {
    kind: 'table',
    async enqueue(_q: Sql, _id: string) {
      // The queued row is the job; wake idle workers once the transaction has committed.
      setTimeout(() => [...wakers].forEach((w) => w()), 0);
    },
    async work(handler, concurrency) {
      for (let i = 0; i < concurrency; i++) loops.push(loop(handler));
    },
    async ready() {
      return true;
    },
    async stop() {
      stopped = true;
      [...wakers].forEach((w) => w());
      await Promise.all(loops);
    },
  };
}
