#!/usr/bin/env node
// The `stagegate` command. It runs the compiled JavaScript in ../dist (built by `npm run build`,
// `npm start` and `npm ci`) when that build matches the sources as they are now; otherwise, on a
// clone not yet built or after an edit, the TypeScript sources through tsx, so a stale build never runs.
import { setFlagsFromString } from 'node:v8';
import { distIsCurrent } from '../build/app-dist.js';

// A one-shot command spends most of its time starting PGlite's WebAssembly Postgres. V8 compiles it
// with its baseline compiler (Liftoff) and then recompiles the hot functions with the optimizing one,
// work that pays off only in a long-running process: `programs list` took about 40 % less CPU
// without it (bench/start-up/README.md). The server and the worker, and `provenance compare`, whose
// scan kernel is WebAssembly too, keep the optimizing tier. V8 reads the flag when it compiles a
// module, so it is set before anything is imported.
const longRunning = ['serve', 'worker', 'provenance'];
if (!longRunning.includes(process.argv[2] ?? '')) setFlagsFromString('--liftoff-only');

let main;
if (process.env.STAGEGATE_FROM_SOURCE !== '1' && distIsCurrent()) {
  ({ main } = await import('../dist/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
