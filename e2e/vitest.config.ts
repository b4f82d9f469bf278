import { defineConfig } from 'vitest/config';

// Browser tests: Debian's Chromium through playwright-core against a real `stagegate serve`.
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
