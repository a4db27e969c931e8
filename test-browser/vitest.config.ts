import { defineConfig } from 'vitest/config';

// The browser suite (`npm run test:browser`): the real server in a child
// process on a fresh embedded database with the demo data, driven through
// Debian's chromium by playwright-core. Outside `npm test` (test/**/*.test.ts).
export default defineConfig({
  test: {
    include: ['test-browser/**/*.browser.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
