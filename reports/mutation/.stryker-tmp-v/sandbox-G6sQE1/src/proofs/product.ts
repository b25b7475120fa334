/**
 * Product proof: P commits to the product of the values in A and B.
 *
 *   PoK{ a, r_a, τ : A = a·G + r_a·H  ∧  P = a·B + τ·H }
 *
 * If A = a·G + r_a·H, B = b·G + r_b·H and P = ab·G + r_p·H, then P = a·B + (r_p − a·r_b)·H, so
 * τ = r_p − a·r_b. Conversely, binding of the commitments makes P commit to a·b.
 * Prover: k_a, k_r, k_τ ← nonces; T_1 = k_a·G + k_r·H; T_2 = k_a·B + k_τ·H; c = Hash(…);
 *   z_a = k_a + c·a, z_r = k_r + c·r_a, z_τ = k_τ + c·τ.
 * Verifier: z_a·G + z_r·H = T_1 + c·A and z_a·B + z_τ·H = T_2 + c·P.
 */
// @ts-nocheck

import { G, H } from '../core/generators.js';
import type { Point } from '../core/point.js';
import { decodeParts, encodeParts } from './codec.js';
import { add, mul, neg, scalarToBytes, type Scalar } from '../core/scalar.js';
import type { Transcript } from '../core/transcript.js';
import type { EquationBatch } from './batch.js';

export interface ProductProof {
  readonly T1: Point;
  readonly T2: Point;
  readonly za: Scalar;
  readonly zr: Scalar;
  readonly zt: Scalar;
}

export const PRODUCT_PROOF_BYTES = 160;

function bindStatement(t: Transcript, A: Point, B: Point, P: Point): void {
  t.appendPoint('product.A', A);
  t.appendPoint('product.B', B);
  t.appendPoint('product.P', P);
}

function bind(t: Transcript, A: Point, B: Point, P: Point, T1: Point, T2: Point): Scalar {
  bindStatement(t, A, B, P);
  return bindCommitments(t, T1, T2);
}

function bindCommitments(t: Transcript, T1: Point, T2: Point): Scalar {
  t.appendPoint('product.T1', T1);
  t.appendPoint('product.T2', T2);
  return t.challengeScalar('product.c');
}

/** a, ra: the opening of A; tau = r_P − a·r_B. */
export function proveProduct(t: Transcript, A: Point, B: Point, P: Point, a: Scalar, ra: Scalar, tau: Scalar): ProductProof {
  bindStatement(t, A, B, P); // nonces depend on the statement, not only on the witness
  const rng = t.witnessRng('product.witness', [scalarToBytes(a), scalarToBytes(ra), scalarToBytes(tau)]);
  const ka = rng.scalar('product.ka');
  const kr = rng.scalar('product.kr');
  const kt = rng.scalar('product.kt');
  const T1 = G.multiply(ka).add(H.multiply(kr));
  const T2 = B.multiply(ka).add(H.multiply(kt));
  const c = bindCommitments(t, T1, T2);
  return { T1, T2, za: add(ka, mul(c, a)), zr: add(kr, mul(c, ra)), zt: add(kt, mul(c, tau)) };
}

export function batchProduct(batch: EquationBatch, t: Transcript, A: Point, B: Point, P: Point, p: ProductProof): void {
  const c = bind(t, A, B, P, p.T1, p.T2);
  const minus1 = neg(1n as Scalar);
  batch.add([
    [p.za, G],
    [p.zr, H],
    [minus1, p.T1],
    [neg(c), A],
  ]);
  batch.add([
    [p.za, B],
    [p.zt, H],
    [minus1, p.T2],
    [neg(c), P],
  ]);
}

export function verifyProduct(t: Transcript, A: Point, B: Point, P: Point, p: ProductProof): boolean {
  const c = bind(t, A, B, P, p.T1, p.T2);
  const ok1 = G.multiplyUnsafe(p.za).add(H.multiplyUnsafe(p.zr)).equals(p.T1.add(A.multiplyUnsafe(c)));
  const ok2 = B.multiplyUnsafe(p.za).add(H.multiplyUnsafe(p.zt)).equals(p.T2.add(P.multiplyUnsafe(c)));
  return ok1 && ok2;
}

export function encodeProduct(p: ProductProof): Uint8Array {
  return encodeParts([p.T1, p.T2], [p.za, p.zr, p.zt]);
}

export function decodeProduct(b: Uint8Array): ProductProof {
  const { points, scalars } = decodeParts(b, 2, 3, 'a product proof');
  return { T1: points[0]!, T2: points[1]!, za: scalars[0]!, zr: scalars[1]!, zt: scalars[2]! };
}
