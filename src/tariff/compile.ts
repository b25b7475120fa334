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
 */
import { MeterproofError } from '../core/errors.js';
import { combine, constant, type Expr } from '../statement/expr.js';
import { maximum, netSplit, powers, tierFills } from '../statement/gadgets.js';
import type { Statement } from '../statement/system.js';
import type { Tariff, TierSpec } from './model.js';
import type { BillingPeriod } from './period.js';
import { checkTariffConsistency, demandFactor, energyPricer, fixedAmount, scheduledPeriod, tierBounds, type Interval } from './rates.js';

export interface CompiledItem {
  readonly component: string;
  readonly fee: Expr;
  /** A minimum charge: its amount is settled from the revealed rest of the bill. */
  readonly minimum?: bigint;
}

/** Σ_j rate_j·u_j over tier fills of x. */
function tiered(st: Statement, x: Expr, tiers: readonly TierSpec[], multiplier = 1n): Expr {
  if (tiers.length === 1) return combine([[BigInt(tiers[0]!.rate), x]]);
  const fills = tierFills(st, x, tierBounds(tiers, multiplier));
  return combine(fills.map((u, j) => [BigInt(tiers[j]!.rate), u] as const));
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
  const tz = tariff.timezone;
  const days = BigInt(period.days);
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
          const { pos, neg } = netSplit(st, net);
          const rates = c.periods[p]!;
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
          return [[1n, tiered(st, linear(st, c.register, ones), c.periods[p]!.tiers, mult)] as const];
        });
        return { component: c.name, fee: combine(parts) };
      }
      case 'block-energy': {
        const parts = intervals.map((iv, i) => [1n, tiered(st, st.record(i, c.register), c.periods[scheduledPeriod(c, iv, tz)]!.tiers)] as const);
        return { component: c.name, fee: combine(parts) };
      }
      case 'polynomial-energy': {
        const a = c.coefficients.map(BigInt);
        const parts = intervals.flatMap((_, i) => powers(st, st.record(i, c.register), a.length).map((p, k) => [a[k]!, p] as const));
        return { component: c.name, fee: combine(parts) };
      }
      case 'demand': {
        const parts = byPeriod(c).flatMap((idx, p) => {
          const tiers = c.periods[p]!.tiers;
          if (idx.length === 0 || tiers.every((t) => BigInt(t.rate) === 0n)) return [];
          const D = maximum(st, idx.map((i) => combine([[demandFactor(intervals[i]!.duration), st.record(i, c.register)]])));
          return [[1n, tiered(st, D, tiers)] as const];
        });
        return { component: c.name, fee: combine(parts) };
      }
      case 'minimum': {
        if (c.per === 'month' && period.kind !== 'month') {
          throw new MeterproofError('tariff.period', `"${c.name}" is a monthly minimum, so the billing period must be exactly one calendar month (YYYY-MM), not ${period.label}`);
        }
        return { component: c.name, fee: constant(0n), minimum: BigInt(c.amount) * (c.per === 'day' ? days : 1n) };
      }
    }
  });
}
