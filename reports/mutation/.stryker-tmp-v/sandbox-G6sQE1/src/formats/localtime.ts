/**
 * Local civil times in an IANA time zone → Unix seconds, for importers whose files write times
 * without an offset (utility downloads, the London smart-meter data).
 *
 * A local time names zero, one or two instants: none in the hour skipped when clocks go forward, two in
 * the hour repeated when they go back. Files that write local times repeat the rows of that hour, in
 * time order, so the n-th row with a repeated time is the n-th instant it names. A repeated time written
 * once cannot be placed and is an error: we never guess which hour a reading belongs to.
 *
 * Uses Intl (full ICU in Node, built into browsers). The tariff calendar has its own copy of the
 * Intl plumbing because formats may import only core.
 *
 * Portable core: no `node:` imports.
 */
// @ts-nocheck

import { ImportError, isoUtc, quote } from './readings.js';

/** A date and time as written in a file, without an offset. */
export interface LocalDateTime {
  readonly year: number;
  /** 1 to 12. */
  readonly month: number;
  readonly day: number;
  /** 0 to 23. */
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new ImportError(`unknown time zone ${quote(timeZone)}: use an IANA name such as America/Los_Angeles or Europe/London`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's canonical name (Intl accepts "europe/london"), or an ImportError for a zone that does not exist. */
export function checkTimeZone(timeZone: string): string {
  return formatter(timeZone).resolvedOptions().timeZone;
}

/** The local time at `unix`, as seconds on a UTC-like scale (so differences are plain arithmetic). */
function wallSeconds(unix: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(unix * 1000));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return utcSeconds({ year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') });
}

/** `t` read as if it were UTC. setUTCFullYear, unlike Date.UTC, keeps years 0-99 as they are. */
function utcSeconds(t: LocalDateTime): number {
  const d = new Date(0);
  d.setUTCFullYear(t.year, t.month - 1, t.day);
  d.setUTCHours(t.hour, t.minute, t.second);
  return d.getTime() / 1000;
}

/** Offset of local time from UTC at `unix`, in seconds (−25200 for PDT). */
export function utcOffsetAt(unix: number, timeZone: string): number {
  return wallSeconds(unix, timeZone) - unix;
}

/**
 * Every instant whose local time in `timeZone` is `t`, ascending: one normally, none in a skipped hour,
 * two in a repeated hour. The offsets a day before and after are the ones in force on either side of
 * any change near `t` (zones change at most once in two days).
 */
export function localInstants(t: LocalDateTime, timeZone: string): number[] {
  const naive = utcSeconds(t);
  const found = new Set<number>();
  for (const probe of [naive - 86_400, naive + 86_400]) {
    const candidate = naive - utcOffsetAt(probe, timeZone);
    if (wallSeconds(candidate, timeZone) === naive) found.add(candidate);
  }
  return [...found].sort((a, b) => a - b);
}

/** "2023-11-05 01:30" (seconds only when not zero). */
export function formatLocal(t: LocalDateTime): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const s = `${String(t.year).padStart(4, '0')}-${p(t.month)}-${p(t.day)} ${p(t.hour)}:${p(t.minute)}`;
  return t.second === 0 ? s : `${s}:${p(t.second)}`;
}

/** "UTC-07:00" */
export function formatOffset(seconds: number): string {
  const abs = Math.abs(seconds);
  const p = (n: number) => String(n).padStart(2, '0');
  return `UTC${seconds < 0 ? '-' : '+'}${p(Math.floor(abs / 3600))}:${p(Math.floor((abs % 3600) / 60))}`;
}

/** Checks the calendar: month 1-12, the day exists, hour 0-23, minute and second 0-59. */
export function isValidLocal(t: LocalDateTime): boolean {
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.hour > 23 || t.minute > 59 || t.second > 59) return false;
  const d = new Date(0);
  d.setUTCFullYear(t.year, t.month, 0); // day 0 of the next month: the last day of this one
  return t.day <= d.getUTCDate();
}

export interface ResolveOptions {
  readonly timeZone: string;
  /** Where the i-th time came from, for messages ("line 12"). */
  readonly locate: (index: number) => string;
  /** Added to the "does not exist" message, e.g. advice to try another zone. */
  readonly hint?: string;
}

/**
 * Unix seconds for each local time, in input order. A time in a repeated hour must appear exactly
 * twice: its first row in the input is the earlier instant (summer time), its second the later.
 */
export function resolveLocalTimes(times: readonly LocalDateTime[], o: ResolveOptions): number[] {
  const zone = checkTimeZone(o.timeZone);
  const instants = times.map((t) => localInstants(t, zone));
  // How often each repeated time occurs in the input, and which occurrence each row is.
  const seen = new Map<number, number[]>();
  instants.forEach((c, i) => {
    if (c.length !== 2) return;
    const key = c[0]!;
    const rows = seen.get(key) ?? [];
    rows.push(i);
    seen.set(key, rows);
  });
  return instants.map((c, i) => {
    const t = times[i]!;
    if (c.length === 1) return c[0]!;
    if (c.length === 0) {
      throw new ImportError(
        `${formatLocal(t)} does not exist in ${zone}: the clocks went forward over it` +
          `${o.hint === undefined ? '' : `; ${o.hint}`}`,
        o.locate(i),
      );
    }
    const rows = seen.get(c[0]!)!;
    const both = `${formatLocal(t)} happens twice in ${zone} (at ${isoUtc(c[0]!)} and ${isoUtc(c[1]!)}, ` +
      `${formatOffset(utcOffsetAt(c[0]!, zone))} then ${formatOffset(utcOffsetAt(c[1]!, zone))}), when the clocks go back`;
    if (rows.length === 1) {
      throw new ImportError(`${both}, but the file has it once, so which one is meant cannot be told`, o.locate(i));
    }
    if (rows.length > 2) {
      throw new ImportError(
        `${both}, but the file has it ${rows.length} times (${rows.map(o.locate).slice(0, 4).join(', ')}${rows.length > 4 ? ', …' : ''})`,
        o.locate(i),
      );
    }
    return c[rows.indexOf(i)]!;
  });
}
