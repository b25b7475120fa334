/** pg-boss 10 on PostgreSQL (see queue.ts). */
import PgBoss from 'pg-boss';
import type { Db, Sql } from '../store/db.js';
import type { Queue } from './queue.js';

export const VERIFY_QUEUE = 'meterproof-verify-bill';

export interface BossQueueOptions {
  /** A job whose worker died is retried after this long. */
  readonly expireInSeconds?: number;
  readonly pollingIntervalSeconds?: number;
}

export async function bossQueue(connectionString: string, db: Db, o: BossQueueOptions = {}): Promise<Queue> {
  const boss = new PgBoss({
    connectionString,
    max: 4,
    // Expired jobs (a killed worker's) are noticed by maintenance: run it often.
    maintenanceIntervalSeconds: 5,
    monitorStateIntervalSeconds: 60,
    schedule: false,
  });
  boss.on('error', () => {});
  await boss.start();
  const retry = { retryLimit: 1000, retryDelay: 1, expireInSeconds: o.expireInSeconds ?? 30 };
  // Policy short: at most one waiting job per bill id (singletonKey); duplicates would be harmless anyway.
  await boss.createQueue(VERIFY_QUEUE, { name: VERIFY_QUEUE, policy: 'short', ...retry });
  let stopped = false;
  const send = (id: string, q?: Sql) =>
    boss.send(VERIFY_QUEUE, { id }, { singletonKey: id, ...retry, ...(q ? { db: { executeSql: async (text: string, values: unknown[]) => ({ rows: await q.query(text, values) }) } } : {}) });
  return {
    kind: 'pg-boss',
    async enqueue(q, id) {
      await send(id, q);
    },
    async work(handler, concurrency) {
      for (let i = 0; i < concurrency; i++) {
        await boss.work<{ id: string }>(VERIFY_QUEUE, { batchSize: 1, pollingIntervalSeconds: o.pollingIntervalSeconds ?? 0.5 }, async ([job]) => {
          if (job) await handler(job.data.id);
        });
      }
    },
    async reconcile() {
      // singletonKey under policy short: a bill that still has a waiting job is not sent twice.
      const rows = await db.query<{ id: string }>("SELECT id FROM bills WHERE state = 'queued' AND submitted_ms < $1 ORDER BY submitted_ms LIMIT 1000", [Date.now() - 60_000]);
      let n = 0;
      for (const r of rows) if ((await send(r.id)) !== null) n++;
      return n;
    },
    async ready() {
      if (stopped) return false;
      try {
        await boss.getQueueSize(VERIFY_QUEUE);
        return true;
      } catch {
        return false;
      }
    },
    async stop() {
      stopped = true;
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
