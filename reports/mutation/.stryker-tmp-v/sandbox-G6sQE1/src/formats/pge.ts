/**
 * Utility CSV downloads in the PG&E "Green Button Download my data" layout.
 *
 *   Name,JANE DOE
 *   Address,"1 MAIN ST, SAN FRANCISCO CA 94100"
 *   Account Number,1234567890
 *   Service,Service 1
 *
 *   TYPE,DATE,START TIME,END TIME,USAGE,UNITS,COST,NOTES
 *   Electric usage,2024-01-01,00:00,00:14,0.12,kWh,$0.03,
 *
 * The free-text block before the header row is skipped (it is never echoed: it names the customer).
 * DATE and the times are the utility's local time, so the caller names the IANA zone. END TIME is
 * inclusive, to the minute: 00:00–00:14 is 15 minutes, 00:00–00:59 an hour, 00:00-23:59 a day.
 *
 * Daylight saving: the day the clocks go forward has no rows for the skipped hour, which is simply not
 * there (no gap: the rows before and after are contiguous in real time). The day they go back has the
 * rows of the repeated hour twice, in time order; the first is summer time, the second standard time.
 * A repeated time that appears once cannot be placed and is an error.
 *
 * USAGE is in the row's UNITS (kWh or Wh) and must be a whole number of Wh; nothing is rounded. Instead
 * of USAGE,UNITS a header may carry the unit in the column name (`USAGE (kWh)`), and net-metered
 * downloads with `IMPORT (kWh)` and `EXPORT (kWh)` columns give two registers, import and export. COST
 * is the utility's own figure and is ignored.
 *
 * Portable core: no `node:` imports.
 */
// @ts-nocheck

import { decimalToWh, energyUnit, type EnergyUnit } from './decimal.js';
import { checkTimeZone, formatLocal, isValidLocal, localInstants, resolveLocalTimes, type LocalDateTime } from './localtime.js';
import {
  DEFAULT_REGISTERS,
  ImportError,
  normaliseReadings,
  quote,
  readingOf,
  type DuplicatePolicy,
  type ImportedReadings,
  type Reading,
} from './readings.js';

export interface PgeCsvOptions {
  /** IANA zone of the utility's local times, e.g. America/Los_Angeles. */
  readonly timeZone: string;
  readonly duplicates?: DuplicatePolicy;
}

/** The header row as PG&E writes it, for messages. */
export const PGE_HEADER = 'TYPE,DATE,START TIME,END TIME,USAGE,UNITS,COST,NOTES';

/** An energy column: where it is, which register it feeds, and its unit (from the header, or per row from UNITS). */
interface EnergyColumn {
  readonly index: number;
  readonly name: string;
  readonly unit: EnergyUnit | 'per-row';
}

interface Layout {
  readonly type: number;
  readonly date: number;
  readonly start: number;
  readonly end: number;
  readonly units: number | undefined;
  readonly cost: number | undefined;
  readonly energy: readonly EnergyColumn[];
  readonly registers: readonly string[];
  readonly width: number;
  readonly minWidth: number;
}

interface Row {
  readonly line: number;
  readonly start: LocalDateTime;
  readonly end: LocalDateTime;
  readonly values: number[];
}

export function parsePgeCsv(text: string, opts: PgeCsvOptions): ImportedReadings {
  const zone = checkTimeZone(opts.timeZone);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerAt = lines.findIndex(isPgeHeaderRow);
  if (headerAt < 0) {
    throw new ImportError(`no header row ${quote(PGE_HEADER, 80)} found: this is not a PG&E usage download in CSV`);
  }
  const layout = parseLayout(splitCsv(lines[headerAt]!), `line ${headerAt + 1}`);

  const rows: Row[] = [];
  let costs = 0;
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const where = `line ${i + 1}`;
    const cells = splitCsv(line);
    // A trailing empty NOTES cell may be left off; anything else must match the header.
    if (cells.length < layout.minWidth || cells.length > layout.width) {
      throw new ImportError(`expected ${layout.width} columns as in the header row, found ${cells.length}`, where);
    }
    rows.push(parseRow(cells, layout, where, i + 1));
    if (layout.cost !== undefined && (cells[layout.cost] ?? '') !== '') costs++;
  }
  if (rows.length === 0) throw new ImportError(`no readings: no rows after the header row (line ${headerAt + 1})`);

  const startInstants = resolveLocalTimes(
    rows.map((r) => r.start),
    { timeZone: zone, locate: (i) => `line ${rows[i]!.line}` },
  );
  const readings: Reading[] = rows.map((r, i) => {
    const start = startInstants[i]!;
    const where = `line ${r.line}`;
    // END TIME is the last minute inside the interval: the interval ends one minute after it.
    const end = endInstant(r, start, zone, where) + 60;
    if (end <= start) {
      throw new ImportError(`END TIME ${formatLocal(r.end).slice(11)} is before START TIME ${formatLocal(r.start).slice(11)}`, where);
    }
    return readingOf(start, end - start, r.values);
  });

  const normalised = normaliseReadings(readings, {
    duplicates: opts.duplicates ?? 'error',
    locate: (i) => `line ${rows[i]?.line ?? '?'}`,
  });
  const notes = [`local times read in ${zone}`];
  const repeated = rows.filter((r) => localInstants(r.start, zone).length === 2).length;
  if (repeated > 0) notes.push(`${repeated} rows in the repeated hour when the clocks went back, placed in file order (summer time first)`);
  if (costs > 0) notes.push(`ignored the COST column (the utility's own figures, ${costs} rows)`);
  const dropped = readings.length - normalised.length;
  if (dropped > 0) notes.push(`dropped ${dropped} identical duplicate reading${dropped === 1 ? '' : 's'}`);
  return { readings: normalised, registers: layout.registers, source: 'pge-csv', notes };
}

const norm = (cell: string): string => cell.trim().replace(/\s+/g, ' ').toUpperCase();

/** Whether `line` is the PG&E header row (TYPE,DATE,START TIME,END TIME,…). */
export function isPgeHeaderRow(line: string): boolean {
  const cells = splitCsv(line).map(norm);
  return cells[0] === 'TYPE' && cells[1] === 'DATE' && cells[2] === 'START TIME' && cells[3] === 'END TIME';
}

/** Columns by name, so the usage, the net-metering and the unit-in-the-name variants read alike. */
function parseLayout(header: string[], where: string): Layout {
  const names = header.map(norm);
  const find = (name: string): number | undefined => {
    const i = names.indexOf(name);
    return i < 0 ? undefined : i;
  };
  const units = find('UNITS');
  const energy: EnergyColumn[] = [];
  names.forEach((name, index) => {
    const m = /^(USAGE|IMPORT|EXPORT)(?: \((.*)\))?$/.exec(name);
    if (m === null) return;
    if (m[2] === undefined) {
      if (units === undefined) throw new ImportError(`the column ${m[1]} has no unit: expected a UNITS column or ${m[1]} (kWh)`, where);
      energy.push({ index, name: m[1]!, unit: 'per-row' });
      return;
    }
    const unit = energyUnit(m[2]);
    if (unit === undefined) throw new ImportError(`the column ${quote(header[index]!.trim())} is in ${quote(m[2])}: only kWh and Wh are supported`, where);
    energy.push({ index, name: m[1]!, unit });
  });
  const kinds = energy.map((e) => e.name).join(',');
  if (kinds !== 'USAGE' && kinds !== 'IMPORT,EXPORT') {
    throw new ImportError(
      `expected one USAGE column, or IMPORT and EXPORT columns in that order; the header row has ${kinds === '' ? 'none' : kinds}`,
      where,
    );
  }
  return {
    type: 0,
    date: 1,
    start: 2,
    end: 3,
    units,
    cost: find('COST'),
    energy,
    registers: kinds === 'USAGE' ? [...DEFAULT_REGISTERS] : ['import', 'export'],
    width: header.length,
    minWidth: names[names.length - 1] === 'NOTES' ? header.length - 1 : header.length,
  };
}

function parseRow(cells: string[], layout: Layout, where: string, line: number): Row {
  const cell = (i: number): string => (cells[i] ?? '').trim();
  const type = cell(layout.type);
  // Gas downloads share the layout; their therms are not energy this meter bills.
  if (!/^electric\b/i.test(type)) throw new ImportError(`TYPE ${quote(type)} is not electric usage`, where);
  const date = parseDate(cell(layout.date), where);
  const start = parseClock(cell(layout.start), 'START TIME', date, where);
  const end = parseClock(cell(layout.end), 'END TIME', date, where);
  const values = layout.energy.map((col) => {
    let unit: EnergyUnit;
    if (col.unit === 'per-row') {
      const text = cell(layout.units!);
      const u = energyUnit(text);
      if (u === undefined) throw new ImportError(`UNITS ${quote(text)} is not supported: only kWh and Wh are`, where);
      unit = u;
    } else {
      unit = col.unit;
    }
    return decimalToWh(cell(col.index), unit, col.name, where);
  });
  return { line, start, end, values };
}

function parseDate(text: string, where: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = m === null ? undefined : { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (date === undefined || !isValidLocal({ ...date, hour: 0, minute: 0, second: 0 })) {
    throw new ImportError(`DATE ${quote(text)} is not a date written YYYY-MM-DD`, where);
  }
  return date;
}

function parseClock(text: string, name: string, date: { year: number; month: number; day: number }, where: string): LocalDateTime {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  const t = m === null ? undefined : { ...date, hour: Number(m[1]), minute: Number(m[2]), second: 0 };
  if (t === undefined || !isValidLocal(t)) throw new ImportError(`${name} ${quote(text)} is not a time written HH:MM (00:00 to 23:59)`, where);
  return t;
}

/**
 * The instant of the row's END TIME. In the repeated hour an end time names two instants: a row that
 * starts in that hour ends in the same occurrence of it; a row that starts before it and ends inside it
 * (only possible with intervals longer than the hour) cannot be placed.
 */
function endInstant(r: Row, start: number, zone: string, where: string): number {
  const ends = localInstants(r.end, zone);
  if (ends.length === 1) return ends[0]!;
  if (ends.length === 0) throw new ImportError(`END TIME ${formatLocal(r.end)} does not exist in ${zone}: the clocks went forward over it`, where);
  const starts = localInstants(r.start, zone);
  const k = starts.indexOf(start);
  if (starts.length !== 2 || k < 0) {
    throw new ImportError(`END TIME ${formatLocal(r.end)} happens twice in ${zone} (the clocks go back) and the row starts outside that hour, so which is meant cannot be told`, where);
  }
  return ends[k]!;
}

/** Splits one CSV line; double-quoted cells may hold commas, and "" is a quote. */
export function splitCsv(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cur += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      cells.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  cells.push(cur);
  return cells;
}
