/**
 * Which linear statements a bill proves. Not itemised: one, the total. Itemised: one per component
 * that depends on readings; a component that is only a constant (a fixed charge) is checked by
 * arithmetic and needs no proof. Each proven claim j is
 *
 *   Σ_k Σ_i w_{i,k}·C_{i,k} − (fee_j − constant_j)·G = ρ_j·H,   with a Schnorr proof of knowledge of ρ_j.
 */
import { combineItems, type LinearItem } from '../tariff/compile.js';

export function provenClaims(items: readonly LinearItem[], itemised: boolean): LinearItem[] {
  if (!itemised) return [combineItems(items)];
  return items.filter((it) => it.terms.length > 0);
}
