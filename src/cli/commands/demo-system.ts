/**
 * The whole-system demo (`meterproof demo`): the provider service on the embedded database (PGlite) in
 * this process, a simulated meter streaming a year of the NIST readings to it, the user's agent billing
 * each month as it closes, the service's worker verifying and issuing receipts, one month re-verified
 * from its evidence bundle with `meterproof bill verify` itself (a child process), and two disclosure
 * requests, one answered and one refused by the user's policy file. It ends with what the provider saw.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, type BillOutcome } from '../../agent/agent.js';
import { ServiceClient } from '../../agent/client.js';
import { FileStore } from '../../agent/node/fs-store.js';
import { parsePolicy } from '../../agent/policy.js';
import { randomBytes, toHex } from '../../core/bytes.js';
import { generateKey, parsePublicJwk, parseSecretJwk, type PublicJwk } from '../../core/keys.js';
import { parseGreenButton } from '../../formats/greenbutton.js';
import { readJson, readText, writeJson } from '../../node/files.js';
import { buildApp } from '../../service/app.js';
import { openService } from '../../service/service.js';
import { simulateMeter } from '../../simulator/run.js';
import { MeterDirReader, readMeterDir } from '../../simulator/store.js';
import { signTariff } from '../../tariff/signed.js';
import { importUrdb } from '../../tariff/urdb.js';
import { out, refuseExisting } from '../common.js';
import { progress } from '../progress.js';

const DATA = fileURLToPath(new URL('../../../demo/data/', import.meta.url));
const ACCOUNT = 'demo-account';
const METER = 'nist-inland-1';

export interface SystemDemoOptions {
  readonly out?: string;
  readonly force?: boolean;
  /** Simulated seconds per second for the meter (default: the year in about 20 s). */
  readonly speed?: number;
}

const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;

export async function systemDemo(o: SystemDemoOptions): Promise<void> {
  const dir = o.out ?? mkdtempSync(join(tmpdir(), 'meterproof-demo-'));
  const force = o.force === true;
  // Nothing is replaced without --force.
  const put = (path: string, value: unknown, mode?: number) => writeJson(path, value, { ...(mode ? { mode } : {}), force });
  const names = ['provider', 'meter', 'user'].flatMap((r) => [`${r}.key.json`, `${r}.pub.json`]);
  refuseExisting([...names, 'tariff.signed.json', 'policy.json', 'meter/log.jsonl', 'agent/bills/2011-07.json', 'evidence/bundle-2011-07.json'].map((n) => join(dir, n)), force);
  // With --force, the directories of an earlier run go: a new meter key cannot continue the old chain.
  if (force) for (const d of ['meter', 'agent', 'evidence', 'service-db']) rmSync(join(dir, d), { recursive: true, force: true });
  out('meterproof demo: the whole system, on a year of real hourly readings');
  out(`files: ${dir}`);
  out('');

  // 1. Keys; the provider's service on the embedded database.
  const keys = Object.fromEntries(
    (['provider', 'meter', 'user'] as const).map((role) => {
      const k = generateKey(role);
      put(join(dir, `${role}.key.json`), k.secret, 0o600);
      put(join(dir, `${role}.pub.json`), k.public);
      return [role, { jwk: k.public, secret: parseSecretJwk(k.secret), public: parsePublicJwk(k.public) }];
    }),
  ) as Record<'provider' | 'meter' | 'user', { jwk: PublicJwk; secret: ReturnType<typeof parseSecretJwk>; public: ReturnType<typeof parsePublicJwk> }>;
  let t = performance.now();
  const service = await openService({ providerKey: keys.provider.secret, dataDir: join(dir, 'service-db'), workers: 1 });
  const token = toHex(randomBytes(24));
  const app = await buildApp(service.ctx, { token, rateLimit: 0 });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  out(`1. provider service on ${url} (embedded PostgreSQL: PGlite in ${join(dir, 'service-db')}), one verifier worker (${ms(t)})`);
  try {
    const provider = new ServiceClient({ baseUrl: url, token });

    // 2. The provider publishes the tariff and registers the meter and the user's key.
    const { tariff } = importUrdb(readJson(join(DATA, 'residential-tou.urdb.json'), 'demo tariff'), { timezone: 'America/Los_Angeles', id: 'demo-residential-tou' });
    const signed = signTariff(tariff, keys.provider.secret);
    put(join(dir, 'tariff.signed.json'), signed);
    await provider.publishTariff(signed, { from: '2011-01-01' });
    const reg = await provider.registerMeter({ meter: METER, key: keys.meter.jwk, account: ACCOUNT, layout: { unit: 'Wh', registers: ['import'] } });
    await provider.registerUserKey(ACCOUNT, keys.user.jwk);
    out(`2. provider publishes the signed tariff "${tariff.name}" and registers meter ${METER} to ${ACCOUNT} (signed registration, cycle: ${reg.cycle.kind})`);

    // 3. The meter streams the year; the agent bills each month as it closes.
    const readings = parseGreenButton(readText(join(DATA, 'nist-inland-single-family-2011-hourly.xml'), 'demo readings')).readings;
    const policy = { v: 1, type: 'meterproof/policy', allow: [{ recipient: 'grid-operator', kinds: ['daily-sum'], purpose: 'network planning', maxDays: 31, maxConsentDays: 30 }] };
    put(join(dir, 'policy.json'), policy);
    const meterDir = join(dir, 'meter');
    const agentDir = join(dir, 'agent');
    const reader = new MeterDirReader(meterDir);
    const agent = new Agent({
      client: new ServiceClient({ baseUrl: url }),
      store: new FileStore(agentDir),
      source: () => reader.read(),
      providerKey: keys.provider.public,
      account: ACCOUNT,
      userKey: keys.user.secret,
      policy: parsePolicy(policy),
      pollMs: 100,
    });
    const year = readings[readings.length - 1]!.start + readings[readings.length - 1]!.duration - readings[0]!.start;
    const speed = o.speed ?? Math.round(year / 20);
    out(`3. the meter streams ${readings.length} hourly readings at ${speed}× real time (a day's batch a push); the agent bills each month as it closes:`);
    out(`   ${'month'.padEnd(8)}${'fee (USD)'.padStart(16)}  ${'verdict'.padEnd(9)}${'form'.padEnd(8)}${'sent'.padStart(9)}  receipt`);
    const bar = progress('   meter');
    t = performance.now();
    const bills = new Map<string, BillOutcome>();
    let meterDone = false;
    let meterError: unknown;
    const meter = simulateMeter({
      dir: meterDir,
      meter: METER,
      key: keys.meter.secret,
      newSeed: () => randomBytes(32),
      readings,
      registers: ['import'],
      unit: 'Wh',
      speed,
      pushEvery: 86400,
      batchSize: 4096,
      push: async (records) => void (await provider.pushRecords(METER, records)),
      onBatch: (b) => bar.update(b.stored, readings.length),
    }).then(
      (r) => ((meterDone = true), r),
      (e) => ((meterDone = true), (meterError = e), undefined),
    );
    const show = (b: BillOutcome) => {
      bar.done();
      out(`   ${b.period.padEnd(8)}${b.fee.padStart(16)}  ${(b.state === 'accepted' ? 'accepted' : `${b.state} ${b.reason ?? ''}`).padEnd(9)}${b.form.padEnd(8)}${`${((b.bytes ?? 0) / 1024).toFixed(1)} KiB`.padStart(9)}  ${b.receipt ? `signed ${b.receipt.time}` : '-'}`);
    };
    for (;;) {
      const done = meterDone;
      // The agent's round reads what the meter stored so far; the first month closes after a few pushes.
      let round;
      try {
        round = await agent.runOnce();
      } catch (e) {
        // Before the first record arrives there is nothing to read yet.
        if (!/no records yet|no such file/.test((e as Error).message)) throw e;
      }
      for (const b of round?.bills ?? []) {
        if (b.state !== 'queued') bills.set(b.period, b);
        show(b);
      }
      if (done) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await meter;
    bar.done();
    if (meterError) throw meterError;
    const accepted = [...bills.values()].filter((b) => b.state === 'accepted').length;
    out(`   ${accepted} of 12 months accepted with signed receipts (${((performance.now() - t) / 1000).toFixed(1)} s for the year)`);
    out('');

    // 4. A dispute: the July bill re-verified from its evidence bundle, by `meterproof bill verify` itself.
    const july = bills.get('2011-07');
    let reverified = false;
    if (july) {
      const ev = await provider.billEvidence(july.id);
      const e = join(dir, 'evidence');
      put(join(e, 'bundle-2011-07.json'), ev);
      put(join(e, 'tariff.signed.json'), ev.signedTariff);
      put(join(e, 'provider.pub.json'), ev.providerKey);
      put(join(e, 'meter.pub.json'), ev.registration.meterKey);
      put(join(e, 'bill-2011-07.json'), ev.bill);
      t = performance.now();
      const args = ['bill', 'verify', '--tariff', join(e, 'tariff.signed.json'), '--provider-key', join(e, 'provider.pub.json'), '--meter-key', join(e, 'meter.pub.json'), '--bill', join(e, 'bill-2011-07.json'), '--account', ACCOUNT, '--period', '2011-07', '--json'];
      let verdict: { ok: boolean; fee?: string; reason?: string };
      try {
        verdict = JSON.parse(execFileSync(process.execPath, [process.argv[1]!, ...args], { encoding: 'utf8' })) as typeof verdict;
      } catch (err) {
        const so = (err as { stdout?: string }).stdout;
        verdict = so ? (JSON.parse(so) as typeof verdict) : { ok: false, reason: 'could not run' };
      }
      reverified = verdict.ok && verdict.fee === july.fee && ev.receipt.fee === july.fee;
      out(`4. dispute: the July evidence bundle (signed tariff, provider key, registration, full bill, receipt) re-verified offline`);
      out(`   by \`meterproof bill verify\`: ${verdict.ok ? `accepted, fee ${verdict.fee}` : `REJECTED ${verdict.reason}`}; the receipt says ${ev.receipt.fee} (${ms(t)})`);
      out(`   meterproof ${args.map((a) => (a.includes(' ') ? JSON.stringify(a) : a)).join(' ')}`);
    } else {
      out('4. dispute: no July bill to re-verify (MISSING)');
    }
    out('');

    // 5. Disclosure requests: one the policy allows, one it does not.
    const daily = { v: 1, type: 'meterproof/query', meter: METER, registers: ['import'], items: [{ kind: 'daily', from: '2011-07-01', to: '2011-07-31', timezone: 'America/Los_Angeles' }] };
    const hourly = { v: 1, type: 'meterproof/query', meter: METER, registers: ['import'], items: [{ kind: 'reading', at: '2011-07-04T18:00:00-07:00' }] };
    const r1 = await provider.fileDisclosureRequest({ account: ACCOUNT, meter: METER, query: daily, purpose: 'network planning', recipient: 'grid-operator' });
    const r2 = await provider.fileDisclosureRequest({ account: ACCOUNT, meter: METER, query: hourly, purpose: 'marketing', recipient: 'ad-broker' });
    const round = await agent.runOnce();
    const v1 = await provider.disclosureRequest(r1.id);
    const v2 = await provider.disclosureRequest(r2.id);
    out(`5. disclosure requests, answered by the agent under ${join(dir, 'policy.json')} ("daily totals to grid-operator, nothing else"):`);
    out(`   grid-operator, daily totals of July, network planning: ${v1.state}${v1.answers ? ` (${v1.answers.length} daily totals, each proven; e.g. ${v1.answers[0]!.label}: ${String(v1.answers[0]!.value)} Wh)` : ''}`);
    out(`   ad-broker, the reading at 18:00 on July 4, marketing:     ${v2.state}${v2.refusal?.reason ? ` (${v2.refusal.reason})` : ''}`);
    void round;
    out('');

    // 6. What the provider saw.
    const seen = await provider.accountBills(ACCOUNT);
    out('6. what the provider saw (its own view of the account):');
    for (const b of [...seen].sort((a, b) => a.period.localeCompare(b.period))) out(`   ${b.period}  ${b.state.padEnd(8)}  fee ${b.fee} ${b.currency}`);
    out(`   plus ${readMeterDir(meterDir).log.records.length} signed records from the meter: commitments (random-looking points), times, signatures`);
    out('   and not one reading: no hourly value, no daily or monthly total except the daily totals the user allowed, no opening, no seed');
    out('');
    out('files:');
    out(`   ${meterDir}/log.jsonl          the meter's signed log (public)`);
    out(`   ${meterDir}/private.jsonl      the user's readings and opening seed (secret, mode 0600)`);
    out(`   ${agentDir}/bills, receipts, disclosures   what the agent sent and got back`);
    out(`   ${join(dir, 'evidence')}   the July evidence bundle and its parts`);
    out(`   ${join(dir, 'service-db')}   the provider's database (PGlite)`);
    const ok = accepted === 12 && reverified && v1.state === 'disclosed' && v2.state === 'refused';
    out(ok ? 'demo complete: every month accepted, the dispute re-verified, one request answered and one refused by policy' : 'demo INCOMPLETE: see above');
    if (!ok) process.exitCode = 1;
  } finally {
    await app.close();
    await service.stop();
  }
}
