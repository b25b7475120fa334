/**
 * Billing periods, in the tariff's time zone: a calendar month ("2011-07") or a range of whole local
 * days, both ends included ("2012-03-01/2012-03-02" is two days). A period is the half-open interval
 * [start, end) of Unix seconds between local midnights.
 */
// @ts-nocheck

import { MeterproofError } from '../core/errors.js';
import { daysInMonth, startOfLocalDay } from './calendar.js';

export interface BillingPeriod {
  /** As written: "2011-07" or "2012-03-01/2012-03-02". */
  readonly label: string;
  readonly kind: 'month' | 'days';
  readonly start: number;
  readonly end: number;
  /** Number of local calendar days covered. */
  readonly days: number;
}

const MONTH_RE = /^(\d{4})-(\d{2})$/;
const DAYS_RE = /^(\d{4})-(\d{2})-(\d{2})\/(\d{4})-(\d{2})-(\d{2})$/;

/** Years a period may fall in: JavaScript's Date reads years below 100 as 19xx, and none of this needs them. */
export const PERIOD_YEARS = [1900, 9999] as const;

function checkDate(y: number, m: number, d: number, text: string): void {
  if (y < PERIOD_YEARS[0] || y > PERIOD_YEARS[1]) {
    throw new MeterproofError('period.invalid', `period "${text}": the year must be between ${PERIOD_YEARS[0]} and ${PERIOD_YEARS[1]}`);
  }
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw new MeterproofError('period.invalid', `period "${text}": no such date`);
  }
}

function nextDay(y: number, m: number, d: number): [number, number, number] {
  const t = new Date(Date.UTC(y, m - 1, d + 1));
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}

export function parsePeriod(text: string, timeZone: string): BillingPeriod {
  let m = MONTH_RE.exec(text);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    checkDate(y, mo, 1, text);
    const start = startOfLocalDay(y, mo, 1, timeZone);
    const end = mo === 12 ? startOfLocalDay(y + 1, 1, 1, timeZone) : startOfLocalDay(y, mo + 1, 1, timeZone);
    return { label: text, kind: 'month', start, end, days: daysInMonth(y, mo) };
  }
  m = DAYS_RE.exec(text);
  if (m) {
    const [y1, m1, d1, y2, m2, d2] = m.slice(1).map(Number) as [number, number, number, number, number, number];
    checkDate(y1, m1, d1, text);
    checkDate(y2, m2, d2, text);
    const start = startOfLocalDay(y1, m1, d1, timeZone);
    const end = startOfLocalDay(...nextDay(y2, m2, d2), timeZone);
    const days = Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86400000) + 1;
    if (days < 1) throw new MeterproofError('period.invalid', `period "${text}": the last day is before the first`);
    return { label: text, kind: 'days', start, end, days };
  }
  throw new MeterproofError('period.invalid', `period "${text}": use YYYY-MM for a month or YYYY-MM-DD/YYYY-MM-DD for whole days`);
}
