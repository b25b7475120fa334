/** The provider service end to end, on PGlite and on PostgreSQL: register, push, bill, receipt, evidence. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

    const list = await s.app.inject({ method: 'GET', url: '/v1/accounts/acct-1/bills', headers: AUTH });
    expect(list.json().bills).toHaveLength(2);
  });
});
