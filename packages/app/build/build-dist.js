// `npm run build` (and `npm start`, `npm ci`): compiles the app and the core it imports into one set
// of ES modules in packages/app/dist, run by plain `node` — no TypeScript compiler at run time.
// `--if-changed` returns at once when dist was built from the current sources.
import { rename, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { appSources, distDir, distIsCurrent, repoRoot } from './app-dist.js';
import { sourceSignature } from './source-stamp.js';

const appDir = fileURLToPath(new URL('../', import.meta.url));

if (process.argv.includes('--if-changed') && distIsCurrent()) process.exit(0);

const started = performance.now();
const sources = sourceSignature(repoRoot, appSources);
const tmp = `${appDir}dist.tmp-${process.pid}`;
await build({
  absWorkingDir: appDir,
  entryPoints: ['src/cli/main.ts'],
  outbase: 'src',
  outdir: tmp,
  // Files that find their data with `new URL('../../…', import.meta.url)` sit two folders below
  // packages/app in src; the entry (dist/cli/) and every chunk (dist/chunks/) keep that depth.
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true, // each CLI command, and what only it imports, is its own chunk loaded when it runs
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [
    {
      // npm packages stay in node_modules; only our own workspaces are compiled in
      name: 'external-packages',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@stagegate/') ? undefined : { path: args.path, external: true }));
      },
    },
  ],
});
await writeFile(`${tmp}/source-stamp.json`, JSON.stringify({ sources }) + '\n');
// swapped in whole, so a CLI started meanwhile sees the old build or the new one, never half
await rm(distDir, { recursive: true, force: true });
await rename(tmp, distDir);
console.error(`stagegate: compiled packages/app/dist in ${Math.round(performance.now() - started)} ms`);
