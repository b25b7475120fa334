/**
 * CDS OR proof (Cramer, Damgård, Schoenmakers 1994) of two discrete logs to the base H:
 *
 *   PoK{ x : P_1 = x·H }  ∨  PoK{ x : P_2 = x·H }
 *
 * used to show that one of two commitments opens to 0 (P = v·G + r·H with v = 0 is a multiple of H).
 * The prover answers the true branch honestly and simulates the other: for the false branch b it picks
 * c_b, s_b and sets R_b = s_b·H − c_b·P_b; for the true branch a it sets R_a = k·H. With
 * c = Hash(transcript ‖ P_1 ‖ P_2 ‖ R_1 ‖ R_2), c_a = c − c_b and s_a = k + c_a·x.
 * The verifier checks c_1 + c_2 = c and s_i·H = R_i + c_i·P_i for i = 1, 2.
 * The proof sends R_1, R_2, c_1, s_1, s_2 (160 bytes): with the R_i the two equations batch.
 */
import { H } from '../core/generators.js';
import type { Point } from '../core/point.js';
import { decodeParts, decodePartsMany, encodeParts } from './codec.js';
import { add, mul, neg, scalarToBytes, sub, type Scalar } from '../core/scalar.js';
import type { Transcript } from '../core/transcript.js';
import type { EquationBatch } from './batch.js';

export interface OrProof {
  readonly R1: Point;
  readonly R2: Point;
  readonly c1: Scalar;
  readonly s1: Scalar;
  readonly s2: Scalar;
}

export const OR_PROOF_BYTES = 160;

function bindStatement(t: Transcript, P1: Point, P2: Point): void {
  t.appendPoint('or.P1', P1);
  t.appendPoint('or.P2', P2);
}

function bindCommitments(t: Transcript, R1: Point, R2: Point): Scalar {
  t.appendPoint('or.R1', R1);
  t.appendPoint('or.R2', R2);
  return t.challengeScalar('or.c');
}

function bind(t: Transcript, P1: Point, P2: Point, R1: Point, R2: Point): Scalar {
  bindStatement(t, P1, P2);
  return bindCommitments(t, R1, R2);
}

/** `which` names the true branch (1: P1 = x·H, 2: P2 = x·H); x is its witness. */
export function proveOr(t: Transcript, P1: Point, P2: Point, which: 1 | 2, x: Scalar): OrProof {
  // Nonces and the simulated branch come from the transcript (statement included), the witness and
  // fresh randomness (the transcript's witness rng), each under its own label: a repeated or seeded RNG
  // cannot make two of them equal, nor two different statements share them.
  bindStatement(t, P1, P2);
  const rng = t.witnessRng('or.witness', [scalarToBytes(x), Uint8Array.of(which)]);
  const cSim = rng.scalar('or.c-sim');
  const sSim = rng.scalar('or.s-sim');
  const k = rng.scalar('or.k');
  const Psim = which === 1 ? P2 : P1;
  const Rsim = H.multiply(sSim).subtract(Psim.multiplyUnsafe(cSim));
  const Rtrue = H.multiply(k);
  const [R1, R2] = which === 1 ? [Rtrue, Rsim] : [Rsim, Rtrue];
  const c = bindCommitments(t, R1, R2);
  const cTrue = sub(c, cSim);
  const sTrue = add(k, mul(cTrue, x));
  return which === 1 ? { R1, R2, c1: cTrue, s1: sTrue, s2: sSim } : { R1, R2, c1: cSim, s1: sSim, s2: sTrue };
}

/** Adds the proof's two verification equations to a batch (checked later, all at once). */
export function batchOr(batch: EquationBatch, t: Transcript, P1: Point, P2: Point, p: OrProof): void {
  const c = bind(t, P1, P2, p.R1, p.R2);
  const c2 = sub(c, p.c1);
  // s_1·H − R_1 − c_1·P_1 = 0 and s_2·H − R_2 − c_2·P_2 = 0
  batch.add([
    [p.s1, H],
    [neg(1n as Scalar), p.R1],
    [neg(p.c1), P1],
  ]);
  batch.add([
    [p.s2, H],
    [neg(1n as Scalar), p.R2],
    [neg(c2), P2],
  ]);
}

export function verifyOr(t: Transcript, P1: Point, P2: Point, p: OrProof): boolean {
  const c = bind(t, P1, P2, p.R1, p.R2);
  const c2 = sub(c, p.c1);
  return H.multiplyUnsafe(p.s1).equals(p.R1.add(P1.multiplyUnsafe(p.c1))) && H.multiplyUnsafe(p.s2).equals(p.R2.add(P2.multiplyUnsafe(c2)));
}

export function encodeOr(p: OrProof): Uint8Array {
  return encodeParts([p.R1, p.R2], [p.c1, p.s1, p.s2]);
}

export function decodeOr(b: Uint8Array): OrProof {
  const { points, scalars } = decodeParts(b, 2, 3, 'an OR proof');
  return { R1: points[0]!, R2: points[1]!, c1: scalars[0]!, s1: scalars[1]!, s2: scalars[2]! };
}

/** Many OR proofs (hex) with one batch decoding of their points; null if any is malformed (then decode one by one). */
export function decodeOrMany(hexes: readonly string[]): OrProof[] | null {
  return decodePartsMany(hexes, 2, 3)?.map(({ points, scalars }) => ({ R1: points[0]!, R2: points[1]!, c1: scalars[0]!, s1: scalars[1]!, s2: scalars[2]! })) ?? null;
}
