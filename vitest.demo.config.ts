import { defineConfig } from 'vitest/config';

/**
 * `npm run test:demo`: the quickstart's `meterproof demo` end to end (the whole system on the NIST year,
 * about half a minute), outside the default suite to keep that under its budget; `.ci/run` runs it.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.demo.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
  },
});
