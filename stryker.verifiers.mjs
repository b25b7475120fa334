// Mutation group "verifiers": the statement, bill and disclosure verifiers (docs/mutation.md), where they
// decide whether proofs and revealed figures are accepted. Line ranges = those functions.
import { config } from './stryker.base.mjs';

export default config('verifiers', [
  'src/statement/proof.ts:278-364', // deferredChecks, verifyConstraints, decodeFailure
  'src/bill/verify.ts:156-166', // amount: canonical figures below 2^160
  'src/bill/verify.ts:203-217', // verifyBills: the batch and its fallback
  'src/bill/verify.ts:410-499', // complete: constraint proofs, linear proofs, amount due
  'src/disclosure/verify.ts:297-350', // the statement and every proof
  // Not mutated yet (the run costs about 2 hours on a shared 2-core machine; docs/mutation.md):
  // src/statement/proof.ts:66-173 (chunking, transcripts), src/bill/verify.ts:168-202,218-407 (schema,
  // tariff, expectations, records, chain, line items), src/disclosure/verify.ts:166-296 (schema, consent,
  // answers, records, chain).
], {
  // The string literals here are rejection details and reason codes (what a refusal says, not whether it
  // happens) and transcript labels, which every honest proof already pins: docs/mutation.md.
  mutator: { excludedMutations: ['StringLiteral'] },
});
