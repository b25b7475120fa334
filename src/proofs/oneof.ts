/**
 * k-branch CDS OR proof (Cramer, Damgård, Schoenmakers 1994) of one discrete log to the base H among k:
 *
 *   PoK{ x : P_1 = x·H  ∨  P_2 = x·H  ∨ … ∨  P_k = x·H }
 *
 * used to show that one of k Pedersen commitments opens to 0 (P = v·G + r·H with v = 0 is a multiple of
 * H). A disclosed maximum D over readings x_1..x_k uses P_i = D·G − C_i = (D − x_i)·G − r_i·H, so the
 * proof says D = x_j for some j, without saying which (src/disclosure).
 *
 * Prover, true branch a with witness x: for every i ≠ a it picks c_i, s_i and sets R_i = s_i·H − c_i·P_i
 * (a simulated transcript); for a it sets R_a = k·H. With c = Hash(transcript ‖ P_1..P_k ‖ R_1..R_k),
 * c_a = c − Σ_{i≠a} c_i and s_a = k + c_a·x.
 * Verifier: c_k = c − Σ_{i<k} c_i, and s_i·H = R_i + c_i·P_i for every i.
 *
 * Soundness: from two accepting transcripts with the same R_i and different c, some branch i has
 * c_i ≠ c'_i, and x = (s_i − s'_i)/(c_i − c'_i) is a discrete log of P_i to base H. Special honest-verifier
 * zero knowledge: every (c_i, s_i) is uniform subject to Σ c_i = c, whichever branch is true.
 *
 * Wire form: R_1..R_k, c_1..c_{k−1}, s_1..s_k (32·(3k − 1) bytes); sending the R_i lets the k equations
 * join one batch (src/proofs/batch.ts), where the common P_i terms on G and H merge.
 */
import { H } from '../core/generators.js';
import type { Point } from '../core/point.js';
import { uintLE } from '../core/bytes.js';
import { add, mul, neg, ONE, scalarToBytes, sub, type Scalar } from '../core/scalar.js';
import type { Transcript } from '../core/transcript.js';
import type { EquationBatch } from './batch.js';
import { decodeParts, encodeParts } from './codec.js';

export interface OneOfProof {
  readonly R: readonly Point[];
  /** c_1..c_k; c_k is not sent, the decoder leaves it out and the verifier derives it. */
  readonly c: readonly Scalar[];
  readonly s: readonly Scalar[];
}

/** The most branches a proof may have: bounds the work a hostile proof can ask of a verifier. */
export const ONEOF_MAX_BRANCHES = 1 << 16;

export function oneOfProofBytes(k: number): number {
  return 32 * (3 * k - 1);
}

function bindStatement(t: Transcript, P: readonly Point[]): void {
  t.appendU64('oneof.k', P.length);
  for (const p of P) t.appendPoint('oneof.P', p);
}

function bindCommitments(t: Transcript, R: readonly Point[]): Scalar {
  for (const r of R) t.appendPoint('oneof.R', r);
  return t.challengeScalar('oneof.c');
}

function checkK(k: number): void {
  if (!Number.isSafeInteger(k) || k < 1 || k > ONEOF_MAX_BRANCHES) throw new RangeError(`a one-of proof has 1 to ${ONEOF_MAX_BRANCHES} branches, not ${k}`);
}

/**
 * `which` is the index (0-based) of a true branch, P[which] = x·H. The caller must already have
 * appended the statement that defines the P_i to the transcript.
 */
export function proveOneOf(t: Transcript, P: readonly Point[], which: number, x: Scalar): OneOfProof {
  checkK(P.length);
  if (!Number.isSafeInteger(which) || which < 0 || which >= P.length) throw new RangeError('no such branch');
  bindStatement(t, P);
  // Nonces and simulated branches come from the transcript (statement included), the witness and
  // fresh randomness (the transcript's witness rng), each under its own label and index, as in or.ts: a
  // repeated or seeded RNG cannot make two of them equal, nor two statements share them.
  const rng = t.witnessRng('oneof.witness', [scalarToBytes(x), uintLE(which, 4)]);
  const c: Scalar[] = [];
  const s: Scalar[] = [];
  const R: Point[] = [];
  let k = 0n as Scalar;
  for (let i = 0; i < P.length; i++) {
    if (i === which) {
      k = rng.scalar('oneof.k');
      R.push(H.multiply(k));
      c.push(0n as Scalar);
      s.push(0n as Scalar);
      continue;
    }
    const ci = rng.scalar('oneof.c-sim', i);
    const si = rng.scalar('oneof.s-sim', i);
    c.push(ci);
    s.push(si);
    R.push(H.multiply(si).subtract(P[i]!.multiplyUnsafe(ci)));
  }
  const ch = bindCommitments(t, R);
  let rest = ch;
  for (let i = 0; i < P.length; i++) if (i !== which) rest = sub(rest, c[i]!);
  c[which] = rest;
  s[which] = add(k, mul(rest, x));
  return { R, c, s };
}

/** c_k from the challenge, or undefined when the proof's shape does not fit the statement. */
function lastChallenge(t: Transcript, P: readonly Point[], p: OneOfProof): Scalar[] | undefined {
  const k = P.length;
  // Stryker disable next-line EqualityOperator: accepting k = ONEOF_MAX_BRANCHES itself is only observable with a valid 2^16-branch proof (2^17 scalar multiplications to make); k above it is tested
  if (k > ONEOF_MAX_BRANCHES) return undefined;
  if (k < 1 || p.R.length !== k || p.s.length !== k || p.c.length < k - 1) return undefined;
  bindStatement(t, P);
  const ch = bindCommitments(t, p.R);
  const c = p.c.slice(0, k - 1);
  c.push(c.reduce((acc, ci) => sub(acc, ci), ch));
  return c;
}

/** Adds the k verification equations s_i·H − R_i − c_i·P_i = 0 to a batch. False if the shape is wrong. */
export function batchOneOf(batch: EquationBatch, t: Transcript, P: readonly Point[], p: OneOfProof): boolean {
  const c = lastChallenge(t, P, p);
  if (!c) return false;
  for (let i = 0; i < P.length; i++) {
    batch.add([
      [p.s[i]!, H],
      [neg(ONE), p.R[i]!],
      [neg(c[i]!), P[i]!],
    ]);
  }
  return true;
}

export function verifyOneOf(t: Transcript, P: readonly Point[], p: OneOfProof): boolean {
  const c = lastChallenge(t, P, p);
  if (!c) return false;
  return P.every((Pi, i) => H.multiplyUnsafe(p.s[i]!).equals(p.R[i]!.add(Pi.multiplyUnsafe(c[i]!))));
}

export function encodeOneOf(p: OneOfProof): Uint8Array {
  const k = p.R.length;
  return encodeParts(p.R, [...p.c.slice(0, k - 1), ...p.s]);
}

/** Throws RangeError on a wrong length for k branches, EncodingError on a non-canonical part. */
export function decodeOneOf(b: Uint8Array, k: number): OneOfProof {
  checkK(k);
  const { points, scalars } = decodeParts(b, k, 2 * k - 1, `a ${k}-branch one-of proof`);
  return { R: points, c: scalars.slice(0, k - 1), s: scalars.slice(k - 1) };
}
