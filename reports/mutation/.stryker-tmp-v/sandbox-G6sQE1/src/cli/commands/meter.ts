// @ts-nocheck
import { extname, join } from 'node:path';
import type { Command } from 'commander';
import { randomBytes } from '../../core/bytes.js';
import { parseReadingsCsv } from '../../formats/csv.js';
import { LOCAL_TIME_FORMATS, READINGS_FORMATS, sniffReadingsFormat, type ReadingsFormat } from '../../formats/detect.js';
import { parseGreenButton } from '../../formats/greenbutton.js';
import { checkTimeZone } from '../../formats/localtime.js';
import { parseLondonCsv } from '../../formats/london.js';
import { parseOctopusConsumption } from '../../formats/octopus.js';
import { parsePgeCsv } from '../../formats/pge.js';
import { readingValues, type DuplicatePolicy, type ImportedReadings } from '../../formats/readings.js';
import { UNIT_RE } from '../../meter/layout.js';
import { buildLog } from '../../meter/log.js';
import { SEED_BYTES } from '../../meter/openings.js';
import { readText, writeJson } from '../../node/files.js';
import { isoUtc } from '../../core/time.js';
import { loadSecretKey, out, refuseExisting, UsageError } from '../common.js';
import { progress } from '../progress.js';

export interface ImportOptions {
  readonly format: string;
  readonly duplicates: DuplicatePolicy;
  readonly timezone?: string;
  readonly household?: string;
  readonly skipNull?: boolean;
}

/** Reads a readings file in any supported format; usage errors (exit 2) for options that do not fit the format. */
export function importReadings(path: string, o: ImportOptions): ImportedReadings {
  const text = readText(path, 'readings file');
  const byExtension: Record<string, ReadingsFormat> = { '.xml': 'greenbutton', '.csv': 'csv', '.json': 'octopus-json' };
  const fmt = o.format === 'auto' ? (sniffReadingsFormat(text) ?? byExtension[extname(path).toLowerCase()]) : (o.format as ReadingsFormat);
  if (fmt === undefined) throw new UsageError(`cannot tell the format of ${path}: use --format ${READINGS_FORMATS.join(' | ')}`);

  const local = LOCAL_TIME_FORMATS.includes(fmt);
  if (local && o.timezone === undefined) {
    throw new UsageError(
      `--timezone is required for ${fmt} files: their times are local, without an offset ` +
        `(e.g. --timezone ${fmt === 'london-csv' ? 'Europe/London, or UTC' : 'America/Los_Angeles'})`,
    );
  }
  // An option that does not apply is refused rather than ignored: the user expected it to matter.
  if (!local && o.timezone !== undefined) {
    throw new UsageError(`--timezone applies to ${LOCAL_TIME_FORMATS.join(' and ')} files only; ${fmt} files carry their own UTC offsets`);
  }
  if (fmt !== 'london-csv' && (o.household !== undefined || o.skipNull)) {
    throw new UsageError(`${o.household !== undefined ? '--household' : '--skip-null'} applies to london-csv files only, not ${fmt}`);
  }
  let timeZone = '';
  if (o.timezone !== undefined) {
    try {
      timeZone = checkTimeZone(o.timezone);
    } catch (e) {
      throw new UsageError(`--timezone: ${(e as Error).message}`);
    }
  }

  const { duplicates } = o;
  switch (fmt) {
    case 'greenbutton':
      return parseGreenButton(text, { duplicates });
    case 'csv':
      return parseReadingsCsv(text, { duplicates });
    case 'pge-csv':
      return parsePgeCsv(text, { timeZone, duplicates });
    case 'octopus-json':
      return parseOctopusConsumption(text, { duplicates });
    case 'london-csv':
      return parseLondonCsv(text, { timeZone, duplicates, ...(o.household === undefined ? {} : { household: o.household }), skipNull: o.skipNull ?? false });
  }
}

export function register(program: Command): void {
  const meter = program.command('meter').description('the meter: commit to readings and sign the hash-chained log');
  meter
    .command('import')
    .description('read readings (Green Button XML, CSV, a PG&E CSV download, Octopus Energy JSON or the London smart-meter CSV) and write the signed log (public) and the private file (the user\'s secret)')
    .requiredOption('--key <file>', 'the meter\'s secret key (meter.key.json)')
    .requiredOption('--meter-id <id>', 'the meter\'s id (letters, digits, . _ : -)')
    .requiredOption('--in <file>', 'readings file; its format is told from its content (see --format)')
    .requiredOption('--out <dir>', 'directory for log.json and private.json')
    .option(
      '--format <format>',
      'auto | greenbutton (ESPI XML) | csv (start,duration_s,wh or start,duration_s,<register>,…) | ' +
        'pge-csv (PG&E "Download my data" CSV) | octopus-json (Octopus consumption API) | london-csv (LCLid,stdorToU,DateTime,KWH/hh); ' +
        'auto tells them apart by content, else by extension',
      'auto',
    )
    .option('--timezone <zone>', 'IANA time zone of the local times in pge-csv and london-csv files (required for them), e.g. America/Los_Angeles, Europe/London, UTC')
    .option('--household <id>', 'london-csv: the LCLid to import when the file holds several households')
    .option('--skip-null', 'london-csv: leave out Null rows at the start or end of the data (a Null inside it is still an error: gaps are never filled)')
    .option('--unit <unit>', 'csv: the unit every register counts in (m, s, cpu-s, …); the meter signs it with the register names. Other formats are in Wh', 'Wh')
    .option('--duplicates <policy>', 'error | drop-identical: what to do with readings repeated exactly', 'error')
    .option('--force', 'replace existing files in --out')
    .action((o: { key: string; meterId: string; in: string; out: string; format: string; unit: string; timezone?: string; household?: string; skipNull?: boolean; duplicates: string; force?: boolean }) => {
      if (!['error', 'drop-identical'].includes(o.duplicates)) throw new UsageError('--duplicates must be error or drop-identical');
      if (!UNIT_RE.test(o.unit)) throw new UsageError(`--unit ${JSON.stringify(o.unit)}: use a unit such as Wh, m, s or cpu-s (1 to 16 letters, digits and . _ / -)`);
      if (o.format !== 'auto' && !(READINGS_FORMATS as readonly string[]).includes(o.format)) {
        throw new UsageError(`--format must be auto, ${READINGS_FORMATS.join(', ')}`);
      }
      const logPath = join(o.out, 'log.json');
      const privPath = join(o.out, 'private.json');
      refuseExisting([privPath, logPath], o.force);
      const key = loadSecretKey(o.key, 'meter');
      const imported = importReadings(o.in, {
        format: o.format,
        duplicates: o.duplicates as DuplicatePolicy,
        ...(o.timezone === undefined ? {} : { timezone: o.timezone }),
        ...(o.household === undefined ? {} : { household: o.household }),
        skipNull: o.skipNull === true,
      });
      if (o.unit !== 'Wh' && imported.source !== 'csv') throw new UsageError(`--unit applies to csv files only; ${imported.source} files are in Wh`);
      for (const n of imported.notes) out(`note: ${n}`);
      const bar = progress('signing records');
      const { log, priv } = buildLog({
        meter: o.meterId,
        key,
        seed: randomBytes(SEED_BYTES),
        intervals: imported.readings.map((r) => ({ start: r.start, duration: r.duration, values: readingValues(r) })),
        unit: o.unit,
        registers: imported.registers,
        onProgress: (d, t) => bar.update(d, t),
      });
      bar.done();
      writeJson(privPath, priv, { mode: 0o600, noClobber: !o.force });
      writeJson(logPath, log, { noClobber: !o.force });
      const first = log.records[0]!;
      const last = log.records[log.records.length - 1]!;
      out(`meter ${log.meter}: ${log.records.length} records, ${isoUtc(first.start)} to ${isoUtc(last.start + last.duration)}`);
      out(`  registers:          ${log.registers.join(', ')}`);
      out(`  unit:               ${log.unit} (signed with the register names by every record)`);
      out(`  log (public):       ${logPath}`);
      out(`  private (secret):   ${privPath} (mode 0600: readings and opening seed)`);
    });
}
