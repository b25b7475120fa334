/**
 * Pedersen commitments Com(v, r) = v·G + r·H: binding under discrete log, perfectly hiding for uniform r.
 */
import { G, H } from './generators.js';
import { mul, type Point } from './point.js';
import { scalar, type Scalar } from './scalar.js';

export function commit(value: bigint | number, blinding: Scalar): Point {
  return mul(G, scalar(value)).add(mul(H, blinding));
}

