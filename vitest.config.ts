import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two at a time even on 2 cores (vitest's default would be one): many files wait on child processes
    // (the CLI, the service, PGlite) rather than compute, so a second file overlaps with that waiting.
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
  },
});
