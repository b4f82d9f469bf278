// `npm run build:web`: the web bundle into packages/web/dist, with a hash of the sources it was built
// from. `--if-changed` (used by `npm start` and `npm run test:e2e`) skips the build when that hash
// still matches, so a start does not spend half a minute rebuilding an unchanged bundle.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readStamp, sourceSignature } from '../packages/app/build/source-stamp.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const stampFile = root + 'packages/web/dist/source-stamp.json';
// the web imports core's validation and formatting, so core's sources count
const webSources = [
  'packages/web/src',
  'packages/web/index.html',
  'packages/web/vite.config.ts',
  'packages/web/package.json',
  'packages/web/tsconfig.json',
  'packages/core/src',
  'package-lock.json',
];

const sources = sourceSignature(root, webSources, { contents: true });
if (process.argv.includes('--if-changed') && readStamp(stampFile) === sources) {
  console.error('stagegate: web bundle is current (sources unchanged since packages/web/dist was built)');
  process.exit(0);
}
const r = spawnSync('npm', ['run', 'build', '-w', '@stagegate/web', '--silent'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
writeFileSync(stampFile, JSON.stringify({ sources }) + '\n');
