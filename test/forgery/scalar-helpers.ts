/** Scalar arithmetic the range forgeries use, re-exported under the names they read best by. */
export { ORDER, scalar, type Scalar } from '../../src/core/scalar.js';
import { ORDER, type Scalar } from '../../src/core/scalar.js';

/** a − b mod ℓ. */
export function ssubOrder(a: bigint, b: bigint): Scalar {
  return ((((a - b) % ORDER) + ORDER) % ORDER) as Scalar;
}
