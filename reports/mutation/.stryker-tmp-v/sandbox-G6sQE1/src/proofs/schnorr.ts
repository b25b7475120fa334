/**
 * Schnorr proof of knowledge of a discrete log to a fixed base:
 *
 *   PoK{ x : P = x·B }
 *
 * Prover: k ← nonce (the transcript's witness rng, bound to the statement and x), R = k·B, c = Hash(transcript ‖ B ‖ P ‖ R), s = k + c·x.
 * Verifier: c as above, accept iff s·B = R + c·P.
 *
 * The caller must already have appended the statement that defines P to the transcript.
 */
// @ts-nocheck

import type { Point } from '../core/point.js';
import { decodeParts, encodeParts } from './codec.js';
import { add, mul, neg, ONE, scalarToBytes, type Scalar } from '../core/scalar.js';
import type { Transcript } from '../core/transcript.js';
import type { EquationBatch } from './batch.js';

export interface SchnorrProof {
  readonly R: Point;
  readonly s: Scalar;
}

export const SCHNORR_PROOF_BYTES = 64;

export function proveSchnorr(t: Transcript, base: Point, P: Point, x: Scalar): SchnorrProof {
  t.appendPoint('schnorr.B', base);
  t.appendPoint('schnorr.P', P);
  const k = t.witnessRng('schnorr.witness', [scalarToBytes(x)]).scalar('schnorr.k');
  const R = base.multiply(k);
  t.appendPoint('schnorr.R', R);
  const c = t.challengeScalar('schnorr.c');
  return { R, s: add(k, mul(c, x)) };
}

export function verifySchnorr(t: Transcript, base: Point, P: Point, proof: SchnorrProof): boolean {
  t.appendPoint('schnorr.B', base);
  t.appendPoint('schnorr.P', P);
  t.appendPoint('schnorr.R', proof.R);
  const c = t.challengeScalar('schnorr.c');
  // s·B − c·P = R
  const lhs = base.multiplyUnsafe(proof.s).subtract(P.multiplyUnsafe(c));
  return lhs.equals(proof.R);
}

/** Adds the verification equation s·B − R − c·P = 0 to a batch, for checking many proofs at once. */
export function batchSchnorr(batch: EquationBatch, t: Transcript, base: Point, P: Point, proof: SchnorrProof): void {
  t.appendPoint('schnorr.B', base);
  t.appendPoint('schnorr.P', P);
  t.appendPoint('schnorr.R', proof.R);
  const c = t.challengeScalar('schnorr.c');
  batch.add([
    [proof.s, base],
    [neg(ONE), proof.R],
    [neg(c), P],
  ]);
}

export function encodeSchnorr(p: SchnorrProof): Uint8Array {
  return encodeParts([p.R], [p.s]);
}

/** Throws EncodingError on non-canonical parts. */
export function decodeSchnorr(b: Uint8Array): SchnorrProof {
  const { points, scalars } = decodeParts(b, 1, 1, 'a Schnorr proof');
  return { R: points[0]!, s: scalars[0]! };
}
