/** The HTTP client against a real in-process service: every route it wraps, and errors mapped to the API's codes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceClient, ServiceError } from '../../src/agent/client.js';
import { fromHex } from '../../src/core/bytes.js';
import { seededRng } from '../../src/core/rng.js';
import { buildLog } from '../../src/meter/log.js';
import { keys, nistIntervals, signed, touTariff } from '../helpers.js';
import { startService, TOKEN } from './service.js';

const provider = keys('provider', 'client-test');
const meter = keys('meter', 'client-test');
const user = keys('user', 'client-test');
const intervals = nistIntervals().slice(0, 48);
const { log } = buildLog({ meter: 'client-m1', key: meter.secret, seed: seededRng('client-seed')(32), intervals });

let svc: Awaited<ReturnType<typeof startService>>;
let anon: ServiceClient;
beforeAll(async () => {
  svc = await startService(provider.secret);
  anon = new ServiceClient({ baseUrl: svc.url, retries: 0 });
});
afterAll(async () => svc?.stop());

const code = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ServiceError);
    return { code: (e as ServiceError).code, status: (e as ServiceError).status };
  }
  throw new Error('expected a ServiceError');
};

describe('ServiceClient', () => {
  it('health, and the provider key', async () => {
    expect(await anon.healthz()).toEqual({ ok: true });
    expect((await anon.providerKey()).x).toBe(provider.jwk.public.x);
  });

  it('tariffs: publish (provider only), list, fetch, the one in force', async () => {
    const st = signed(touTariff(), provider);
    expect(await code(anon.publishTariff(st, { from: '2011-01-01' }))).toEqual({ code: 'auth.token', status: 0 });
    const wrong = new ServiceClient({ baseUrl: svc.url, token: 'not-the-token-at-all', retries: 0 });
    expect(await code(wrong.publishTariff(st, { from: '2011-01-01' }))).toEqual({ code: 'auth.token', status: 401 });
    const t = await svc.provider.publishTariff(st, { from: '2011-01-01' });
    expect(t.digest).toBe(st.digest);
    expect((await anon.listTariffs()).map((x) => x.digest)).toContain(st.digest);
    expect((await anon.fetchTariff(st.digest)).signedTariff).toEqual(st);
    expect((await anon.tariffInForce('acct-c', '2011-01')).tariff.digest).toBe(st.digest);
    expect(await code(anon.tariffInForce('acct-c', '2010-12'))).toMatchObject({ code: 'tariff.none', status: 404 });
    expect(await code(anon.fetchTariff('00'.repeat(32)))).toMatchObject({ code: 'tariff.unknown', status: 404 });
  });

  it('meters, accounts, records: push, idempotent retry, fork refused by code', async () => {
    const reg = await svc.provider.registerMeter({ meter: 'client-m1', key: meter.jwk.public, account: 'acct-c', layout: { unit: 'Wh', registers: ['import'] } });
    expect(reg).toMatchObject({ meter: 'client-m1', account: 'acct-c' });
    expect(await anon.meterRegistration('client-m1')).toEqual(reg);
    await svc.provider.registerUserKey('acct-c', user.jwk.public);
    const acct = await anon.account('acct-c');
    expect(acct.meters).toHaveLength(1);
    expect(acct.users).toHaveLength(1);

    const first = await anon.pushRecords('client-m1', log.records.slice(0, 24));
    expect(first).toMatchObject({ appended: 24, duplicate: 0, head: { next: 24, lastHash: log.records[23]!.hash } });
    expect(await anon.pushRecords('client-m1', log.records.slice(0, 24))).toMatchObject({ appended: 0, duplicate: 24 });
    // A fork: another record for seq 10, validly signed by the meter, after the same record 9.
    const iv = intervals[10]!;
    const forked = buildLog({ meter: 'client-m1', key: meter.secret, seed: seededRng('client-seed')(32), firstSeq: 10, prev: fromHex(log.records[9]!.hash), intervals: [{ ...iv, values: [iv.values[0]! + 1] }] }).log.records;
    expect(await code(anon.pushRecords('client-m1', forked))).toEqual({ code: 'records.fork', status: 409 });
    expect(await code(anon.pushRecords('client-m1', log.records.slice(30, 32)))).toMatchObject({ code: 'records.gap', status: 409 });
    expect(await anon.recordsHead('client-m1')).toEqual({ meter: 'client-m1', next: 24, lastHash: log.records[23]!.hash });
    expect(await code(anon.meterRegistration('no-such-meter'))).toMatchObject({ code: 'meter.unknown', status: 404 });
  });

  it('bills and disclosures: unknown ids by code', async () => {
    expect(await code(anon.billStatus('ab'.repeat(32)))).toMatchObject({ code: 'bill.unknown', status: 404 });
    expect(await code(anon.disclosureRequest('00000000-0000-4000-8000-000000000000'))).toMatchObject({ code: 'disclosure.unknown', status: 404 });
    expect(await anon.disclosureRequests('acct-c', 'pending')).toEqual([]);
  });

  it('an unreachable service, after the retries, is service.unreachable', async () => {
    const dead = new ServiceClient({ baseUrl: 'http://127.0.0.1:9', retries: 1, backoffMs: 1 });
    expect(await code(dead.healthz())).toEqual({ code: 'service.unreachable', status: 0 });
  });

  it('an answer that is not the API is service.protocol', async () => {
    const odd = new ServiceClient({ baseUrl: 'http://x', retries: 0, fetch: async () => ({ status: 200, text: async () => '{"ok":"yes"}' }) });
    expect(await code(odd.healthz())).toMatchObject({ code: 'service.protocol' });
    const html = new ServiceClient({ baseUrl: 'http://x', retries: 0, fetch: async () => ({ status: 502, text: async () => '<html>' }) });
    expect(await code(html.healthz())).toMatchObject({ code: 'service.protocol', status: 502 });
  });

  it('retries 5xx and 429, then gives the answer', async () => {
    let n = 0;
    const flaky = new ServiceClient({
      baseUrl: 'http://x',
      retries: 2,
      backoffMs: 1,
      fetch: async () => (++n < 3 ? { status: n === 1 ? 503 : 429, text: async () => '{"error":"internal","message":"busy"}' } : { status: 200, text: async () => '{"ok":true}' }),
    });
    expect(await flaky.healthz()).toEqual({ ok: true });
    expect(n).toBe(3);
  });

  it('sends the token only on provider operations', async () => {
    const seen: (string | undefined)[] = [];
    const c = new ServiceClient({ baseUrl: 'http://x', token: TOKEN, retries: 0, fetch: async (_u, init) => (seen.push(init.headers.authorization), { status: 200, text: async () => '{"ok":true}' }) });
    await c.healthz();
    expect(seen).toEqual([undefined]);
  });
});
