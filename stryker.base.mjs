/**
 * Shared StrykerJS settings for the two mutation groups (stryker.proofs.mjs, stryker.verifiers.mjs;
 * docs/mutation.md). Only verifier-side code is mutated, by line ranges.
 */
export function config(group, mutate, extra = {}) {
  process.env.MUTATION_GROUP = group;
  return {
    packageManager: 'npm',
    testRunner: 'vitest',
    vitest: { configFile: 'vitest.mutation.config.ts' },
    plugins: ['@stryker-mutator/vitest-runner'],
    coverageAnalysis: 'perTest',
    concurrency: 2,
    timeoutMS: 60000,
    timeoutFactor: 2,
    dryRunTimeoutMinutes: 30,
    incremental: true,
    incrementalFile: `reports/mutation/${group}-incremental.json`,
    reporters: ['clear-text', 'progress', 'html', 'json'],
    htmlReporter: { fileName: `reports/mutation/${group}.html` },
    jsonReporter: { fileName: `reports/mutation/${group}.json` },
    tempDirName: 'reports/mutation/.stryker-tmp',
    cleanTempDir: 'always',
    ignorePatterns: ['dist', 'dist-bench', 'bench-results', 'reports', 'coverage', '.demo', 'out', 'wasm/build'],
    thresholds: { high: 95, low: 90, break: null },
    mutate,
    ...extra,
  };
}
