/** Timing helpers shared by the benchmarks: medians of repeated runs, after an optional warm-up. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Warm-up budget: V8 needs a few hundred calls of a hot function before its optimising tier settles. */
const WARM_MS = 400;
const WARM_RUNS = 50;

/**
 * Runs `f` `runs` times and returns the median, after a warm-up (unless `warm` is false): `f` runs until
 * WARM_MS have passed or WARM_RUNS runs are done, at least once, so that a 10 ms case is measured with
 * optimised code rather than while V8 is still compiling it. (A one-shot CLI run pays that compilation:
 * the figures are steady-state ones, which is what a service or an agent billing many accounts sees.)
 */
export function time<T>(runs: number, f: () => T, warm = true): { ms: number; last: T } {
  if (warm) {
    const t0 = performance.now();
    for (let i = 0; i < WARM_RUNS && (i === 0 || performance.now() - t0 < WARM_MS); i++) f();
  }
  const xs: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = f();
    xs.push(performance.now() - t0);
  }
  return { ms: median(xs), last };
}
