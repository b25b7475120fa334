/** The provider service end to end, on PGlite and on PostgreSQL: register, push, bill, receipt, evidence. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePublicJwk } from '../../src/core/keys.js';
import { PointCache } from '../../src/service/points.js';
import { BACKENDS, AUTH, PERIOD_1, PERIOD_2, final, push, setup, startService, world, type Running, provider } from './harness.js';
import { verifyDocument } from '../../src/service/signed.js';
import { EvidenceBundle, MeterRegistrationSchema, ReceiptSchema } from '../../src/service/api.js';

describe.each(BACKENDS)('service on %s', (backend) => {
  let s: Running;
  const w = world();
  beforeAll(async () => {
    s = await startService(backend, 'e2e');
  });
  afterAll(async () => s?.close());

  it('registers, ingests, verifies a full and a compact bill, and signs receipts', async () => {
    const reg = await setup(s.app, w);
    expect(MeterRegistrationSchema.parse(reg).meter).toBe('meter-1');
    expect(verifyDocument(reg, provider.public)).toBe(true);

    const recs = w.log.records;
    const r1 = await push(s.app, w.meter, recs.slice(0, 50));
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json()).toMatchObject({ appended: 50, duplicate: 0, head: { next: 50 } });
    const again = await push(s.app, w.meter, recs.slice(0, 50));
    expect(again.json()).toMatchObject({ appended: 0, duplicate: 50 });
    const r2 = await push(s.app, w.meter, recs.slice(40));
    expect(r2.json()).toMatchObject({ appended: recs.length - 50, duplicate: 10, head: { next: recs.length } });

    const full = w.prove(PERIOD_1);
    const sub = await s.app.inject({ method: 'POST', url: '/v1/bills', payload: { bill: full } });
    expect(sub.statusCode, sub.body).toBe(202);
    const id = sub.json().id;
    const done = await final(s.app, id);
    expect(done).toMatchObject({ state: 'accepted', fee: full.fee, period: PERIOD_1 });
    const receipt = ReceiptSchema.parse(done.receipt);
    expect(receipt).toMatchObject({ bill: id, verdict: 'accepted', fee: full.fee });
    expect(verifyDocument(receipt, provider.public)).toBe(true);

    // The same bill again, compact: one bill.
    const dup = await s.app.inject({ method: 'POST', url: '/v1/bills', payload: { compact: w.compact(full) } });
    expect(dup.statusCode, dup.body).toBe(200);
    expect(dup.json()).toEqual({ id, state: 'accepted' });

    // A worker that has not seen these records (another process): the held points come from the affine
    // coordinates stored at ingest, not from this process's cache.
    Object.assign(s.service.ctx, { points: new PointCache() });
    const [noAffine] = await s.service.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM records WHERE affine IS NULL OR length(affine) <> 128');
    expect(noAffine!.n).toBe(0);
    const second = w.prove(PERIOD_2);
    const c = w.compact(second);
    expect(JSON.stringify(c).length).toBeLessThan(JSON.stringify(second).length / 2);
    const sub2 = await s.app.inject({ method: 'POST', url: '/v1/bills', payload: { compact: c } });
    expect(sub2.statusCode, sub2.body).toBe(202);
    const done2 = await final(s.app, sub2.json().id);
    expect(done2).toMatchObject({ state: 'accepted', fee: second.fee });

    const ev = await s.app.inject({ method: 'GET', url: `/v1/bills/${sub2.json().id}/evidence` });
    expect(ev.statusCode, ev.body).toBe(200);
    const bundle = EvidenceBundle.parse(ev.json());
    expect(bundle.bill).toEqual(second);

    // An arbiter, offline, in a fresh directory: the registration binds the meter key to the account,
    // and `meterproof bill verify` accepts the bill with the receipt's fee.
    const pk = parsePublicJwk(bundle.providerKey, 'provider');
    expect(verifyDocument(bundle.registration, pk) && verifyDocument(bundle.receipt, pk)).toBe(true);
    expect(bundle.registration).toMatchObject({ meter: bundle.bill.meter, account: bundle.bill.account });
    const dir = mkdtempSync(join(tmpdir(), 'meterproof-evidence-'));
    try {
      writeFileSync(join(dir, 'tariff.json'), JSON.stringify(bundle.signedTariff));
      writeFileSync(join(dir, 'provider.pub.json'), JSON.stringify(bundle.providerKey));
      writeFileSync(join(dir, 'meter.pub.json'), JSON.stringify(bundle.registration.meterKey));
      writeFileSync(join(dir, 'bill.json'), JSON.stringify(bundle.bill));
      const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
      const args = ['bill', 'verify', '--tariff', 'tariff.json', '--provider-key', 'provider.pub.json', '--meter-key', 'meter.pub.json', '--bill', 'bill.json', '--account', bundle.registration.account, '--json'];
      const out = JSON.parse(execFileSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8' }));
      expect(out).toMatchObject({ ok: true, fee: bundle.receipt.fee, account: 'acct-1', period: { label: PERIOD_2 } });
      // A bundle whose bill was edited does not verify.
      writeFileSync(join(dir, 'bill.json'), JSON.stringify({ ...bundle.bill, account: 'acct-2' }));
      let rejected = '';
      try {
        execFileSync(process.execPath, [cli, ...args.filter((_, i) => i < 10 || i > 11)], { cwd: dir, encoding: 'utf8' });
      } catch (e) {
        rejected = String((e as { stdout?: string }).stdout);
      }
      expect(JSON.parse(rejected)).toMatchObject({ ok: false, reason: 'proof.linear' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const list = await s.app.inject({ method: 'GET', url: '/v1/accounts/acct-1/bills', headers: AUTH });
    expect(list.json().bills).toHaveLength(2);
  });

  it('serves the OpenAPI 3.1 document, health, metrics, tariffs in force and the account view', async () => {
    const doc = (await s.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/bills', '/v1/bills/{id}', '/v1/bills/{id}/evidence', '/v1/meters/{meter}/records', '/v1/disclosure-requests/{id}/response']));
    expect(doc.paths['/v1/bills'].post.requestBody.content['application/json'].schema.properties.bill.additionalProperties).toBe(false);
    expect(doc.paths['/v1/tariffs'].post.security).toEqual([{ providerToken: [] }]);
    expect((await s.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ ok: true });
    expect((await s.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ ok: true, db: true, queue: true });
    const metrics = (await s.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/meterproof_bills\{state="accepted",reason=""\} 2/);
    expect(metrics).toMatch(/meterproof_queue_depth 0/);
    expect(metrics).toMatch(/meterproof_records_ingested_total 96/);
    expect(metrics).toMatch(/meterproof_verification_seconds_count\{form="compact",verdict="accepted"\} 1/);
    const inForce = await s.app.inject({ method: 'GET', url: `/v1/accounts/acct-1/tariff?period=${encodeURIComponent(PERIOD_1)}` });
    expect(inForce.json().signedTariff.digest).toBe(w.prove(PERIOD_1).tariff);
    expect((await s.app.inject({ method: 'GET', url: '/v1/accounts/acct-1/tariff?period=2023-12' })).json().error).toBe('tariff.none');
    const list = (await s.app.inject({ method: 'GET', url: '/v1/tariffs' })).json();
    expect(list.tariffs).toHaveLength(1);
    const acct = (await s.app.inject({ method: 'GET', url: '/v1/accounts/acct-1' })).json();
    expect(acct.meters.map((m: { meter: string }) => m.meter)).toEqual(['meter-1']);
    expect((await s.app.inject({ method: 'GET', url: '/v1/provider/key' })).json().key.kid).toBe(provider.public.kid);
  });
});

describe('PostgreSQL with the table queue and two verifier loops', () => {
  it.skipIf(!BACKENDS.includes('pg'))('verifies bills claimed from the bills table', async () => {
    const s = await startService('pg', 'tableq', { queue: 'table', workers: 2 });
    try {
      expect(s.service.ctx.queue.kind).toBe('table');
      const w = world('meter-t');
      await setup(s.app, w);
      expect((await push(s.app, w.meter, w.log.records)).statusCode).toBe(200);
      const ids = [];
      for (const p of [PERIOD_1, PERIOD_2]) ids.push((await s.app.inject({ method: 'POST', url: '/v1/bills', payload: { compact: w.compact(w.prove(p)) } })).json().id);
      for (const id of ids) expect(await final(s.app, id)).toMatchObject({ state: 'accepted' });
    } finally {
      await s.close();
    }
  });
});
