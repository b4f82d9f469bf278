// `npm run build` (and `npm start`, `npm ci`): compiles the app and the core it imports into one set
// of ES modules in packages/app/dist, run by plain `node` — no TypeScript compiler at run time.
// `--if-changed` returns at once when dist was built from the current sources.
import { rename, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { appSources, distDir, distIsCurrent, repoRoot } from './app-dist.js';
import { sourceSignature } from './source-stamp.js';
import { writePgdataTemplate } from './pgdata-template.js';

const appDir = fileURLToPath(new URL('../', import.meta.url));

if (process.argv.includes('--if-changed') && distIsCurrent()) process.exit(0);

/**
 * Packages left in node_modules: PGlite and HiGHS load their WebAssembly and data files beside their
 * code; swagger-ui serves its own folder; pg has an optional native binding; exceljs, pdfmake and
 * nodemailer load only when a workbook, a PDF or a mail is made; pino starts transports from its files.
 */
const keepExternal = ['@electric-sql/pglite', 'highs', '@fastify/swagger-ui', 'pg', 'pg-native', 'exceljs', 'pdfmake', 'nodemailer', 'pino', 'thread-stream'];

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
  // npm packages are bundled in too: resolving and reading hundreds of files in node_modules was half
  // of a CLI command's module loading. Those that read their own files at run time stay there.
  banner: { js: "import { createRequire as __stagegateRequire } from 'node:module'; const require = __stagegateRequire(import.meta.url);" },
  plugins: [
    {
      name: 'external-packages',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          keepExternal.some((p) => args.path === p || args.path.startsWith(`${p}/`)) ? { path: args.path, external: true } : undefined,
        );
      },
    },
  ],
});
await writePgdataTemplate(`${tmp}/pgdata-template`);
await writeFile(`${tmp}/source-stamp.json`, JSON.stringify({ sources }) + '\n');
// swapped in whole, so a CLI started meanwhile sees the old build or the new one, never half
await rm(distDir, { recursive: true, force: true });
await rename(tmp, distDir);
console.error(`stagegate: compiled packages/app/dist in ${Math.round(performance.now() - started)} ms`);
