// @ts-nocheck
// Mutation group "verifiers": the statement, bill and disclosure verifiers (docs/mutation.md), where they
// decide whether proofs and revealed figures are accepted. Line ranges = those functions.
import { config } from './stryker.base.mjs';

export default config('verifiers', [
  'src/statement/proof.ts:66-101', // rangeChunks, rangeGeneratorCount: the proofs' number and shapes
  'src/statement/proof.ts:114-121', // chunkTranscript
  'src/statement/proof.ts:163-173', // bindAux, sub
  'src/statement/proof.ts:278-360', // deferredChecks, verifyConstraints, decodeFailure
  'src/bill/verify.ts:146-156', // amount: canonical figures below 2^160
  'src/bill/verify.ts:193-204', // verifyBills: the batch and its fallback
  'src/bill/verify.ts:337-372', // the statement, line items, subtotal and minimum
  'src/bill/verify.ts:377-459', // complete: constraint proofs, linear proofs, amount due
  'src/disclosure/verify.ts:223-237', // checkAnswers: answers' types and bounds
  'src/disclosure/verify.ts:282-335', // the statement and every proof
  // Not in this group yet (schema, tariff, consent, records and chain checks, which no proof decides):
  // src/bill/verify.ts:158-192,206-336 and src/disclosure/verify.ts:166-222,239-281.
], {
  // The string literals here are rejection details and reason codes (what a refusal says, not whether it
  // happens) and transcript labels, which every honest proof already pins: docs/mutation.md.
  mutator: { excludedMutations: ['StringLiteral'] },
});
