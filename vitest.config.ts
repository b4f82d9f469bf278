import { defineConfig } from 'vitest/config';

// `npm test`: the pure core and the app against embedded PGlite. Suites needing real services
// (PostgreSQL, Slurm, Chromium) have their own configs and npm scripts, called by .ci/run.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'core', include: ['packages/core/test/**/*.test.ts'] } },
      { test: { name: 'web', include: ['packages/web/test/**/*.test.ts'] } },
      {
        test: {
          name: 'app',
          include: ['packages/app/test/**/*.test.ts'],
          exclude: ['packages/app/test/slurm-integration/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
