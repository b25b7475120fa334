/**
 * The demo. By default the whole system (demo-system.ts): the provider service, a simulated meter and
 * the user's agent. `--files` is the flow over files without a service: a year of hourly NIST Green
 * Button readings and an illustrative residential time-of-use tariff in URDB form, proven and verified
 * month by month in this process.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { proveBill } from '../../bill/prove.js';
import { verifyBill } from '../../bill/verify.js';
import { randomBytes } from '../../core/bytes.js';
import { generateKey, parsePublicJwk, parseSecretJwk } from '../../core/keys.js';
import { parseGreenButton } from '../../formats/greenbutton.js';
import { buildLog } from '../../meter/log.js';
import { checkOutputs, readJson, readText, writeJson } from '../../node/files.js';
import { formatDecimal } from '../../tariff/money.js';
import { parsePeriod } from '../../tariff/period.js';
import { plainFee } from '../../tariff/plain.js';
import { signTariff } from '../../tariff/signed.js';
import { importUrdb } from '../../tariff/urdb.js';
import { out } from '../common.js';
import { progress } from '../progress.js';
import { parseSpeed } from './simulate.js';

const DATA = fileURLToPath(new URL('../../../demo/data/', import.meta.url));

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

export function register(program: Command): void {
  program
    .command('demo')
    .description('run the whole system on a year of real hourly readings (NIST Green Button sample) and a residential time-of-use tariff: provider service (embedded database), simulated meter, user agent')
    .option('--out <dir>', 'where to write the keys, tariff, log and bills (default: a new temporary directory)')
    .option('--files', 'the flow over files only, without the service: prove and verify each month in this process')
    .option('--speed <n>', 'the simulated meter\'s speed (simulated seconds per second; default: the year in about 20 s)')
    .option('--force', 'replace the demo\'s files in --out if they exist')
    .action(async (o: { out?: string; files?: boolean; speed?: string; force?: boolean }) => {
      // The service (Fastify, PGlite) is loaded only for this command, not for every `meterproof` run.
      if (!o.files) return (await import('./demo-system.js')).systemDemo({ ...(o.out ? { out: o.out } : {}), force: o.force === true, ...(o.speed ? { speed: parseSpeed(o.speed) } : {}) });
      const dir = o.out ?? mkdtempSync(join(tmpdir(), 'meterproof-demo-'));
      const force = o.force === true;
      // Every file the demo writes, refused up front if one exists: an old key pair is never replaced.
      const months = Array.from({ length: 12 }, (_, i) => `bill-2011-${String(i + 1).padStart(2, '0')}.json`);
      const names = ['provider', 'meter', 'user'].flatMap((r) => [`${r}.key.json`, `${r}.pub.json`]);
      checkOutputs([...names, 'tariff.json', 'tariff.signed.json', 'log.json', 'private.json', ...months].map((n) => join(dir, n)), force);
      out('meterproof demo: privacy-preserving billing of a year of hourly readings');
      out(`files: ${dir}`);
      out('');

      // 1. Keys for the three roles.
      const keys = Object.fromEntries(
        (['provider', 'meter', 'user'] as const).map((role) => {
          const k = generateKey(role);
          writeJson(join(dir, `${role}.key.json`), k.secret, { mode: 0o600, force });
          writeJson(join(dir, `${role}.pub.json`), k.public, { force });
          return [role, { secret: parseSecretJwk(k.secret), public: parsePublicJwk(k.public) }];
        }),
      ) as Record<'provider' | 'meter' | 'user', { secret: ReturnType<typeof parseSecretJwk>; public: ReturnType<typeof parsePublicJwk> }>;
      out('1. keys: provider, meter and user key pairs (Ed25519, JWK)');

      // 2. The provider imports and signs the tariff.
      const { tariff } = importUrdb(readJson(join(DATA, 'residential-tou.urdb.json'), 'demo tariff'), { timezone: 'America/Los_Angeles', id: 'demo-residential-tou' });
      const signed = signTariff(tariff, keys.provider.secret);
      writeJson(join(dir, 'tariff.json'), tariff, { force });
      writeJson(join(dir, 'tariff.signed.json'), signed, { force });
      out(`2. provider signs the tariff "${tariff.name}" (${tariff.timezone})`);

      // 3. The meter commits to every reading and signs the hash-chained log.
      const imported = parseGreenButton(readText(join(DATA, 'nist-inland-single-family-2011-hourly.xml'), 'demo readings'));
      const bar = progress('   meter signing records');
      const t0 = performance.now();
      const { log, priv } = buildLog({
        meter: 'nist-inland-1',
        key: keys.meter.secret,
        seed: randomBytes(32),
        intervals: imported.readings.map((r) => ({ start: r.start, duration: r.duration, values: [r.wh] })),
        onProgress: (d, t) => bar.update(d, t),
      });
      bar.done();
      const logMs = performance.now() - t0;
      writeJson(join(dir, 'log.json'), log, { force });
      writeJson(join(dir, 'private.json'), priv, { mode: 0o600, force });
      out(`3. meter commits to ${log.records.length} hourly readings and signs the chained log (${(log.records.length / (logMs / 1000)).toFixed(0)} records/s)`);
      out(`   every record's hash includes the unit (${log.unit}) and the register names (${log.registers.join(', ')}): no one can relabel them`);
      out('');

      // 4. Each month: the user proves the bill, the provider verifies it; the plain calculator checks.
      out(`4. monthly bills, account demo-account (fees in ${tariff.currency}):`);
      out(`   ${pad('month', 8)}${pad('records', 8, true)}  ${pad('proven fee', 16, true)}  ${pad('plain fee', 16, true)}  ${pad('verify', 8)}${pad('prove', 8, true)}${pad('verify', 9, true)}`);
      let allOk = true;
      let lastBill: ReturnType<typeof proveBill>['bill'] | undefined;
      for (let m = 1; m <= 12; m++) {
        const month = `2011-${String(m).padStart(2, '0')}`;
        const p0 = performance.now();
        const { bill } = proveBill({ signedTariff: signed, log, priv, account: 'demo-account', period: month });
        const p1 = performance.now();
        const billText = JSON.stringify(bill);
        const v0 = performance.now();
        const res = verifyBill({ bill: billText, signedTariff: signed, providerKey: keys.provider.public, meterKey: keys.meter.public });
        const v1 = performance.now();
        const plain = formatDecimal(plainFee(tariff, parsePeriod(month, tariff.timezone), priv.readings).total, tariff.scale);
        const ok = res.ok && res.fee === plain && bill.fee === plain;
        allOk &&= ok;
        writeJson(join(dir, `bill-${month}.json`), bill, { force });
        lastBill = bill;
        out(
          `   ${pad(month, 8)}${pad(String(bill.records.count), 8, true)}  ${pad(bill.fee, 16, true)}  ${pad(plain, 16, true)}  ${pad(res.ok ? 'accept' : `REJECT ${res.reason}`, 8)}${pad(`${(p1 - p0).toFixed(0)} ms`, 8, true)}${pad(`${(v1 - v0).toFixed(0)} ms`, 9, true)}`,
        );
      }
      out(allOk ? '   every proven fee equals the plain computation, to the last 10^-9 dollar' : '   MISMATCH: see above');
      out('');

      // 5. What the provider saw, and a tampered bill.
      const b = lastBill!;
      const size = Buffer.byteLength(JSON.stringify(b));
      out('5. what the provider saw in each bill:');
      out(`   - the tariff digest, meter id, account and period; the fee ${b.fee} (amount due ${b.amountDue ?? '-'})`);
      out(`   - ${b.records.count} commitments (random-looking points), their sequence numbers and times, one meter signature`);
      out(`   - ${b.proof.linear.length} Schnorr proof of 64 bytes; ${(size / 1024).toFixed(0)} KiB in all`);
      out('   and not one reading: no hourly value, no daily or monthly total, no opening, no seed');
      const tampered = { ...b, fee: formatDecimal(BigInt(b.fee.replace('.', '')) - 1n, tariff.scale) };
      tampered.amountDue = b.amountDue;
      const r = verifyBill({ bill: tampered, signedTariff: signed, providerKey: keys.provider.public, meterKey: keys.meter.public });
      out(`   a bill whose fee is 10^-9 dollar lower: ${r.ok ? 'ACCEPTED (bug!)' : `rejected (${r.reason})`}`);
      const relabelled = { ...b, records: { ...b.records, layout: { unit: 'kWh', registers: b.records.layout.registers } } };
      const r2 = verifyBill({ bill: relabelled, signedTariff: signed, providerKey: keys.provider.public, meterKey: keys.meter.public });
      out(`   the same bill claiming the meter counts in kWh: ${r2.ok ? 'ACCEPTED (bug!)' : `rejected (${r2.reason})`}`);
      out('');
      out(`try: npx meterproof bill verify --tariff ${join(dir, 'tariff.signed.json')} --provider-key ${join(dir, 'provider.pub.json')} --meter-key ${join(dir, 'meter.pub.json')} --bill ${join(dir, 'bill-2011-07.json')}`);
      if (!allOk || r.ok || r2.ok) process.exitCode = 1;
    });
}
