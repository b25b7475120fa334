// Mutation group "proofs": the verify side of src/proofs (docs/mutation.md). Line ranges = verifier functions.
import { config } from './stryker.base.mjs';

export default config('proofs', [
  'src/proofs/schnorr.ts:34-55', // verifySchnorr, batchSchnorr
  'src/proofs/schnorr.ts:62-65', // decodeSchnorr
  'src/proofs/or.ts:30-45', // the transcript binding (shared with the prover)
  'src/proofs/or.ts:67-88', // batchOr, verifyOr
  'src/proofs/or.ts:93-101', // decodeOr, decodeOrMany
  'src/proofs/product.ts:29-45',
  'src/proofs/product.ts:59-82',
  'src/proofs/product.ts:87-90',
  'src/proofs/oneof.ts:40-60', // sizes, binding, checkK
  'src/proofs/oneof.ts:97-128', // lastChallenge, batchOneOf, verifyOneOf
  'src/proofs/oneof.ts:135-139', // decodeOneOf
  'src/proofs/batch.ts',
  'src/proofs/codec.ts:18-45', // decodeParts, decodePartsMany
  'src/proofs/rangeproof/verifier.ts',
  'src/proofs/rangeproof/innerproduct.ts:45-56', // splitLength
  'src/proofs/rangeproof/innerproduct.ts:233-286', // innerProductChallenges
  'src/proofs/rangeproof/messages.ts:50-78', // shapes
  'src/proofs/rangeproof/messages.ts:110-145', // decodeRangeProof
  'src/proofs/rangeproof/statement.ts',
  'src/proofs/rangeproof/vec.ts',
]);
