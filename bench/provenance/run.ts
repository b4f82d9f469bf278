import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { report } from '../report.ts';
import { ensurePair } from './generate.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../out/provenance', import.meta.url));
const runs = Number(process.env.RUNS ?? 3);

interface Result {
  mode: string;
  bytes: number;
  seconds: number;
  /** main-thread plus thread-pool CPU time: on a shared machine, wall time alone says little */
  cpuSeconds: number;
  maxRssKb: number;
  verdict: string | null;
}

function child(mode: 'compare' | 'read', files: string[]): Result {
  const out = execFileSync(process.execPath, ['--import', 'tsx', `${here}child.ts`, mode, ...files], { encoding: 'utf8', cwd: `${here}../..` });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Result;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

const files = await ensurePair(outDir);
// one untimed read so both measurements start from the same (warm) page cache
child('read', files);
const compare: Result[] = [],
  read: Result[] = [];
for (let i = 0; i < runs; i++) {
  read.push(child('read', files));
  compare.push(child('compare', files));
}
const mbps = (r: Result) => r.bytes / 1e6 / r.seconds;
const cmp = median(compare.map(mbps)),
  seq = median(read.map(mbps));
const gb = (compare[0]!.bytes / 1e9).toFixed(2);
console.log(`provenance compare: ${files.join(' + ')} (${gb} GB together, BF16 weights, F32 norms), median of ${runs} runs`);
console.log(
  `  comparison        ${cmp.toFixed(0).padStart(6)} MB/s   (runs: ${compare.map((r) => mbps(r).toFixed(0)).join(', ')}; ${median(compare.map((r) => r.seconds)).toFixed(2)} s)`,
);
console.log(
  `  sequential read   ${seq.toFixed(0).padStart(6)} MB/s   (runs: ${read.map((r) => mbps(r).toFixed(0)).join(', ')}; ${median(read.map((r) => r.seconds)).toFixed(2)} s)`,
);
console.log(`  ratio comparison / read: ${(cmp / seq).toFixed(2)}`);
const perCpu = (rs: Result[]) => median(rs.map((r) => r.bytes / 1e6 / r.cpuSeconds));
console.log(
  `  per CPU-second: comparison ${perCpu(compare).toFixed(0)} MB, read ${perCpu(read).toFixed(0)} MB (load average at the end: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`,
);
console.log(
  `  peak RSS: comparison ${(Math.max(...compare.map((r) => r.maxRssKb)) / 1024).toFixed(0)} MB, plain read ${(Math.max(...read.map((r) => r.maxRssKb)) / 1024).toFixed(0)} MB`,
);
console.log(`  verdict on the derived pair: ${compare[0]!.verdict}`);
const rss = Math.max(...compare.map((r) => r.maxRssKb)) / 1024;
// on a shared machine the wall ratio depends on who else runs; the CPU ratio says what the scan costs
await report('provenance', [
  {
    workload: `provenance scan, ${gb} GB BF16 pair (peak RSS ${rss.toFixed(0)} MB, load average ${loadavg()[0]!.toFixed(1)})`,
    ours: `${cmp.toFixed(0)} MB/s (${perCpu(compare).toFixed(0)} MB per CPU-second)`,
    peer: `plain read: ${seq.toFixed(0)} MB/s (${perCpu(read).toFixed(0)} MB per CPU-second)`,
    ratio: `${(cmp / seq).toFixed(2)}× (CPU ${(perCpu(compare) / perCpu(read)).toFixed(2)}×)`,
    goal: '≥ 0.7× read',
    met: cmp / seq >= 0.7,
  },
]);
