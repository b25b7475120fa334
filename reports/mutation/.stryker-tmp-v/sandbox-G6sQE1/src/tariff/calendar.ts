/**
 * Local civil time in a tariff's IANA time zone, from Intl (full ICU in Node, built into browsers).
 * Daylight saving is handled by the zone database: a 23-hour spring day has no 02:00 hour, and a
 * 25-hour autumn day has two 01:00 hours, both priced as hour 1.
 */
// @ts-nocheck

import { MeterproofError } from '../core/errors.js';

export interface LocalTime {
  readonly year: number;
  /** 1 to 12. */
  readonly month: number;
  readonly day: number;
  /** 0 to 23. */
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

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
        weekday: 'short',
      });
    } catch {
      throw new MeterproofError('tariff.timezone', `unknown time zone "${timeZone}" (use an IANA name such as America/Los_Angeles)`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

export function assertTimeZone(timeZone: string): void {
  formatter(timeZone);
}

/** Offset of local time from UTC at `unix`, in seconds (−25200 for PDT). */
export function utcOffset(unix: number, timeZone: string): number {
  const t = localTime(unix, timeZone);
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) / 1000 - unix;
}

/**
 * Every zone's offset from UTC is a whole number of quarter hours today (and every DST change falls on
 * one), so all instants of a quarter-hour slot share their local date and hour: cache per slot.
 */
const SLOT = 900;
const slotCache = new Map<string, Map<number, LocalTime>>();

export function localTime(unix: number, timeZone: string): LocalTime {
  let cache = slotCache.get(timeZone);
  if (!cache) slotCache.set(timeZone, (cache = new Map()));
  const slot = Math.floor(unix / SLOT) * SLOT;
  let t = cache.get(slot);
  if (!t) {
    t = computeLocalTime(slot, timeZone);
    // Historical offsets (local mean time, say −7:52:58) are not quarter hours: no caching there.
    const offset = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) / 1000 - slot;
    if (offset % SLOT !== 0) return computeLocalTime(unix, timeZone);
    if (cache.size > 200_000) cache.clear();
    cache.set(slot, t);
  }
  if (slot === unix) return t;
  const d = unix - slot;
  return { ...t, minute: t.minute + Math.floor(d / 60), second: d % 60 };
}

function computeLocalTime(unix: number, timeZone: string): LocalTime {
  const parts = formatter(timeZone).formatToParts(new Date(unix * 1000));
  let year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, weekday = 0;
  for (const p of parts) {
    switch (p.type) {
      case 'year': year = Number(p.value); break;
      case 'month': month = Number(p.value); break;
      case 'day': day = Number(p.value); break;
      case 'hour': hour = Number(p.value); break;
      case 'minute': minute = Number(p.value); break;
      case 'second': second = Number(p.value); break;
      case 'weekday': weekday = WEEKDAYS[p.value] ?? 0; break;
    }
  }
  return { year, month, day, hour, minute, second, weekday };
}

/**
 * The first instant of local calendar day y-m-d: local midnight, or, where a zone skips midnight
 * (a DST change at 00:00), the first instant that is on that day.
 */
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string): number {
  const naive = Date.UTC(year, month - 1, day) / 1000;
  // Try both offsets in force around the naive instant; pick the earliest that lands on the day.
  const candidates = new Set<number>();
  for (const probe of [naive - 86400, naive, naive + 86400]) candidates.add(naive - utcOffset(probe, timeZone));
  let best: number | undefined;
  for (const c of candidates) {
    const t = localTime(c, timeZone);
    if (t.year === year && t.month === month && t.day === day && t.hour === 0 && t.minute === 0) {
      if (best === undefined || c < best) best = c;
    }
  }
  if (best !== undefined) return best;
  // Midnight does not exist: scan forward in quarter hours from the earliest candidate.
  let c = Math.min(...candidates);
  for (let i = 0; i < 4 * 26; i++, c += 900) {
    const t = localTime(c, timeZone);
    if (t.year === year && t.month === month && t.day === day) return c;
  }
  throw new MeterproofError('tariff.timezone', `cannot find the start of ${year}-${month}-${day} in ${timeZone}`);
}

/** Days in a Gregorian month (month 1 to 12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
