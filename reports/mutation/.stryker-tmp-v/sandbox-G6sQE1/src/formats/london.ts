/**
 * The London smart-meter half-hourly CSV ("SmartMeter Energy Consumption Data in London Households",
 * UK Power Networks' Low Carbon London trial on the London Datastore):
 *
 *   LCLid,stdorToU,DateTime,KWH/hh (per half hour)␠
 *   MAC000002,Std,2012-10-12 00:30:00.0000000, 0␠
 *
 * (the last header name ends with a space; the combined file adds Acorn,Acorn_grouped columns, which
 * are ignored). A file may hold many households; one is imported, named by `household` when there is
 * more than one.
 *
 * What DateTime marks. The Datastore page describes it only as the date and time of the half-hourly
 * reading. The most used derived copy (the Kaggle "Smart meters in London" set) documents each value
 * as "the energy consumed in the past 30 minutes", so by default DateTime is the END of its half hour:
 * "00:30" is 00:00–00:30. `stamp: 'start'` reads it as the start instead.
 *
 * A stamp is an instant shown on the local clock, so the half hour that ends as the clocks go forward
 * (01:00 GMT) is stamped with the new time (02:00 BST), as any UTC-to-local conversion shows it.
 *
 * Which clock. The files write times without an offset, and the public descriptions do not say
 * whether that is London civil time (GMT/BST) or UTC all year (OpenSynth's LCL preprocessing treats
 * it as UTC, 48 readings every day). So the caller must name the zone: Europe/London, where the hour
 * repeated in October appears twice in time order, or UTC. A file read in the wrong zone usually fails
 * loudly: UTC-stamped data has rows in the hour Europe/London skips in March.
 *
 * Values are kWh with up to three decimals and become whole Wh exactly. `Null` rows (no reading) are
 * an error unless `skipNull`; even then a Null inside the data leaves a gap, which is reported and
 * never filled, so only Null rows at the start or end of a household's data can be skipped.
 *
 * Portable core: no `node:` imports.
 */
// @ts-nocheck

import { decimalToWh } from './decimal.js';
import { checkTimeZone, isValidLocal, resolveLocalTimes, type LocalDateTime } from './localtime.js';
import {
  DEFAULT_REGISTERS,
  ImportError,
  isoUtc,
  normaliseReadings,
  quote,
  type DuplicatePolicy,
  type ImportedReadings,
  type Reading,
} from './readings.js';

export interface LondonCsvOptions {
  /** IANA zone of the DateTime column: Europe/London or UTC (see the module comment). */
  readonly timeZone: string;
  /** The LCLid to import; required when the file holds more than one household. */
  readonly household?: string;
  /** Leave out `Null` rows instead of failing; a gap they leave inside the data is still an error. */
  readonly skipNull?: boolean;
  /** Whether DateTime is the end (default) or the start of its half hour. */
  readonly stamp?: 'end' | 'start';
  readonly duplicates?: DuplicatePolicy;
}

const HALF_HOUR = 1800;
const COLUMNS = ['lclid', 'stdortou', 'datetime', 'kwh/hh (per half hour)'];
const EXTRA_COLUMNS = ['acorn', 'acorn_grouped'];
/** The header as the files write it (trailing space included), for messages. */
export const LONDON_HEADER = 'LCLid,stdorToU,DateTime,KWH/hh (per half hour) ';

interface Row {
  readonly line: number;
  readonly id: string;
  readonly tariff: string;
  readonly time: string;
  readonly value: string;
}

export function parseLondonCsv(text: string, opts: LondonCsvOptions): ImportedReadings {
  const zone = checkTimeZone(opts.timeZone);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt < 0) throw new ImportError(`no readings: the file is empty (expected the header ${quote(LONDON_HEADER, 80)})`);
  const width = checkHeader(lines[headerAt]!, `line ${headerAt + 1}`);

  const all: Row[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const cells = lines[i]!.split(',').map((c) => c.trim());
    if (cells.length !== width) throw new ImportError(`expected ${width} columns as in the header, found ${cells.length}`, `line ${i + 1}`);
    const [id, tariff, time, value] = cells as [string, string, string, string];
    if (id === '') throw new ImportError('LCLid is empty', `line ${i + 1}`);
    all.push({ line: i + 1, id, tariff, time, value });
  }
  if (all.length === 0) throw new ImportError('no readings: no rows after the header');

  const household = chooseHousehold(all, opts.household);
  const rows = all.filter((r) => r.id === household);
  const stamps = rows.map((r) => parseDateTime(r.time, `line ${r.line}`));
  const instants = resolveLocalTimes(stamps, {
    timeZone: zone,
    locate: (i) => `line ${rows[i]!.line}`,
    hint: zone === 'UTC' ? undefined : 'if the file\'s times are UTC all year, read it in the time zone UTC',
  });
  const startOf = (i: number): number => instants[i]! - (opts.stamp === 'start' ? 0 : HALF_HOUR);

  const readings: Reading[] = [];
  const lineOf: number[] = [];
  const nulls: number[] = [];
  rows.forEach((r, i) => {
    const where = `line ${r.line}`;
    if (/^null$/i.test(r.value)) {
      if (!opts.skipNull) {
        throw new ImportError('KWH/hh is Null (no reading); to leave such rows out, import with --skip-null (option skipNull)', where);
      }
      nulls.push(i);
      return;
    }
    readings.push({ start: startOf(i), duration: HALF_HOUR, wh: decimalToWh(r.value, 'kWh', 'KWH/hh', where) });
    lineOf.push(r.line);
  });
  if (readings.length === 0) throw new ImportError(`no readings: every row of ${household} is Null`);
  checkSkippedAtEdges(nulls, readings, rows, startOf);

  const normalised = normaliseReadings(readings, {
    duplicates: opts.duplicates ?? 'error',
    locate: (i) => `line ${lineOf[i] ?? '?'}`,
  });
  const notes = [
    `household ${household}${all.length > rows.length ? ` (the file holds ${new Set(all.map((r) => r.id)).size})` : ''}, ` +
      `tariff ${[...new Set(rows.map((r) => r.tariff))].join('/')}`,
    `DateTime read as the ${opts.stamp === 'start' ? 'start' : 'end'} of each half hour, in ${zone}`,
  ];
  if (nulls.length > 0) notes.push(`skipped ${nulls.length} Null row${nulls.length === 1 ? '' : 's'} at the start or end of the data`);
  const dropped = readings.length - normalised.length;
  if (dropped > 0) notes.push(`dropped ${dropped} identical duplicate reading${dropped === 1 ? '' : 's'}`);
  return { readings: normalised, registers: [...DEFAULT_REGISTERS], source: 'london-csv', notes };
}

/** The number of columns, after checking their names (case and surrounding spaces aside). */
function checkHeader(line: string, where: string): number {
  const names = line.split(',').map((c) => c.trim().replace(/\s+/g, ' ').toLowerCase());
  const expected = names.length === COLUMNS.length + EXTRA_COLUMNS.length ? [...COLUMNS, ...EXTRA_COLUMNS] : COLUMNS;
  if (names.length !== expected.length || names.some((n, i) => n !== expected[i])) {
    throw new ImportError(`expected the header ${quote(LONDON_HEADER, 80)}, found ${quote(line.trim(), 80)}`, where);
  }
  return names.length;
}

function chooseHousehold(rows: readonly Row[], wanted: string | undefined): string {
  const ids = [...new Set(rows.map((r) => r.id))];
  const list = `${ids.slice(0, 10).join(', ')}${ids.length > 10 ? `, … (${ids.length} in all)` : ''}`;
  if (wanted !== undefined) {
    if (!ids.includes(wanted)) throw new ImportError(`household ${quote(wanted)} is not in the file; it holds ${list}`);
    return wanted;
  }
  if (ids.length > 1) {
    throw new ImportError(`the file holds ${ids.length} households (${list}): choose one with --household (option household)`);
  }
  return ids[0]!;
}

/** "2012-10-12 00:30:00.0000000": seconds and fraction are zero in every file seen, and must be. */
function parseDateTime(text: string, where: string): LocalDateTime {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(text);
  if (m === null) throw new ImportError(`DateTime ${quote(text)} is not written YYYY-MM-DD HH:MM:SS.0000000`, where);
  const t = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6]) };
  if (!isValidLocal(t)) throw new ImportError(`DateTime ${quote(text)} is not a valid date and time`, where);
  if ((t.minute !== 0 && t.minute !== 30) || t.second !== 0 || /[1-9]/.test(m[7] ?? '')) {
    throw new ImportError(`DateTime ${quote(text)} is not on the hour or half hour`, where);
  }
  return t;
}

/** A skipped Null row inside the data would leave a gap: report it rather than let the data look whole. */
function checkSkippedAtEdges(nulls: number[], readings: readonly Reading[], rows: readonly Row[], startOf: (i: number) => number): void {
  if (nulls.length === 0) return;
  // Loops, not Math.min(...spread): a multi-year file has more rows than a call may take arguments.
  let first = Infinity;
  let last = -Infinity;
  for (const r of readings) {
    if (r.start < first) first = r.start;
    if (r.start > last) last = r.start;
  }
  const inside = nulls.filter((i) => startOf(i) > first && startOf(i) < last);
  if (inside.length === 0) return;
  const i = inside[0]!;
  throw new ImportError(
    `KWH/hh is Null, and skipping it leaves a gap in the readings at ${isoUtc(startOf(i))} to ${isoUtc(startOf(i) + HALF_HOUR)}` +
      `${inside.length > 1 ? ` (${inside.length} such rows in all)` : ''}; a gap is never filled, so only Null rows at the start or end of the data can be skipped`,
    `line ${rows[i]!.line}`,
  );
}
