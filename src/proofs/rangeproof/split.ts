/**
 * Splitting one batch of multi-scalar multiplications over W workers, shared by the Node pool
 * (worker_threads) and the browser's (Web Workers). Each worker gets about total/W points as a list of
 * (msm index, slice) tasks; since Σ_i s_i·P_i is additive over any partition of i, the partial results of
 * one MSM's slices are summed back into it.
 */
import { msm } from '../../core/msm.js';
import { IDENTITY, type Point } from '../../core/point.js';
import type { MsmBatch } from './steps.js';

export interface MsmSlice {
  /** Which MSM of the batch this slice belongs to. */
  readonly index: number;
  readonly points: readonly Point[];
  readonly scalars: readonly bigint[];
}

/** Per worker, its slices: consecutive runs of the batch's MSMs, about total/W points per worker. */
export function splitMsmBatch(batch: MsmBatch, W: number): MsmSlice[][] {
  const total = batch.msms.reduce((s, m) => s + m.points.length, 0);
  const share = Math.ceil(total / W);
  const plans: MsmSlice[][] = Array.from({ length: W }, () => []);
  let w = 0;
  let load = 0;
  batch.msms.forEach((m, index) => {
    let from = 0;
    while (from < m.points.length) {
      const take = Math.min(m.points.length - from, Math.max(1, share - load));
      plans[w]!.push({ index, points: m.points.slice(from, from + take), scalars: m.scalars.slice(from, from + take) });
      from += take;
      load += take;
      if (load >= share && w < W - 1) {
        w++;
        load = 0;
      }
    }
  });
  return plans;
}

/** Sums each worker's partial results (parts[k][j] for plans[k][j]) back into the batch's MSMs. */
export function joinMsmParts(batch: MsmBatch, plans: readonly MsmSlice[][], parts: readonly (readonly Point[])[]): Point[] {
  const out: Point[] = batch.msms.map(() => IDENTITY);
  plans.forEach((plan, k) => plan.forEach((task, j) => (out[task.index] = out[task.index]!.add(parts[k]![j]!))));
  return out;
}

/** Below this many points in all, a batch is computed in the calling thread: shipping it would cost more than it saves. */
export const LOCAL_BELOW = 2048;

/**
 * One MSM batch over a pool of workers (Node's worker_threads or the browser's Web Workers): here when
 * there is one worker or the batch is small, else split over the workers with `send` and joined back.
 */
export async function execMsmBatch<W>(batch: MsmBatch, workers: readonly W[], send: (w: W, plan: MsmSlice[]) => Promise<Point[]>): Promise<Point[]> {
  const W = workers.length;
  const total = batch.msms.reduce((s, m) => s + m.points.length, 0);
  if (W === 1 || total < LOCAL_BELOW) return batch.msms.map((m) => msm(m.points, m.scalars));
  const plans = splitMsmBatch(batch, W);
  const parts = await Promise.all(plans.map((plan, k) => (plan.length === 0 ? Promise.resolve([]) : send(workers[k]!, plan))));
  return joinMsmParts(batch, plans, parts);
}
