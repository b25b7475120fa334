/**
 * A tariff in words, for `meterproof tariff show`: what each component charges, at which rates and
 * when, in the currency and the units a utility's engineer reads (per kWh and per kW for a meter in Wh).
 * Rates are stored per base unit in 10^-scale currency units; shown here exactly, never rounded.
 */
import { formatDecimal } from './money.js';
import type { Tariff, TariffComponent } from './model.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Drops trailing zeros of an exact decimal: "0.364800000" → "0.3648". */
function trim(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

export interface TariffWords {
  readonly title: string;
  readonly lines: string[];
}

/** The unit a rate is quoted in: per kWh (a Wh meter), per kW (demand), else per the meter's own unit. */
function per(t: Tariff, demand: boolean): { label: string; factor: bigint } {
  if (t.unit === 'Wh') return demand ? { label: 'kW', factor: 1000n } : { label: 'kWh', factor: 1000n };
  return { label: demand ? `${t.unit}/h` : t.unit, factor: 1n };
}

function money(t: Tariff, units: bigint, factor = 1n): string {
  return trim(formatDecimal(units * factor, t.scale));
}

/** Runs of equal values over 24 hours: "0-15 off-peak, 16-20 peak, 21-23 off-peak". */
function hours(row: readonly number[], label: (p: number) => string): string {
  const parts: string[] = [];
  let from = 0;
  for (let h = 1; h <= 24; h++) {
    if (h === 24 || row[h] !== row[from]) {
      parts.push(`${from === h - 1 ? `${from}` : `${from}-${h - 1}`}h ${label(row[from]!)}`);
      from = h;
    }
  }
  return parts.length === 1 ? `all day ${label(row[0]!)}` : parts.join(', ');
}

/** A 12×24 schedule, months with the same hours grouped: "Jan-May, Oct-Dec: 0-15h off-peak, …". */
export function describeSchedule(schedule: readonly (readonly number[])[], label: (p: number) => string): string[] {
  const groups = new Map<string, number[]>();
  schedule.forEach((row, m) => {
    const key = hours(row, label);
    groups.set(key, [...(groups.get(key) ?? []), m]);
  });
  return [...groups].map(([key, months]) => {
    const runs: string[] = [];
    for (let i = 0; i < months.length; ) {
      let j = i;
      while (j + 1 < months.length && months[j + 1] === months[j]! + 1) j++;
      runs.push(i === j ? MONTHS[months[i]!]! : `${MONTHS[months[i]!]}-${MONTHS[months[j]!]}`);
      i = j + 1;
    }
    return `${months.length === 12 ? 'all year' : runs.join(', ')}: ${key}`;
  });
}

function scheduleLines(c: { weekday: number[][]; weekend: number[][]; periods: { label: string }[] }): string[] {
  const label = (p: number) => c.periods[p]?.label ?? `period ${p}`;
  const wd = describeSchedule(c.weekday, label);
  const we = describeSchedule(c.weekend, label);
  if (JSON.stringify(c.weekday) === JSON.stringify(c.weekend)) return wd.map((l) => `every day, ${l}`);
  return [...wd.map((l) => `weekdays, ${l}`), ...we.map((l) => `weekends, ${l}`)];
}

function tiers(t: Tariff, ts: readonly { upTo?: string | undefined; rate: string }[], demand: boolean): string {
  const u = per(t, demand);
  let from = '0';
  return ts
    .map((x) => {
      const rate = `${money(t, BigInt(x.rate), u.factor)} ${t.currency}/${u.label}`;
      if (x.upTo === undefined) return ts.length === 1 ? rate : `above ${from} ${demand ? (t.unit === 'Wh' ? 'W' : t.unit) : t.unit}: ${rate}`;
      const s = `${from}-${x.upTo} ${demand ? (t.unit === 'Wh' ? 'W' : t.unit) : t.unit}: ${rate}`;
      from = x.upTo;
      return s;
    })
    .join('; ');
}

function component(t: Tariff, c: TariffComponent, registers: readonly string[]): string[] {
  const reg = (i: number) => registers[i] ?? `register ${i}`;
  const u = per(t, false);
  switch (c.kind) {
    case 'fixed':
      return [`${c.name}: ${money(t, BigInt(c.amount))} ${t.currency} per ${c.per}`];
    case 'minimum':
      return [`${c.name}: the bill is at least ${money(t, BigInt(c.amount))} ${t.currency} per ${c.per} (topped up to it)`];
    case 'tou-energy':
      return [
        `${c.name} (time of use, ${reg(c.register)}): ${c.periods.map((p) => `${p.label} ${money(t, BigInt(p.rate), u.factor)} ${t.currency}/${u.label}`).join(', ')}`,
        ...scheduleLines(c).map((l) => `  ${l}`),
      ];
    case 'interval-prices': {
      const rates = c.prices.map((p) => BigInt(p.rate));
      let lo = rates[0]!;
      let hi = rates[0]!;
      for (const r of rates) {
        if (r < lo) lo = r;
        if (r > hi) hi = r;
      }
      const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');
      return [
        `${c.name} (published prices, ${reg(c.register)}): ${c.prices.length} slots from ${iso(c.prices[0]!.start)} to ${iso(c.prices[c.prices.length - 1]!.end)}, ` +
          `${money(t, lo, u.factor)} to ${money(t, hi, u.factor)} ${t.currency}/${u.label}`,
      ];
    }
    case 'tiered-energy':
      return [
        `${c.name} (cumulative tiers per ${c.per}, ${c.basis === 'total' ? 'on the whole total' : 'on each period\'s total'}, ${reg(c.register)}):`,
        ...c.periods.map((p) => `  ${p.label}: ${tiers(t, p.tiers, false)}`),
        ...(c.periods.length > 1 ? scheduleLines(c).map((l) => `  ${l}`) : []),
      ];
    case 'block-energy':
      return [
        `${c.name} (blocks of each interval's own amount, ${reg(c.register)}):`,
        ...c.periods.map((p) => `  ${p.label}: ${tiers(t, p.tiers, false)}`),
        ...(c.periods.length > 1 ? scheduleLines(c).map((l) => `  ${l}`) : []),
      ];
    case 'polynomial-energy':
      return [`${c.name} (a polynomial of each reading q of ${reg(c.register)}): ${c.coefficients.map((a, k) => `${money(t, BigInt(a))}·q${k === 0 ? '' : `^${k + 1}`}`).join(' + ')} ${t.currency}`];
    case 'demand':
      return [
        `${c.name} (the largest demand of the billing period in each period, ${reg(c.register)}):`,
        ...c.periods.map((p) => `  ${p.label}: ${tiers(t, p.tiers, true)}`),
        ...scheduleLines(c).map((l) => `  ${l}`),
      ];
    case 'net-energy':
      return [
        `${c.name} (net metering: ${reg(c.import)} − ${reg(c.export)} per period over the bill): ` +
          c.periods.map((p) => `${p.label} buy ${money(t, BigInt(p.buy), u.factor)}, sell ${money(t, BigInt(p.sell), u.factor)} ${t.currency}/${u.label}`).join('; '),
        ...scheduleLines(c).map((l) => `  ${l}`),
      ];
  }
}

export function describeTariff(t: Tariff): TariffWords {
  const registers = t.registers ?? ['import'];
  const lines = [
    `currency ${t.currency} (amounts exact to 10^-${t.scale}), time zone ${t.timezone}, meter unit ${t.unit}, registers ${registers.join(', ')}`,
    ...(t.capacity !== undefined ? [`capacity ${t.capacity} ${t.unit === 'Wh' ? 'W' : `${t.unit}/h`} per register (sizes the range proofs)`] : []),
    ...(t.rounding ? [`amount due: rounded to ${t.rounding.decimals} decimals, ${t.rounding.mode}`] : []),
    ...(t.itemised ? ['itemised: each component\'s subtotal is revealed and proven'] : []),
    ...t.components.flatMap((c) => component(t, c, registers)),
    ...(t.omitted ?? []).map((o) => `left out: ${o}`),
  ];
  return { title: `tariff ${t.id}: ${t.name}`, lines };
}
