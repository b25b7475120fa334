/**
 * Versioned SQL migrations, applied in order at start (`migrate`). A migration is never edited once
 * released: a change is a new version. Times are written by the service (ISO text for people, Unix
 * milliseconds where the service compares them), so nothing depends on the database's clock or zone.
 *
 * What the provider stores: registrations, signed tariffs, records (commitments, hashes, signatures —
 * never a reading or an opening), bills (commitments and proofs, the revealed fee), verdicts, receipts,
 * disclosure requests and the answers a user chose to disclose, and refused batches as tamper evidence.
 */
import type { Db } from './db.js';

export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
CREATE TABLE tariffs (
  digest     text PRIMARY KEY,
  tariff_id  text NOT NULL,
  signed     jsonb NOT NULL,
  currency   text NOT NULL,
  timezone   text NOT NULL
);
CREATE TABLE tariff_terms (
  id         bigserial PRIMARY KEY,
  digest     text NOT NULL REFERENCES tariffs(digest),
  from_date  text NOT NULL,
  to_date    text,
  accounts   jsonb,
  terms_key  text NOT NULL UNIQUE,
  published  text NOT NULL
);
CREATE TABLE meters (
  meter        text PRIMARY KEY,
  account      text NOT NULL,
  key_x        text NOT NULL,
  registration jsonb NOT NULL,
  next_seq     bigint NOT NULL DEFAULT 0,
  last_hash    text NOT NULL
);
CREATE INDEX meters_account ON meters(account);
CREATE TABLE user_keys (
  account      text NOT NULL,
  kid          text NOT NULL,
  registration jsonb NOT NULL,
  PRIMARY KEY (account, kid)
);
CREATE TABLE records (
  meter       text NOT NULL REFERENCES meters(meter),
  seq         bigint NOT NULL,
  start       bigint NOT NULL,
  duration    bigint NOT NULL,
  commitments jsonb NOT NULL,
  hash        text NOT NULL,
  signature   text NOT NULL,
  PRIMARY KEY (meter, seq)
);
CREATE TABLE tamper_evidence (
  id        bigserial PRIMARY KEY,
  meter     text NOT NULL,
  reason    text NOT NULL,
  detail    text NOT NULL,
  batch     jsonb NOT NULL,
  received  text NOT NULL
);
CREATE TABLE bills (
  id          text PRIMARY KEY,
  account     text NOT NULL,
  meter       text NOT NULL,
  period      text NOT NULL,
  tariff      text NOT NULL,
  fee         text NOT NULL,
  currency    text NOT NULL,
  form        text NOT NULL CHECK (form IN ('full', 'compact')),
  body        jsonb NOT NULL,
  state       text NOT NULL CHECK (state IN ('queued', 'accepted', 'rejected')),
  reason      text,
  detail      text,
  receipt     jsonb,
  submitted   text NOT NULL,
  submitted_ms bigint NOT NULL,
  lease_until bigint NOT NULL DEFAULT 0,
  attempts    integer NOT NULL DEFAULT 0
);
CREATE INDEX bills_queued ON bills(submitted_ms) WHERE state = 'queued';
CREATE INDEX bills_account ON bills(account, period);
-- One accepted bill per account and period: the database itself refuses a second one.
CREATE UNIQUE INDEX bills_accepted ON bills(account, period) WHERE state = 'accepted';
CREATE TABLE disclosure_requests (
  id           text PRIMARY KEY,
  account      text NOT NULL,
  meter        text NOT NULL,
  query        jsonb NOT NULL,
  query_digest text NOT NULL,
  purpose      text NOT NULL,
  recipient    text NOT NULL,
  state        text NOT NULL CHECK (state IN ('pending', 'disclosed', 'refused')),
  filed        text NOT NULL,
  answered     text,
  answers      jsonb,
  refusal      jsonb,
  disclosure   jsonb
);
CREATE INDEX disclosure_account ON disclosure_requests(account, state);
`,
  },
];

/**
 * Applies the migrations not yet applied, each in its own transaction, under an advisory lock so that
 * several processes starting at once against one database apply each exactly once.
 */
export async function migrate(db: Db): Promise<number[]> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied text NOT NULL)');
  return db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock(7253001)');
    const done = new Set((await q.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      // Statement by statement: a parameterless multi-statement string is not portable across drivers
      // inside a transaction handle.
      for (const stmt of m.sql.split(/;\s*\n/).map((s) => s.trim()).filter((s) => s.length > 0 && !/^--[^\n]*$/.test(s))) {
        await q.query(stmt);
      }
      await q.query('INSERT INTO schema_migrations (version, name, applied) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
      applied.push(m.version);
    }
    return applied;
  });
}
