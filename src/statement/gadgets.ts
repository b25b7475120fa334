/**
 * Gadgets: relations built from the constraint system's primitives (PROTOCOL.md section 5).
 */
import { combine, constant, sub, type Expr } from './expr.js';
import { bitsFor, type RangeSpec, type Statement } from './system.js';

/**
 * Tier decomposition of a hidden amount x ≥ 0 with breakpoints 0 = b_0 < b_1 < … < b_{k−1} and widths
 * w_j = b_j − b_{j−1}. The fills are commitments U_1..U_{k−1} and U_k = Com(x) − Σ_{j<k} U_j (so the sum
 * holds exactly, with no proof), and the constraints are
 *
 *   for j < k:  u_j = w_j ∨ u_{j+1} = 0        (CDS OR)
 *   for j < k:  w_j − u_j ∈ [0, 2^n)            (upper bounds)
 *   for j > 1:  u_j ∈ [0, 2^n)                  (lower bounds)
 *
 * They admit only the greedy fill u_j = clamp(x − b_{j−1}, 0, w_j). Let t be the last tier with
 * u_t ≠ 0: the ORs make every earlier tier full (u_{t−1} = w_{t−1} ≠ 0 forces u_{t−2} = w_{t−2}, and so
 * on) and every later one empty, so u_t = x − b_{t−1}, and the bounds put it in [0, w_t] (in [0, 2^n)
 * for t = k). For t = 1, u_1 = x ≥ 0 already, which is why u_1 needs no lower bound: PROTOCOL.md's
 * "u_j ∈ [0, w_j]" with one range proof fewer per decomposition. x ≥ 0 holds for every caller: x is a sum
 * of meter readings, or a maximum proven to be at least one.
 * So a price Σ rate_j·u_j is linear in the U_j, even for declining rates.
 */
export function tierFills(st: Statement, x: Expr, bounds: readonly bigint[]): Expr[] {
  if (bounds.length === 0) return [x];
  const widths = bounds.map((b, j) => b - (j === 0 ? 0n : bounds[j - 1]!));
  const fills: Expr[] = [];
  let lo = 0n;
  for (const [j, b] of bounds.entries()) {
    const from = lo;
    const u = st.auxiliary(() => {
      const v = st.value(x);
      return v <= from ? 0n : v >= b ? b - from : v - from;
    });
    fills.push(u);
    const n = bitsFor(widths[j]!);
    st.range(sub(constant(widths[j]!), u), n);
    if (j > 0) st.range(u, n);
    lo = b;
  }
  const last = combine(fills.map((f) => [-1n, f] as const), 0n);
  fills.push(combine([[1n, x], [1n, last]]));
  st.range(fills[fills.length - 1]!, 'free');
  for (let j = 0; j < widths.length; j++) st.zeroOr(sub(constant(widths[j]!), fills[j]!), fills[j + 1]!);
  return fills;
}

/**
 * The max gadget: a committed D with D − x_i ∈ [0, 2^n) for every i, so D ≥ max_i x_i. A prover who
 * overstates D only overpays (prices of D are non-decreasing), so attaining the maximum needs no proof.
 */
export function maximum(st: Statement, xs: readonly Expr[]): Expr {
  const D = st.auxiliary(() => xs.reduce((m, x) => {
    const v = st.value(x);
    return v > m ? v : m;
  }, 0n));
  upperBound(st, D, xs, 'free');
  return D;
}

/**
 * The max gadget's constraints for any D, committed or public: D − x_i ∈ [0, 2^n) for every i, so
 * D ≥ max_i x_i. A disclosed maximum (src/disclosure) uses a public D and a fixed n, and adds a one-of
 * proof that D is attained, since a disclosure must be exact.
 */
export function upperBound(st: Statement, D: Expr, xs: readonly Expr[], n: RangeSpec): void {
  for (const x of xs) st.range(sub(D, x), n);
}

/** Committed powers x², …, x^d of x, each proven by a product proof: P_k = P_{k−1}·x. */
export function powers(st: Statement, x: Expr, degree: number): Expr[] {
  const out = [x];
  for (let k = 2; k <= degree; k++) {
    const prev = out[out.length - 1]!;
    const p = st.auxiliary(() => st.value(prev) * st.value(x));
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
export function netSplit(st: Statement, net: Expr): { pos: Expr; neg: Expr } {
  const pos = st.auxiliary(() => {
    const v = st.value(net);
    return v > 0n ? v : 0n;
  });
  const neg = sub(pos, net);
  st.range(pos, 'free');
  st.range(neg, 'free');
  st.zeroOr(pos, neg);
  return { pos, neg };
}
