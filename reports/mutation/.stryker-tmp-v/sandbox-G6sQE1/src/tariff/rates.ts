/**
 * What one interval costs under one component: the price lookup that both the statement compiler and
 * the plaintext reference calculator use. An interval is priced by the local time of its start.
 */
// @ts-nocheck

import { MeterproofError } from '../core/errors.js';
import { isoUtc } from '../core/time.js';
import { localTime } from './calendar.js';
import { checkTariffLimits } from './limits.js';
import type { IntervalPricesComponent, Tariff, TariffComponent, TierSpec, TouEnergyComponent } from './model.js';
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

function checkTiers(component: string, label: string, tiers: readonly TierSpec[]): void {
  let prev = 0n;
  tiers.forEach((t, j) => {
    const last = j === tiers.length - 1;
    if (last && t.upTo !== undefined) throw new MeterproofError('tariff.invalid', `component "${component}", ${label}: the last tier has no upper bound ("upTo")`);
    if (!last) {
      if (t.upTo === undefined) throw new MeterproofError('tariff.invalid', `component "${component}", ${label}: tier ${j + 1} needs "upTo"`);
      const b = BigInt(t.upTo);
      if (b <= prev) throw new MeterproofError('tariff.invalid', `component "${component}", ${label}: tier bounds must increase from above 0 (tier ${j + 1})`);
      prev = b;
    }
  });
}

function checkSchedules(c: { name: string; periods: readonly unknown[]; weekday: number[][]; weekend: number[][] }): void {
  for (const [which, s] of [['weekday', c.weekday], ['weekend', c.weekend]] as const) {
    s.forEach((row, m) =>
      row.forEach((p, h) => {
        if (p >= c.periods.length) {
          throw new MeterproofError('tariff.invalid', `component "${c.name}": ${which} schedule month ${m + 1} hour ${h} names period ${p}, but there are ${c.periods.length}`);
        }
      }),
    );
  }
}

/**
 * Checks what the schema cannot: the integer limits and monotone demand (src/tariff/limits.ts), schedule
 * indexes exist, tiers increase, price slots are sorted and disjoint.
 */
export function checkTariffConsistency(t: Tariff): void {
  checkTariffLimits(t);
  const names = new Set<string>();
  for (const c of t.components) {
    if (names.has(c.name)) throw new MeterproofError('tariff.invalid', `two components are named "${c.name}"; names must differ (they label line items)`);
    names.add(c.name);
  }
  if (t.components.filter((c) => c.kind === 'minimum').length > 1) throw new MeterproofError('tariff.invalid', 'a tariff has at most one minimum charge');
  if (t.registers) {
    for (const c of t.components) {
      const used = c.kind === 'net-energy' ? [c.import, c.export] : 'register' in c ? [c.register] : [];
      const k = used.find((r) => r >= t.registers!.length);
      if (k !== undefined) throw new MeterproofError('tariff.invalid', `component "${c.name}" prices register ${k}, but the tariff names ${t.registers.length} register(s)`);
    }
  }
  // Demand is power, W = Wh × 3600 / s: it means nothing for a meter counting metres or CPU-seconds.
  const demand = t.components.find((c) => c.kind === 'demand');
  if (demand && t.unit !== 'Wh') throw new MeterproofError('tariff.invalid', `component "${demand.name}": demand charges price power from energy in Wh, but this tariff's unit is ${t.unit}`);
  for (const c of t.components) {
    if (c.kind === 'tiered-energy' || c.kind === 'block-energy' || c.kind === 'demand') {
      checkSchedules(c);
      c.periods.forEach((p) => checkTiers(c.name, `period "${p.label}"`, p.tiers));
      if (c.kind === 'tiered-energy' && c.basis === 'total' && c.periods.length !== 1) {
        throw new MeterproofError('tariff.invalid', `component "${c.name}": tiers on the total need exactly one period`);
      }
    } else if (c.kind === 'tou-energy') {
      checkSchedules(c);
    } else if (c.kind === 'net-energy') {
      checkSchedules(c);
      if (c.import === c.export) throw new MeterproofError('tariff.invalid', `component "${c.name}": the import and export registers must differ (both are ${c.import})`);
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
    rate: (iv) => rates[scheduledPeriod(c, iv, timeZone)]!,
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

/**
 * Per-month quantities need a billing period of one calendar month: a monthly charge, a monthly minimum,
 * and monthly tier allowances. Granted whole to a bill of a few days, a monthly allowance would let a run
 * of day bills pay less than the month's one bill (31 one-day bills each with the month's first 500 kWh
 * at the cheap rate). The compiler (so the prover and the verifier) and the plain calculator all call this.
 */
export function checkBillingPeriod(t: Tariff, period: BillingPeriod): void {
  if (period.kind === 'month') return;
  for (const c of t.components) {
    const what =
      c.kind === 'fixed' && c.per === 'month' ? 'is a monthly charge'
      : c.kind === 'minimum' && c.per === 'month' ? 'is a monthly minimum'
      : c.kind === 'tiered-energy' && c.per === 'month' && c.periods.some((p) => p.tiers.length > 1) ? 'has monthly tiers'
      : undefined;
    if (what !== undefined) {
      throw new MeterproofError('tariff.period', `"${c.name}" ${what}, so the billing period must be exactly one calendar month (YYYY-MM), not ${period.label}`);
    }
  }
}

/** The constant part of a component for a period (fixed charges), or 0. */
export function fixedAmount(c: TariffComponent, period: BillingPeriod): bigint {
  if (c.kind !== 'fixed') return 0n;
  return c.per === 'day' ? BigInt(c.amount) * BigInt(period.days) : BigInt(c.amount);
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

/** The period index a schedule gives an interval (by the local time of its start). */
export function scheduledPeriod(c: { weekday: number[][]; weekend: number[][] }, iv: Interval, timeZone: string): number {
  const t = localTime(iv.start, timeZone);
  const schedule = t.weekday === 0 || t.weekday === 6 ? c.weekend : c.weekday;
  return schedule[t.month - 1]![t.hour]!;
}

/** Breakpoints b_1 < … < b_{k-1} of tiers, scaled by `multiplier` (days billed, for per-day tiers). */
export function tierBounds(tiers: readonly TierSpec[], multiplier = 1n): bigint[] {
  return tiers.slice(0, -1).map((t) => BigInt(t.upTo!) * multiplier);
}

/** Greedy tier fills u_j = clamp(x − b_{j-1}, 0, w_j) of an amount x ≥ 0 (the last tier is unbounded). */
export function tierFills(x: bigint, bounds: readonly bigint[]): bigint[] {
  const fills: bigint[] = [];
  let lo = 0n;
  for (const b of bounds) {
    fills.push(x <= lo ? 0n : x >= b ? b - lo : x - lo);
    lo = b;
  }
  fills.push(x > lo ? x - lo : 0n);
  return fills;
}

/** Σ_j rate_j · u_j for the greedy fill of x. */
export function tieredPrice(x: bigint, tiers: readonly TierSpec[], multiplier = 1n): bigint {
  return tierFills(x, tierBounds(tiers, multiplier)).reduce((s, u, j) => s + u * BigInt(tiers[j]!.rate), 0n);
}

/** Net metering of one period's net N: buy·max(N, 0) − sell·max(−N, 0). */
export function netPrice(net: bigint, rates: { buy: string; sell: string }): bigint {
  return net >= 0n ? net * BigInt(rates.buy) : net * BigInt(rates.sell);
}

/** Interval demand in W from energy in Wh: q · 3600 / duration, which must be exact. */
export function demandFactor(duration: number): bigint {
  if (3600 % duration !== 0) {
    throw new MeterproofError('tariff.demand_interval', `demand is measured over intervals that divide an hour; an interval of ${duration} s does not`);
  }
  return BigInt(3600 / duration);
}
