/**
 * PGlite: the embedded default. One in-process PostgreSQL on a data directory (or in memory when none is
 * given). It has one connection, so transactions are serialised by PGlite itself.
 */
import { PGlite } from '@electric-sql/pglite';
import type { Db, Sql } from './db.js';

export async function openPglite(dataDir?: string): Promise<Db> {
  const db = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await db.waitReady;
  const run = async <T>(c: Pick<PGlite, 'query'>, text: string, params?: readonly unknown[]): Promise<T[]> =>
    (await c.query<T>(text, params as unknown[] | undefined)).rows;
  return {
    kind: 'pglite',
    query: (text, params) => run(db, text, params),
    exec: async (text) => {
      await db.exec(text);
    },
    tx: (fn) => db.transaction(async (t) => fn({ query: (text, params) => run(t, text, params) } satisfies Sql)),
    close: () => db.close(),
  };
}
