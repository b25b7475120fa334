/** PostgreSQL through a `pg` pool. */
import pg from 'pg';
import type { Db, Sql } from './db.js';

export async function openPg(connectionString: string, opts: { max?: number } = {}): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max: opts.max ?? 10 });
  // An idle client that loses its server (a restart) must not crash the process.
  pool.on('error', () => {});
  const run = async <T>(c: pg.Pool | pg.PoolClient, text: string, params?: readonly unknown[]): Promise<T[]> =>
    (await c.query(text, params as unknown[] | undefined)).rows as T[];
  return {
    kind: 'pg',
    query: (text, params) => run(pool, text, params),
    exec: async (text) => {
      await pool.query(text);
    },
    tx: async (fn) => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const q: Sql = { query: (t, p) => run(c, t, p) };
        const r = await fn(q);
        await c.query('COMMIT');
        return r;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        c.release();
      }
    },
    close: () => pool.end(),
  };
}
