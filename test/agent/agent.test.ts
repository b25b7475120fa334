/**
 * The agent end to end against a real in-process service (PGlite): a simulated meter pushes February
 * 2011 (hourly, NIST) and a day of March; the agent bills February (compact form), gets a signed receipt,
 * keeps both on disk, answers one disclosure request under its policy and refuses two; every request the
 * agent sends is recorded and carries no reading, opening or seed.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, billFile, disclosureFile, receiptFile } from '../../src/agent/agent.js';
import { ServiceClient } from '../../src/agent/client.js';
import { FileStore } from '../../src/agent/node/fs-store.js';
import { parsePolicy } from '../../src/agent/policy.js';
import { billDigest, providerSigned, signRefusal } from '../../src/agent/signed.js';
import type { Receipt } from '../../src/service/api.js';
import { toHex } from '../../src/core/bytes.js';
import { seededRng } from '../../src/core/rng.js';
import { scalarToBytes } from '../../src/core/scalar.js';
import { parseGreenButton } from '../../src/formats/greenbutton.js';
import { opening } from '../../src/meter/openings.js';
import { simulateMeter } from '../../src/simulator/run.js';
import { readMeterDir } from '../../src/simulator/store.js';
import { fixture, keys, schedule, signed, touTariff } from '../helpers.js';
import { proveRangeJob } from '../../src/statement/proof.js';
import { verifyBill } from '../../src/bill/verify.js';
import { recordingFetch, startService, type Recorded } from './service.js';
import { copyFileSync, mkdirSync } from 'node:fs';
import type { FetchLike } from '../../src/agent/client.js';

const provider = keys('provider', 'agent-test');
const meterKey = keys('meter', 'agent-test');
const user = keys('user', 'agent-test');
const METER = 'agent-m1';
const ACCOUNT = 'acct-agent';
const FEB = Date.UTC(2011, 1, 1, 8) / 1000; // 2011-02-01 00:00 in Los Angeles
const MAR2 = Date.UTC(2011, 2, 2, 8) / 1000;
const readings = parseGreenButton(fixture('greenbutton/nist-inland-single-family-2011-hourly.xml')).readings.filter((r) => r.start >= FEB && r.start < MAR2);
const seed = seededRng('agent-seed')(32);

let svc: Awaited<ReturnType<typeof startService>>;
let work: string;
const sent: Recorded[] = [];
let agent: Agent;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'mp-agent-'));
  svc = await startService(provider.secret);
  await svc.provider.publishTariff(signed(touTariff(), provider), { from: '2011-01-01' });
  await svc.provider.registerMeter({ meter: METER, key: meterKey.jwk.public, account: ACCOUNT, layout: { unit: 'Wh', registers: ['import'] } });
  await svc.provider.registerUserKey(ACCOUNT, user.jwk.public);
  const meterClient = new ServiceClient({ baseUrl: svc.url });
  await simulateMeter({
    dir: join(work, 'meter'),
    meter: METER,
    key: meterKey.secret,
    newSeed: () => seed,
    readings,
    registers: ['import'],
    unit: 'Wh',
    speed: Infinity,
    pushEvery: 86400,
    batchSize: 4096,
    push: async (rs) => void (await meterClient.pushRecords(METER, rs)),
  });
  agent = new Agent({
    client: new ServiceClient({ baseUrl: svc.url, fetch: recordingFetch(sent) }),
    store: new FileStore(join(work, 'agent')),
    source: () => readMeterDir(join(work, 'meter')),
    providerKey: provider.public,
    account: ACCOUNT,
    userKey: user.secret,
    policy: parsePolicy({ v: 1, type: 'meterproof/policy', allow: [{ recipient: 'grid-operator', kinds: ['daily-sum'], purpose: 'network planning' }] }),
    pollMs: 50,
  });
});
afterAll(async () => {
  await svc?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('agent', () => {
  it('bills the closed month in compact form, gets a signed receipt, keeps both', async () => {
    const r = await agent.runOnce();
    expect(r.bills.map((b) => [b.period, b.state, b.form])).toEqual([['2011-02', 'accepted', 'compact']]);
    const b = r.bills[0]!;
    // The compact form is a small fraction of the full one (672 hourly records).
    const store = new FileStore(join(work, 'agent'));
    const bill = store.read(billFile('2011-02')) as { fee: string; records: { count: number } };
    expect(bill.records.count).toBe(672);
    expect(b.bytes!).toBeLessThan(JSON.stringify({ bill }).length / 10);
    const receipt = store.read(receiptFile('2011-02')) as Receipt;
    expect(providerSigned(receipt, provider.public)).toBe(true);
    // A receipt edited after signing, or checked under another key, fails.
    expect(providerSigned({ ...receipt, fee: '0.000000000' }, provider.public)).toBe(false);
    expect(providerSigned(receipt, keys('provider', 'someone else').public)).toBe(false);
    expect(receipt.bill).toBe(billDigest(bill));
    expect(receipt).toMatchObject({ verdict: 'accepted', fee: bill.fee });
    // March is not closed: nothing else billed.
    expect(readdirSync(join(work, 'agent', 'bills'))).toEqual(['2011-02.json']);
  });

  it('a second round bills nothing again and overwrites nothing', async () => {
    const before = readFileSync(join(work, 'agent', 'receipts', '2011-02.json'), 'utf8');
    const r = await agent.runOnce();
    expect(r.bills).toEqual([]);
    expect(readFileSync(join(work, 'agent', 'receipts', '2011-02.json'), 'utf8')).toBe(before);
  });

  it('answers a request the policy allows and refuses the others, with a signed refusal', async () => {
    const daily = { v: 1, type: 'meterproof/query', meter: METER, registers: ['import'], items: [{ kind: 'daily', from: '2011-02-01', to: '2011-02-07', timezone: 'America/Los_Angeles' }] };
    const reading = { v: 1, type: 'meterproof/query', meter: METER, registers: ['import'], items: [{ kind: 'reading', at: '2011-02-04T18:00:00-08:00' }] };
    const allowed = await svc.provider.fileDisclosureRequest({ account: ACCOUNT, meter: METER, query: daily, purpose: 'network planning', recipient: 'grid-operator' });
    const otherKind = await svc.provider.fileDisclosureRequest({ account: ACCOUNT, meter: METER, query: reading, purpose: 'network planning', recipient: 'grid-operator' });
    const otherRecipient = await svc.provider.fileDisclosureRequest({ account: ACCOUNT, meter: METER, query: daily, purpose: 'network planning', recipient: 'insurer' });
    const r = await agent.runOnce();
    const by = Object.fromEntries(r.disclosures.map((d) => [d.request, d]));
    expect(by[allowed.id]).toMatchObject({ answer: 'disclosed' });
    expect(by[otherKind.id]).toMatchObject({ answer: 'refused' });
    expect(by[otherKind.id]!.reason).toMatch(/reading/);
    expect(by[otherRecipient.id]!.reason).toMatch(/insurer/);
    const v = await svc.provider.disclosureRequest(allowed.id);
    expect(v.state).toBe('disclosed');
    expect(v.answers).toHaveLength(7);
    expect((await svc.provider.disclosureRequest(otherKind.id)).state).toBe('refused');
    expect((await svc.provider.disclosureRequest(otherRecipient.id)).refusal?.user).toBe(user.public.kid);
    expect(readdirSync(join(work, 'agent', 'disclosures')).sort()).toEqual([`${allowed.id}.disclosure.json`, `${otherKind.id}.refusal.json`, `${otherRecipient.id}.refusal.json`].sort());
    // Answered requests are not pending any more: the next round leaves them alone.
    expect((await agent.runOnce()).disclosures).toEqual([]);
  });

  it('an answer stored by a round that stopped before sending it is sent as it is', async () => {
    const daily = { v: 1, type: 'meterproof/query', meter: METER, registers: ['import'], items: [{ kind: 'daily', from: '2011-02-01', to: '2011-02-02', timezone: 'America/Los_Angeles' }] };
    const req = await svc.provider.fileDisclosureRequest({ account: ACCOUNT, meter: METER, query: daily, purpose: 'network planning', recipient: 'grid-operator' });
    const earlier = signRefusal({ request: req.id, account: ACCOUNT, reason: 'decided earlier' }, user.secret);
    new FileStore(join(work, 'agent')).create(disclosureFile(req.id, 'refusal'), earlier);
    const r = await agent.runOnce();
    expect(r.disclosures).toEqual([{ request: req.id, recipient: 'grid-operator', answer: 'refused', reason: 'decided earlier' }]);
    expect((await svc.provider.disclosureRequest(req.id)).refusal).toEqual(earlier);
  });

  it('sends no reading, opening or seed in any request (every request recorded)', () => {
    expect(sent.length).toBeGreaterThan(5);
    const { log, priv } = readMeterDir(join(work, 'meter'));
    const bodies = sent.map((s) => s.body ?? '').join('\n') + sent.map((s) => s.url).join('\n');
    expect(bodies).not.toContain(priv.seed);
    expect(bodies).not.toContain(toHex(user.secret.secret));
    for (const r of log.records.filter((_, i) => i % 7 === 0)) {
      expect(bodies).not.toContain(toHex(scalarToBytes(opening(seed, METER, r.seq, 0))));
    }
    // Field names that would carry readings or secrets never appear; numbers are seqs, times, counts, versions.
    const allowedNumbers = new Set<number>([0, 1, 2, 9, 672, 720, 3600, ...log.records.flatMap((r) => [r.seq, r.start, r.start + r.duration])]);
    for (const s of sent.filter((x) => x.body !== undefined)) {
      const walk = (v: unknown, key = ''): void => {
        if (Array.isArray(v)) v.forEach((x) => walk(x, key));
        else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) {
          expect(['values', 'readings', 'seed', 'wh', 'opening', 'openings', 'blinding', 'd']).not.toContain(k);
          walk(x, k);
        }
        else if (typeof v === 'number') expect(allowedNumbers.has(v), `${key}: ${v} in ${s.method} ${s.url}`).toBe(true);
      };
      walk(JSON.parse(s.body!));
    }
    // The only figures about readings the agent sent: the fee and the seven daily totals the policy allowed.
    const dailyTotals = new Map<string, number>();
    for (const r of priv.readings) {
      const day = new Date((r.start - 8 * 3600) * 1000).toISOString().slice(0, 10);
      dailyTotals.set(day, (dailyTotals.get(day) ?? 0) + r.values[0]!);
    }
    const monthTotal = priv.readings.filter((r) => r.start < Date.UTC(2011, 2, 1, 8) / 1000).reduce((s, r) => s + r.values[0]!, 0);
    expect(bodies).not.toContain(`"${monthTotal}"`);
    expect(bodies).not.toContain(`"${dailyTotals.get('2011-02-10')}"`);
  });
});

/** A fetch that lets `edit` change the JSON answers of the routes it matches: a service (or a path) that lies. */
function lyingFetch(sentHere: Recorded[], match: RegExp, edit: (body: Record<string, unknown>) => void): FetchLike {
  const real = recordingFetch(sentHere);
  return async (url, init) => {
    const res = await real(url, init);
    if (!match.test(url) || init.method !== 'GET') return res;
    const body = JSON.parse(await res.text()) as Record<string, unknown>;
    edit(body);
    return { status: res.status, text: async () => JSON.stringify(body) };
  };
}

describe('agent against a service that lies', () => {
  const agentWith = (fetch: FetchLike, store: string) =>
    new Agent({
      client: new ServiceClient({ baseUrl: svc.url, fetch, retries: 0 }),
      store: new FileStore(join(work, store)),
      source: () => readMeterDir(join(work, 'meter')),
      providerKey: provider.public,
      account: ACCOUNT,
      pollMs: 50,
    });

  it('a tariff not signed by the provider key the user trusts: nothing proven, nothing sent', async () => {
    const here: Recorded[] = [];
    const other = signed(touTariff({ name: 'cheaper, says the service' }), keys('provider', 'impostor'));
    const a = agentWith(lyingFetch(here, /\/tariff\?period=2011-02/, (b) => void (b.signedTariff = other)), 'liar-tariff');
    await expect(a.runOnce()).rejects.toMatchObject({ code: 'tariff.signature' });
    expect(existsSync(join(work, 'liar-tariff', 'bills'))).toBe(false);
    expect(here.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('a receipt whose fee was edited: refused, not stored', async () => {
    const here: Recorded[] = [];
    // The bill proven before, resubmitted as it is (the same id: already final).
    mkdirSync(join(work, 'liar-receipt', 'bills'), { recursive: true });
    copyFileSync(join(work, 'agent', 'bills', '2011-02.json'), join(work, 'liar-receipt', 'bills', '2011-02.json'));
    const a = agentWith(lyingFetch(here, /\/v1\/bills\/[0-9a-f]{64}$/, (b) => void ((b.receipt as Record<string, unknown>).fee = '1.000000000')), 'liar-receipt');
    await expect(a.runOnce()).rejects.toMatchObject({ code: 'receipt.signature' });
    expect(existsSync(join(work, 'liar-receipt', 'receipts'))).toBe(false);
  });

  it('a second agent with its own proof of an accepted month: the service refuses it by name, the round goes on', async () => {
    const a = agentWith(recordingFetch([]), 'second-agent');
    const r = await a.runOnce();
    const said = [...r.skipped.map((x) => x.reason), ...r.bills.map((b) => `${b.state} ${b.reason}`)];
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/bill\.period_accepted/);
  });

  it('a non-linear tariff: the range proofs go to runRangeJobs (worker threads in the CLI), and the bill verifies', async () => {
    // The service is made to serve a tiered tariff, validly signed by the provider: the agent proves under
    // it (the service then refuses the bill as not the tariff in force, which is not what this test is about).
    const tiered = signed(touTariff({ id: 'test-tiered', capacity: '20000', components: [{ kind: 'tiered-energy', name: 'energy', basis: 'per-period', periods: [{ label: 'all', tiers: [{ upTo: '300000', rate: '200000' }, { rate: '300000' }] }], weekday: schedule(() => 0), weekend: schedule(() => 0) }] }), provider);
    const jobs: number[] = [];
    const a = new Agent({
      client: new ServiceClient({ baseUrl: svc.url, fetch: lyingFetch([], /\/tariff\?period=2011-02/, (b) => void (b.signedTariff = tiered)), retries: 0 }),
      store: new FileStore(join(work, 'tiered')),
      source: () => readMeterDir(join(work, 'meter')),
      providerKey: provider.public,
      account: ACCOUNT,
      pollMs: 50,
      runRangeJobs: async (js) => {
        jobs.push(js.length);
        return js.map(proveRangeJob);
      },
    });
    await a.runOnce().catch(() => undefined);
    expect(jobs.length).toBe(1);
    expect(jobs[0]).toBeGreaterThan(0);
    const bill = new FileStore(join(work, 'tiered')).read(billFile('2011-02'));
    expect(verifyBill({ bill, signedTariff: tiered, providerKey: provider.public, meterKey: meterKey.public })).toMatchObject({ ok: true });
  });

  it('a registration naming another account, or signed by another key: refused before anything else', async () => {
    const here: Recorded[] = [];
    let a = agentWith(lyingFetch(here, /\/registration$/, (b) => void ((b.registration as Record<string, unknown>).account = 'someone-else')), 'liar-reg');
    await expect(a.runOnce()).rejects.toMatchObject({ code: 'registration.signature' });
    a = new Agent({
      client: new ServiceClient({ baseUrl: svc.url, retries: 0 }),
      store: new FileStore(join(work, 'liar-reg')),
      source: () => readMeterDir(join(work, 'meter')),
      providerKey: provider.public,
      account: 'not-my-account',
    });
    await expect(a.runOnce()).rejects.toMatchObject({ code: 'registration.account' });
    expect(here.filter((r) => r.method === 'POST')).toEqual([]);
  });
});
