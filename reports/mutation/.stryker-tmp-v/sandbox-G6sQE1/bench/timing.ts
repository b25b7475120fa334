/** Timing helpers shared by the benchmarks: medians of repeated runs, after an optional warm-up. */
// @ts-nocheck

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Runs `f` `runs` times (after one warm-up run for JIT and caches, unless `warm` is false). */
export function time<T>(runs: number, f: () => T, warm = true): { ms: number; last: T } {
  if (warm) f();
  const xs: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = f();
    xs.push(performance.now() - t0);
  }
  return { ms: median(xs), last };
}
