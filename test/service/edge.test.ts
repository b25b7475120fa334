/** The edge without a backend matrix: rate limits, CORS, the token comparison, billing cycles, compact bills. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactBill, expandCompactBill, CompactBillSchema } from '../../src/bill/compact.js';
import { BillSchema } from '../../src/bill/message.js';
import { tokenMatches } from '../../src/service/app.js';
import { periodFault } from '../../src/service/routes/bills.js';
import { PointCache } from '../../src/service/points.js';
import { IDENTITY } from '../../src/core/point.js';
import { buildApp } from '../../src/service/app.js';
import type { ServiceContext } from '../../src/service/context.js';
import { Metrics } from '../../src/service/metrics.js';
import type { Db } from '../../src/service/store/db.js';
import type { FastifyInstance } from 'fastify';
import { PERIOD_1, TOKEN, provider, world } from './harness.js';

describe('edge', () => {
  // No database: these routes never reach one.
  const s = {} as { app: FastifyInstance };
  beforeAll(async () => {
    const db = {} as Db;
    const ctx = { db, providerKey: provider.secret, providerPublic: provider.public, queue: { ready: async () => true }, metrics: new Metrics(db), points: new PointCache(), now: Date.now } as unknown as ServiceContext;
    s.app = await buildApp(ctx, { token: TOKEN, rateLimit: 5, corsOrigins: ['https://app.example'] });
  });
  afterAll(async () => s.app?.close());

  it('limits requests per client: the sixth in a minute is 429 rate.limited', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await s.app.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.0.0.7' })).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 200, 429]);
    const r = await s.app.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.0.0.7' });
    expect(r.json().error).toBe('rate.limited');
    expect((await s.app.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.0.0.8' })).statusCode).toBe(200);
  });

  it('allows the configured browser origin only', async () => {
    const ok = await s.app.inject({ method: 'OPTIONS', url: '/v1/bills', remoteAddress: '10.0.1.1', headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' } });
    expect(ok.headers['access-control-allow-origin']).toBe('https://app.example');
    const other = await s.app.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.0.1.2', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

it('compares tokens by digest, and only equal ones match', () => {
  expect(tokenMatches('a-token-of-sixteen', 'a-token-of-sixteen')).toBe(true);
  expect(tokenMatches('a-token-of-sixteeN', 'a-token-of-sixteen')).toBe(false);
  expect(tokenMatches('', '')).toBe(false);
  expect(tokenMatches('a-token-of-sixteen-and-more', 'a-token-of-sixteen')).toBe(false);
});

it('accepts only the billing periods of the cycle', () => {
  expect(periodFault('2024-05', { kind: 'month' })).toBeNull();
  expect(periodFault('2024-05-01/2024-05-31', { kind: 'month' })).toMatch(/calendar month/);
  const days = { kind: 'days' as const, anchor: '2024-01-30', days: 3 };
  expect(periodFault('2024-01-30/2024-02-01', days)).toBeNull();
  expect(periodFault('2024-02-02/2024-02-04', days)).toBeNull();
  expect(periodFault('2024-02-29/2024-03-02', days)).toBeNull(); // leap day inside
  expect(periodFault('2024-01-31/2024-02-02', days)).toMatch(/does not start one/);
  expect(periodFault('2024-01-27/2024-01-29', days)).toMatch(/does not start one/); // before the anchor
  expect(periodFault('2024-01-30/2024-02-02', days)).toMatch(/ends 2024-02-01/);
  expect(periodFault('2024-02', days)).toMatch(/runs of 3 days/);
});

it('a compact bill expands to the full bill from the held run, and only from that run', () => {
  const w = world('meter-c', 2);
  const bill = w.prove(PERIOD_1);
  const c = compactBill(bill);
  expect(CompactBillSchema.parse(c)).toEqual(c);
  expect(JSON.stringify(c).length).toBeLessThan(1500);
  const r = bill.records;
  const run = { firstSeq: r.firstSeq, prev: r.prev, lastHash: r.lastHash, lastSignature: r.lastSignature, layout: r.layout, items: r.items };
  expect(BillSchema.parse(expandCompactBill(c, run))).toEqual(bill);
  expect(expandCompactBill(c, { ...run, items: r.items.slice(1) })).toBeNull();
  expect(expandCompactBill(c, { ...run, firstSeq: 1 })).toBeNull();
  expect(expandCompactBill(c, { ...run, lastHash: '0'.repeat(64) })).toBeNull();
  expect(CompactBillSchema.safeParse({ ...c, records: { ...c.records, items: [] } }).success).toBe(false);
});

it('the point cache answers whole runs only and stays within its capacity', () => {
  const cache = new PointCache(10);
  cache.put('a', 0, [[IDENTITY], [IDENTITY], [IDENTITY]]);
  expect(cache.get('a', 0, 3)).toHaveLength(3);
  expect(cache.get('a', 1, 3)).toBeNull();
  cache.put('b', 0, Array.from({ length: 9 }, () => [IDENTITY]));
  expect(cache.get('a', 0, 3)).toBeNull(); // a was the least recently used
  expect(cache.get('b', 0, 9)).toHaveLength(9);
});

it('verifyBill with held points uses them in place of the commitments it carries', async () => {
  const { verifyBill } = await import('../../src/bill/verify.js');
  const { pointsFromBytes } = await import('../../src/core/point.js');
  const { fromHex } = await import('../../src/core/bytes.js');
  const { tariff } = await import('./harness.js');
  const w = world('meter-h', 2);
  const bill = w.prove(PERIOD_1);
  const points = pointsFromBytes(bill.records.items.flatMap((it) => (it.slice(3) as string[]).map((h) => fromHex(h, 32))));
  const base = { bill, signedTariff: tariff, providerKey: provider.public, meterKey: w.meterKeys.public };
  expect(verifyBill({ ...base, held: { points } })).toMatchObject({ ok: true, fee: bill.fee });
  // The points, not the carried commitments, are what the proofs are checked against.
  // (Swapping two off-peak hours would change nothing: the fee sums them at one price. Hour 17 is peak.)
  const swapped = points.map((p, i) => (i === 0 ? points[17]! : i === 17 ? points[0]! : p));
  expect(verifyBill({ ...base, held: { points: swapped } })).toMatchObject({ ok: false, reason: 'proof.linear' });
  expect(verifyBill({ ...base, held: { points: points.slice(1) } })).toMatchObject({ ok: false, reason: 'records.mismatch' });
  // Without held points the chain and signature are checked as always.
  const resigned = { ...bill, records: { ...bill.records, lastSignature: '0'.repeat(128) } };
  expect(verifyBill({ ...base, bill: resigned })).toMatchObject({ ok: false, reason: 'meter.signature' });
});
