// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { G } from '../../src/core/generators.js';
import { add, ONE } from '../../src/core/scalar.js';
import { proveRange, verifyRange, verifyRangeBatch, type RangeBits, type RangeProofItem } from '../../src/proofs/rangeproof/index.js';
import { blindings, transcript, valuesFor } from './helpers.js';

describe('range proof: batch verification', () => {
  const shapes: Array<[RangeBits, number]> = [
    [8, 1],
    [16, 3],
    [32, 2],
    [8, 5],
    [64, 1],
  ];
  const made = shapes.map(([n, m], i) => {
    const statement = `batch-${i}`;
    const { proof, commitments } = proveRange(transcript(statement), valuesFor(n, m, i), blindings(`batch-${i}`, m), n);
    return { statement, n, proof, commitments };
  });
  const items = (): RangeProofItem[] => made.map((x) => ({ t: transcript(x.statement), commitments: x.commitments, n: x.n, proof: x.proof }));

  it('accepts a batch of honest proofs of different shapes', () => {
    expect(verifyRangeBatch(items())).toBe(true);
    for (const x of made) expect(verifyRange(transcript(x.statement), x.commitments, x.n, x.proof)).toBe(true);
  });

  it('accepts the empty batch and a batch of one', () => {
    expect(verifyRangeBatch([])).toBe(true);
    expect(verifyRangeBatch(items().slice(2, 3))).toBe(true);
  });

  it('rejects if any one proof is bad', () => {
    for (let bad = 0; bad < made.length; bad++) {
      const its = items();
      const it0 = its[bad]!;
      its[bad] = { ...it0, proof: { ...it0.proof, t: add(it0.proof.t, ONE) } };
      expect(verifyRangeBatch(its)).toBe(false);
    }
  });

  it('rejects a bad commitment, a wrong statement or a shape mismatch anywhere in the batch', () => {
    const a = items();
    a[1] = { ...a[1]!, commitments: [a[1]!.commitments[0]!.add(G), ...a[1]!.commitments.slice(1)] };
    expect(verifyRangeBatch(a)).toBe(false);
    const b = items();
    b[3] = { ...b[3]!, t: transcript('another statement') };
    expect(verifyRangeBatch(b)).toBe(false);
    const c = items();
    c[4] = { ...c[4]!, n: 32 };
    expect(verifyRangeBatch(c)).toBe(false);
  });

  it('rejects two bad proofs whose errors would cancel without random weights', () => {
    // Shift A of one proof by +G and A of an identical proof by −G: an unweighted sum would cancel.
    const x = made[0]!;
    const p1 = { ...x.proof, A: x.proof.A.add(G) };
    const p2 = { ...x.proof, A: x.proof.A.subtract(G) };
    expect(
      verifyRangeBatch([
        { t: transcript(x.statement), commitments: x.commitments, n: x.n, proof: p1 },
        { t: transcript(x.statement), commitments: x.commitments, n: x.n, proof: p2 },
      ]),
    ).toBe(false);
  });
});
