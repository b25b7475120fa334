// @ts-nocheck
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EncodingError } from '../../src/core/errors.js';
import { ORDER, type Scalar } from '../../src/core/scalar.js';
import { decodeRangeProof, encodeRangeProof, proveRange, verifyRange, type RangeBits } from '../../src/proofs/rangeproof/index.js';
import { transcript } from './helpers.js';

describe('range proof: properties', () => {
  it('random values and m verify (small n·m)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<RangeBits>(8, 16).chain((n) =>
          fc.integer({ min: 1, max: 5 }).chain((m) =>
            fc.tuple(
              fc.constant(n),
              fc.array(fc.bigInt({ min: 0n, max: (1n << BigInt(n)) - 1n }), { minLength: m, maxLength: m }),
              fc.array(fc.bigInt({ min: 0n, max: ORDER - 1n }), { minLength: m, maxLength: m }),
            ),
          ),
        ),
        fc.string({ maxLength: 8 }),
        ([n, values, gammas], statement) => {
          const { proof, commitments } = proveRange(transcript(statement), values, gammas as Scalar[], n);
          const back = decodeRangeProof(encodeRangeProof(proof), { n, m: values.length });
          return verifyRange(transcript(statement), commitments, n, back);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('any single-byte change of an encoded proof: decode throws EncodingError or verify is false', () => {
    const n: RangeBits = 8;
    const { proof, commitments } = proveRange(transcript(), [17n, 255n], [5n as Scalar, 6n as Scalar], n);
    const bytes = encodeRangeProof(proof);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (pos, delta) => {
        const b = bytes.slice();
        b[pos] = (b[pos]! + delta) & 0xff;
        let p;
        try {
          p = decodeRangeProof(b, { n, m: commitments.length });
        } catch (e) {
          return e instanceof EncodingError;
        }
        return verifyRange(transcript(), commitments, n, p) === false;
      }),
      { numRuns: 60 },
    );
    expect(verifyRange(transcript(), commitments, n, decodeRangeProof(bytes, { n, m: commitments.length }))).toBe(true);
  });
});
