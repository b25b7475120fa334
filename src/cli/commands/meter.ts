import { extname, join } from 'node:path';
import type { Command } from 'commander';
import { randomBytes } from '../../core/bytes.js';
import { parseReadingsCsv } from '../../formats/csv.js';
import { parseGreenButton } from '../../formats/greenbutton.js';
import { readingValues, type DuplicatePolicy, type ImportedReadings } from '../../formats/readings.js';
import { buildLog } from '../../meter/log.js';
import { SEED_BYTES } from '../../meter/openings.js';
import { readText, writeJson } from '../../node/files.js';
import { isoUtc } from '../../core/time.js';
import { loadSecretKey, out, refuseExisting, UsageError } from '../common.js';
import { progress } from '../progress.js';

export function importReadings(path: string, format: string, duplicates: DuplicatePolicy): ImportedReadings {
  const fmt = format === 'auto' ? ({ '.xml': 'greenbutton', '.csv': 'csv' } as Record<string, string>)[extname(path).toLowerCase()] : format;
  if (fmt === 'greenbutton') return parseGreenButton(readText(path, 'readings file'), { duplicates });
  if (fmt === 'csv') return parseReadingsCsv(readText(path, 'readings file'), { duplicates });
  throw new UsageError(`cannot tell the format of ${path}: use --format greenbutton or --format csv`);
}

export function register(program: Command): void {
  const meter = program.command('meter').description('the meter: commit to readings and sign the hash-chained log');
  meter
    .command('import')
    .description('read Green Button XML or CSV readings and write the signed log (public) and the private file (the user\'s secret)')
    .requiredOption('--key <file>', 'the meter\'s secret key (meter.key.json)')
    .requiredOption('--meter-id <id>', 'the meter\'s id (letters, digits, . _ : -)')
    .requiredOption('--in <file>', 'readings: Green Button ESPI XML (.xml) or CSV start,duration_s,wh (.csv)')
    .requiredOption('--out <dir>', 'directory for log.json and private.json')
    .option('--format <format>', 'auto | greenbutton | csv', 'auto')
    .option('--duplicates <policy>', 'error | drop-identical: what to do with readings repeated exactly', 'error')
    .option('--force', 'replace existing files in --out')
    .action((o: { key: string; meterId: string; in: string; out: string; format: string; duplicates: string; force?: boolean }) => {
      if (!['error', 'drop-identical'].includes(o.duplicates)) throw new UsageError('--duplicates must be error or drop-identical');
      if (!['auto', 'greenbutton', 'csv'].includes(o.format)) throw new UsageError('--format must be auto, greenbutton or csv');
      const logPath = join(o.out, 'log.json');
      const privPath = join(o.out, 'private.json');
      refuseExisting([privPath, logPath], o.force);
      const key = loadSecretKey(o.key, 'meter');
      const imported = importReadings(o.in, o.format, o.duplicates as DuplicatePolicy);
      for (const n of imported.notes) out(`note: ${n}`);
      const bar = progress('signing records');
      const { log, priv } = buildLog({
        meter: o.meterId,
        key,
        seed: randomBytes(SEED_BYTES),
        intervals: imported.readings.map((r) => ({ start: r.start, duration: r.duration, values: readingValues(r) })),
        registers: imported.registers,
        onProgress: (d, t) => bar.update(d, t),
      });
      bar.done();
      writeJson(privPath, priv, { mode: 0o600, noClobber: !o.force });
      writeJson(logPath, log, { noClobber: !o.force });
      const first = log.records[0]!;
      const last = log.records[log.records.length - 1]!;
      out(`meter ${log.meter}: ${log.records.length} records, ${isoUtc(first.start)} to ${isoUtc(last.start + last.duration)}`);
      out(`  log (public):       ${logPath}`);
      out(`  private (secret):   ${privPath} (mode 0600: readings and opening seed)`);
    });
}
