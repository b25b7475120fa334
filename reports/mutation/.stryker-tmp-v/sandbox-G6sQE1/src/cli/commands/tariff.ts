// @ts-nocheck
import type { Command } from 'commander';
import { importAgilePrices } from '../../tariff/prices.js';
import { importUrdb } from '../../tariff/urdb.js';
import { signTariff } from '../../tariff/signed.js';
import { readJson, writeJson } from '../../node/files.js';
import { loadSecretKey, out, UsageError } from '../common.js';

export function register(program: Command): void {
  const tariff = program.command('tariff').description('the provider: import and sign tariffs');
  tariff
    .command('import-urdb')
    .description('convert an OpenEI URDB v7 tariff (a bare item or an {items:[...]} response) to a meterproof tariff')
    .requiredOption('--in <file>', 'URDB JSON')
    .requiredOption('--timezone <zone>', 'IANA time zone of the schedules, e.g. America/Los_Angeles')
    .requiredOption('--out <file>', 'meterproof tariff JSON to write')
    .option('--item <n>', 'which item of an {items:[...]} response', '0')
    .option('--id <id>', 'tariff id (default: from the URDB label)')
    .option(
      '--tier-basis <basis>',
      'tiered energy with several time-of-use periods: "per-period" (each period\'s own kWh is split by its tiers; the default) or "total" (all kWh together; every period must have the same tiers)',
    )
    .option(
      '--leave-out <field>',
      'leave out a charge that needs data the meter does not measure (only demandreactivepowercharge); the tariff lists it as omitted. Repeatable or comma-separated',
      (value: string, previous: string[]) => [...previous, ...value.split(',')],
      [] as string[],
    )
    .option(
      '--export-credit',
      'import the sell rates (energyratestructure "sell") as a credit for exported energy, register 1 of a meter with registers [import, export]: netted per time-of-use period under dgrules "Net Metering", otherwise credited per kWh exported. Without it, sell rates are refused',
    )
    .option(
      '--capacity <W>',
      'the most the meter records per hour, in W (the connection\'s capacity): range proofs of demand and tiers take their widths from it, so proofs are the same size whatever the readings. Default: the item\'s peakkwcapacitymax, else none (widths sized for any reading: slower)',
    )
    .option('--force', 'replace --out if it exists')
    .action((o: { in: string; timezone: string; out: string; item: string; id?: string; tierBasis?: string; leaveOut: string[]; exportCredit?: boolean; capacity?: string; force?: boolean }) => {
      if (o.capacity !== undefined && !/^[1-9][0-9]{0,14}$/.test(o.capacity)) throw new UsageError('--capacity must be a whole number of W, at least 1 (e.g. --capacity 60000)');
      if (!/^\d+$/.test(o.item)) throw new UsageError('--item must be a non-negative integer');
      if (o.tierBasis !== undefined && o.tierBasis !== 'per-period' && o.tierBasis !== 'total') {
        throw new UsageError(`--tier-basis must be "per-period" or "total", not "${o.tierBasis}"`);
      }
      const leaveOut = o.leaveOut.map((n) => n.trim());
      if (leaveOut.some((n) => n === '')) throw new UsageError('--leave-out needs a URDB field name, e.g. --leave-out demandreactivepowercharge');
      const { tariff: t, notes } = importUrdb(readJson(o.in, 'URDB file'), {
        timezone: o.timezone,
        item: Number(o.item),
        ...(o.id ? { id: o.id } : {}),
        ...(o.tierBasis ? { tierBasis: o.tierBasis } : {}),
        ...(leaveOut.length > 0 ? { leaveOut } : {}),
        ...(o.exportCredit ? { exportCredit: true } : {}),
        ...(o.capacity !== undefined ? { capacity: o.capacity } : {}),
      });
      writeJson(o.out, t, { noClobber: !o.force });
      for (const n of notes) out(`note: ${n}`);
      out(`tariff ${t.id}: ${t.name}`);
      out(`  ${t.components.length} component(s) (${t.components.map((c) => c.name).join(', ')}), ${t.currency} in units of 10^-${t.scale}, time zone ${t.timezone}`);
      for (const line of t.omitted ?? []) out(`  omitted: ${line}`);
      out(`  written to ${o.out}; sign it with: meterproof tariff sign --key PROVIDER.key.json --in ${o.out} --out SIGNED.json`);
    });
  tariff
    .command('import-prices')
    .description('make a dynamic tariff from a published half-hourly price feed (Octopus Agile unit-rate JSON)')
    .requiredOption('--in <file>', 'price feed JSON: {"results":[{"value_inc_vat":…,"valid_from":…,"valid_to":…}]}')
    .requiredOption('--currency <code>', 'ISO 4217 currency of the prices, e.g. GBP (prices are in its hundredths per kWh)')
    .requiredOption('--timezone <zone>', 'IANA time zone for billing periods, e.g. Europe/London')
    .requiredOption('--out <file>', 'meterproof tariff JSON to write')
    .option('--id <id>', 'tariff id (default: agile-<first day>)')
    .option('--force', 'replace --out if it exists')
    .action((o: { in: string; currency: string; timezone: string; out: string; id?: string; force?: boolean }) => {
      const { tariff: t, notes } = importAgilePrices(readJson(o.in, 'price feed'), { currency: o.currency, timezone: o.timezone, ...(o.id ? { id: o.id } : {}) });
      writeJson(o.out, t, { noClobber: !o.force });
      for (const n of notes) out(`note: ${n}`);
      const c = t.components[0] as { prices: unknown[] };
      out(`tariff ${t.id}: ${c.prices.length} published prices, ${t.currency} in units of 10^-${t.scale}, time zone ${t.timezone}`);
      out(`  written to ${o.out}; sign it with: meterproof tariff sign --key PROVIDER.key.json --in ${o.out} --out SIGNED.json`);
    });
  tariff
    .command('sign')
    .description('sign a tariff with the provider key (checks it fully first)')
    .requiredOption('--key <file>', 'the provider\'s secret key (provider.key.json)')
    .requiredOption('--in <file>', 'meterproof tariff JSON')
    .requiredOption('--out <file>', 'signed tariff to write')
    .option('--force', 'replace --out if it exists')
    .action((o: { key: string; in: string; out: string; force?: boolean }) => {
      const key = loadSecretKey(o.key, 'provider');
      const signed = signTariff(readJson(o.in, 'tariff'), key);
      writeJson(o.out, signed, { noClobber: !o.force });
      out(`signed tariff ${(signed.tariff as { id: string }).id}, digest ${signed.digest}`);
      out(`  written to ${o.out}`);
    });
}
