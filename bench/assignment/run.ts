// Reviewer assignment: our min-cost flow against the HiGHS LP (WASM) on the same instances.
// Each (size, solver) runs in its own process so peak RSS is that run's alone.
// Usage: npx tsx bench/assignment/run.ts [S M L XL] [ours highs balance]   (HIGHS_TIME_LIMIT=seconds, default 150)
// Sizes and solvers named on the command line narrow the run; none named means all.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { report, type BenchRow } from '../report.ts';

const allSizes = ['S', 'M', 'L', 'XL'],
  allSolvers = ['ours', 'highs', 'balance'];
const args = process.argv.slice(2);
const unknown = args.filter((a) => !allSizes.includes(a) && !allSolvers.includes(a));
if (unknown.length) throw new Error(`unknown argument(s) ${unknown.join(', ')}: expected sizes ${allSizes.join(' ')} and solvers ${allSolvers.join(' ')}`);
const pick = (all: string[]) => (args.some((a) => all.includes(a)) ? all.filter((x) => args.includes(x)) : all);
const sizes = pick(allSizes),
  solvers = pick(allSolvers);
const repeats: Record<string, number> = { S: 5, M: 5, L: 3, XL: 1 };
const script = fileURLToPath(new URL('./solve-one.ts', import.meta.url));

interface Row {
  size: string;
  solver: string;
  runs: number;
  medianMs: number;
  medianCpuMs: number;
  validateMs: number | null;
  objective: number;
  status: string;
  peakRssMB: number;
  maxLoad?: number;
}

function measure(size: string, solver: string): Row | { size: string; solver: string; error: string } {
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', script, size, solver, String(repeats[size] ?? 1)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 10 * 60_000,
      maxBuffer: 1 << 20,
    });
    return JSON.parse(out.trim().split('\n').pop()!) as Row;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    return { size, solver, error: (err.stderr || err.message).split('\n').filter(Boolean).slice(-2).join(' ') };
  }
}

const fmt = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const rows: BenchRow[] = [];
const ms = (x: number) => `${Math.round(x).toLocaleString('en')} ms`;
console.log('size  solver  runs  median ms  cpu ms  validate ms  peak RSS MB  objective        status');
for (const size of sizes) {
  const measured = Object.fromEntries(solvers.map((solver) => [solver, measure(size, solver)]));
  for (const r of Object.values(measured)) {
    if ('error' in r) console.log(`${r.size.padEnd(5)} ${r.solver.padEnd(7)} could not run: ${r.error}`);
    else
      console.log(
        `${r.size.padEnd(5)} ${r.solver.padEnd(7)} ${String(r.runs).padStart(4)}  ${fmt(r.medianMs).padStart(9)}  ${fmt(r.medianCpuMs).padStart(6)}  ${fmt(r.validateMs ?? NaN).padStart(11)}  ${fmt(r.peakRssMB).padStart(11)}  ${fmt(r.objective, 4).padStart(15)}  ${r.status}${r.maxLoad !== undefined ? `, largest load ${r.maxLoad}` : ''}`,
      );
  }
  const { ours, highs: lp } = measured;
  if (ours && !('error' in ours) && ours.validateMs !== null) {
    rows.push({
      workload: `assignment ${size}: input validation`,
      ours: ms(ours.validateMs),
      peer: `our solve: ${ms(ours.medianMs)}`,
      ratio: `${(ours.validateMs / ours.medianMs).toFixed(2)}×`,
      goal: 'linear time; reported',
    });
  }
  if (ours && lp && !('error' in ours) && !('error' in lp)) {
    const gap = Math.abs(ours.objective - lp.objective);
    const ratio = lp.medianMs / ours.medianMs,
      cpuRatio = lp.medianCpuMs / ours.medianCpuMs;
    console.log(
      `      HiGHS/ours time ratio ${fmt(ratio, 2)}x (CPU time ${fmt(cpuRatio, 2)}x); objective gap ${gap.toExponential(2)}${lp.status === 'optimal' ? '' : ' (HiGHS not optimal: ' + lp.status + ')'}`,
    );
    const optimal = lp.status === 'optimal' && gap <= 1e-6 * Math.max(1, Math.abs(lp.objective));
    rows.push({
      workload: `assignment ${size} (${ours.runs} runs; CPU ${ms(ours.medianCpuMs)} vs ${ms(lp.medianCpuMs)}, ${cpuRatio.toFixed(1)}×)${optimal ? '' : ' — objectives differ'}`,
      ours: ms(ours.medianMs),
      peer: `HiGHS LP: ${ms(lp.medianMs)}`,
      ratio: `${(1 / ratio).toFixed(2)}× (HiGHS ÷ ours ${ratio.toFixed(1)})`,
      goal: size === 'L' ? 'HiGHS ÷ ours ≥ 3' : 'reported',
      met: size === 'L' ? optimal && ratio >= 3 : undefined,
    });
  }
}
await report('assignment', rows);
