import { defineConfig } from 'vitest/config';

/** `npm run test:kill`: the kill -9 test, outside the default suite (it takes minutes). */
export default defineConfig({
  test: {
    include: ['test/kill/**/*.kill.ts'],
    testTimeout: 1_200_000,
    hookTimeout: 300_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
  },
});
