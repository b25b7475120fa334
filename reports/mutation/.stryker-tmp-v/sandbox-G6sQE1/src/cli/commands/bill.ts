// @ts-nocheck
import type { Command } from 'commander';
import { proveBillAsync } from '../../bill/prove.js';
import { proveRangeJobs } from '../../node/range-pool.js';
import { warmGenerators, WARM_THRESHOLD } from '../../node/generator-cache.js';
import { prepareBill, type VerifyBillInput, type VerifyResult } from '../../bill/verify.js';
import { MeterproofError } from '../../core/errors.js';
import { PrivateFileSchema } from '../../meter/log.js';
import { readJson, readText, writeJson } from '../../node/files.js';
import { formatDecimal } from '../../tariff/money.js';
import { parsePeriod } from '../../tariff/period.js';
import { plainFee } from '../../tariff/plain.js';
import { parseTariff } from '../../tariff/signed.js';
import { progress } from '../progress.js';
import { EXIT_OK, EXIT_REJECTED, loadPublicKey, out, printJson, refuseExisting, UsageError } from '../common.js';

/** Accepts a signed tariff or a bare one: the plain calculator needs no signature. */
function tariffFromFile(path: string) {
  const json = readJson(path, 'tariff') as { type?: unknown; tariff?: unknown };
  return parseTariff(json && json.type === 'meterproof/signed-tariff' ? json.tariff : json);
}

export function describeResult(r: VerifyResult): string[] {
  if (!r.ok) return [`REJECTED (${r.reason}): ${r.detail}`];
  const lines = [`ACCEPTED: fee ${r.fee} ${r.currency}${r.amountDue !== undefined ? ` (amount due ${r.amountDue} ${r.currency})` : ''}`];
  lines.push(`  account ${r.account}, meter ${r.meter}, period ${r.period.label}, ${r.records} records, tariff ${r.tariff.id}`);
  for (const li of r.lineItems ?? []) lines.push(`  ${li.component}: ${li.fee} ${r.currency}`);
  if (r.subtotal !== undefined) lines.push(`  before the minimum charge: ${r.subtotal} ${r.currency}`);
  for (const o of r.omitted ?? []) lines.push(`  left out by the tariff: ${o}`);
  return lines;
}

export function register(program: Command): void {
  const bill = program.command('bill').description('the user proves a bill; the provider (or anyone) verifies it');
  bill
    .command('prove')
    .description('compute the fee of a billing period and prove it in zero knowledge')
    .requiredOption('--tariff <file>', 'the provider-signed tariff')
    .requiredOption('--log <file>', 'the meter\'s signed log (log.json)')
    .requiredOption('--private <file>', 'the user\'s private file (private.json)')
    .requiredOption('--account <id>', 'the account billed')
    .requiredOption('--period <period>', 'YYYY-MM, or whole days YYYY-MM-DD/YYYY-MM-DD (both included), in the tariff\'s time zone')
    .requiredOption('--out <file>', 'the bill (payment message) to write')
    .option('--force', 'replace --out if it exists')
    .action(async (o: { tariff: string; log: string; private: string; account: string; period: string; out: string; force?: boolean }) => {
      refuseExisting([o.out], o.force);
      const started = performance.now();
      const signedTariff = readJson(o.tariff, 'signed tariff');
      const log = readJson(o.log, 'meter log');
      const priv = readJson(o.private, 'private file');
      const bar = progress('proving');
      let b;
      try {
        // Range proofs (non-linear tariffs) run on worker threads; the rest reports progress here.
        const input = { signedTariff, log, priv, account: o.account, period: o.period, onProgress: (d: number, t: number) => bar.update(d, t) };
        const gens = progress('deriving range-proof generators (once per machine)');
        b = (
          await proveBillAsync(input, (jobs) =>
            proveRangeJobs(jobs, { onProgress: (d, t) => bar.update(d, t), onGenerators: (d, t) => (d < t ? gens.update(d, t) : gens.done()) }),
          )
        ).bill;
      } finally {
        bar.done();
      }
      writeJson(o.out, b, { noClobber: !o.force });
      const ms = performance.now() - started;
      out(`bill for account ${b.account}, period ${b.period.label}: fee ${b.fee} ${b.currency}${b.amountDue !== undefined ? ` (amount due ${b.amountDue})` : ''}`);
      out(`  ${b.records.count} records, proved in ${ms.toFixed(0)} ms, written to ${o.out}`);
    });
  bill
    .command('verify')
    .description('verify a bill: exit 0 accepted, 1 rejected (with a reason code), 2 usage error or unreadable input')
    .requiredOption('--tariff <file>', 'the provider-signed tariff')
    .requiredOption('--provider-key <file>', 'the provider\'s public key (provider.pub.json)')
    .requiredOption('--meter-key <file>', 'the registered meter\'s public key (meter.pub.json)')
    .requiredOption('--bill <file>', 'the bill to verify')
    .option('--account <id>', 'reject unless the bill is for this account')
    .option('--meter <id>', 'reject unless the bill is for this meter')
    .option('--period <period>', 'reject unless the bill is for this period')
    .option('--json', 'print one JSON object: {"ok":true,"fee":…} or {"ok":false,"reason":…,"detail":…}')
    .action(async (o: { tariff: string; providerKey: string; meterKey: string; bill: string; account?: string; meter?: string; period?: string; json?: boolean }) => {
      if (o.period !== undefined && !/^\d{4}-\d{2}(-\d{2}\/\d{4}-\d{2}-\d{2})?$/.test(o.period)) {
        throw new UsageError('--period: use YYYY-MM for a month or YYYY-MM-DD/YYYY-MM-DD for whole days');
      }
      const result = await verifyWithGenerators({
        bill: readText(o.bill, 'bill'),
        signedTariff: readJson(o.tariff, 'signed tariff'),
        providerKey: loadPublicKey(o.providerKey, 'provider'),
        meterKey: loadPublicKey(o.meterKey, 'meter'),
        expect: {
          ...(o.account !== undefined ? { account: o.account } : {}),
          ...(o.meter !== undefined ? { meter: o.meter } : {}),
          ...(o.period !== undefined ? { period: o.period } : {}),
        },
      });
      if (o.json) printJson(result);
      else describeResult(result).forEach((l) => out(l));
      process.exitCode = result.ok ? EXIT_OK : EXIT_REJECTED;
    });
  bill
    .command('plain')
    .description('the plaintext reference calculator: the fee straight from the readings, without cryptography')
    .requiredOption('--tariff <file>', 'the tariff (signed or not)')
    .requiredOption('--private <file>', 'the user\'s private file (private.json)')
    .requiredOption('--period <period>', 'YYYY-MM, or whole days YYYY-MM-DD/YYYY-MM-DD')
    .option('--json', 'print {"fee":"…","currency":"…","lineItems":[…]}')
    .action((o: { tariff: string; private: string; period: string; json?: boolean }) => {
      const tariff = tariffFromFile(o.tariff);
      const parsed = PrivateFileSchema.safeParse(readJson(o.private, 'private file'));
      if (!parsed.success) throw new MeterproofError('input.invalid', `${o.private} is not a meterproof private file`);
      const p = plainFee(tariff, parsePeriod(o.period, tariff.timezone), parsed.data.readings);
      const fee = formatDecimal(p.total, tariff.scale);
      const items = p.items.map((i) => ({ component: i.component, fee: formatDecimal(i.amount, tariff.scale) }));
      if (o.json) printJson({ fee, currency: tariff.currency, lineItems: items });
      else {
        out(`plain fee for ${o.period}: ${fee} ${tariff.currency}`);
        for (const i of items) out(`  ${i.component}: ${i.fee} ${tariff.currency}`);
      }
    });
}

/**
 * Verifies a bill; large range proofs need the generator table, so it is loaded (or derived once, on
 * every core, with progress) first. How many generators is decided by the statement that the tariff and
 * the records make, after every cheap check has passed: never by what the bill claims about its proofs.
 */
async function verifyWithGenerators(input: VerifyBillInput): Promise<VerifyResult> {
  const prepared = prepareBill(input);
  if (!prepared.ok) return prepared;
  if (prepared.rangeGenerators > WARM_THRESHOLD) {
    const bar = progress('deriving range-proof generators (once per machine)');
    try {
      await warmGenerators(prepared.rangeGenerators, { onProgress: (d, t) => bar.update(d, t) });
    } finally {
      bar.done();
    }
  }
  return prepared.verify();
}
