/**
 * Aggregated Bulletproofs range proofs over ristretto255 (Bünz, Bootle, Boneh, Poelstra, Wuille, Maxwell,
 * "Bulletproofs: Short Proofs for Confidential Transactions and More", IEEE S&P 2018):
 *
 *   PoK{ (v_j, γ_j)_{j<m} : V_j = v_j·G + γ_j·H  ∧  0 ≤ v_j < 2^n  for every j },   n ∈ {8, 16, 32, 64}
 *
 * with G the standard base point (values) and H the Pedersen blinding generator (core/generators.ts).
 * A proof is 32·(7 + 2k + 2c) bytes, where n·m' = c·2^k, c ∈ {1, 3}, m' = m padded to the next 2^j or
 * 3·2^j. The protocol, the transcript order and the padding rule are written out in docs/rangeproof.md.
 */
// @ts-nocheck

export { proveRange, proveRangeAsync, rangeProofSteps, type RangeProofResult } from './prover.js';
export { runAsync, runSync, type MsmBatch, type MsmExecutor, type MsmTask, type ProverSteps } from './steps.js';
export { verifyRange, verifyRangeBatch, type RangeProofItem } from './verifier.js';
export {
  decodeRangeProof,
  encodeRangeProof,
  isRangeBits,
  paddedCount,
  rangeProofSize,
  roundsFor,
  MAX_ROUNDS,
  MIN_ROUNDS,
  RANGE_BITS,
  type RangeBits,
  type RangeProof,
} from './messages.js';
export { RANGEPROOF_DOMAIN } from './statement.js';
