/**
 * Usage figures for the charts, from the user's own readings (register 0), in local time of a time zone.
 * These run on the page: the readings are already in this browser, and nothing here leaves it.
 */
export interface PlainReading {
  readonly start: number;
  readonly duration: number;
  readonly values: readonly number[];
}

export interface Local {
  readonly y: number;
  readonly m: number;
  readonly d: number;
  readonly h: number;
  readonly min: number;
  /** 0 = Sunday. */
  readonly wd: number;
}

const fmts = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export function localTime(unix: number, tz: string): Local {
  let f = fmts.get(tz);
  if (!f) fmts.set(tz, (f = new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short', hourCycle: 'h23' })));
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(unix * 1000))) p[part.type] = part.value;
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour) % 24, min: Number(p.minute), wd: WEEKDAYS[p.weekday!] ?? 0 };
}

export const monthKey = (l: Local): string => `${l.y}-${String(l.m).padStart(2, '0')}`;
const dayKey = (l: Local): string => `${monthKey(l)}-${String(l.d).padStart(2, '0')}`;

export interface Usage {
  readonly tz: string;
  /** Local days: their first reading's start (for the x axis) and total Wh. */
  readonly days: { key: string; start: number; wh: number }[];
  /** Average Wh per slot of the local day (24 for hourly data, 48 for half-hourly). */
  readonly byHour: { slot: number; label: string; wh: number }[];
  /** Months (YYYY-MM) with their total Wh and whether the data covers them whole. */
  readonly months: { key: string; wh: number; complete: boolean }[];
  readonly total: number;
  readonly count: number;
  readonly step: number;
}

export function usage(readings: readonly PlainReading[], tz: string): Usage {
  const days = new Map<string, { key: string; start: number; wh: number }>();
  const months = new Map<string, { key: string; wh: number; first: Local; last: Local }>();
  const step = readings[0]?.duration ?? 3600;
  const slots = Math.max(1, Math.round(86400 / step));
  const slotSum = new Array<number>(slots).fill(0);
  const slotN = new Array<number>(slots).fill(0);
  let total = 0;
  for (const r of readings) {
    const l = localTime(r.start, tz);
    const wh = r.values[0] ?? 0;
    total += wh;
    const dk = dayKey(l);
    const d = days.get(dk);
    if (d) d.wh += wh;
    else days.set(dk, { key: dk, start: r.start, wh });
    const mk = monthKey(l);
    const m = months.get(mk);
    if (m) {
      m.wh += wh;
      m.last = localTime(r.start + r.duration, tz);
    } else months.set(mk, { key: mk, wh, first: l, last: localTime(r.start + r.duration, tz) });
    const s = Math.min(slots - 1, Math.floor((l.h * 3600 + l.min * 60) / step));
    slotSum[s]! += wh;
    slotN[s]! += 1;
  }
  const byHour = slotSum.map((s, i) => {
    const minutes = Math.round((i * step) / 60);
    return { slot: i, label: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`, wh: slotN[i] ? s / slotN[i]! : 0 };
  });
  return {
    tz,
    days: [...days.values()],
    byHour,
    // A month is complete when its data starts at local midnight of the 1st and ends at midnight of the next month's 1st.
    months: [...months.values()].map((m) => ({ key: m.key, wh: m.wh, complete: m.first.d === 1 && m.first.h === 0 && m.first.min === 0 && m.last.d === 1 && m.last.h === 0 && m.last.min === 0 && (m.last.m === (m.first.m % 12) + 1) })),
    total,
    count: readings.length,
    step,
  };
}

/** The readings of one local month. */
export function monthReadings(readings: readonly PlainReading[], tz: string, key: string): PlainReading[] {
  return readings.filter((r) => monthKey(localTime(r.start, tz)) === key);
}

export interface TouSchedule {
  readonly labels: string[];
  readonly weekday: number[][];
  readonly weekend: number[][];
}

/** The period index of an interval under a 12×24 weekday/weekend schedule (by the local time of its start). */
export function periodOf(s: TouSchedule, start: number, tz: string): number {
  const l = localTime(start, tz);
  const weekend = l.wd === 0 || l.wd === 6;
  return (weekend ? s.weekend : s.weekday)[l.m - 1]?.[l.h] ?? 0;
}
