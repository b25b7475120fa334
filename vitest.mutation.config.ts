/**
 * The tests `npm run mutation` runs against each mutant of the verifiers (docs/mutation.md), in two
 * groups chosen by MUTATION_GROUP, so that a mutant of a proof is not re-checked by proving whole bills:
 *   proofs     src/proofs/**: the adaptive forgeries of each proof kind, the proofs' own tests, vectors;
 *   verifiers  src/statement/proof.ts, src/bill/verify.ts, src/disclosure/verify.ts: the statement-level
 *              forgeries and the bill and disclosure negative and soundness tests.
 * Fast tests only, and none that needs dist/ (so no global setup building it).
 */
import { defineConfig } from 'vitest/config';

const GROUPS: Record<string, string[]> = {
  proofs: [
    'test/forgery/sigma.test.ts',
    'test/forgery/rangeproof.test.ts',
    'test/forgery/isolation.test.ts',
    'test/forgery/shapes.test.ts',
    'test/forgery/range-batch.test.ts',
    'test/forgery/range-arith.test.ts',
    'test/proofs/or.test.ts',
    'test/proofs/product.test.ts',
    'test/proofs/batch.test.ts',
    'test/rangeproof/rangeproof.test.ts',
    'test/rangeproof/innerproduct.test.ts',
    'test/rangeproof/batch.test.ts',
    'test/rangeproof/vectors.test.ts',
    'test/core/vectors.test.ts',
    'test/core/scalar.test.ts',
    'test/disclosure/oneof.test.ts',
  ],
  verifiers: [
    'test/forgery/statement.test.ts',
    'test/forgery/verifiers.test.ts',
    'test/disclosure/verify.test.ts',
    'test/disclosure/bounds.test.ts',
  ],
};

const group = process.env.MUTATION_GROUP ?? 'proofs';
if (!(group in GROUPS)) throw new Error(`MUTATION_GROUP must be one of ${Object.keys(GROUPS).join(', ')}`);

export default defineConfig({
  test: {
    include: GROUPS[group]!,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
