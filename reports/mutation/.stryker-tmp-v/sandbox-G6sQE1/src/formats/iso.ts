/**
 * Strict ISO 8601 instants with an explicit offset, for importers whose files write them
 * (plain CSV, the Octopus Energy API).
 *
 * Portable core: no `node:` imports.
 */
// @ts-nocheck

import { ImportError, quote } from './readings.js';

// YYYY-MM-DDTHH:MM:SS then Z or ±HH:MM. Strict on purpose: Date.parse accepts many
// ambiguous forms (no offset = local time, "2011-7-1", "July 1 2011", ...).
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2})$/;
const ISO_NO_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const ISO_FRACTION = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+(Z|[+-]\d{2}:\d{2})?$/;

/**
 * ISO 8601 with an offset → Unix seconds, or an ImportError naming the field `name` and `where`.
 * `expected` describes the accepted forms in the fallback message.
 */
export function parseIsoInstant(text: string, name: string, where: string, expected = 'an ISO 8601 time with offset'): number {
  const m = ISO.exec(text);
  if (m === null) {
    if (ISO_FRACTION.test(text)) {
      throw new ImportError(`${name} ${quote(text)} has fractional seconds; use whole seconds`, where);
    }
    if (ISO_NO_OFFSET.test(text)) {
      throw new ImportError(
        `${name} ${quote(text)} has no UTC offset, so the time is ambiguous; add Z or an offset such as -07:00`,
        where,
      );
    }
    throw new ImportError(`${name} ${quote(text)} is not ${expected} (e.g. 2011-07-01T00:00:00-07:00)`, where);
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const zone = m[7]!;
  const daysInMonth = utcDay(year, month, 0).getUTCDate(); // day 0 of the next month
  // Leap seconds (:60) are rejected: Unix time has no such second.
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    throw new ImportError(`${name} ${quote(text)} is not a valid date and time`, where);
  }
  let offset = 0;
  if (zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) throw new ImportError(`${name} ${quote(text)} has an invalid UTC offset`, where);
    offset = (zone[0] === '-' ? -1 : 1) * (oh * 3600 + om * 60);
  }
  const unix = utcDay(year, month - 1, day).getTime() / 1000 + hour * 3600 + minute * 60 + second - offset;
  if (unix < 0) throw new ImportError(`${name} ${quote(text)} is before 1970-01-01T00:00:00Z`, where);
  return unix;
}

/** Midnight UTC of a day (monthIndex 0-11). setUTCFullYear, unlike Date.UTC, keeps years 0-99 as they are. */
function utcDay(year: number, monthIndex: number, day: number): Date {
  const t = new Date(0);
  t.setUTCFullYear(year, monthIndex, day);
  return t;
}
