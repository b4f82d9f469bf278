// bench/arena: 1.6 M synthetic votes among 130 models — Bradley–Terry fit and 100 bootstrap
// rounds, TypeScript (the code `stagegate arena rate` runs) against the same method in NumPy,
// on the same votes file, in the same run. See README.md.
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticVotes } from '../../packages/core/src/arena/synthetic-votes.ts';
import { createRng } from '../../packages/core/src/shared/random.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const outDir = join(root, 'bench', 'out', 'arena');
const VOTES = Number(process.env.ARENA_VOTES ?? 1_600_000);
const MODELS = 130;
const ROUNDS = Number(process.env.ARENA_ROUNDS ?? 100);
const RUNS = Number(process.env.ARENA_RUNS ?? 3);
const votesFile = join(outDir, `votes-${VOTES}-${MODELS}.jsonl`);
const truthFile = votesFile.replace(/\.jsonl$/, '.truth.json');

async function generate() {
  mkdirSync(outDir, { recursive: true });
  const rng = createRng(2026);
  const truth: Record<string, number> = {};
  for (let i = 0; i < MODELS; i++) truth[`model-${String(i).padStart(3, '0')}`] = 1000 + 120 * rng.normal();
  const out = createWriteStream(votesFile);
  let chunk: string[] = [];
  for (const v of syntheticVotes({ ratings: truth, votes: VOTES, seed: 7, tieRate: 0.25 })) {
    chunk.push(JSON.stringify(v));
    if (chunk.length === 10_000) {
      if (!out.write(chunk.join('\n') + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = [];
    }
  }
  if (chunk.length) out.write(chunk.join('\n') + '\n');
  await new Promise<void>((r) => out.end(() => r()));
  writeFileSync(truthFile, JSON.stringify(truth));
}

interface Figures {
  impl: string;
  votes: number;
  models: number;
  pairs: number;
  read_s: number;
  fit_s: number;
  fit_iterations: number;
  bootstrap_s: number;
  unconverged: number;
  cpu_s: number;
  start_rss_mb: number;
  max_rss_mb: number;
  mean_ci_width: number;
  ratings: Record<string, number>;
}

function runOnce(cmd: string, args: string[]): Figures {
  const out = execFileSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function hasNumpy(): boolean {
  try {
    execFileSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

if (!existsSync(votesFile) || !existsSync(truthFile)) {
  const t = performance.now();
  await generate();
  console.log(`generated ${votesFile} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
console.log(
  `votes file: ${(statSync(votesFile).size / 1e6).toFixed(0)} MB, ${VOTES} votes, ${MODELS} models; ${ROUNDS} bootstrap rounds; median of ${RUNS} runs each`,
);

const tsx = join(root, 'node_modules', '.bin', 'tsx');
const impls: [string, () => Figures][] = [['typescript', () => runOnce(tsx, [join(here, 'bt_ts.ts'), votesFile, String(ROUNDS)])]];
if (hasNumpy()) impls.push(['numpy', () => runOnce('python3', [join(here, 'bt_numpy.py'), votesFile, String(ROUNDS)])]);
else console.log('python3 with NumPy not found: TypeScript only');

const results: Record<string, Figures[]> = {};
for (let r = 0; r < RUNS; r++) {
  // alternate so both see the same machine load
  for (const [name, run] of impls) (results[name] ??= []).push(run());
}

const truth: Record<string, number> = JSON.parse(readFileSync(truthFile, 'utf8'));
const truthMean = Object.values(truth).reduce((s, x) => s + x, 0) / MODELS;
const rows = ['read_s', 'fit_s', 'bootstrap_s', 'cpu_s', 'start_rss_mb', 'max_rss_mb'] as const;
const summary: Record<string, Record<string, number>> = {};
for (const [name, figs] of Object.entries(results)) {
  summary[name] = Object.fromEntries(rows.map((k) => [k, median(figs.map((f) => f[k]))]));
  summary[name].total_s = median(figs.map((f) => f.read_s + f.fit_s + f.bootstrap_s));
  summary[name].compute_s = median(figs.map((f) => f.fit_s + f.bootstrap_s));
  summary[name].rss_growth_mb = median(figs.map((f) => f.max_rss_mb - f.start_rss_mb));
}

const pad = (s: string, n: number) => s.padStart(n);
const names = Object.keys(summary);
console.log('\nmedian figures (wall seconds per phase; cpu_s = user+system CPU of the whole run; RSS in MB)');
console.log(['', ...names, names.length > 1 ? 'ts / numpy' : ''].map((s, i) => (i ? pad(s, 12) : s.padEnd(26))).join(''));
for (const k of [...rows, 'rss_growth_mb', 'compute_s', 'total_s']) {
  const vals = names.map((n) => summary[n][k]);
  const ratio = names.length > 1 ? (vals[0] / vals[1]).toFixed(2) + '×' : '';
  console.log([k, ...vals.map((v) => v.toFixed(k.endsWith('_mb') ? 0 : 3)), ratio].map((s, i) => (i ? pad(s, 12) : s.padEnd(26))).join(''));
}

for (const [name, figs] of Object.entries(results)) {
  const f = figs[0];
  let maxErr = 0,
    sumSq = 0;
  for (const [m, r] of Object.entries(f.ratings)) {
    const e = r - (truth[m] - truthMean + 1000);
    maxErr = Math.max(maxErr, Math.abs(e));
    sumSq += e * e;
  }
  console.log(
    `${name}: ${f.pairs} pairs, fit in ${f.fit_iterations} iterations, ${f.unconverged} unconverged replicates, ` +
      `mean 95% CI width ${f.mean_ci_width.toFixed(2)} points, error vs truth: RMS ${Math.sqrt(sumSq / MODELS).toFixed(2)}, max ${maxErr.toFixed(2)}`,
  );
}
if (results.numpy) {
  const a = results.typescript[0].ratings,
    b = results.numpy[0].ratings;
  const diff = Math.max(...Object.keys(a).map((m) => Math.abs(a[m] - b[m])));
  console.log(`point ratings, TypeScript vs NumPy: max difference ${diff.toExponential(2)} rating points (same method, same answer)`);
}
