/**
 * What prover and verifier share: the statement
 *
 *   { (V_0, …, V_{m−1}; n) : ∃ v_j, γ_j with V_j = v_j·G + γ_j·H and v_j ∈ [0, 2^n) for all j }
 *
 * its padding to m' values (the smallest 2^j or 3·2^j ≥ m; messages.ts says why) (V_j = identity, i.e. v_j = 0 with γ_j = 0, for m ≤ j < m'),
 * its transcript framing, and the generator vectors 𝐆 = 'bp/G', 𝐇 = 'bp/H' of length n·m'.
 */
import { generatorVector } from '../../core/generators.js';
import type { Point } from '../../core/point.js';
import type { Transcript } from '../../core/transcript.js';
import { ippShape, MAX_ROUNDS, paddedCount, type RangeBits } from './messages.js';

/** Domain separator appended before the statement. */
export const RANGEPROOF_DOMAIN = 'meterproof/v1/rangeproof/bulletproofs-aggregated';

export interface Shape {
  readonly n: RangeBits;
  /** Real number of values. */
  readonly m: number;
  /** Padded number of values: 2^j or 3·2^j. */
  readonly mPad: number;
  /** n·m' = c·2^k, the length of the bit vectors. */
  readonly N: number;
  /** The inner-product rounds. */
  readonly k: number;
  /** The length of the inner-product argument's final vectors, 1 or 3. */
  readonly c: number;
}

/**
 * The shape of a statement, or null when m is not a positive integer or the inner-product argument would
 * need more than MAX_ROUNDS rounds: so n·m' = c·2^k ≤ 3·2^MAX_ROUNDS (c = 3 allows three times 2^MAX_ROUNDS).
 * Bills stay far below: their range chunks are at most RANGE_CHUNK_BITS = 49,152 bits (statement/proof.ts).
 */
export function shapeOf(n: RangeBits, m: number): Shape | null {
  if (!Number.isSafeInteger(m) || m < 1) return null;
  const mPad = paddedCount(m);
  const N = n * mPad;
  const { k, c } = ippShape(n, m);
  if (k > MAX_ROUNDS) return null;
  return { n, m, mPad, N, k, c };
}

/**
 * Appends the statement: domain, n, m, m', then V_0 … V_{m−1}. The padding commitments are the identity
 * by definition, so m and m' bind them; they are not appended one by one.
 */
export function appendStatement(t: Transcript, s: Shape, commitments: readonly Point[]): void {
  t.appendString('rp.domain', RANGEPROOF_DOMAIN);
  t.appendU64('rp.n', s.n);
  t.appendU64('rp.m', s.m);
  t.appendU64('rp.m_padded', s.mPad);
  for (const V of commitments) t.appendPoint('rp.V', V);
}

/** 𝐆 and 𝐇 of length N (cached by the generators module after the first derivation). */
export function bitGenerators(N: number): { G: Point[]; H: Point[] } {
  return { G: generatorVector('bp/G', N), H: generatorVector('bp/H', N) };
}
