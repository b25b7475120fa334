/**
 * Which figures a bill reveals and proves. Not itemised: one, the total of the priced components (the
 * subtotal, when a minimum charge tops it up). Itemised: one per component that depends on readings;
 * a constant component (a fixed charge) and the minimum's top-up are checked by arithmetic. Each proven
 * claim with revealed value F is
 *
 *   Com(e) − F·G = ρ·H,   with a Schnorr proof of knowledge of ρ,
 *
 * where e is the component's fee expression over record and auxiliary commitments.
 */
// @ts-nocheck

import { combine, type Expr } from '../statement/expr.js';
import type { CompiledItem } from '../tariff/compile.js';

export interface Claim {
  readonly component: string;
  readonly fee: Expr;
}

export function provenClaims(items: readonly CompiledItem[], itemised: boolean): Claim[] {
  const priced = items.filter((i) => i.minimum === undefined);
  if (!itemised) return [{ component: 'total', fee: combine(priced.map((i) => [1n, i.fee] as const)) }];
  return priced.filter((i) => i.fee.terms.size > 0);
}

/** The minimum charge's top-up for a revealed subtotal of everything else. */
export function topUp(items: readonly CompiledItem[], subtotal: bigint): bigint {
  const m = items.find((i) => i.minimum !== undefined)?.minimum;
  return m !== undefined && subtotal < m ? m - subtotal : 0n;
}
