/**
 * Start-up: the `stagegate` command and the server, against bare `node -e 0` in the same run.
 * See README.md. Run: npx tsx bench/start-up/run.ts [--bin path/to/stagegate.js] [--runs 7]
 * (`--bin` times another checkout's command, e.g. the commit before compiled JavaScript.)
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { report, type BenchRow } from '../report.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({ options: { bin: { type: 'string' }, runs: { type: 'string', default: '7' }, port: { type: 'string', default: '4310' } } });
const bin = values.bin ? resolve(values.bin) : join(repo, 'packages/app/bin/stagegate.js');
const RUNS = Number(values.runs);
const PORT = Number(values.port);
const work = mkdtempSync(join(tmpdir(), 'sg-startup-'));

if (!values.bin) {
  // what `npm start` does first: the compiled app and the web bundle, each only if its sources changed
  for (const script of ['packages/app/build/build-dist.js', 'scripts/build-web.js']) {
    const r = spawnSync(process.execPath, [join(repo, script), '--if-changed'], { cwd: repo, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${script} failed`);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timeProcess(args: string[], env: Record<string, string> = {}): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: work, env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Spawns `stagegate serve` and returns the time until GET /api/v1/programs first answers 200, then stops it. */
async function timeServerStart(dataDir: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, 'serve'], {
    cwd: work,
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', STAGEGATE_DATA: dataDir, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  let ms: number;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${stderr}`);
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/programs`);
      if (res.status === 200) {
        ms = performance.now() - t0;
        break;
      }
    } catch {
      /* not listening yet */
    }
    if (performance.now() - t0 > 180_000) throw new Error(`serve did not answer in 180 s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return ms;
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

const node = median(Array.from({ length: RUNS + 3 }, () => timeProcess(['-e', '0'])));
console.error(`node -e 0: ${fmt(node)}`);
const help = median(Array.from({ length: RUNS }, () => timeProcess([bin, '--help'])));
console.error(`stagegate --help: ${fmt(help)}`);

const cold: number[] = [];
let dataDir = '';
for (let i = 0; i < Math.max(2, Math.ceil(RUNS / 3)); i++) {
  dataDir = join(work, `data-${i}`);
  cold.push(await timeServerStart(dataDir));
  console.error(`cold start ${i + 1}: ${fmt(cold.at(-1)!)}`);
}
const warm: number[] = [];
for (let i = 0; i < Math.max(3, Math.ceil(RUNS / 2)); i++) {
  warm.push(await timeServerStart(dataDir));
  console.error(`warm restart ${i + 1}: ${fmt(warm.at(-1)!)}`);
}
const list = median(Array.from({ length: RUNS }, () => timeProcess([bin, 'programs', 'list', '--json'], { STAGEGATE_DATA: dataDir })));
console.error(`programs list --json: ${fmt(list)}`);
rmSync(work, { recursive: true, force: true });

const peer = `node -e 0: ${fmt(node)}`;
const rows: BenchRow[] = [
  { workload: '`stagegate --help`', ours: fmt(help), peer, ratio: `${(help / node).toFixed(1)}×`, goal: '≤ 4× node', met: help <= 4 * node },
  {
    workload: '`stagegate programs list --json` (embedded database)',
    ours: fmt(list),
    peer,
    ratio: `${(list / node).toFixed(1)}×`,
    goal: '≤ 8× node',
    met: list <= 8 * node,
  },
  {
    workload: 'warm server restart → first 200 on /api/v1/programs',
    ours: fmt(median(warm)),
    peer,
    ratio: `${(median(warm) / node).toFixed(1)}×`,
    goal: '≤ 3 s',
    met: median(warm) <= 3000,
  },
  {
    workload: 'cold first start (new data folder, demo data) → first 200',
    ours: fmt(median(cold)),
    peer,
    ratio: `${(median(cold) / node).toFixed(1)}×`,
    goal: '≤ 8 s',
    met: median(cold) <= 8000,
  },
];
await report(values.bin ? 'start-up-other' : 'start-up', rows);
