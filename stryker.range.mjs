// A sub-run of the proofs group for the range verifier alone (docs/mutation.md: while iterating).
import { config } from './stryker.base.mjs';

const c = config('proofs', ['src/proofs/rangeproof/verifier.ts', 'src/proofs/rangeproof/innerproduct.ts:233-281']);
export default {
  ...c,
  incrementalFile: 'reports/mutation/range-incremental.json',
  jsonReporter: { fileName: 'reports/mutation/range.json' },
  htmlReporter: { fileName: 'reports/mutation/range.html' },
  reporters: [...c.reporters, 'event-recorder'],
  eventReporter: { baseDir: 'reports/mutation/events-range' },
};
