/**
 * The provider service under test: on PGlite (in memory) or on the PostgreSQL at 127.0.0.1:5432, in a
 * throwaway database per call. PostgreSQL tests never skip silently: with MP_TEST_PG unset they run
 * (and fail if no server answers); MP_TEST_PG=0 turns them off explicitly and says so.
 */
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../src/service/app.js';
import { openService, type Service, type ServiceOptions } from '../../src/service/service.js';
import { proveBill } from '../../src/bill/prove.js';
import { compactBill } from '../../src/bill/compact.js';
import { publicJwk } from '../../src/core/keys.js';
import { seededRng } from '../../src/core/rng.js';
import type { MeterInterval } from '../../src/meter/log.js';
import { keys, meterLog, signed, touTariff } from '../helpers.js';

export const PG_URL = process.env.MP_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TOKEN = 'test-provider-token-0123456789';
export const AUTH = { authorization: `Bearer ${TOKEN}` };

export type Backend = 'pglite' | 'pg';
/** The backends every service test file runs on. */
export const BACKENDS: Backend[] = process.env.MP_TEST_PG === '0' ? ['pglite'] : ['pglite', 'pg'];
if (process.env.MP_TEST_PG === '0') console.warn('MP_TEST_PG=0: the PostgreSQL service tests are turned off');

/** A fresh database on the PostgreSQL server; returns its URL and a function that drops it. */
export async function throwawayDatabase(tag: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `mp_${tag}_${process.pid}_${Math.floor(Math.random() * 1e9)}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = PG_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export const provider = keys('provider');

export interface Running {
  readonly service: Service;
  readonly app: FastifyInstance;
  readonly url?: string;
  close(): Promise<void>;
}

export async function startService(backend: Backend, tag: string, o: Partial<ServiceOptions> = {}, a: Partial<AppOptions> = {}): Promise<Running> {
  const db = backend === 'pg' ? await throwawayDatabase(tag) : undefined;
  const service = await openService({ providerKey: provider.secret, ...(db ? { database: db.url } : {}), leaseMs: 2000, ...o });
  const app = await buildApp(service.ctx, { token: TOKEN, rateLimit: 0, ...a });
  return {
    service,
    app,
    ...(db ? { url: db.url } : {}),
    async close() {
      await app.close();
      await service.stop();
      await db?.drop();
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// A small world: a meter with two days of hourly readings in Los Angeles, billed in two-day periods.

export const ANCHOR = '2024-03-04';
/** 2024-03-04T00:00 America/Los_Angeles (PST, UTC−8). */
export const T0 = Date.UTC(2024, 2, 4, 8) / 1000;
export const CYCLE = { kind: 'days' as const, anchor: ANCHOR, days: 2 };
export const PERIOD_1 = '2024-03-04/2024-03-05';
export const PERIOD_2 = '2024-03-06/2024-03-07';

export function intervals(days: number, seed = 'readings'): MeterInterval[] {
  const rng = seededRng(seed);
  return Array.from({ length: days * 24 }, (_, i) => ({ start: T0 + i * 3600, duration: 3600, values: [200 + (rng(1)[0]! % 200) * 7] }));
}

export const tariff = signed(touTariff({ components: (touTariff().components as unknown[]).slice(1) }), provider);

export function world(meter = 'meter-1', days = 4, seed = 'readings') {
  const meterKeys = keys('meter', meter);
  const { log, priv } = meterLog(intervals(days, seed), meter, meterKeys);
  const prove = (period: string, account = 'acct-1') => proveBill({ signedTariff: tariff, log, priv, account, period, rng: seededRng(`bill/${meter}/${period}`) }).bill;
  return { meter, meterKeys, log, priv, prove, compact: compactBill };
}

export async function setup(app: FastifyInstance, w: ReturnType<typeof world>, account = 'acct-1', cycle: unknown = CYCLE) {
  const t = await app.inject({ method: 'POST', url: '/v1/tariffs', headers: AUTH, payload: { signedTariff: tariff, from: '2024-01-01' } });
  if (t.statusCode >= 300) throw new Error(t.body);
  const m = await app.inject({
    method: 'POST',
    url: '/v1/meters',
    headers: AUTH,
    payload: { meter: w.meter, key: publicJwk(w.meterKeys.public), account, layout: { unit: 'Wh', registers: ['import'] }, cycle },
  });
  if (m.statusCode >= 300) throw new Error(m.body);
  return m.json().registration;
}

export async function push(app: FastifyInstance, meter: string, records: unknown[]) {
  return app.inject({ method: 'POST', url: `/v1/meters/${meter}/records`, payload: { records } });
}

/** Polls a bill until final (the workers run in the service). */
export async function final(app: FastifyInstance, id: string, tries = 400): Promise<Record<string, unknown>> {
  for (let i = 0; i < tries; i++) {
    const r = await app.inject({ method: 'GET', url: `/v1/bills/${id}` });
    const b = r.json();
    if (b.state !== 'queued') return b;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`bill ${id} not final`);
}
