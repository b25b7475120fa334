/**
 * Worker thread: derives one chunk of 4,096 generators of a vector and sends it back as an affine table
 * (see generator-cache.ts). The main thread checks it against the chunk's pin before it uses a point.
 */
import { GENERATOR_CHUNK } from '../core/generator-pins.js';
import { vectorGenerators } from '../core/generators.js';
import { toAffineBytes } from '../core/msm.js';
import type { Point } from '../core/point.js';
import { serveTasks } from './worker-queue.js';

serveTasks((t: { name: string; chunk: number }, progress) => {
  const points: Point[] = [];
  for (let i = t.chunk * GENERATOR_CHUNK; i < (t.chunk + 1) * GENERATOR_CHUNK; i += 1024) {
    points.push(...vectorGenerators(t.name, i, i + 1024));
    progress(1024);
  }
  return toAffineBytes(points);
});
