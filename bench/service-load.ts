/**
 * The pieces of the service benchmark (bench/service.ts): the simulated users' data, made once with fixed
 * seeds, and one load run against a fresh service (a throwaway PostgreSQL database or a PGlite directory).
 * Loopback only: the service listens on 127.0.0.1 and every client talks to it there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ServiceClient } from '../src/agent/client.js';
import { compactBill, type CompactBill } from '../src/bill/compact.js';
import { proveBill } from '../src/bill/prove.js';
import { generateKey, parseSecretJwk, type PublicJwk, type SecretKey } from '../src/core/keys.js';
import { seededRng } from '../src/core/rng.js';
import { buildLog, type LogFile, type MeterInterval } from '../src/meter/log.js';
import { buildApp } from '../src/service/app.js';
import { openService } from '../src/service/service.js';
import type { SignedTariff } from '../src/tariff/signed.js';
import { median } from './timing.js';

export const TOKEN = 'bench-provider-token-0123456789';
export const PG_ADMIN = process.env.MP_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface User {
  readonly meter: string;
  readonly account: string;
  readonly key: PublicJwk;
  readonly log: LogFile;
  readonly compact: CompactBill;
}

/** `n` users, each a meter with the same month of readings under its own key and seed, and its proven bill. */
export function makeUsers(n: number, intervals: readonly MeterInterval[], signedTariff: SignedTariff, period: string, onProgress?: (i: number) => void): User[] {
  const users: User[] = [];
  for (let i = 0; i < n; i++) {
    const k = generateKey('meter', seededRng(`bench/service/meter/${i}`));
    const secret = parseSecretJwk(k.secret);
    const meter = `bench-m${i}`;
    const account = `bench-a${i}`;
    const { log, priv } = buildLog({ meter, key: secret, seed: seededRng(`bench/service/seed/${i}`)(32), intervals });
    const { bill } = proveBill({ signedTariff, log, priv, account, period, rng: seededRng(`bench/service/rng/${i}`) });
    users.push({ meter, account, key: k.public, log, compact: compactBill(bill) });
    onProgress?.(i + 1);
  }
  return users;
}

export interface LoadConfig {
  readonly backend: 'pglite' | 'pg';
  /** Verifiers: in-process loops on PGlite, `meterproof worker` processes on PostgreSQL (unless inProcess). */
  readonly workers: number;
  /** PostgreSQL with the verifier loops in the server process (which decoded the points at ingest). */
  readonly inProcess?: boolean;
}

export interface LoadResult {
  readonly backend: string;
  readonly workers: number;
  readonly inProcess: boolean;
  readonly users: number;
  readonly records: number;
  readonly ingestRecordsPerSecond: number;
  readonly ingestBatch: number;
  readonly billsPerSecond: number;
  readonly submitP50Ms: number;
  readonly submitP99Ms: number;
  readonly drainMs: number;
  readonly totalMs: number;
  readonly accepted: number;
}

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

/** Runs `tasks` with at most `c` in flight. */
async function pool<T>(c: number, tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(c, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]!();
      }
    }),
  );
  return out;
}

async function throwaway(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `mp_bench_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: PG_ADMIN.replace(/\/[^/]*$/, `/${name}`),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Starts `meterproof worker` processes and waits until each says it is verifying. */
async function startWorkers(n: number, cli: string, keyFile: string, db: string): Promise<ChildProcess[]> {
  const procs: ChildProcess[] = [];
  await Promise.all(
    Array.from({ length: n }, () =>
      new Promise<void>((resolve, reject) => {
        const p = spawn(process.execPath, [cli, 'worker', '--provider-key', keyFile, '--db', db, '--lease-ms', '30000'], { stdio: ['ignore', 'pipe', 'pipe'] });
        procs.push(p);
        let err = '';
        p.stderr!.on('data', (d: Buffer) => (err += d.toString()));
        p.stdout!.on('data', (d: Buffer) => {
          if (d.toString().includes('verifying')) resolve();
        });
        p.once('exit', (code) => reject(new Error(`worker exited (${code}): ${err.trim()}`)));
      }),
    ),
  );
  return procs;
}

export async function loadRun(
  cfg: LoadConfig,
  users: readonly User[],
  o: { providerKey: SecretKey; providerJwk: unknown; signedTariff: SignedTariff; cli: string; ingestBatch: number; clients: number; say: (s: string) => void; timeoutMs: number },
): Promise<LoadResult> {
  const tmp = mkdtempSync(join(tmpdir(), 'mp-bench-service-'));
  const db = cfg.backend === 'pg' ? await throwaway() : undefined;
  const service = await openService({
    providerKey: o.providerKey,
    ...(db ? { database: db.url } : { dataDir: join(tmp, 'pglite') }),
    workers: cfg.backend === 'pg' && !cfg.inProcess ? 0 : cfg.workers,
  });
  const app = await buildApp(service.ctx, { token: TOKEN, rateLimit: 0 });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  let workers: ChildProcess[] = [];
  try {
    const provider = new ServiceClient({ baseUrl: url, token: TOKEN });
    const anon = new ServiceClient({ baseUrl: url, retries: 0 });
    await provider.publishTariff(o.signedTariff, { from: '2011-01-01' });
    await pool(8, users.map((u) => () => provider.registerMeter({ meter: u.meter, key: u.key, account: u.account, layout: { unit: u.log.unit, registers: u.log.registers } })));

    // Record ingestion: every meter pushes its month in batches, all meters at once.
    const records = users.reduce((s, u) => s + u.log.records.length, 0);
    let t0 = performance.now();
    await Promise.all(
      users.map(async (u) => {
        for (let i = 0; i < u.log.records.length; i += o.ingestBatch) await anon.pushRecords(u.meter, u.log.records.slice(i, i + o.ingestBatch));
      }),
    );
    const ingestMs = performance.now() - t0;
    o.say(`    ingest: ${records} records in ${(ingestMs / 1000).toFixed(2)} s = ${Math.round(records / (ingestMs / 1000))} records/s`);

    if (cfg.backend === 'pg' && !cfg.inProcess) {
      const keyFile = join(tmp, 'provider.key.json');
      writeFileSync(keyFile, JSON.stringify(o.providerJwk), { mode: 0o600 });
      workers = await startWorkers(cfg.workers, o.cli, keyFile, db!.url);
    }

    // Bill submission: `clients` users submit at once, each its compact bill; then wait for every verdict.
    const latencies: number[] = [];
    t0 = performance.now();
    await pool(o.clients, users.map((u) => async () => {
      const s = performance.now();
      await anon.submitBill({ compact: u.compact });
      latencies.push(performance.now() - s);
    }));
    const submittedAt = performance.now();
    let final = 0;
    let accepted = 0;
    for (;;) {
      const [row] = await service.ctx.db.query<{ final: string | number; accepted: string | number }>(
        "SELECT count(*) FILTER (WHERE state <> 'queued') AS final, count(*) FILTER (WHERE state = 'accepted') AS accepted FROM bills",
      );
      final = Number(row!.final);
      accepted = Number(row!.accepted);
      if (final >= users.length) break;
      if (performance.now() - t0 > o.timeoutMs) throw new Error(`only ${final} of ${users.length} bills final after ${o.timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const doneAt = performance.now();
    return {
      backend: cfg.backend,
      workers: cfg.workers,
      inProcess: cfg.backend === 'pglite' || cfg.inProcess === true,
      users: users.length,
      records,
      ingestRecordsPerSecond: Math.round(records / (ingestMs / 1000)),
      ingestBatch: o.ingestBatch,
      billsPerSecond: Number((users.length / ((doneAt - t0) / 1000)).toFixed(2)),
      submitP50Ms: Number(median(latencies).toFixed(1)),
      submitP99Ms: Number(quantile(latencies, 0.99).toFixed(1)),
      drainMs: Math.round(doneAt - submittedAt),
      totalMs: Math.round(doneAt - t0),
      accepted,
    };
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise<void>((r) => (w.exitCode !== null ? r() : w.once('exit', () => r())))));
    await app.close();
    await service.stop();
    await db?.drop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

