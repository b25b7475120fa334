/**
 * Multi-scalar multiplication (MSM), variable time, for PUBLIC or already-randomised scalars:
 *
 *   msm([P_0, …, P_{n−1}], [s_0, …, s_{n−1}]) = Σ_i s_i·P_i        (P_i ∈ ristretto255, s_i ∈ [0, 2^253))
 *
 * The algorithms (Straus for a few points, Pippenger with signed buckets above) live in the backend:
 * wasm/src/ristretto255.c for the WebAssembly one, backend/noble-msm.ts for noble. Nothing here is
 * constant time: timing depends on the scalars. Provers feed it only scalars that are public or that are
 * fresh uniformly random blinders (see docs/rangeproof.md, "Side channels", and docs/backend.md).
 */
// @ts-nocheck

import { backend } from './backend/index.js';
import { msmCost as nobleMsmCost, nobleMsm, pippengerWindow, STRAUS_THRESHOLD } from './backend/noble-msm.js';
import type { Point } from './point.js';
import { scalar } from './scalar.js';

export { nobleMsm, pippengerWindow, STRAUS_THRESHOLD };

/** Σ s_i·P_i for public scalars in [0, 2^253). Variable time. */
export function msm(points: readonly Point[], scalars: readonly bigint[]): Point {
  if (points.length !== scalars.length) throw new RangeError('msm: points and scalars differ in length');
  return backend().msm(points, scalars);
}

/**
 * Σ w_i·P_i for small public integer weights of either sign (the verifiers' Σ wᵢ·Cᵢ): the weights are
 * reduced mod ℓ. Variable time.
 */
export function linearCombination(points: readonly Point[], weights: readonly bigint[]): Point {
  return msm(points, weights.map((w) => scalar(w)));
}

/**
 * Estimated cost of an MSM on k nonzero terms, in field multiplications. Provers use it to plan work
 * (the inner-product argument's folding schedule); the relative costs are what matter, and both
 * backends run the same algorithms.
 */
export function msmCost(k: number): number {
  return nobleMsmCost(k);
}

/** (x, y) of each point's Edwards representative, 64 bytes per point (one shared inversion): the generator cache format. */
export function toAffineBytes(ps: readonly Point[]): Uint8Array {
  return backend().toAffineBytes(ps);
}

/**
 * Reads `toAffineBytes` back. Throws EncodingError('encoding.point') for a coordinate ≥ p or a pair
 * that is not on the curve −x² + y² = 1 + d·x²·y². (Being on the curve does not make a point the
 * intended one: the caller must check where the table came from.)
 */
export function fromAffineBytes(b: Uint8Array): Point[] {
  return backend().fromAffineBytes(b);
}

/** Whether a point is the identity. */
export function isIdentity(p: Point): boolean {
  return p.is0();
}
