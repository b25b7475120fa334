/** `meterproof log verify`: the provider checks a meter's log on its own, before any bill is made from it. */
import type { Command } from 'commander';
import { verifyLog } from '../../meter/verify-log.js';
import { readText } from '../../node/files.js';
import { EXIT_OK, EXIT_REJECTED, loadPublicKey, out, printJson } from '../common.js';

export function register(program: Command): void {
  const log = program.command('log').description('the provider: check a meter\'s signed log');
  log
    .command('verify')
    .description('check a log on its own: schema, the registered meter key, continuity, canonical commitments, every record\'s chain hash and signature. Exit 0 valid, 1 rejected (with a reason code), 2 usage error or unreadable input')
    .requiredOption('--log <file>', 'the meter\'s signed log (log.json)')
    .requiredOption('--meter-key <file>', 'the registered meter\'s public key (meter.pub.json)')
    .option('--json', 'print one JSON object: {"ok":true,"meter":…,"records":N,"from":…,"to":…} or {"ok":false,"reason":…,"detail":…}')
    .action((o: { log: string; meterKey: string; json?: boolean }) => {
      const key = loadPublicKey(o.meterKey, 'meter');
      const r = verifyLog(readText(o.log, 'meter log'), key);
      if (o.json) printJson(r);
      else if (r.ok) {
        out(`VALID: meter ${r.meter}, ${r.records} records from ${r.from} to ${r.to} (seq ${r.firstSeq} on)`);
        out(`  registers ${r.registers.join(', ')} in ${r.unit}; every record chained and signed by the registered meter key`);
      } else out(`REJECTED (${r.reason}): ${r.detail}`);
      process.exitCode = r.ok ? EXIT_OK : EXIT_REJECTED;
    });
}
