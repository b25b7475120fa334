/**
 * Gadgets: relations built from the constraint system's primitives (PROTOCOL.md section 5).
 */
// @ts-nocheck

import type { RangeBits } from '../proofs/rangeproof/index.js';
import { combine, constant, sub, type Expr } from './expr.js';
import { bitsFor, type Statement } from './system.js';

/** max(w, 0). */
const atLeast0 = (w: bigint): bigint => (w > 0n ? w : 0n);

/**
 * Tier decomposition of a hidden amount x ≥ 0 with breakpoints 0 = b_0 < b_1 < … < b_{k−1} and widths
 * w_j = b_j − b_{j−1}. The fills are commitments U_1..U_{k−1} and U_k = Com(x) − Σ_{j<k} U_j (so the sum
 * holds exactly, with no proof), and the constraints are
 *
 *   for j < k:  u_j = w_j ∨ u_{j+1} = 0        (CDS OR)
 *   for j < k:  w_j − u_j ∈ [0, 2^n_j)          (upper bounds, 2^n_j > w_j)
 *   for j > 1:  u_j ∈ [0, 2^n_j)                (lower bounds; for j = k, 2^n_k > xMax − b_{k−1})
 *
 * `xMax` is a public bound on x (the tariff's capacity times the hours counted), so every width is public:
 * the proofs' shape does not tell how far x went past the last breakpoint. An honest prover whose x
 * exceeds xMax cannot prove; that is the tariff's capacity being exceeded, not a soundness question.
 *
 * They admit only the greedy fill u_j = clamp(x − b_{j−1}, 0, w_j). Let t be the last tier with
 * u_t ≠ 0: the ORs make every earlier tier full (u_{t−1} = w_{t−1} ≠ 0 forces u_{t−2} = w_{t−2}, and so
 * on) and every later one empty, so u_t = x − b_{t−1}, and the bounds put it in [0, w_t] (in [0, 2^n)
 * for t = k). For t = 1, u_1 = x ≥ 0 already, which is why u_1 needs no lower bound: PROTOCOL.md's
 * "u_j ∈ [0, w_j]" with one range proof fewer per decomposition. x ≥ 0 holds for every caller: x is a sum
 * of meter readings, or a maximum proven to be at least one.
 * So a price Σ rate_j·u_j is linear in the U_j, even for declining rates.
 */
export function tierFills(st: Statement, x: Expr, bounds: readonly bigint[], xMax: bigint, what = 'an amount'): Expr[] {
  if (bounds.length === 0) return [x];
  const widths = bounds.map((b, j) => b - (j === 0 ? 0n : bounds[j - 1]!));
  const fills: Expr[] = [];
  let lo = 0n;
  for (const [j, b] of bounds.entries()) {
    const from = lo;
    // The constraints below make u_j the greedy fill, an integer in [0, w_j].
    const u = st.auxiliary(() => {
      const v = st.value(x);
      return v <= from ? 0n : v >= b ? b - from : v - from;
    }, widths[j]!);
    fills.push(u);
    const n = bitsFor(widths[j]!);
    st.range(sub(constant(widths[j]!), u), n);
    if (j > 0) st.range(u, n);
    lo = b;
  }
  const last = combine(fills.map((f) => [-1n, f] as const), 0n);
  fills.push(combine([[1n, x], [1n, last]]));
  st.range(fills[fills.length - 1]!, bitsFor(atLeast0(xMax - lo)), `${what} above its last breakpoint`);
  for (let j = 0; j < widths.length; j++) st.zeroOr(sub(constant(widths[j]!), fills[j]!), fills[j + 1]!);
  return fills;
}

/**
 * The max gadget: a committed D with D − x_i ∈ [0, 2^n) for every i, so D ≥ max_i x_i. A prover who
 * overstates D only overpays, because the tariff validator admits only prices of D that never fall as D
 * grows (src/tariff/limits.ts), so attaining the maximum needs no proof.
 *
 * `xMax` is a public bound on every x_i (the tariff's capacity as a demand), and 2^n > xMax: an honest
 * D − x_i lies in [0, xMax], so n, and the proof's size, depend on public data only. As an integer,
 * D = x_i + r_i with 0 ≤ r_i < 2^n, so |D| ≤ max_i B(x_i) + 2^n.
 */
export function maximum(st: Statement, xs: readonly Expr[], xMax: bigint, what = 'a maximum'): Expr {
  const n = bitsFor(xMax);
  const bx = xs.reduce((m, x) => (st.bound(x) > m ? st.bound(x) : m), 0n);
  const D = st.auxiliary(() => xs.reduce((m, x) => {
    const v = st.value(x);
    return v > m ? v : m;
  }, 0n), bx + (1n << BigInt(n)));
  upperBound(st, D, xs, n, what);
  return D;
}

/**
 * The max gadget's constraints for any D, committed or public: D − x_i ∈ [0, 2^n) for every i, so
 * D ≥ max_i x_i. A disclosed maximum (src/disclosure) uses a public D and a fixed n, and adds a one-of
 * proof that D is attained, since a disclosure must be exact.
 */
export function upperBound(st: Statement, D: Expr, xs: readonly Expr[], n: RangeBits, what?: string): void {
  for (const x of xs) st.range(sub(D, x), n, what);
}

/** Committed powers x², …, x^d of x, each proven by a product proof: P_k = P_{k−1}·x. */
export function powers(st: Statement, x: Expr, degree: number): Expr[] {
  const out = [x];
  for (let k = 2; k <= degree; k++) {
    const prev = out[out.length - 1]!;
    // P_k ≡ P_{k−1}·x (mod ℓ), and |P_{k−1}·x| ≤ B(P_{k−1})·B(x) < ℓ/2, so P_k = x^k as an integer.
    const p = st.auxiliary(() => st.value(prev) * st.value(x), st.bound(prev) * st.bound(x));
    st.product(prev, x, p);
    out.push(p);
  }
  return out;
}

/**
 * Splits a hidden net amount N (any sign) into its positive and negative parts,
 * N = P − M with P = max(N, 0) and M = max(−N, 0) (net metering: energy bought and energy sold). The
 * prover commits P; M = P − N is an expression anyone computes (Com(M) = Com(P) − Com(N)), and the
 * constraints are
 *
 *   P ∈ [0, 2^n),   M = P − N ∈ [0, 2^n),   P = 0 ∨ M = 0   (CDS OR).
 *
 * Soundness: the range proofs make P and M integers in [0, 2^n) with n ≤ 64, and P − M ≡ N (mod ℓ);
 * P − M lies in (−2^64, 2^64) and N, a sum of meter readings, far inside (−ℓ/2 + 2^64, ℓ/2 − 2^64), so
 * P − M = N as integers. If P = 0 then M = −N ≥ 0,
 * so N ≤ 0 and (P, M) = (0, −N); if M = 0 then P = N ≥ 0 and (P, M) = (N, 0). Either way (P, M) =
 * (max(N, 0), max(−N, 0)): the split is unique, so any price buy·P − sell·M is determined by N, whatever
 * the rates. (Without the OR a prover could add d to both parts; that changes the fee by (buy − sell)·d,
 * which lowers it when sell > buy.)
 */
export function netSplit(st: Statement, net: Expr, netMax: bigint, what = 'a net amount'): { pos: Expr; neg: Expr } {
  // `netMax` is a public bound on |N| (capacity times hours), so the width is public.
  const n = bitsFor(netMax);
  const pos = st.auxiliary(() => {
    const v = st.value(net);
    return v > 0n ? v : 0n;
  }, (1n << BigInt(n)) - 1n);
  const neg = sub(pos, net);
  st.range(pos, n, what);
  st.range(neg, n, what);
  st.zeroOr(pos, neg);
  return { pos, neg };
}
