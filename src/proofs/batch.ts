/**
 * Batch verification of sigma-protocol equations. Each check is an equation Σ_i s_i·P_i = 0 over public
 * scalars and points; a batch multiplies equation e by a fresh random weight β_e and checks
 *
 *   Σ_e β_e · Σ_i s_{e,i}·P_{e,i} = 0
 *
 * with one multi-scalar multiplication. If any equation fails, the sum is the identity with probability
 * at most 1/ℓ over the weights. Terms on the same point (G, H, a shared commitment) merge.
 */
import { msm } from '../core/msm.js';
import type { Point } from '../core/point.js';
import { randomScalar, scalar } from '../core/scalar.js';

export class EquationBatch {
  private readonly index = new Map<Point, number>();
  private readonly points: Point[] = [];
  private readonly scalars: bigint[] = [];
  private count = 0;

  /** Adds Σ terms[i][0]·terms[i][1] = 0 with a fresh random weight. */
  add(terms: ReadonlyArray<readonly [bigint, Point]>): void {
    const beta = randomScalar();
    this.count++;
    for (const [s, P] of terms) {
      const k = scalar(beta * s);
      // Stryker disable next-line ConditionalExpression: a zero term adds nothing to the sum; skipping it only saves work
      if (k === 0n) continue;
      let i = this.index.get(P);
      // Stryker disable next-line ConditionalExpression: a point given a second slot is summed twice in the MSM, the same total
      if (i === undefined) {
        i = this.points.length;
        this.index.set(P, i);
        this.points.push(P);
        this.scalars.push(0n);
      }
      // Stryker disable next-line ArithmeticOperator: subtracting every term instead negates the whole sum, which is 0 iff it was
      this.scalars[i] = scalar(this.scalars[i]! + k);
    }
  }

  get size(): number {
    return this.count;
  }

  /** True iff every equation added holds (with overwhelming probability). */
  check(): boolean {
    // Stryker disable next-line ConditionalExpression: the MSM of no points is the identity, so the shortcut gives the same answer
    if (this.points.length === 0) return true;
    return msm(this.points, this.scalars).is0();
  }
}
