import { defineConfig } from 'vitest/config';

// The app's end-to-end tests (npm run test:app): kept out of `npm test` (their files end in .e2e.ts).
// They share one build of app/dist (global-setup.ts) and run one file at a time: each drives a browser.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/app/**/*.e2e.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['test/app/global-setup.ts'],
  },
});
