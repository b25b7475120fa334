/**
 * Gadgets: relations built from the constraint system's primitives (PROTOCOL.md section 5).
 */
import { combine, constant, sub, type Expr } from './expr.js';
import type { Statement } from './system.js';

/**
 * Tier decomposition of a hidden amount x ≥ 0 with breakpoints 0 = b_0 < b_1 < … < b_{k−1} and widths
 * w_j = b_j − b_{j−1}:
 *
 *   x = Σ_j u_j,  u_j ∈ [0, w_j] (j < k),  u_k ∈ [0, 2^n),  and for j < k:  u_j = w_j ∨ u_{j+1} = 0.
 *
 * The fills are commitments U_1..U_{k−1} and U_k = Com(x) − Σ_{j<k} U_j (so the sum holds exactly, with
 * no proof). The OR conditions admit only the greedy fill u_j = clamp(x − b_{j−1}, 0, w_j): if some
 * u_{j+1} > 0, every earlier tier is full. So a price Σ rate_j·u_j is linear in the U_j.
 */
export function tierFills(st: Statement, x: Expr, bounds: readonly bigint[]): Expr[] {
  if (bounds.length === 0) return [x];
  const widths = bounds.map((b, j) => b - (j === 0 ? 0n : bounds[j - 1]!));
  const fills: Expr[] = [];
  let lo = 0n;
  for (const [j, b] of bounds.entries()) {
    const from = lo;
    fills.push(
      st.auxiliary(() => {
        const v = st.value(x);
        return v <= from ? 0n : v >= b ? b - from : v - from;
      }),
    );
    st.bounded(fills[j]!, widths[j]!);
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
  for (const x of xs) st.range(sub(D, x), 'free');
  return D;
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
