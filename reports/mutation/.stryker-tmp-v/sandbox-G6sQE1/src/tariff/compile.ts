/**
 * Compiles a tariff, for one billing period and the meter's intervals, into a Statement (PROTOCOL.md
 * sections 4 and 5): one fee expression per component, over the record commitments and whatever
 * auxiliary commitments and constraints the component needs.
 *
 *   fixed charge            constant
 *   time-of-use / prices    Σ_i w_i·q_i                           linear only (w_i < 0: a credit, e.g. export)
 *   net metering            Σ_p buy_p·P_p − sell_p·M_p,           net split of each period's net
 *                           P_p − M_p = N_p = Σ_{i∈p} (q_i,imp − q_i,exp), P_p·M_p = 0
 *   cumulative tiers        Σ_j rate_j·u_j(X_p), X_p = Σ_{i∈p} q_i   tier decomposition of each period total
 *   per-reading blocks      Σ_i Σ_j rate_j·u_j(q_i)                tier decomposition of each reading
 *   polynomial              Σ_i Σ_k a_k·q_i^k                       product proofs
 *   maximum demand          Σ_p price_p(D_p), D_p ≥ f_i·q_i          max gadget (+ tiers of D_p)
 *   minimum charge          max(0, floor − rest)                   nothing: the rest is revealed
 *
 * The prover and the verifier call this with the same public inputs and get the same structure; only
 * the prover's Statement carries a witness.
 *
 * Every range width comes from public data: tier widths, and bounds on hidden amounts derived from the
 * tariff's `capacity` (the most a register records per hour) and the intervals billed (`readingBound`).
 * Every fee expression's integer bound is checked below 2^160, the most a bill may reveal, so that the
 * revealed figure proven equal to it mod ℓ is equal to it as an integer (docs/bounds.md).
 */
// @ts-nocheck

import { FIGURE_BITS, FIGURE_LIMIT, READING_MAX } from '../core/bounds.js';
import { MeterproofError } from '../core/errors.js';
import { combine, constant, type Expr } from '../statement/expr.js';
import { maximum, netSplit, powers, tierFills } from '../statement/gadgets.js';
import { bitsFor, type Statement } from '../statement/system.js';
import type { Tariff, TierSpec } from './model.js';
import type { BillingPeriod } from './period.js';
import { checkBillingPeriod, checkTariffConsistency, demandFactor, energyPricer, fixedAmount, scheduledPeriod, tierBounds, type Interval } from './rates.js';

export interface CompiledItem {
  readonly component: string;
  readonly fee: Expr;
  /** A minimum charge: its amount is settled from the revealed rest of the bill. */
  readonly minimum?: bigint;
}

/** Σ_j rate_j·u_j over tier fills of x, where xMax is a public bound on x. */
function tiered(st: Statement, x: Expr, tiers: readonly TierSpec[], xMax: bigint, what: string, multiplier = 1n): Expr {
  if (tiers.length === 1) return combine([[BigInt(tiers[0]!.rate), x]]);
  const fills = tierFills(st, x, tierBounds(tiers, multiplier), xMax, what);
  return combine(fills.map((u, j) => [BigInt(tiers[j]!.rate), u] as const));
}

/**
 * The most a register can record in an interval: the tariff's capacity per hour, pro rata (rounded up),
 * or the meter's limit 2^48 − 1 when the tariff states none. Public, so widths derived from it are too.
 */
export function readingBound(tariff: Tariff): (iv: Interval) => bigint {
  if (tariff.capacity === undefined) return () => READING_MAX;
  const c = BigInt(tariff.capacity);
  return (iv) => {
    const q = (c * BigInt(iv.duration) + 3599n) / 3600n;
    return q < READING_MAX ? q : READING_MAX;
  };
}


/** Σ_{i∈I} coeff_i·q_{i,register}, built directly (a month of records is thousands of terms). */
function linear(st: Statement, register: number, weights: readonly bigint[]): Expr {
  const terms = new Map<number, bigint>();
  weights.forEach((w, i) => {
    if (w === 0n) return;
    const id = st.record(i, register).terms.keys().next().value!;
    terms.set(id, w);
  });
  return { c: 0n, terms };
}

export function compileStatement(tariff: Tariff, period: BillingPeriod, intervals: readonly Interval[], st: Statement): CompiledItem[] {
  checkTariffConsistency(tariff);
  checkBillingPeriod(tariff, period);
  const items = compileComponents(tariff, period, intervals, st);
  for (const it of items) {
    if (st.bound(it.fee) >= FIGURE_LIMIT) {
      const fix = tariff.capacity === undefined ? 'state the tariff\'s capacity (the most a register records per hour)' : 'lower its rates or the capacity';
      throw new MeterproofError('tariff.unsupported', `component "${it.component}" could reach 2^${st.bound(it.fee).toString(2).length - 1} units, beyond the 2^${FIGURE_BITS} a bill can reveal exactly: ${fix}`);
    }
  }
  return items;
}

function compileComponents(tariff: Tariff, period: BillingPeriod, intervals: readonly Interval[], st: Statement): CompiledItem[] {
  const tz = tariff.timezone;
  const days = BigInt(period.days);
  const qmax = intervals.map(readingBound(tariff));
  const sumOf = (idx: readonly number[]): bigint => idx.reduce((s, i) => s + qmax[i]!, 0n);
  const byPeriod = (c: { weekday: number[][]; weekend: number[][]; periods: readonly unknown[] }): number[][] => {
    const groups: number[][] = c.periods.map(() => []);
    intervals.forEach((iv, i) => groups[scheduledPeriod(c, iv, tz)]!.push(i));
    return groups;
  };
  return tariff.components.map((c): CompiledItem => {
    switch (c.kind) {
      case 'fixed':
        return { component: c.name, fee: constant(fixedAmount(c, period)) };
      case 'tou-energy':
      case 'interval-prices': {
        const pricer = energyPricer(c, tariff)!;
        return { component: c.name, fee: linear(st, c.register, intervals.map((iv) => pricer.rate(iv))) };
      }
      case 'net-energy': {
        const parts = byPeriod(c).flatMap((idx, p) => {
          if (idx.length === 0) return [];
          const ones = intervals.map(() => 0n);
          for (const i of idx) ones[i] = 1n;
          const net = combine([[1n, linear(st, c.import, ones)], [-1n, linear(st, c.export, ones)]]);
          const rates = c.periods[p]!;
          const { pos, neg } = netSplit(st, net, sumOf(idx), `the net of "${c.name}" in period "${rates.label}"`);
          return [[BigInt(rates.buy), pos] as const, [-BigInt(rates.sell), neg] as const];
        });
        return { component: c.name, fee: combine(parts) };
      }
      case 'tiered-energy': {
        const groups = c.basis === 'total' ? [intervals.map((_, i) => i)] : byPeriod(c);
        const mult = c.per === 'day' ? days : 1n;
        const parts = groups.flatMap((idx, p) => {
          if (idx.length === 0) return [];
          const ones = intervals.map(() => 0n);
          for (const i of idx) ones[i] = 1n;
          const what = `the total of "${c.name}" in period "${c.periods[p]!.label}"`;
          return [[1n, tiered(st, linear(st, c.register, ones), c.periods[p]!.tiers, sumOf(idx), what, mult)] as const];
        });
        return { component: c.name, fee: combine(parts) };
      }
      case 'block-energy': {
        const parts = intervals.map((iv, i) => [1n, tiered(st, st.record(i, c.register), c.periods[scheduledPeriod(c, iv, tz)]!.tiers, qmax[i]!, `a reading of "${c.name}"`)] as const);
        return { component: c.name, fee: combine(parts) };
      }
      case 'polynomial-energy': {
        const a = c.coefficients.map(BigInt);
        // Powers of a reading up to 2^48 outgrow any fee bound; proving each reading below the capacity
        // (a public width) keeps q^k, and so the fee, exact and small (docs/bounds.md).
        if (a.length > 1 && tariff.capacity !== undefined) intervals.forEach((_, i) => st.range(st.record(i, c.register), bitsFor(qmax[i]!), `a reading of "${c.name}"`));
        const parts = intervals.flatMap((_, i) => powers(st, st.record(i, c.register), a.length).map((p, k) => [a[k]!, p] as const));
        return { component: c.name, fee: combine(parts) };
      }
      case 'demand': {
        const parts = byPeriod(c).flatMap((idx, p) => {
          const tiers = c.periods[p]!.tiers;
          if (idx.length === 0 || tiers.every((t) => BigInt(t.rate) === 0n)) return [];
          // Demand in W is f_i·q_i with f_i = 3600 / duration; its public bound is the largest f_i·qmax_i.
          const f = idx.map((i) => demandFactor(intervals[i]!.duration));
          const dMax = idx.reduce((m, i, j) => (f[j]! * qmax[i]! > m ? f[j]! * qmax[i]! : m), 0n);
          const what = `the demand of "${c.name}" in period "${c.periods[p]!.label}"`;
          const D = maximum(st, idx.map((i, j) => combine([[f[j]!, st.record(i, c.register)]])), dMax, what);
          return [[1n, tiered(st, D, tiers, dMax, what)] as const];
        });
        return { component: c.name, fee: combine(parts) };
      }
      case 'minimum': {
        return { component: c.name, fee: constant(0n), minimum: BigInt(c.amount) * (c.per === 'day' ? days : 1n) };
      }
    }
  });
}
