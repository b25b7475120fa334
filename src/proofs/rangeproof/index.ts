/**
 * Aggregated Bulletproofs range proofs over ristretto255 (Bünz, Bootle, Boneh, Poelstra, Wuille, Maxwell,
 * "Bulletproofs: Short Proofs for Confidential Transactions and More", IEEE S&P 2018):
 *
 *   PoK{ (v_j, γ_j)_{j<m} : V_j = v_j·G + γ_j·H  ∧  0 ≤ v_j < 2^n  for every j },   n ∈ {8, 16, 32, 64}
 *
 * with G the standard base point (values) and H the Pedersen blinding generator (core/generators.ts).
 * A proof is 32·(9 + 2·log2(n·m')) bytes, m' = m rounded up to a power of two. The protocol, the
 * transcript order and the padding rule are written out in docs/rangeproof.md.
 */
export { proveRange, type RangeProofResult } from './prover.js';
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
