/** GET /v1/meters/{id}/records and the agent's fetchLog: the held log read back, paged, and checked. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceClient, type FetchLike } from '../../src/agent/client.js';
import { checkFetchedLog, fetchLog, fetchRecords } from '../../src/agent/fetch-log.js';
import { publicJwk } from '../../src/core/keys.js';
import { MeterRecordsResponse, type MeterRegistration } from '../../src/service/api.js';
import { BACKENDS, provider, push, setup, startService, world, type Running } from './harness.js';

describe.each(BACKENDS)('reading a meter log back from the service on %s', (backend) => {
  let s: Running;
  let reg: MeterRegistration;
  const w = world('meter-read', 2);
  // The client over the in-process app: no port, the same requests and answers.
  const inject: FetchLike = async (url, init) => {
    const r = await s.app.inject({ method: init.method as 'GET', url: url.replace('http://svc', ''), headers: init.headers, ...(init.body ? { payload: init.body } : {}) });
    return { status: r.statusCode, text: async () => r.body };
  };
  const client = () => new ServiceClient({ baseUrl: 'http://svc', fetch: inject, retries: 0 });
  beforeAll(async () => {
    s = await startService(backend, 'read');
    reg = await setup(s.app, w);
    const p = await push(s.app, w.meter, w.log.records);
    if (p.statusCode !== 200) throw new Error(p.body);
  });
  afterAll(async () => s?.close());

  it('returns the held records exactly, in pages, with prev and the layout', async () => {
    const all = await s.app.inject({ method: 'GET', url: `/v1/meters/${w.meter}/records` });
    expect(all.statusCode, all.body).toBe(200);
    const body = MeterRecordsResponse.parse(all.json());
    expect(body).toEqual({ meter: w.meter, layout: { unit: 'Wh', registers: ['import'] }, prev: '0'.repeat(64), records: w.log.records, next: w.log.records.length });
    const page = (await s.app.inject({ method: 'GET', url: `/v1/meters/${w.meter}/records?from=10&count=5` })).json();
    expect(page.records).toEqual(w.log.records.slice(10, 15));
    expect(page.prev).toBe(w.log.records[9]!.hash);
    const past = (await s.app.inject({ method: 'GET', url: `/v1/meters/${w.meter}/records?from=1000` })).json();
    expect(past.records).toEqual([]);
    expect(past.prev).toBe(w.log.records.at(-1)!.hash);
  });

  it('refuses an unknown meter (404 meter.unknown) and a bad page (400 request.schema)', async () => {
    const u = await s.app.inject({ method: 'GET', url: '/v1/meters/no-such-meter/records' });
    expect(u.statusCode).toBe(404);
    expect(u.json().error).toBe('meter.unknown');
    for (const q of ['count=0', 'count=4097', 'from=-1', 'from=x', 'other=1']) {
      const r = await s.app.inject({ method: 'GET', url: `/v1/meters/${w.meter}/records?${q}` });
      expect(r.statusCode, q).toBe(400);
      expect(r.json().error, q).toBe('request.schema');
    }
    await expect(client().records('no-such-meter')).rejects.toMatchObject({ code: 'meter.unknown', status: 404 });
  });

  it('is in the OpenAPI document beside the push, public, with its query', async () => {
    const doc = (await s.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const get = doc.paths['/v1/meters/{meter}/records'].get;
    expect(get.operationId).toBe('meterRecords');
    expect(get.security).toBeUndefined();
    expect(get.parameters.map((p: { name: string }) => p.name)).toEqual(['meter', 'from', 'count']);
    expect(doc.paths['/v1/meters/{meter}/records'].post.operationId).toBe('pushRecords');
  });

  it('fetchLog pages through and rebuilds the meter log, checked against the registration', async () => {
    const log = await fetchLog(client(), reg, publicJwk(provider.public), { pageSize: 7 });
    expect(log).toEqual(w.log);
    const tail = await fetchLog(client(), reg, publicJwk(provider.public), { from: 40, pageSize: 3 });
    expect(tail.records).toEqual(w.log.records.slice(40));
    expect(tail.prev).toBe(w.log.records[39]!.hash);
  });

  it('refuses a record the service altered, a forged registration, and a meter with no records', async () => {
    const log = await fetchRecords(client(), reg);
    const tampered = structuredClone(log);
    tampered.records[5]!.commitments[0] = log.records[6]!.commitments[0]!;
    expect(() => checkFetchedLog(tampered, reg, publicJwk(provider.public))).toThrow(expect.objectContaining({ code: 'log.chain.hash' }));
    const resigned = structuredClone(log);
    resigned.records[3]!.signature = log.records[4]!.signature;
    expect(() => checkFetchedLog(resigned, reg, publicJwk(provider.public))).toThrow(expect.objectContaining({ code: 'log.meter.signature' }));
    const forged = { ...reg, account: 'someone-else' };
    expect(() => checkFetchedLog(log, forged, publicJwk(provider.public))).toThrow(expect.objectContaining({ code: 'registration.signature' }));
    const empty = world('meter-empty', 1);
    const reg2 = await setup(s.app, empty);
    await expect(fetchRecords(client(), reg2)).rejects.toMatchObject({ code: 'records.none' });
  });
});
