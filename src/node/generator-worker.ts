/** Worker thread: derives a slice of a generator vector and sends it back as an affine table (see generator-cache.ts). */
import { vectorGenerator } from '../core/generators.js';
import { toAffineBytes } from '../core/msm.js';
import type { Point } from '../core/point.js';
import { serveTasks } from './worker-queue.js';

serveTasks((s: { name: string; from: number; to: number }, progress) => {
  const points: Point[] = [];
  for (let i = s.from; i < s.to; i++) {
    points.push(vectorGenerator(s.name, i));
    if ((i - s.from) % 1024 === 1023) progress(1024);
  }
  progress((s.to - s.from) % 1024);
  return toAffineBytes(points);
});
