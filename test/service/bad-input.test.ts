/**
 * Bad input at the edge, on PGlite and PostgreSQL: each request gets its documented error code
 * (docs/service.md) and leaves the stored state as it was (a fork adds only its tamper evidence).
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proveBill } from '../../src/bill/prove.js';
import { publicJwk } from '../../src/core/keys.js';
import { seededRng } from '../../src/core/rng.js';
import { buildLog } from '../../src/meter/log.js';
import { signDocument, verifyDocument } from '../../src/service/signed.js';
import type { Db } from '../../src/service/store/db.js';
import { keys } from '../helpers.js';
import { AUTH, BACKENDS, PERIOD_1, final, intervals, provider, push, setup, startService, tariff, world, type Running } from './harness.js';

const TABLES = ['tariffs', 'tariff_terms', 'meters', 'user_keys', 'records', 'bills', 'disclosure_requests'];

/** Every stored row, as one string: equal strings mean no state change. */
async function state(db: Db): Promise<string> {
  const parts: string[] = [];
  for (const t of TABLES) {
    const rows = await db.query(`SELECT * FROM ${t}`);
    parts.push(`${t}:${JSON.stringify(rows.map((r) => JSON.stringify(r)).sort())}`);
  }
  return parts.join('\n');
}

const evidenceCount = async (db: Db) => Number((await db.query<{ n: number }>('SELECT count(*) AS n FROM tamper_evidence'))[0]!.n);

describe.each(BACKENDS)('bad input on %s', (backend) => {
  let s: Running;
  const w = world('meter-1');
  const other = world('meter-2');
  let billId = '';
  beforeAll(async () => {
    s = await startService(backend, 'bad', {}, { bodyLimit: 256 * 1024 });
    await setup(s.app, w);
    await setup(s.app, other, 'acct-2');
    expect((await push(s.app, w.meter, w.log.records.slice(0, 60))).statusCode).toBe(200);
    const sub = await s.app.inject({ method: 'POST', url: '/v1/bills', payload: { bill: w.prove(PERIOD_1) } });
    billId = sub.json().id;
    expect((await final(s.app, billId)).state).toBe('accepted');
  });
  afterAll(async () => s?.close());

  const refused = async (req: InjectOptions, status: number, code: string) => {
    const before = await state(s.service.ctx.db);
    const r = await s.app.inject(req);
    expect(r.statusCode, r.body).toBe(status);
    expect(r.json().error, r.body).toBe(code);
    expect(typeof r.json().message).toBe('string');
    expect(await state(s.service.ctx.db)).toBe(before);
    return r.json();
  };
  const json = { 'content-type': 'application/json' };

  it('malformed JSON, an empty body, another media type, a poisoned prototype', async () => {
    await refused({ method: 'POST', url: '/v1/bills', headers: json, payload: '{"bill": ' }, 400, 'request.json');
    await refused({ method: 'POST', url: '/v1/bills', headers: json, payload: '' }, 400, 'request.json');
    await refused({ method: 'POST', url: '/v1/bills', headers: { 'content-type': 'text/plain' }, payload: 'hello' }, 415, 'request.media_type');
    await refused({ method: 'POST', url: '/v1/bills', headers: json, payload: '{"__proto__": {"x": 1}, "bill": {}}' }, 400, 'request.json');
    await refused({ method: 'GET', url: '/v1/nowhere' }, 404, 'request.not_found');
  });

  it('an oversized body', async () => {
    const big = JSON.stringify({ records: w.log.records.slice(0, 1).concat(Array.from({ length: 1000 }, () => w.log.records[0]!)) });
    expect(big.length).toBeGreaterThan(256 * 1024);
    await refused({ method: 'POST', url: `/v1/meters/${w.meter}/records`, headers: json, payload: big }, 413, 'request.too_large');
  });

  it('unknown fields anywhere', async () => {
    const bill = w.prove('2024-03-06/2024-03-07');
    await refused({ method: 'POST', url: '/v1/bills', payload: { bill: { ...bill, note: 'hi' } } }, 400, 'request.schema');
    await refused({ method: 'POST', url: '/v1/bills', payload: { bill, also: 1 } }, 400, 'request.schema');
    await refused({ method: 'POST', url: '/v1/bills', payload: { bill, compact: w.compact(bill) } }, 400, 'request.schema');
    await refused({ method: 'POST', url: `/v1/meters/${w.meter}/records`, payload: { records: [{ ...w.log.records[60]!, reading: 12 }] } }, 400, 'request.schema');
    await refused({ method: 'POST', url: '/v1/meters', headers: AUTH, payload: { meter: 'm9', key: publicJwk(keys('meter', 'm9').public), account: 'a9', layout: { unit: 'Wh', registers: ['import'] }, extra: true } }, 400, 'request.schema');
  });

  it("another meter's records, a gap, a broken chain, a forged signature", async () => {
    await refused({ method: 'POST', url: `/v1/meters/${w.meter}/records`, payload: { records: other.log.records.slice(60, 70) } }, 422, 'records.chain');
    await refused({ method: 'POST', url: `/v1/meters/${w.meter}/records`, payload: { records: w.log.records.slice(61, 70) } }, 409, 'records.gap');
    const swapped = w.log.records.slice(60, 62).map((r, i) => (i === 1 ? { ...r, commitments: w.log.records[0]!.commitments } : r));
    await refused({ method: 'POST', url: `/v1/meters/${w.meter}/records`, payload: { records: swapped } }, 422, 'records.chain');
    // Records with their own hashes recomputed, signed by another key: a forgery, not tamper evidence.
    const forged = buildLog({ meter: w.meter, key: keys('meter', 'forger').secret, seed: seededRng('forged')(32), intervals: intervals(4, 'x') }).log.records.slice(0, 1);
    const n = await evidenceCount(s.service.ctx.db);
    await refused({ method: 'POST', url: `/v1/meters/${w.meter}/records`, payload: { records: forged } }, 422, 'records.signature');
    expect(await evidenceCount(s.service.ctx.db)).toBe(n);
    await refused({ method: 'POST', url: '/v1/meters/nobody/records', payload: { records: forged } }, 404, 'meter.unknown');
  });

  it('a replayed batch is one append; a forked batch is refused and kept as tamper evidence', async () => {
    const before = await state(s.service.ctx.db);
    const replay = await push(s.app, w.meter, w.log.records.slice(10, 60));
    expect(replay.json()).toMatchObject({ appended: 0, duplicate: 50 });
    expect(await state(s.service.ctx.db)).toBe(before);
    // The meter (its key) signs other readings for seqs 0..: a fork of the held chain.
    const fork = buildLog({ meter: w.meter, key: w.meterKeys.secret, seed: seededRng('fork')(32), intervals: intervals(1, 'other readings') }).log.records;
    const n = await evidenceCount(s.service.ctx.db);
    await refused({ method: 'POST', url: `/v1/meters/${w.meter}/records`, payload: { records: fork } }, 409, 'records.fork');
    expect(await evidenceCount(s.service.ctx.db)).toBe(n + 1);
  });

  it('bills: an unregistered account, another account, a period outside the cycle, a second bill for an accepted period, an unheld compact run', async () => {
    const bill = w.prove(PERIOD_1);
    const stranger = proveBill({ signedTariff: tariff, log: w.log, priv: w.priv, account: 'acct-unknown', period: PERIOD_1, rng: seededRng('s') }).bill;
    await refused({ method: 'POST', url: '/v1/bills', payload: { bill: stranger } }, 422, 'account.unknown');
    const wrong = proveBill({ signedTariff: tariff, log: w.log, priv: w.priv, account: 'acct-2', period: PERIOD_1, rng: seededRng('s') }).bill;
    await refused({ method: 'POST', url: '/v1/bills', payload: { bill: wrong } }, 422, 'account.mismatch');
    const offCycle = w.prove('2024-03-05/2024-03-06');
    await refused({ method: 'POST', url: '/v1/bills', payload: { bill: offCycle } }, 422, 'bill.period_cycle');
    const again = proveBill({ signedTariff: tariff, log: w.log, priv: w.priv, account: 'acct-1', period: PERIOD_1, rng: seededRng('another proof') }).bill;
    expect(again.proof).not.toEqual(bill.proof);
    await refused({ method: 'POST', url: '/v1/bills', payload: { bill: again } }, 409, 'bill.period_accepted');
    const later = w.compact(w.prove('2024-03-06/2024-03-07'));
    await refused({ method: 'POST', url: '/v1/bills', payload: { compact: later } }, 422, 'records.unknown');
    await refused({ method: 'GET', url: `/v1/bills/${'0'.repeat(64)}` }, 404, 'bill.unknown');
  });

  it('registrations: no token, a wrong token, a key of another role, the meter again with another key; a forged registration does not verify', async () => {
    const body = { meter: w.meter, key: publicJwk(keys('meter', 'usurper').public), account: 'acct-1', layout: { unit: 'Wh', registers: ['import'] } };
    await refused({ method: 'POST', url: '/v1/meters', payload: body }, 401, 'auth.token');
    await refused({ method: 'POST', url: '/v1/meters', headers: { authorization: 'Bearer not-the-provider-token' }, payload: body }, 401, 'auth.token');
    await refused({ method: 'POST', url: '/v1/meters', headers: { authorization: 'Basic abc' }, payload: body }, 401, 'auth.token');
    await refused({ method: 'POST', url: '/v1/tariffs', headers: { authorization: 'Bearer x' }, payload: { signedTariff: tariff, from: '2024-01-01' } }, 401, 'auth.token');
    await refused({ method: 'POST', url: '/v1/meters', headers: AUTH, payload: { ...body, meter: 'm-user', key: publicJwk(keys('user').public) } }, 422, 'meter.key');
    await refused({ method: 'POST', url: '/v1/meters', headers: AUTH, payload: body }, 409, 'meter.registered');
    const reg = (await s.app.inject({ method: 'GET', url: `/v1/meters/${w.meter}/registration` })).json().registration;
    expect(verifyDocument(reg, provider.public)).toBe(true);
    expect(verifyDocument({ ...reg, account: 'acct-2' }, provider.public)).toBe(false);
    expect(verifyDocument(signDocument({ ...reg, signature: undefined }, keys('provider', 'impostor').secret), provider.public)).toBe(false);
    // A tariff signed by another provider key is not published.
    const foreign = (await import('../helpers.js')).signed((await import('../helpers.js')).touTariff(), keys('provider', 'impostor'));
    await refused({ method: 'POST', url: '/v1/tariffs', headers: AUTH, payload: { signedTariff: foreign, from: '2024-01-01' } }, 422, 'tariff.signature');
  });

  it('a forged bill is stored, verified and rejected with the verifier\'s reason and a receipt', async () => {
    const bill = w.prove('2024-03-06/2024-03-07');
    expect((await push(s.app, w.meter, w.log.records.slice(60))).statusCode).toBe(200);
    const forged = { ...bill, fee: (BigInt(bill.fee.replace('.', '')) + 1n).toString().replace(/(\d{9})$/, '.$1') };
    const sub = await s.app.inject({ method: 'POST', url: '/v1/bills', payload: { bill: forged } });
    expect(sub.statusCode, sub.body).toBe(202);
    const done = await final(s.app, sub.json().id);
    expect(done).toMatchObject({ state: 'rejected', reason: 'proof.linear' });
    expect(done.receipt).toMatchObject({ verdict: 'rejected', reason: 'proof.linear' });
    // The honest bill for the same period is still accepted afterwards.
    const ok = await s.app.inject({ method: 'POST', url: '/v1/bills', payload: { compact: w.compact(bill) } });
    expect((await final(s.app, ok.json().id)).state).toBe('accepted');
  });
});
