/**
 * Affine expressions over committed values: e = c + Σ_v a_v·x_v, where each variable x_v is a value
 * committed in a bill (a meter record's register, or an auxiliary commitment the prover adds). The
 * commitment to an expression is computed by anyone, Com(e) = c·G + Σ a_v·C_v, and its opening by the
 * prover, (c + Σ a_v·x_v, Σ a_v·r_v), so statements about expressions need no new commitments.
 */
import { G } from '../core/generators.js';
import { IDENTITY, onBackendChange, sumPoints, type Point } from '../core/point.js';
import { scalar } from '../core/scalar.js';

export interface Expr {
  readonly c: bigint;
  /** variable id → coefficient; no zero coefficients. */
  readonly terms: ReadonlyMap<number, bigint>;
}

export const constant = (c: bigint): Expr => ({ c, terms: new Map() });
export const variable = (id: number): Expr => ({ c: 0n, terms: new Map([[id, 1n]]) });

/** Σ_k a_k·e_k + c. */
export function combine(parts: ReadonlyArray<readonly [bigint, Expr]>, c = 0n): Expr {
  const terms = new Map<number, bigint>();
  let k = c;
  for (const [a, e] of parts) {
    if (a === 0n) continue;
    k += a * e.c;
    for (const [v, b] of e.terms) {
      const x = (terms.get(v) ?? 0n) + a * b;
      if (x === 0n) terms.delete(v);
      else terms.set(v, x);
    }
  }
  return { c: k, terms };
}

export const add = (a: Expr, b: Expr): Expr => combine([[1n, a], [1n, b]]);
export const sub = (a: Expr, b: Expr): Expr => combine([[1n, a], [-1n, b]]);
export const scale = (k: bigint, a: Expr): Expr => combine([[k, a]]);

/** k·P for a small public k ≥ 0 by doubling and adding: much cheaper than a scalar multiplication. */
function smallMultiple(P: Point, k: bigint): Point {
  let acc = IDENTITY;
  let base = P;
  let n = k;
  while (n > 0n) {
    if (n & 1n) acc = acc.add(base);
    n >>= 1n;
    if (n > 0n) base = base.double();
  }
  return acc;
}

/**
 * c·G for the constants of expressions. A few distinct ones (tier widths, breakpoints) recur in the
 * constraints of every reading, 5,760 times in a month of per-reading block prices, so each is
 * multiplied once. Public values only; the cache is bounded, and emptied when the group backend changes.
 */
const constantPoints = new Map<bigint, Point>();
onBackendChange(() => constantPoints.clear());
function constantPoint(k: bigint): Point {
  let P = constantPoints.get(k);
  if (!P) {
    if (constantPoints.size >= 4096) constantPoints.clear();
    constantPoints.set(k, (P = G.multiplyUnsafe(scalar(k))));
  }
  return P;
}

/**
 * Com(e) = c·G + Σ a_v·C_v. Equal coefficients are summed first (one batch sum per coefficient, so a
 * sum of many records costs point additions), then one multiplication per distinct coefficient.
 */
export function exprPoint(e: Expr, pointOf: (id: number) => Point): Point {
  const groups = new Map<bigint, Point[]>();
  for (const [v, a] of e.terms) {
    const g = groups.get(a);
    if (g) g.push(pointOf(v));
    else groups.set(a, [pointOf(v)]);
  }
  let acc = IDENTITY;
  for (const [a, list] of groups) {
    const S = list.length === 1 ? list[0]! : sumPoints(list);
    if (a === 1n) acc = acc.add(S);
    else if (a === -1n) acc = acc.subtract(S);
    else if (a > 0n && a < 256n) acc = acc.add(smallMultiple(S, a));
    else if (a < 0n && a > -256n) acc = acc.subtract(smallMultiple(S, -a));
    else acc = acc.add(S.multiplyUnsafe(scalar(a)));
  }
  const k = scalar(e.c);
  return k === 0n ? acc : acc.add(constantPoint(k));
}
