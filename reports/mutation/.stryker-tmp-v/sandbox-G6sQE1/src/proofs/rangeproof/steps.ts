/**
 * The range prover as a coroutine, so the same code runs on one thread or spreads its work over many.
 *
 * Nearly all of a range proof's cost is multi-scalar multiplications (the commitment S, the inner-product
 * argument's L and R, the folded generators). The prover is written as a generator that yields each batch
 * of independent MSMs it needs and receives their results; a driver computes them. `runSync` does it in
 * this thread (`msm`); `runAsync` hands them to an executor, e.g. the Node edge's worker threads
 * (src/node/msm-pool.ts), which splits large MSMs by points and deals out small ones. An MSM's value does
 * not depend on how it is split, so every driver yields byte-identical proofs.
 */
// @ts-nocheck

import { msm } from '../../core/msm.js';
import type { Point } from '../../core/point.js';

export interface MsmTask {
  readonly points: readonly Point[];
  readonly scalars: readonly bigint[];
}

/** Independent MSMs, answered in order. */
export interface MsmBatch {
  readonly msms: readonly MsmTask[];
}

export type ProverSteps<T> = Generator<MsmBatch, T, Point[]>;

export type MsmExecutor = (batch: MsmBatch) => Promise<Point[]>;

export function runSync<T>(steps: ProverSteps<T>): T {
  let r = steps.next();
  while (!r.done) r = steps.next(r.value.msms.map((m) => msm(m.points, m.scalars)));
  return r.value;
}

export async function runAsync<T>(steps: ProverSteps<T>, exec: MsmExecutor): Promise<T> {
  let r = steps.next();
  while (!r.done) {
    const res = await exec(r.value);
    if (res.length !== r.value.msms.length) throw new RangeError('MSM executor: wrong number of results');
    r = steps.next(res);
  }
  return r.value;
}
