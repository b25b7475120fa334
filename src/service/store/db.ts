/**
 * One small interface over the two databases the service runs on: PostgreSQL through `pg` (pg.ts) and
 * PGlite, PostgreSQL compiled to WebAssembly and run in process on a data directory (pglite.ts). The SQL
 * is the same; only connection handling differs. Parameters are positional ($1…); JSON goes in as text
 * cast to jsonb; int8 columns may come back as strings or bigints, so callers read them with Number().
 */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Db extends Sql {
  readonly kind: 'pg' | 'pglite';
  /** Several statements, no parameters (migrations). */
  exec(text: string): Promise<void>;
  /** Runs `fn` in one transaction: committed when it returns, rolled back when it throws. */
  tx<T>(fn: (q: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A unique-constraint violation (SQLSTATE 23505), for the callers that turn races into answers. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
}
