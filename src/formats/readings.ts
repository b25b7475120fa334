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

import { MeterproofError } from '../core/errors.js';
import { humanDuration, isoUtc } from '../core/time.js';

export { humanDuration, isoUtc };

/** One metered interval. start: Unix seconds (UTC), duration: seconds (>0, integer), wh: integer Wh (>= 0, safe integer). */
export interface Reading {
  readonly start: number;
  readonly duration: number;
  readonly wh: number;
}

export interface ImportedReadings {
  readonly readings: Reading[];
  /** 'greenbutton' | 'csv' */
  readonly source: string;
  /** Human notes about what the importer assumed or changed, e.g. "scaled by powerOfTenMultiplier 3". */
  readonly notes: string[];
}

export type DuplicatePolicy = 'error' | 'drop-identical';

export interface NormaliseOptions {
  /** What to do with exact copies (same start, duration and wh). Default 'error'. */
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

/** Checks one reading's fields; importers validate earlier with better messages, this guards direct callers. */
function checkReading(r: Reading, where: () => string): void {
  const ok =
    Number.isSafeInteger(r.start) && r.start >= 0 &&
    Number.isSafeInteger(r.duration) && r.duration > 0 &&
    Number.isSafeInteger(r.start + r.duration) &&
    Number.isSafeInteger(r.wh) && r.wh >= 0;
  if (!ok) {
    throw new ImportError(
      `invalid reading (start ${r.start}, duration ${r.duration}, wh ${r.wh}): ` +
        'start must be a non-negative integer, duration a positive integer and wh a non-negative integer',
      where(),
    );
  }
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
  readings.forEach((r, i) => checkReading(r, () => locate(i))); // locate only on error: it builds strings

  // Sort indexes rather than readings so errors can still name the source location.
  const order = readings.map((_, i) => i);
  const at = (i: number): Reading => readings[i]!;
  order.sort((i, j) => at(i).start - at(j).start || at(i).duration - at(j).duration || at(i).wh - at(j).wh || i - j);

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

function sameReading(a: Reading, b: Reading): boolean {
  return a.start === b.start && a.duration === b.duration && a.wh === b.wh;
}
