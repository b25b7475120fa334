/**
 * Plain CSV readings importer (and the matching writer).
 *
 *   start,duration_s,wh
 *   2011-07-01T00:00:00-07:00,3600,1234
 *   1309503600,3600,987
 *
 * `start` is ISO 8601 with an explicit offset, or Unix seconds. Everything is
 * checked strictly because a bill is computed from it: no decimals, no
 * exponents, no local times without an offset.
 *
 * A meter with several registers names them in the header, one column each,
 * in the order the log commits to them:
 *
 *   start,duration_s,import,export
 *   2011-07-01T00:00:00-07:00,3600,1234,0
 *
 * The single column `wh` is the one-register form and means the register `import`.
 *
 * Portable core: no `node:` imports.
 */
// @ts-nocheck

import {
  DEFAULT_REGISTERS,
  ImportError,
  isoUtc,
  normaliseReadings,
  quote,
  readingOf,
  readingValues,
  type DuplicatePolicy,
  type ImportedReadings,
  type Reading,
} from './readings.js';
import { parseIsoInstant } from './iso.js';

export interface CsvOptions {
  readonly duplicates?: DuplicatePolicy;
}

const HEADER = 'start,duration_s,wh';
const TIME_COLUMNS = ['start', 'duration_s'];
/** Register names as the log accepts them (1 to 64 characters), kept to plain identifiers for CSV. */
const REGISTER_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
/** The log commits to at most 255 registers per record. */
const MAX_REGISTERS = 255;

export function parseReadingsCsv(text: string, opts: CsvOptions = {}): ImportedReadings {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const readings: Reading[] = [];
  const lineOf: number[] = [];
  let header: Header | undefined;

  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `line ${lineNo}`;
    if (header === undefined) {
      header = parseHeader(line, where);
      return;
    }
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== header.columns.length) {
      throw new ImportError(`expected ${header.columns.length} columns (${header.columns.join(',')}), found ${cells.length}`, where);
    }
    const [start, duration, ...amounts] = cells as [string, string, ...string[]];
    readings.push(
      readingOf(
        parseStart(start, where),
        parseCount(duration, 'duration_s', where, 'a positive integer', 1),
        amounts.map((a, k) => parseCount(a, header!.columns[k + 2]!, where, 'a non-negative integer', 0)),
      ),
    );
    lineOf.push(lineNo);
  });

  if (header === undefined) throw new ImportError(`no readings: missing the header ${quote(HEADER)}`);
  const normalised = normaliseReadings(readings, {
    duplicates: opts.duplicates ?? 'error',
    locate: (i) => `line ${lineOf[i] ?? '?'}`,
  });
  const notes: string[] = [];
  const dropped = readings.length - normalised.length;
  if (dropped > 0) notes.push(`dropped ${dropped} identical duplicate reading${dropped === 1 ? '' : 's'}`);
  return { readings: normalised, registers: header.registers, source: 'csv', notes };
}

interface Header {
  /** Column names as messages call them: start, duration_s, then wh or the register names. */
  readonly columns: readonly string[];
  readonly registers: readonly string[];
}

function parseHeader(line: string, where: string): Header {
  // Compare without inner spaces too, so "start, duration_s, wh" is accepted.
  const cells = line.split(',').map((c) => c.trim());
  const fixed = cells.slice(0, 2).map((c) => c.replace(/\s+/g, '').toLowerCase());
  if (cells.length < 3 || fixed[0] !== TIME_COLUMNS[0] || fixed[1] !== TIME_COLUMNS[1]) {
    throw new ImportError(
      `expected the header ${quote(HEADER)} or start,duration_s followed by register names, found ${quote(line)}`,
      where,
    );
  }
  const names = cells.slice(2);
  if (names.length === 1 && names[0]!.toLowerCase() === 'wh') return { columns: [...TIME_COLUMNS, 'wh'], registers: [...DEFAULT_REGISTERS] };
  if (names.length > MAX_REGISTERS) throw new ImportError(`${names.length} registers: at most ${MAX_REGISTERS} are supported`, where);
  const seen = new Set<string>();
  for (const name of names) {
    if (name.toLowerCase() === 'wh') {
      throw new ImportError('the column "wh" is the one-register form; with several registers, name each (e.g. import,export)', where);
    }
    if (!REGISTER_NAME.test(name) || TIME_COLUMNS.includes(name.toLowerCase())) {
      throw new ImportError(
        `register name ${quote(name)} is not valid: use a letter, then letters, digits, _ . or - (up to 64)`,
        where,
      );
    }
    // Names that differ only in case would read as one register to most people.
    if (seen.has(name.toLowerCase())) throw new ImportError(`register ${quote(name)} appears twice in the header`, where);
    seen.add(name.toLowerCase());
  }
  return { columns: [...TIME_COLUMNS, ...names], registers: names };
}

/**
 * Writes readings in the format `parseReadingsCsv` reads. `time: 'iso'` writes
 * starts as ISO 8601 UTC ("2011-07-01T07:00:00Z"), 'unix' as Unix seconds.
 * `registers` (default `['import']`, written as the column `wh`) names the
 * columns of a multi-register import, e.g. `imported.registers`.
 */
export function formatReadingsCsv(
  readings: readonly Reading[],
  opts: { time?: 'iso' | 'unix'; registers?: readonly string[] } = {},
): string {
  const iso = (opts.time ?? 'iso') === 'iso';
  const registers = opts.registers ?? DEFAULT_REGISTERS;
  const oneImport = registers.length === 1 && registers[0] === DEFAULT_REGISTERS[0];
  const header = oneImport ? HEADER : [...TIME_COLUMNS, ...registers].join(',');
  // Re-parse the header we write, so the writer never produces a file the reader refuses.
  parseHeader(header, 'the registers to write');
  const rows = readings.map((r, i) => {
    const values = readingValues(r);
    if (values.length !== registers.length) {
      throw new ImportError(`reading ${i + 1} has ${values.length} register values for ${registers.length} registers`);
    }
    return `${iso ? isoUtc(r.start) : r.start},${r.duration},${values.join(',')}`;
  });
  return [header, ...rows].join('\n') + '\n';
}

/** Digits only: rejects "1.0", "1e3", "+1", "0x10", which Number() would accept. */
function parseCount(text: string, name: string, where: string, expected: string, min: number): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new ImportError(`${name} ${quote(text)} is not ${expected}`, where);
  return n;
}

/** `start`: Unix seconds, or ISO 8601 with an explicit offset → Unix seconds. */
function parseStart(text: string, where: string): number {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (!Number.isSafeInteger(n)) throw new ImportError(`start ${quote(text)} is too large for Unix seconds`, where);
    return n;
  }
  return parseIsoInstant(text, 'start', where, 'Unix seconds or an ISO 8601 time with offset');
}
