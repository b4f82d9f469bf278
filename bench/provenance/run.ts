import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { report } from '../report.ts';
import { ensurePair } from './generate.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../out/provenance', import.meta.url));
const runs = Number(process.env.RUNS ?? 3);
// `--before <checkout>`: that checkout's comparison runs too, interleaved with this one's in the same session
const beforeAt = process.argv.indexOf('--before');
const beforeRoot = beforeAt > 0 ? resolve(process.argv[beforeAt + 1] ?? '') : null;

interface Result {
  mode: string;
  bytes: number;
  seconds: number;
  /** main-thread plus thread-pool CPU time: on a shared machine, wall time alone says little */
  cpuSeconds: number;
  maxRssKb: number;
  verdict: string | null;
}

type Mode = 'read' | 'after' | 'before';

function child(mode: Mode, files: string[]): Result {
  const root = mode === 'before' ? beforeRoot! : `${here}../..`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', `${root}/bench/provenance/child.ts`, mode === 'read' ? 'read' : 'compare', ...files], {
    encoding: 'utf8',
    cwd: root,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Result;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const mbps = (r: Result) => r.bytes / 1e6 / r.seconds;
const perCpu = (rs: Result[]) => median(rs.map((r) => r.bytes / 1e6 / r.cpuSeconds));
const peakMb = (rs: Result[]) => Math.max(...rs.map((r) => r.maxRssKb)) / 1024;

const files = await ensurePair(outDir);
// one untimed read so every measurement starts from the same (warm) page cache
child('read', files);
const modes: Mode[] = beforeRoot ? ['read', 'before', 'after'] : ['read', 'after'];
const results: Record<Mode, Result[]> = { read: [], after: [], before: [] };
const loads = [loadavg()[0]!];
for (let i = 0; i < runs; i++) {
  // rotate the order each round, so no mode always runs right after the same other one
  for (let k = 0; k < modes.length; k++) {
    const mode = modes[(i + k) % modes.length]!;
    results[mode].push(child(mode, files));
  }
  loads.push(loadavg()[0]!);
}
const seq = median(results.read.map(mbps));
const gb = (results.read[0]!.bytes / 1e9).toFixed(2);
const load = `load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} on ${cpus().length} cores`;
console.log(`provenance compare: ${files.join(' + ')} (${gb} GB together, BF16 weights, F32 norms), median of ${runs} runs, ${load}`);
for (const mode of modes) {
  const rs = results[mode];
  const label = { read: 'sequential read', after: beforeRoot ? 'comparison (this checkout)' : 'comparison', before: `comparison (${beforeRoot})` }[mode];
  const ratio =
    mode === 'read' ? '' : `; ÷ read ${(median(rs.map(mbps)) / seq).toFixed(2)}, per CPU-second ÷ read ${(perCpu(rs) / perCpu(results.read)).toFixed(2)}`;
  console.log(`  ${label}`);
  console.log(
    `    ${median(rs.map(mbps)).toFixed(0)} MB/s (runs: ${rs.map((r) => mbps(r).toFixed(0)).join(', ')}; ${median(rs.map((r) => r.seconds)).toFixed(2)} s), ${perCpu(rs).toFixed(0)} MB per CPU-second, peak RSS ${peakMb(rs).toFixed(0)} MB${ratio}`,
  );
}
console.log(`  verdict on the derived pair: ${results.after[0]!.verdict}`);
const cmp = median(results.after.map(mbps));
// on a shared machine the wall ratio depends on who else runs; the CPU ratio says what the scan costs
await report('provenance', [
  {
    workload: `provenance scan, ${gb} GB BF16 pair (peak RSS ${peakMb(results.after).toFixed(0)} MB, ${load})`,
    ours: `${cmp.toFixed(0)} MB/s (${perCpu(results.after).toFixed(0)} MB per CPU-second)`,
    peer: `plain read: ${seq.toFixed(0)} MB/s (${perCpu(results.read).toFixed(0)} MB per CPU-second)`,
    ratio: `${(cmp / seq).toFixed(2)}× (CPU ${(perCpu(results.after) / perCpu(results.read)).toFixed(2)}×)`,
    goal: '≥ 0.7× read',
    met: cmp / seq >= 0.7,
  },
]);
