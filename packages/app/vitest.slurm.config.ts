import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run test:slurm`: enforcement against the real single-node Slurm that
// scripts/slurm/start.sh brings up (it writes the env file the test reads). Jobs take seconds to
// be scheduled, so timeouts are long and the files run one after another.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    name: 'slurm',
    include: ['packages/app/test/slurm-integration/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
