/**
 * Which billing periods the agent can bill, and the slice of the log and private file each needs.
 *
 * A period is closed when the meter's records cover it entirely: some record starts at the period's start
 * and some record ends at its end (the log is contiguous, so everything between is there too). A month
 * the log starts or ends inside is not billable yet (or never, for the first partial one): billing it
 * would leave days out, which the service refuses anyway (it accepts only whole billing periods).
 *
 * Portable: no Node built-ins.
 */
import type { LogFile, PrivateFile } from '../meter/log.js';
import { localTime } from '../tariff/calendar.js';
import { parsePeriod, type BillingPeriod } from '../tariff/period.js';

/** Calendar months (YYYY-MM, in `timeZone`) that the log covers entirely, oldest first. */
export function closedMonths(log: Pick<LogFile, 'records'>, timeZone: string): BillingPeriod[] {
  const rs = log.records;
  if (rs.length === 0) return [];
  const first = rs[0]!.start;
  const last = rs[rs.length - 1]!;
  const end = last.start + last.duration;
  const starts = new Set(rs.map((r) => r.start));
  const out: BillingPeriod[] = [];
  const t = localTime(first, timeZone);
  let y = t.year;
  let m = t.month;
  for (;;) {
    const p = parsePeriod(`${y}-${String(m).padStart(2, '0')}`, timeZone);
    if (p.start >= end) break;
    // The period's end is some record's end exactly when it is the next record's start or the log's end.
    if (p.end <= end && starts.has(p.start) && (p.end === end || starts.has(p.end))) out.push(p);
    if (++m === 13) {
      m = 1;
      y++;
    }
  }
  return out;
}

/**
 * The log and private file cut to one period's records (the log's `prev` becomes the hash of the record
 * before them), so proving a month parses and checks a month, not the whole year.
 */
export function sliceForPeriod(log: LogFile, priv: PrivateFile, period: { start: number; end: number }): { log: LogFile; priv: PrivateFile } {
  const i0 = log.records.findIndex((r) => r.start >= period.start);
  let i1 = i0;
  while (i0 >= 0 && i1 < log.records.length && log.records[i1]!.start < period.end) i1++;
  const records = i0 < 0 ? [] : log.records.slice(i0, i1);
  const prev = i0 <= 0 ? log.prev : log.records[i0 - 1]!.hash;
  const seqs = new Set(records.map((r) => r.seq));
  return {
    log: { ...log, prev, records },
    priv: { ...priv, readings: priv.readings.filter((r) => seqs.has(r.seq)) },
  };
}
