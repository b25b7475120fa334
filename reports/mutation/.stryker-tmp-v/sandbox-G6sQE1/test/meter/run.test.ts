/** The run-of-records checks bills and disclosures share (src/meter/run.ts): one reason per fault. */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { checkContinuity, type RecordTupleLike } from '../../src/meter/run.js';

const C = '00'.repeat(32);
const run = (...rows: Array<[number, number]>): RecordTupleLike[] => rows.map(([seq, start]) => [seq, start, 3600, C] as const);

describe('checkContinuity', () => {
  it('accepts consecutive records that tile time, and a single record', () => {
    expect(checkContinuity(run([5, 0], [6, 3600], [7, 7200]))).toBeNull();
    expect(checkContinuity(run([0, 0]))).toBeNull();
  });

  it('names each break', () => {
    expect(checkContinuity(run([1, 0], [2, 3600], [2, 3600]))?.reason).toBe('records.duplicate');
    expect(checkContinuity(run([1, 0], [3, 7200], [2, 3600]))?.reason).toBe('records.order');
    expect(checkContinuity(run([1, 0], [3, 7200]))).toMatchObject({ reason: 'records.gap', detail: 'records 2 to 2 are missing' });
    expect(checkContinuity(run([1, 0], [2, 3700]))?.reason).toBe('records.gap');
    expect(checkContinuity(run([1, 0], [2, 3500]))?.reason).toBe('records.overlap');
  });
});
