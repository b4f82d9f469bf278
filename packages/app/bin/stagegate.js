#!/usr/bin/env node
// The `stagegate` command. It runs the compiled JavaScript in ../dist (built by `npm run build`,
// `npm start` and `npm ci`) when that build matches the sources as they are now; otherwise, on a
// clone not yet built or after an edit, the TypeScript sources through tsx, so a stale build never runs.
import { distIsCurrent } from '../build/app-dist.js';

let main;
if (process.env.STAGEGATE_FROM_SOURCE !== '1' && distIsCurrent()) {
  ({ main } = await import('../dist/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
