/**
 * What a tariff may contain so that every bill under it is proven exactly (docs/bounds.md).
 *
 * 1. Integer limits. A proof shows its relations mod ℓ; a revealed figure equals the tariff applied to the
 *    readings as an integer only when both are far below ℓ (src/core/bounds.ts). So every rate, amount and
 *    breakpoint has |x| < 2^64, a tariff has at most 64 components, and the capacity is a reading the
 *    meter can record. With readings below 2^48 and at most 2^20 records, every linear, tiered, block,
 *    net and demand component's fee then stays below 2^148 and the total below 2^154 < 2^160, the most a
 *    bill may reveal: honest figures always fit. A polynomial's powers grow too fast for a static bound
 *    (q³ alone may reach 2^144): its readings are range-proved below the capacity, and the compiler checks
 *    every fee's bound exactly, statement by statement, refusing a statement that could exceed 2^160
 *    (src/tariff/compile.ts).
 * 2. Monotone where the proof is one-sided. The max gadget proves D ≥ every interval's demand, not
 *    D = the peak: a user may overstate D. That is harmless only if the charge never falls as D grows,
 *    so every demand tier's rate is ≥ 0 (Σ_j rate_j·u_j(D) is then non-decreasing in D, for declining
 *    blocks too). Every other hidden quantity is pinned exactly (tier fills by OR proofs, net parts by
 *    P·M = 0, powers by product proofs), so other rates may be negative (credits).
 */
// @ts-nocheck

import { READING_MAX } from '../core/bounds.js';
import { MeterproofError } from '../core/errors.js';
import type { Tariff } from './model.js';

/** |rate|, |amount| and every tier breakpoint are below 2^64. */
export const RATE_LIMIT = 1n << 64n;
/** The most components a tariff may have. */
export const COMPONENTS_MAX = 64;

const invalid = (msg: string): never => {
  throw new MeterproofError('tariff.invalid', msg);
};

function limited(component: string, field: string, text: string, positive = false): bigint {
  const v = BigInt(text);
  if (v <= -RATE_LIMIT || v >= RATE_LIMIT) invalid(`component "${component}": ${field} ${text} is out of range: its size must be below 2^64 (18,446,744,073,709,551,616) units`);
  if (positive && v <= 0n) invalid(`component "${component}": ${field} must be above 0, not ${text}`);
  return v;
}

/** Throws MeterproofError 'tariff.invalid' naming the component and field that breaks a limit. */
export function checkTariffLimits(t: Tariff): void {
  if (t.components.length > COMPONENTS_MAX) invalid(`a tariff has at most ${COMPONENTS_MAX} components, this one ${t.components.length}`);
  if (t.capacity !== undefined) {
    const c = BigInt(t.capacity);
    if (c < 1n || c > READING_MAX) invalid(`capacity ${t.capacity} must be between 1 and 2^48 − 1 ${t.unit} per hour`);
  }
  for (const c of t.components) {
    switch (c.kind) {
      case 'fixed':
      case 'minimum':
        limited(c.name, 'amount', c.amount);
        break;
      case 'tou-energy':
        c.periods.forEach((p) => limited(c.name, `period "${p.label}" rate`, p.rate));
        break;
      case 'interval-prices':
        c.prices.forEach((p, i) => limited(c.name, `price slot ${i} rate`, p.rate));
        break;
      case 'net-energy':
        c.periods.forEach((p) => {
          limited(c.name, `period "${p.label}" buy rate`, p.buy);
          limited(c.name, `period "${p.label}" sell rate`, p.sell);
        });
        break;
      case 'tiered-energy':
      case 'block-energy':
      case 'demand':
        c.periods.forEach((p) =>
          p.tiers.forEach((tier, j) => {
            const rate = limited(c.name, `period "${p.label}" tier ${j + 1} rate`, tier.rate);
            if (tier.upTo !== undefined) limited(c.name, `period "${p.label}" tier ${j + 1} upTo`, tier.upTo, true);
            if (c.kind === 'demand' && rate < 0n) {
              invalid(
                `component "${c.name}": period "${p.label}" tier ${j + 1} has a negative demand rate (${tier.rate}); demand charges must not fall as demand grows, because the proof bounds the peak from one side only (a user could overstate it)`,
              );
            }
          }),
        );
        break;
      case 'polynomial-energy':
        c.coefficients.forEach((a, k) => limited(c.name, `coefficient ${k + 1}`, a));
        break;
    }
  }
}
