/**
 * Shared types and checks for imported meter readings.
 *
 * Every importer (Green Button, CSV, ...) turns its input into a list of
 * `Reading`s and then calls `normaliseReadings`, so the rules about order,
 * duplicates, overlaps and gaps live in one place. A bill is computed over
 * these readings, so anything doubtful is an error: we never guess, fill or
 * silently merge data.
 *
 * Portable core: no `node:` imports.
 */
// @ts-nocheck


import { MeterproofError } from '../core/errors.js';
import { humanDuration, isoUtc } from '../core/time.js';

export { humanDuration, isoUtc };

/**
 * One metered interval. start: Unix seconds (UTC), duration: seconds (>0, integer), wh: integer Wh
 * (>= 0, safe integer).
 *
 * Most meters have one register, and most code needs only `wh`. A reading of a meter with several
 * registers (import and export energy for net metering, service categories, ...) also carries
 * `values`, one amount per register in the order of `ImportedReadings.registers`; `wh` is then the
 * first register's amount (`values[0]`), so single-register code paths keep working unchanged.
 */
export interface Reading {
  readonly start: number;
  readonly duration: number;
  readonly wh: number;
  /** Every register's amount when there are several (values[0] === wh); absent for one register. */
  readonly values?: readonly number[];
}

/** A reading's amounts, one per register: `values`, or `[wh]` for a single register. */
export function readingValues(r: Reading): readonly number[] {
  return r.values ?? [r.wh];
}

/** A reading from its amounts, one per register: `values` is set only when there are several. */
export function readingOf(start: number, duration: number, values: readonly number[]): Reading {
  const wh = values[0]!;
  return values.length === 1 ? { start, duration, wh } : { start, duration, wh, values: [...values] };
}

/** The register a file with a single unnamed energy column measures: energy delivered to the customer. */
export const DEFAULT_REGISTERS: readonly string[] = ['import'];

export interface ImportedReadings {
  readonly readings: Reading[];
  /** The registers every reading has amounts for, in order (`['import']` for a single-register file). */
  readonly registers: readonly string[];
  /** 'greenbutton' | 'csv' | 'pge-csv' | 'octopus-json' | 'london-csv' */
  readonly source: string;
  /** Human notes about what the importer assumed or changed, e.g. "scaled by powerOfTenMultiplier 3". */
  readonly notes: string[];
}

export type DuplicatePolicy = 'error' | 'drop-identical';

export interface NormaliseOptions {
  /** What to do with exact copies (same start, duration and every register's value). Default 'error'. */
  readonly duplicates?: DuplicatePolicy;
  /**
   * Names where the reading at `index` (in the input array) came from, e.g. "line 12"
   * or "IntervalBlock 3, IntervalReading 17". Used only in error messages.
   */
  readonly locate?: (index: number) => string;
}

/** A problem with the imported data. `message` says where and what, without dumping the input. */
export class ImportError extends MeterproofError {
  /** Where in the input, e.g. "line 12" or "IntervalBlock 3, IntervalReading 17". */
  readonly where?: string;

  /**
   * `what` is prefixed with `where` ("line 12: ...") unless `prefix` is false, for
   * messages that already name their places inline (overlaps name two readings).
   */
  constructor(what: string, where?: string, { prefix = true }: { prefix?: boolean } = {}) {
    super('import.invalid', where === undefined || !prefix ? what : `${where}: ${what}`);
    this.name = 'ImportError';
    if (where !== undefined) this.where = where;
  }
}

/** A stretch of time with no readings: [from, to) in Unix seconds. */
export interface Gap {
  readonly from: number;
  readonly to: number;
}

/** Quotes a piece of input for an error message, cut short so a bad file is never echoed whole. */
export function quote(text: string, max = 40): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut);
}

function describe(r: Reading): string {
  return `${isoUtc(r.start)} to ${isoUtc(r.start + r.duration)}`;
}

const isAmount = (v: number): boolean => Number.isSafeInteger(v) && v >= 0;

/** Checks one reading's fields; importers validate earlier with better messages, this guards direct callers. */
function checkReading(r: Reading, registers: number, where: () => string): void {
  const ok =
    Number.isSafeInteger(r.start) && r.start >= 0 &&
    Number.isSafeInteger(r.duration) && r.duration > 0 &&
    Number.isSafeInteger(r.start + r.duration) &&
    isAmount(r.wh);
  if (!ok) {
    throw new ImportError(
      `invalid reading (start ${r.start}, duration ${r.duration}, wh ${r.wh}): ` +
        'start must be a non-negative integer, duration a positive integer and wh a non-negative integer',
      where(),
    );
  }
  const count = readingValues(r).length;
  if (count !== registers) {
    throw new ImportError(`the reading has ${count} register value${count === 1 ? '' : 's'} where the first reading has ${registers}`, where());
  }
  if (r.values === undefined) return;
  if (r.values.length < 2) throw new ImportError('invalid reading: values lists 2 or more registers; one register is wh alone', where());
  if (!r.values.every(isAmount)) throw new ImportError('invalid reading: every register value must be a non-negative integer', where());
  if (r.values[0] !== r.wh) throw new ImportError(`invalid reading: wh ${r.wh} is not values[0] (${r.values[0]})`, where());
}

/**
 * Gaps between readings (sorted or not), in time order. Overlaps are not gaps.
 * Lets a caller print every gap, where `normaliseReadings` stops at the first.
 */
export function findGaps(readings: readonly Reading[]): Gap[] {
  const sorted = [...readings].sort((a, b) => a.start - b.start);
  const gaps: Gap[] = [];
  let end: number | undefined;
  for (const r of sorted) {
    if (end !== undefined && r.start > end) gaps.push({ from: end, to: r.start });
    end = end === undefined ? r.start + r.duration : Math.max(end, r.start + r.duration);
  }
  return gaps;
}

/**
 * Sorts readings by start and checks they form one contiguous, non-overlapping series.
 *
 * - exact duplicates: error (default), or dropped with `duplicates: 'drop-identical'`;
 *   utilities do re-send overlapping blocks, but silently keeping both would double-bill;
 * - any other overlap: always an error, we cannot know which reading is right;
 * - gaps: always an error, never filled (a bill over missing data would be wrong).
 */
export function normaliseReadings(readings: Reading[], opts: NormaliseOptions = {}): Reading[] {
  const locate = opts.locate ?? ((i: number) => `reading ${i + 1}`);
  if (readings.length === 0) throw new ImportError('no readings');
  // Every reading has as many values as the first: one register list for the whole import.
  const registers = readingValues(readings[0]!).length;
  readings.forEach((r, i) => checkReading(r, registers, () => locate(i))); // locate only on error: it builds strings

  // Sort indexes rather than readings so errors can still name the source location.
  const order = readings.map((_, i) => i);
  const at = (i: number): Reading => readings[i]!;
  order.sort((i, j) => at(i).start - at(j).start || at(i).duration - at(j).duration || compareValues(at(i), at(j)) || i - j);

  // Exact duplicates are adjacent after the sort above.
  const kept: number[] = [];
  let firstDuplicate: [number, number] | undefined;
  let duplicateCount = 0;
  for (const i of order) {
    const prev = kept.length > 0 ? kept[kept.length - 1]! : undefined;
    if (prev !== undefined && sameReading(at(prev), at(i))) {
      duplicateCount++;
      firstDuplicate ??= [prev, i];
      continue;
    }
    kept.push(i);
  }
  if (firstDuplicate !== undefined && (opts.duplicates ?? 'error') === 'error') {
    const [a, b] = firstDuplicate;
    throw new ImportError(
      `duplicate reading: the interval ${describe(at(a))} appears more than once (${locate(a)} and ${locate(b)}); ` +
        `${duplicateCount} duplicate reading${duplicateCount === 1 ? '' : 's'} in total, e.g. from overlapping blocks. ` +
        `To keep one copy of each, import with --duplicates drop-identical (option duplicates: 'drop-identical' in the API).`,
      `${locate(a)} and ${locate(b)}`,
      { prefix: false },
    );
  }

  for (let k = 1; k < kept.length; k++) {
    const a = kept[k - 1]!;
    const b = kept[k]!;
    if (at(b).start < at(a).start + at(a).duration) {
      throw new ImportError(
        `overlapping readings: ${describe(at(a))} (${locate(a)}) and ${describe(at(b))} (${locate(b)}) ` +
          'cover the same time with different data',
        `${locate(a)} and ${locate(b)}`,
        { prefix: false },
      );
    }
  }

  // No overlaps remain, so any gap lies between two neighbours.
  for (let k = 1; k < kept.length; k++) {
    const a = kept[k - 1]!;
    const b = kept[k]!;
    const from = at(a).start + at(a).duration;
    const to = at(b).start;
    if (to > from) {
      const total = findGaps(kept.map(at)).length;
      const more = total > 1 ? `; ${total} gaps in total` : '';
      throw new ImportError(
        `gap in readings: no data from ${isoUtc(from)} to ${isoUtc(to)} (${humanDuration(to - from)}) ` +
          `between ${locate(a)} and ${locate(b)}${more}`,
      );
    }
  }
  return kept.map(at);
}

/** Orders readings by their register values, so exact copies sort next to each other. */
function compareValues(a: Reading, b: Reading): number {
  const va = readingValues(a);
  const vb = readingValues(b);
  for (let k = 0; k < va.length; k++) {
    const d = va[k]! - vb[k]!;
    if (d !== 0) return d;
  }
  return 0;
}

function sameReading(a: Reading, b: Reading): boolean {
  return a.start === b.start && a.duration === b.duration && compareValues(a, b) === 0;
}
