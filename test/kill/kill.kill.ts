/**
 * Nothing lost under kill -9. The service runs as real processes (`meterproof serve`, and on PostgreSQL
 * `meterproof worker`); while meters push record batches and agents submit bills (full and compact),
 * a killer sends SIGKILL to the server or the worker at random moments (at least KILLS times per
 * backend) and restarts it. Clients retry every request until it gets a 2xx, then replay what they
 * already sent, as a client that lost an answer would. At the end every batch that got a 2xx is held
 * exactly once, every bill that got a 2xx is stored exactly once, and every bill is final (accepted)
 * with a receipt signed by the provider.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compactBill } from '../../src/bill/compact.js';
import type { Bill } from '../../src/bill/message.js';
import { proveBill } from '../../src/bill/prove.js';
import { publicJwk } from '../../src/core/keys.js';
import { seededRng } from '../../src/core/rng.js';
import { openPglite } from '../../src/service/store/pglite.js';
import { openPg } from '../../src/service/store/pg.js';
import type { Db } from '../../src/service/store/db.js';
import { verifyDocument } from '../../src/service/signed.js';
import { keys, meterLog } from '../helpers.js';
import { BACKENDS, CYCLE, TOKEN, intervals, provider, tariff, throwawayDatabase } from '../service/harness.js';

const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const KILLS = Number(process.env.MP_KILLS ?? 50);
const METERS = 4;
const DAYS = 10;
const BATCH = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rng = seededRng('kill schedule');
const rand = (lo: number, hi: number) => lo + ((rng(4).reduce((a, b) => a * 256 + b, 0) >>> 0) % (hi - lo));

interface Proc {
  child: ChildProcess | null;
  start(): Promise<void>;
  kill(): Promise<void>;
}

function proc(args: string[], ready: () => Promise<boolean>, log: string[]): Proc {
  const p: Proc = {
    child: null,
    async start() {
      const c = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, MP_PROVIDER_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] });
      c.stdout!.on('data', (d) => log.push(String(d)));
      c.stderr!.on('data', (d) => log.push(String(d)));
      p.child = c;
      for (let i = 0; i < 600 && !(await ready()); i++) await sleep(100);
    },
    async kill() {
      const c = p.child;
      if (!c || c.exitCode !== null) return;
      const gone = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await gone;
      p.child = null;
    },
  };
  return p;
}

async function call(base: string, method: string, path: string, body?: unknown, auth = false): Promise<{ status: number; json: any }> {
  for (;;) {
    try {
      const r = await fetch(base + path, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(auth ? { authorization: `Bearer ${TOKEN}` } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(15_000),
      });
      const json = await r.json().catch(() => null);
      if (r.status >= 500 || json === null) {
        await sleep(100);
        continue;
      }
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
      return { status: r.status, json };
    } catch (e) {
      if (e instanceof Error && e.message.startsWith(method)) throw e;
      await sleep(100); // refused, reset or timed out: the server is down; try again
    }
  }
}

describe.each(BACKENDS)('kill -9 on %s', (backend) => {
  const dir = mkdtempSync(join(tmpdir(), 'meterproof-kill-'));
  const logs: string[] = [];
  let db: { url: string; drop: () => Promise<void> } | undefined;
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`loses nothing over ${KILLS} kills`, async () => {
    writeFileSync(join(dir, 'provider.key.json'), JSON.stringify(provider.jwk.secret));
    const port = 19000 + (backend === 'pg' ? 1 : 0) + (process.pid % 400) * 2;
    const base = `http://127.0.0.1:${port}`;
    const healthy = async () => fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);
    if (backend === 'pg') db = await throwawayDatabase('kill');
    const dbArgs = db ? ['--db', db.url] : ['--data', join(dir, 'data')];
    const server = proc(['serve', '--provider-key', join(dir, 'provider.key.json'), ...dbArgs, '--port', String(port), '--rate-limit', '0', '--lease-ms', '2000', '--workers', db ? '0' : '1'], healthy, logs);
    const worker = db ? proc(['worker', '--provider-key', join(dir, 'provider.key.json'), '--db', db.url, '--lease-ms', '2000'], async () => true, logs) : null;
    await server.start();
    await worker?.start();

    // The world: METERS meters, DAYS days of hourly records each, bills for every two-day period.
    const meters = Array.from({ length: METERS }, (_, m) => {
      const id = `kill-${m}`;
      const mk = keys('meter', id);
      const { log, priv } = meterLog(intervals(DAYS, `kill/${m}`), id, mk);
      const bills: Bill[] = [];
      for (let d = 0; d < DAYS; d += 2) {
        const a = new Date(Date.UTC(2024, 2, 4 + d)).toISOString().slice(0, 10);
        const b = new Date(Date.UTC(2024, 2, 5 + d)).toISOString().slice(0, 10);
        bills.push(proveBill({ signedTariff: tariff, log, priv, account: `acct-${m}`, period: `${a}/${b}`, rng: seededRng(`kill/bill/${m}/${d}`) }).bill);
      }
      return { id, mk, log, bills };
    });
    await call(base, 'POST', '/v1/tariffs', { signedTariff: tariff, from: '2024-01-01' }, true);
    for (const m of meters) {
      await call(base, 'POST', '/v1/meters', { meter: m.id, key: publicJwk(m.mk.public), account: `acct-${m.id.slice(5)}`, layout: { unit: 'Wh', registers: ['import'] }, cycle: CYCLE }, true);
    }

    // The killer.
    let kills = 0;
    let serverKills = 0;
    let killing = true;
    const killer = (async () => {
      while (kills < KILLS) {
        await sleep(rand(150, 1200));
        const target = worker && rand(0, 2) === 1 ? worker : server;
        await target.kill();
        kills++;
        if (target === server) serverKills++;
        await sleep(rand(0, 300));
        await target.start();
      }
      killing = false;
    })();

    // The clients: each meter pushes its batches in order, then its agent submits the bills, alternating
    // full and compact; then both replay everything until the killer is done.
    const billIds = new Map<string, string>();
    let pushed = 0;
    const client = async (m: (typeof meters)[number]) => {
      let round = 0;
      do {
        for (let i = 0; i < m.log.records.length; i += BATCH) {
          const r = await call(base, 'POST', `/v1/meters/${m.id}/records`, { records: m.log.records.slice(i, i + BATCH) });
          expect(r.status).toBe(200);
          pushed++;
          const through = i + BATCH;
          // Bill each period as soon as its records are in.
          if (through % 48 === 0) {
            const bill = m.bills[through / 48 - 1]!;
            const body = (through / 48) % 2 === 0 ? { compact: compactBill(bill) } : { bill };
            const s = await call(base, 'POST', '/v1/bills', body);
            expect([200, 202]).toContain(s.status);
            const key = `${m.id}/${bill.period.label}`;
            if (billIds.has(key)) expect(s.json.id).toBe(billIds.get(key));
            billIds.set(key, s.json.id);
          }
        }
        round++;
      } while (killing);
      return round;
    };
    const rounds = await Promise.all(meters.map(client));
    await killer;
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    expect(serverKills).toBeGreaterThan(0);
    if (worker) expect(kills - serverKills).toBeGreaterThan(0);

    // Every bill final, with a receipt signed by the provider.
    const deadline = Date.now() + 180_000;
    for (const [key, id] of billIds) {
      let b: any;
      do {
        b = (await call(base, 'GET', `/v1/bills/${id}`)).json;
        if (b.state === 'queued') await sleep(200);
      } while (b.state === 'queued' && Date.now() < deadline);
      expect(b.state, `${key} ${b.reason ?? ''} ${b.detail ?? ''}`).toBe('accepted');
      expect(verifyDocument(b.receipt, provider.public)).toBe(true);
      expect(b.receipt.bill).toBe(id);
    }
    for (const m of meters) {
      const head = (await call(base, 'GET', `/v1/meters/${m.id}/records/head`)).json;
      expect(head).toEqual({ meter: m.id, next: m.log.records.length, lastHash: m.log.records.at(-1)!.hash });
    }

    // Exactly once, read from the database itself (PGlite: after the server has stopped).
    await server.kill();
    await worker?.kill();
    const store: Db = db ? await openPg(db.url) : await openPglite(join(dir, 'data'));
    try {
      for (const m of meters) {
        const [r] = await store.query<{ n: number; d: number; lo: number; hi: number }>('SELECT count(*)::int AS n, count(DISTINCT seq)::int AS d, min(seq)::int AS lo, max(seq)::int AS hi FROM records WHERE meter = $1', [m.id]);
        expect(r).toEqual({ n: m.log.records.length, d: m.log.records.length, lo: 0, hi: m.log.records.length - 1 });
        const held = await store.query<{ seq: number; hash: string }>('SELECT seq::int AS seq, hash FROM records WHERE meter = $1 ORDER BY seq', [m.id]);
        expect(held.map((h) => h.hash)).toEqual(m.log.records.map((x) => x.hash));
      }
      const bills = await store.query<{ id: string; state: string; n: number }>('SELECT id, state, receipt IS NOT NULL AS has FROM bills');
      expect(bills.length).toBe(billIds.size);
      expect(new Set(bills.map((b) => b.id))).toEqual(new Set(billIds.values()));
      expect(bills.every((b) => b.state === 'accepted')).toBe(true);
      const [t] = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM tamper_evidence');
      expect(t!.n).toBe(0);
    } finally {
      await store.close();
    }
    console.log(`${backend}: ${kills} kills (${serverKills} of the server), ${pushed} batches pushed in ${Math.min(...rounds)}+ rounds, ${billIds.size} bills`);
  });
});
