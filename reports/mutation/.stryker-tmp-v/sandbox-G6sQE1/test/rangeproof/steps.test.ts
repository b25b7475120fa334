/**
 * The prover's drivers: however its multi-scalar multiplications are computed (in this thread, cut into
 * pieces, or on worker threads), the proof is byte for byte the same.
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/core/rng.js';
import { msm } from '../../src/core/msm.js';
import { IDENTITY, type Point } from '../../src/core/point.js';
import { encodeRangeProof, proveRange, proveRangeAsync, verifyRange, type MsmBatch, type RangeBits } from '../../src/proofs/rangeproof/index.js';
import { blindings, transcript, valuesFor } from './helpers.js';

/** An executor that cuts every MSM into slices of `k` points and adds the parts, asynchronously. */
function slicing(k: number) {
  let batches = 0;
  const exec = async (b: MsmBatch): Promise<Point[]> => {
    batches++;
    await Promise.resolve();
    return b.msms.map((m) => {
      let acc = IDENTITY;
      for (let i = 0; i < m.points.length; i += k) acc = acc.add(msm(m.points.slice(i, i + k), m.scalars.slice(i, i + k)));
      return acc;
    });
  };
  return { exec, count: () => batches };
}

describe('range prover drivers', () => {
  for (const [n, m] of [[8, 3], [16, 5], [16, 48]] as Array<[RangeBits, number]>) {
    it(`n = ${n}, m = ${m}: the async driver with sliced MSMs gives the same bytes`, async () => {
      const values = valuesFor(n, m, 3);
      const g = blindings(`steps-${n}-${m}`, m);
      const sync = proveRange(transcript('steps', seededRng('steps')), values, g, n);
      const s = slicing(7);
      const async = await proveRangeAsync(transcript('steps', seededRng('steps')), values, g, n, s.exec);
      expect(encodeRangeProof(async.proof)).toEqual(encodeRangeProof(sync.proof));
      expect(s.count()).toBeGreaterThan(1);
      expect(verifyRange(transcript('steps'), async.commitments, n, async.proof)).toBe(true);
    });
  }

  it('input errors surface from the async driver too', async () => {
    await expect(proveRangeAsync(transcript(), [300n], blindings('x', 1), 8, slicing(3).exec)).rejects.toMatchObject({ code: 'range.out_of_range' });
  });

  it('an executor that answers wrongly is caught, not turned into a proof', async () => {
    const short = async (b: MsmBatch): Promise<Point[]> => b.msms.slice(1).map(() => IDENTITY);
    await expect(proveRangeAsync(transcript(), [1n, 2n], blindings('y', 2), 8, short)).rejects.toThrow(/wrong number of results/);
  });

  it('on worker threads (the built msm pool) the proof is the same', async () => {
    const { msmPool } = (await import('../../dist/node/msm-pool.js')) as typeof import('../../src/node/msm-pool.js');
    const { proveRangeAsync: proveAsyncDist, proveRange: proveDist, encodeRangeProof: encDist } = (await import(
      '../../dist/proofs/rangeproof/index.js'
    )) as unknown as typeof import('../../src/proofs/rangeproof/index.js');
    const { Transcript } = (await import('../../dist/core/transcript.js')) as unknown as typeof import('../../src/core/transcript.js');
    const tr = () => {
      const t = new Transcript('meterproof/v1/test/rangeproof', seededRng('pool'));
      t.appendString('test.statement', 'pool');
      return t;
    };
    const n: RangeBits = 16;
    const m = 192; // 3,072 bits: large enough for the pool to split
    const values = valuesFor(n, m, 5);
    const g = blindings('pool', m);
    const pool = msmPool(2);
    try {
      const viaPool = await proveAsyncDist(tr(), values, g, n, pool.exec);
      expect(encDist(viaPool.proof)).toEqual(encDist(proveDist(tr(), values, g, n).proof));
    } finally {
      await pool.close();
    }
  });
});
