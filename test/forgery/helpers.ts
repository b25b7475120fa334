/** Shared helpers for the adaptive-forgery tests: seeded scalars and transcripts built as callers do. */
import { seededRng } from '../../src/core/rng.js';
import { scalarFromWide, type Scalar } from '../../src/core/scalar.js';
import { Transcript } from '../../src/core/transcript.js';

export const PROTOCOL = 'meterproof/v1/test/forgery';

/** A transcript with a caller statement appended first. Prover and verifier each build their own. */
export function transcript(statement = 'forgery'): Transcript {
  const t = new Transcript(PROTOCOL);
  t.appendString('test.statement', statement);
  return t;
}

/** Seeded uniform scalars, so a failing forgery reproduces. */
export function scalars(seed: string): () => Scalar {
  const r = seededRng(seed);
  return () => scalarFromWide(r(64));
}
