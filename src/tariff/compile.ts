/**
 * Compiles a tariff, for one billing period and the meter's intervals, into linear statements
 * (PROTOCOL.md sections 4 and 5): each line item's fee is
 *
 *   fee = constant + Σ_k Σ_i w_{i,k} · q_{i,k}
 *
 * with public weights w (rates per base unit) over the committed amounts q_{i,k} of register k in
 * interval i. The verifier turns that into Σ w·C − (fee − constant)·G = ρ·H and checks a Schnorr proof.
 */
import { MeterproofError } from '../core/errors.js';
import type { Tariff } from './model.js';
import type { BillingPeriod } from './period.js';
import { checkTariffConsistency, energyPricer, fixedAmount, type Interval } from './rates.js';

export interface LinearTerm {
  readonly register: number;
  /** One weight per interval, in 10^-scale currency units per base unit. */
  readonly weights: bigint[];
}

export interface LinearItem {
  readonly component: string;
  readonly constant: bigint;
  readonly terms: LinearTerm[];
}

export function compileLinear(tariff: Tariff, period: BillingPeriod, intervals: readonly Interval[]): LinearItem[] {
  checkTariffConsistency(tariff);
  return tariff.components.map((c) => {
    if (c.kind !== 'fixed' && c.kind !== 'tou-energy' && c.kind !== 'interval-prices') {
      throw new MeterproofError('tariff.unsupported', `component "${c.name}" (${c.kind}) cannot be proven by this version yet`);
    }
    const pricer = energyPricer(c, tariff);
    const terms = pricer ? [{ register: pricer.register, weights: intervals.map((iv) => pricer.rate(iv)) }] : [];
    return { component: c.name, constant: fixedAmount(c, period), terms };
  });
}

/** Merges line items into one statement for the total: constants add, weights of a register add. */
export function combineItems(items: readonly LinearItem[], label = 'total'): LinearItem {
  let constant = 0n;
  const byRegister = new Map<number, bigint[]>();
  for (const it of items) {
    constant += it.constant;
    for (const t of it.terms) {
      const acc = byRegister.get(t.register);
      if (!acc) byRegister.set(t.register, [...t.weights]);
      else t.weights.forEach((w, i) => (acc[i]! += w));
    }
  }
  return { component: label, constant, terms: [...byRegister].map(([register, weights]) => ({ register, weights })) };
}
