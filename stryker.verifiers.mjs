// Mutation group "verifiers": the statement, bill and disclosure verifiers (docs/mutation.md).
import { config } from './stryker.base.mjs';

export default config('verifiers', [
  'src/statement/proof.ts:66-101', // rangeChunks, rangeGeneratorCount
  'src/statement/proof.ts:114-121', // chunkTranscript
  'src/statement/proof.ts:163-173', // bindAux, sub
  'src/statement/proof.ts:278-360', // deferredChecks, verifyConstraints, decodeFailure
  'src/bill/verify.ts',
  'src/disclosure/verify.ts',
]);
