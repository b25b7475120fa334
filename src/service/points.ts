/**
 * Decoded commitments of held records, kept as records arrive (the ingest route decodes every
 * commitment anyway, to refuse an invalid point at the edge) and as workers load runs. Verifying a
 * held run then skips decoding: a ristretto255 decode is a square root and an inversion per point,
 * the largest cost of a linear bill besides parsing its JSON.
 *
 * Bounded: at most `capacity` points, least recently used meter first out. A miss is only slower —
 * the worker decodes from the stored bytes — never wrong: the entries are keyed by meter and seq,
 * and records are never replaced (a fork is refused).
 */
import type { Point } from '../core/point.js';

export class PointCache {
  private readonly meters = new Map<string, Map<number, readonly Point[]>>();
  private size = 0;
  constructor(readonly capacity = 500_000) {}

  put(meter: string, firstSeq: number, perRecord: readonly (readonly Point[])[]): void {
    let m = this.meters.get(meter);
    if (m) this.meters.delete(meter);
    else m = new Map();
    this.meters.set(meter, m); // most recently used last
    perRecord.forEach((ps, i) => {
      if (!m!.has(firstSeq + i)) this.size += ps.length;
      m!.set(firstSeq + i, ps);
    });
    while (this.size > this.capacity && this.meters.size > 1) {
      const [oldest, om] = this.meters.entries().next().value!;
      for (const ps of om.values()) this.size -= ps.length;
      this.meters.delete(oldest);
    }
  }

  /** The points of records firstSeq … firstSeq+count−1, flattened (record·K + register), or null on a miss. */
  get(meter: string, firstSeq: number, count: number): Point[] | null {
    const m = this.meters.get(meter);
    if (!m) return null;
    const out: Point[] = [];
    for (let s = firstSeq; s < firstSeq + count; s++) {
      const ps = m.get(s);
      if (!ps) return null;
      out.push(...ps);
    }
    this.meters.delete(meter);
    this.meters.set(meter, m);
    return out;
  }
}
