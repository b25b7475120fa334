/**
 * Verification jobs. The bill row is the truth (state queued → accepted | rejected); a queue only says
 * which queued bill to verify next, and verifying is idempotent (a final bill is left alone), so a job
 * run twice, or a process killed mid-job, changes nothing but timing.
 *
 * Two implementations:
 *   - BossQueue (PostgreSQL): pg-boss 10 jobs. The job is inserted in the same transaction as the bill
 *     (pg-boss's `db` option), so a 202 means both are durable. Any number of `meterproof worker`
 *     processes, on any machines, fetch from one database.
 *   - TableQueue (PGlite, or PostgreSQL with --queue table): workers in the serving process claim queued
 *     bills straight from the bills table with a lease (FOR UPDATE SKIP LOCKED); a lease that runs out
 *     (its process died) makes the bill claimable again. PGlite is one in-process connection, so its
 *     workers live in the process that serves (docs/service.md says why pg-boss is not used there).
 */
import type { Sql } from '../store/db.js';

export interface Queue {
  readonly kind: 'pg-boss' | 'table';
  /** Called inside the transaction that stores the bill. */
  enqueue(q: Sql, id: string): Promise<void>;
  /** Starts `concurrency` consumers calling `handler` for each bill id. */
  work(handler: (id: string) => Promise<void>, concurrency: number): Promise<void>;
  /** Bills queued long ago with no job (a job lost, say, to a pg-boss purge) are sent again. */
  reconcile?(): Promise<number>;
  ready(): Promise<boolean>;
  stop(): Promise<void>;
}
