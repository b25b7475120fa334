/**
 * A full run of the service — register, push, bill (full and compact), disclose by consent, refuse —
 * on PGlite and PostgreSQL, then the database dump and every log line are searched for what the provider
 * must never hold: a reading, an opening, the seed. Readings are distinctive 12-digit numbers here, so
 * finding one cannot be chance. The disclosure route is exercised on the way.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/core/bytes.js';
import { publicJwk } from '../../src/core/keys.js';
import { seededRng } from '../../src/core/rng.js';
import { isoUtc } from '../../src/core/time.js';
import { proveDisclosure } from '../../src/disclosure/prove.js';
import { opening } from '../../src/meter/openings.js';
import { signRefusal } from '../../src/service/signed.js';
import { keys } from '../helpers.js';
import { AUTH, BACKENDS, PERIOD_1, PERIOD_2, final, push, setup, startService, world, type Running } from './harness.js';

const user = keys('user', 'privacy-user');

describe.each(BACKENDS)('privacy and disclosures on %s', (backend) => {
  let s: Running;
  const logs: string[] = [];
  const w = world('meter-p', 4, 'private readings', 700_000_000_000);
  beforeAll(async () => {
    s = await startService(backend, 'privacy', {}, { logger: { level: 'trace', stream: { write: (line: string) => void logs.push(line) } } });
  });
  afterAll(async () => s?.close());

  it('a full run stores and logs no reading, opening or seed', async () => {
    await setup(s.app, w);
    const u = await s.app.inject({ method: 'POST', url: '/v1/accounts/acct-1/user-keys', headers: AUTH, payload: { key: publicJwk(user.public) } });
    expect(u.statusCode, u.body).toBe(201);
    for (let i = 0; i < w.log.records.length; i += 25) expect((await push(s.app, w.meter, w.log.records.slice(i, i + 25))).statusCode).toBe(200);
    const b1 = await s.app.inject({ method: 'POST', url: '/v1/bills', payload: { bill: w.prove(PERIOD_1) } });
    const b2 = await s.app.inject({ method: 'POST', url: '/v1/bills', payload: { compact: w.compact(w.prove(PERIOD_2)) } });
    expect((await final(s.app, b1.json().id)).state).toBe('accepted');
    expect((await final(s.app, b2.json().id)).state).toBe('accepted');

    // Disclosure: the provider asks for daily totals; the user consents and proves them.
    const query = { v: 1, type: 'meterproof/query', meter: w.meter, registers: ['import'], items: [{ kind: 'daily', from: '2024-03-04', to: '2024-03-05', timezone: 'America/Los_Angeles' }] };
    const filed = await s.app.inject({ method: 'POST', url: '/v1/disclosure-requests', headers: AUTH, payload: { account: 'acct-1', meter: w.meter, query, purpose: 'network planning', recipient: 'grid-operator' } });
    expect(filed.statusCode, filed.body).toBe(201);
    const pending = (await s.app.inject({ method: 'GET', url: '/v1/accounts/acct-1/disclosure-requests?state=pending' })).json().requests;
    expect(pending).toHaveLength(1);
    const req = pending[0];
    const now = Math.floor(Date.now() / 1000);
    const { disclosure } = proveDisclosure({ query: req.query, terms: { recipient: req.recipient, purpose: req.purpose, expires: isoUtc(now + 86400) }, log: w.log, priv: w.priv, userKey: user.secret, now, rng: seededRng('privacy/disclosure') });
    const ans = await s.app.inject({ method: 'POST', url: `/v1/disclosure-requests/${req.id}/response`, payload: { disclosure } });
    expect(ans.statusCode, ans.body).toBe(200);
    expect(ans.json().request.state).toBe('disclosed');
    expect(ans.json().request.answers).toHaveLength(2);
    // The same answer again is one answer; another one is refused.
    expect((await s.app.inject({ method: 'POST', url: `/v1/disclosure-requests/${req.id}/response`, payload: { disclosure } })).statusCode).toBe(200);

    // A second request, refused: a forged refusal is not taken, a signed one is.
    const filed2 = (await s.app.inject({ method: 'POST', url: '/v1/disclosure-requests', headers: AUTH, payload: { account: 'acct-1', meter: w.meter, query, purpose: 'marketing', recipient: 'ad-broker' } })).json().request;
    // The first request's disclosure does not answer this one (another recipient and purpose).
    const mismatch = await s.app.inject({ method: 'POST', url: `/v1/disclosure-requests/${filed2.id}/response`, payload: { disclosure } });
    expect(mismatch.statusCode, mismatch.body).toBe(422);
    expect(mismatch.json()).toMatchObject({ error: 'disclosure.invalid', detail: expect.stringMatching(/^consent\.|^recipient/) });
    const refusal = signRefusal({ v: 1, type: 'meterproof/refusal', request: filed2.id, account: 'acct-1', user: user.public.kid, issued: isoUtc(now), reason: 'not under my policy' }, user.secret);
    const forged = signRefusal({ ...refusal, signature: undefined } as never, keys('user', 'someone else').secret);
    const bad = await s.app.inject({ method: 'POST', url: `/v1/disclosure-requests/${filed2.id}/response`, payload: { refusal: forged } });
    expect(bad.statusCode, bad.body).toBe(422);
    expect(bad.json().error).toBe('refusal.signature');
    const ok = await s.app.inject({ method: 'POST', url: `/v1/disclosure-requests/${filed2.id}/response`, payload: { refusal } });
    expect(ok.json().request.state, ok.body).toBe('refused');
    const late = await s.app.inject({ method: 'POST', url: `/v1/disclosure-requests/${filed2.id}/response`, payload: { disclosure } });
    expect(late.json().error).toBe('disclosure.answered');

    // The dump: every row of every table (pg-boss's too), and on PostgreSQL pg_dump's text as well.
    const tables = await s.service.ctx.db.query<{ schemaname: string; tablename: string }>("SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')");
    let dump = '';
    for (const t of tables) dump += JSON.stringify(await s.service.ctx.db.query(`SELECT * FROM "${t.schemaname}"."${t.tablename}"`)) + '\n';
    if (backend === 'pg') dump += execFileSync('pg_dump', ['--data-only', s.url!], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
    const text = dump + '\n' + logs.join('');
    expect(dump.length).toBeGreaterThan(10_000);
    expect(logs.length).toBeGreaterThan(10);
    expect(text).toContain(w.log.records[5]!.hash); // the search does look at the records

    const seed = w.priv.seed;
    const secrets = [seed, toHex(fromHex(seed).reverse())];
    for (const r of w.priv.readings) secrets.push(String(r.values[0]));
    for (const r of w.priv.readings.slice(0, 20)) {
      const o = opening(fromHex(seed), w.meter, r.seq, 0);
      secrets.push(o.toString(), o.toString(16).padStart(64, '0'));
    }
    const found = secrets.filter((x) => text.includes(x));
    expect(found).toEqual([]);
  });
});
