/** Worker thread: derives a slice of a generator vector and sends it back as an affine table (see generator-cache.ts). */
import { parentPort } from 'node:worker_threads';
import { vectorGenerator } from '../core/generators.js';
import { toAffineBytes } from '../core/msm.js';
import type { Point } from '../core/point.js';

parentPort!.on('message', (s: { name: string; from: number; to: number }) => {
  const points: Point[] = [];
  for (let i = s.from; i < s.to; i++) {
    points.push(vectorGenerator(s.name, i));
    if ((i - s.from) % 1024 === 1023) parentPort!.postMessage({ name: s.name, from: s.from, progress: 1024 });
  }
  parentPort!.postMessage({ name: s.name, from: s.from, progress: (s.to - s.from) % 1024 });
  const table = toAffineBytes(points);
  parentPort!.postMessage({ name: s.name, from: s.from, table }, [table.buffer as ArrayBuffer]);
});
