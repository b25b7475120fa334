/** The range-proof worker pool (built module: its workers run dist/node/range-worker.js). */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { rangeProofSize } from '../../src/proofs/rangeproof/index.js';
import type { RangeJob } from '../../src/statement/proof.js';

const pool = async () => (await import('../../dist/node/range-pool.js')) as unknown as typeof import('../../src/node/range-pool.js');

const job = (chunk: number, values: string[]): RangeJob => ({
  seed: '11'.repeat(32),
  chunk,
  n: 8,
  values,
  blindings: values.map((_, i) => (i + 2).toString(16).padStart(2, '0').padEnd(64, '0')),
  rngKey: (chunk + 1).toString(16).padStart(2, '0').repeat(32),
});

describe('range-proof worker pool', () => {
  it('runs several jobs on worker threads and reports progress per job', async () => {
    const { proveRangeJobs } = await pool();
    const jobs = [job(0, ['1', '2', '3']), job(1, ['200']), job(2, ['7', '8', '9', '10', '11'])];
    const seen: number[] = [];
    const proofs = await proveRangeJobs(jobs, { workers: 2, onProgress: (d) => seen.push(d) });
    expect(proofs.map((p) => p.length / 2)).toEqual(jobs.map((j) => rangeProofSize(8, j.values.length)));
    expect(seen[seen.length - 1]).toBe(8 * 9);
    // A job's nonces come from its key, not from the thread's rng: the same bytes as in this thread.
    const { proveRangeJob } = (await import('../../dist/statement/proof.js')) as unknown as typeof import('../../src/statement/proof.js');
    expect(proofs).toEqual(jobs.map((j) => proveRangeJob(j)));
  });

  it('a failing job rejects with prove.range and names the job, not the value', async () => {
    const { proveRangeJobs } = await pool();
    const err = await proveRangeJobs([job(0, ['1']), job(1, ['4242'])], { workers: 2 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'prove.range' });
    expect(String((err as Error).message)).not.toContain('4242');
  });
});
