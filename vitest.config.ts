import { defineConfig } from 'vitest/config';

// `npm test`: the pure core and the app against embedded PGlite. Suites needing real services
// (PostgreSQL, Slurm, Chromium) have their own configs and npm scripts, called by .ci/run.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'core', include: ['packages/core/test/**/*.test.ts'] } },
      // component tests (*.test.tsx) render in happy-dom; a test file may also ask for it with
      // `// @vitest-environment happy-dom`
      { test: { name: 'web', include: ['packages/web/test/**/*.test.{ts,tsx}'], environment: 'node' } },
      {
        test: {
          name: 'app',
          include: ['packages/app/test/**/*.test.ts'],
          exclude: ['packages/app/test/slurm-integration/**'],
          setupFiles: ['packages/app/test/support/one-query-per-connection.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
