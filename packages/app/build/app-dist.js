// Where the compiled app lives and which sources it is built from; shared by the bin (to decide
// whether dist may run) and the build.
import { fileURLToPath } from 'node:url';
import { readStamp, sourceSignature } from './source-stamp.js';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
const stampFile = distDir + 'source-stamp.json';
// core is bundled into the app's dist, so its sources count too; the migrations make dist's initial database
export const appSources = [
  'packages/core/src',
  'packages/core/package.json',
  'packages/app/src',
  'packages/app/package.json',
  'packages/app/build',
  'packages/app/drizzle',
];

export function distIsCurrent() {
  const built = readStamp(stampFile);
  return built !== undefined && built === sourceSignature(repoRoot, appSources);
}
