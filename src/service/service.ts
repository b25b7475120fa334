/**
 * Opening the provider service's storage, queue and workers: what `meterproof serve` and
 * `meterproof worker` (and tests) start. PostgreSQL when given a connection string, else PGlite on a
 * data directory (in memory without one). Migrations run at start.
 */
import type { SecretKey } from '../core/keys.js';
import type { ServiceContext } from './context.js';
import { bossQueue } from './jobs/boss-queue.js';
import type { Queue } from './jobs/queue.js';
import { tableQueue } from './jobs/table-queue.js';
import { verifyStoredBill } from './jobs/verify.js';
import { Metrics } from './metrics.js';
import { PointCache } from './points.js';
import type { Db } from './store/db.js';
import { migrate } from './store/migrations.js';
import { openPg } from './store/pg.js';
import { openPglite } from './store/pglite.js';

export interface ServiceOptions {
  /** postgres://… ; absent: PGlite. */
  readonly database?: string;
  /** PGlite's data directory; absent: in memory. */
  readonly dataDir?: string;
  readonly providerKey: SecretKey;
  /** Default pg-boss on PostgreSQL, the table queue on PGlite. */
  readonly queue?: 'pg-boss' | 'table';
  /** Verifier loops in this process (default 1; 0 for a server that only accepts). */
  readonly workers?: number;
  /** Table queue lease (ms) and pg-boss job expiry (s): how soon a killed worker's bill is retried. */
  readonly leaseMs?: number;
  readonly now?: () => number;
}

export interface Service {
  readonly ctx: ServiceContext;
  stop(): Promise<void>;
}

export async function openService(o: ServiceOptions): Promise<Service> {
  let db: Db;
  if (o.database !== undefined) db = await openPg(o.database);
  else db = await openPglite(o.dataDir);
  await migrate(db);
  const kind = o.queue ?? (db.kind === 'pg' ? 'pg-boss' : 'table');
  if (kind === 'pg-boss' && o.database === undefined) throw new Error('pg-boss needs PostgreSQL: use the table queue on PGlite');
  const queue: Queue =
    kind === 'pg-boss' ? await bossQueue(o.database!, db, { expireInSeconds: Math.max(1, Math.round((o.leaseMs ?? 30_000) / 1000)) }) : tableQueue(db, { ...(o.leaseMs !== undefined ? { leaseMs: o.leaseMs } : {}) });
  const ctx: ServiceContext = {
    db,
    providerKey: o.providerKey,
    providerPublic: { role: o.providerKey.role, kid: o.providerKey.kid, bytes: o.providerKey.bytes },
    queue,
    metrics: new Metrics(db),
    points: new PointCache(),
    now: o.now ?? Date.now,
  };
  const workers = o.workers ?? 1;
  let timer: ReturnType<typeof setInterval> | undefined;
  if (workers > 0) {
    await queue.work((id) => verifyStoredBill(ctx, id), workers);
    if (queue.reconcile) {
      const reconcile = queue.reconcile.bind(queue);
      void reconcile().catch(() => {});
      timer = setInterval(() => void reconcile().catch(() => {}), 30_000);
      timer.unref?.();
    }
  }
  return {
    ctx,
    async stop() {
      if (timer) clearInterval(timer);
      await queue.stop();
      await db.close();
    },
  };
}
