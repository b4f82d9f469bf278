// One solver on one instance in a fresh process, so peak RSS belongs to that run alone.
// Usage: tsx bench/assignment/solve-one.ts <S|M|L|XL> <ours|balance|highs> <repeats>
import { assignIndexed } from '../../packages/core/src/review/assign-reviewers.ts';
import { validateAssignmentInstance, type AssignmentInstance } from '../../packages/core/src/review/assignment-instance.ts';
import { benchInstance, type SizeName } from './instances.ts';

const [size, solver, repeatsArg] = process.argv.slice(2) as [SizeName, 'ours' | 'balance' | 'highs', string];
const repeats = Number(repeatsArg ?? 1);
const inst = benchInstance(size);
const rssBefore = process.resourceUsage().maxRSS;
const times: number[] = [];
// CPU time beside wall time: on a machine shared with other work, wall time mostly measures the queue
const cpuTimes: number[] = [];
const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
let objective = NaN;
let status = 'ok';
let validateMs = NaN;
let maxLoad: number | undefined;

if (solver === 'ours' || solver === 'balance') {
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    const { indexed } = validateAssignmentInstance(inst);
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const res = assignIndexed(indexed!, { balance: solver === 'balance' });
    cpuTimes.push(cpuMs(c1));
    if (res.feasible) maxLoad = Math.max(...res.loads);
    times.push(performance.now() - t1);
    validateMs = t1 - t0;
    objective = res.feasible ? res.objective : NaN;
    if (!res.feasible) status = 'infeasible';
  }
} else {
  const highs = await (await import('highs')).default();
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const model = highs.createModel(lpArrays(inst, highs.constants.objectiveSense.maximize));
    try {
      model.options.set({ output_flag: false, time_limit: Number(process.env.HIGHS_TIME_LIMIT ?? 150) });
      model.run();
      times.push(performance.now() - t0);
      cpuTimes.push(cpuMs(c0));
      status = model.getModelStatus() === highs.constants.modelStatus.optimal ? 'optimal' : `status ${model.getModelStatus()}`;
      objective = model.getObjectiveValue();
    } finally {
      model.dispose();
    }
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  JSON.stringify({
    size,
    solver,
    runs: times.length,
    medianMs: median(times),
    medianCpuMs: median(cpuTimes),
    validateMs,
    objective,
    status,
    maxLoad,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    rssBeforeMB: rssBefore / 1024,
    heapUsedMB: process.memoryUsage().heapUsed / 2 ** 20,
  }),
);

/** The same LP the tests hand to HiGHS, as CSC arrays (one column per non-conflicted pair). */
function lpArrays<S>(inst: AssignmentInstance, maximize: S) {
  const P = inst.proposals.length,
    R = inst.reviewers.length;
  const pIndex = new Map(inst.proposals.map((p, i) => [String(p.id), i]));
  const rIndex = new Map(inst.reviewers.map((r, i) => [String(r.id), i]));
  const conflicts = new Set(inst.conflicts.map(([p, r]) => `${p}|${r}`));
  const pairs = inst.affinity.filter(([p, r]) => !conflicts.has(`${p}|${r}`));
  const n = pairs.length;
  const starts = new Int32Array(n + 1);
  const indices = new Int32Array(2 * n);
  const values = new Float64Array(2 * n).fill(1);
  const colCost = new Float64Array(n);
  pairs.forEach(([p, r, s], k) => {
    starts[k + 1] = 2 * (k + 1);
    indices[2 * k] = pIndex.get(String(p))!;
    indices[2 * k + 1] = P + rIndex.get(String(r))!;
    colCost[k] = s;
  });
  const rowLower = new Float64Array(P + R);
  const rowUpper = new Float64Array(P + R);
  inst.proposals.forEach((p, i) => {
    rowLower[i] = p.reviews;
    rowUpper[i] = p.reviews;
  });
  inst.reviewers.forEach((r, i) => {
    rowLower[P + i] = r.minLoad ?? 0;
    rowUpper[P + i] = r.maxLoad;
  });
  return {
    numCols: n,
    numRows: P + R,
    sense: maximize,
    colCost,
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(1),
    rowLower,
    rowUpper,
    matrix: { format: 'csc' as const, numRows: P + R, numCols: n, starts, indices, values },
  };
}
