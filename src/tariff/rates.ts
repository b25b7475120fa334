/**
 * What one interval costs under one component: the price lookup that both the statement compiler and
 * the plaintext reference calculator use. An interval is priced by the local time of its start.
 */
import { MeterproofError } from '../core/errors.js';
import { isoUtc } from '../core/time.js';
import { localTime } from './calendar.js';
import type { IntervalPricesComponent, Tariff, TariffComponent, TouEnergyComponent } from './model.js';
import type { BillingPeriod } from './period.js';

export interface Interval {
  readonly start: number;
  readonly duration: number;
}

/** A component priced per unit of a register: rate(interval) per base unit. */
export interface EnergyPricer {
  readonly component: string;
  readonly register: number;
  rate(iv: Interval): bigint;
}

/** Checks what the schema cannot: schedule indexes exist, price slots are sorted and disjoint. */
export function checkTariffConsistency(t: Tariff): void {
  for (const c of t.components) {
    if (c.kind === 'tou-energy') {
      for (const [which, s] of [['weekday', c.weekday], ['weekend', c.weekend]] as const) {
        s.forEach((row, m) =>
          row.forEach((p, h) => {
            if (p >= c.periods.length) {
              throw new MeterproofError('tariff.invalid', `component "${c.name}": ${which} schedule month ${m + 1} hour ${h} names period ${p}, but there are ${c.periods.length}`);
            }
          }),
        );
      }
    } else if (c.kind === 'interval-prices') {
      c.prices.forEach((p, i) => {
        if (p.end <= p.start) throw new MeterproofError('tariff.invalid', `component "${c.name}": price slot ${i} ends before it starts`);
        const prev = c.prices[i - 1];
        if (prev && p.start < prev.end) throw new MeterproofError('tariff.invalid', `component "${c.name}": price slots ${i - 1} and ${i} overlap or are out of order`);
      });
    }
  }
}

function touPricer(c: TouEnergyComponent, timeZone: string): EnergyPricer {
  const rates = c.periods.map((p) => BigInt(p.rate));
  return {
    component: c.name,
    register: c.register,
    rate(iv) {
      const t = localTime(iv.start, timeZone);
      const schedule = t.weekday === 0 || t.weekday === 6 ? c.weekend : c.weekday;
      return rates[schedule[t.month - 1]![t.hour]!]!;
    },
  };
}

function intervalPricer(c: IntervalPricesComponent): EnergyPricer {
  const slots = c.prices.map((p) => ({ start: p.start, end: p.end, rate: BigInt(p.rate) }));
  return {
    component: c.name,
    register: c.register,
    rate(iv) {
      // Binary search for the last slot starting at or before the interval.
      let lo = 0;
      let hi = slots.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (slots[mid]!.start <= iv.start) lo = mid;
        else hi = mid - 1;
      }
      const s = slots[lo]!;
      if (s.start > iv.start || iv.start + iv.duration > s.end) {
        throw new MeterproofError('tariff.no_price', `component "${c.name}" publishes no single price for the interval starting ${isoUtc(iv.start)}`);
      }
      return s.rate;
    },
  };
}

export function energyPricer(c: TariffComponent, t: Tariff): EnergyPricer | undefined {
  if (c.kind === 'tou-energy') return touPricer(c, t.timezone);
  if (c.kind === 'interval-prices') return intervalPricer(c);
  return undefined;
}

/** The constant part of a component for a period (fixed charges), or 0. */
export function fixedAmount(c: TariffComponent, period: BillingPeriod): bigint {
  if (c.kind !== 'fixed') return 0n;
  if (c.per === 'day') return BigInt(c.amount) * BigInt(period.days);
  if (period.kind !== 'month') {
    throw new MeterproofError('tariff.period', `"${c.name}" is a monthly charge, so the billing period must be exactly one calendar month (YYYY-MM), not ${period.label}`);
  }
  return BigInt(c.amount);
}

/** The intervals must tile [period.start, period.end) exactly. */
export function checkCoverage(period: BillingPeriod, intervals: readonly Interval[]): void {
  const first = intervals[0];
  const last = intervals[intervals.length - 1];
  if (!first || !last) throw new MeterproofError('period.coverage', `no records in the period ${period.label}`);
  if (first.start !== period.start) {
    throw new MeterproofError('period.coverage', `the records start at ${isoUtc(first.start)}, but the period ${period.label} starts at ${isoUtc(period.start)}`);
  }
  const end = last.start + last.duration;
  if (end !== period.end) {
    throw new MeterproofError('period.coverage', `the records end at ${isoUtc(end)}, but the period ${period.label} ends at ${isoUtc(period.end)}`);
  }
}
