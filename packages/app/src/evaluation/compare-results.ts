import type { BenchmarkInput } from '@stagegate/core/evaluation/compare-suite';
import { leafTasks, topLevelTasks, type MetricScore, type ScoreTable, type TaskScores } from './score-table.ts';
import { loadItemValues } from './harness-samples.ts';

export interface ComparisonPlan {
  inputs: BenchmarkInput[];
  /** harness-style metric key per benchmark, e.g. `acc,none` */
  metricKeys: Map<string, string>;
  /** things a person should know: tasks on one side only, fallbacks taken */
  notes: string[];
}

export interface PlanOptions {
  candidateSamples?: string;
  referenceSamples?: string;
  /** chance level per task name (multiple choice); 0 when absent */
  chance?: ReadonlyMap<string, number>;
}

/** Metrics whose per-item values are 0/1, so a binomial standard error is right when none is given. */
const PROPORTION_METRICS = new Set(['acc', 'acc_norm', 'exact_match', 'em', 'mc1', 'pass@1']);

/**
 * Lines up two score tables for compareSuite: the top-level tasks present on both sides, each with
 * the first metric (in the candidate file's order) both report for the same filter, and per-item
 * scores when both samples folders hold the task — paired by doc id when the documents match.
 */
export async function planComparison(candidate: ScoreTable, reference: ScoreTable, options: PlanOptions = {}): Promise<ComparisonPlan> {
  const notes: string[] = [];
  const inputs: BenchmarkInput[] = [];
  const metricKeys = new Map<string, string>();
  const refTasks = new Map(topLevelTasks(reference).map((t) => [t.task, t]));
  for (const c of topLevelTasks(candidate)) {
    const r = refTasks.get(c.task);
    if (!r) {
      notes.push(`${c.task}: only in the candidate results; not compared`);
      continue;
    }
    refTasks.delete(c.task);
    const pair = commonMetric(c, r);
    if (!pair) {
      notes.push(`${c.task}: no metric reported by both sides; not compared`);
      continue;
    }
    const [cm, rm] = pair;
    const higherIsBetter = c.higherIsBetter[cm.metric] ?? r.higherIsBetter[cm.metric] ?? true;
    const input: BenchmarkInput = {
      name: c.task,
      metric: cm.metric,
      higherIsBetter,
      chance: options.chance?.get(c.task) ?? 0,
      candidate: { score: cm.value, stderr: cm.stderr ?? proportionStderr(cm, c, notes, 'candidate') },
      reference: { score: rm.value, stderr: rm.stderr ?? proportionStderr(rm, r, notes, 'reference') },
    };
    if (options.candidateSamples && options.referenceSamples) {
      const ci = await loadItemValues(options.candidateSamples, leafTasks(candidate, c.task), cm.metric, cm.filter);
      const ri = await loadItemValues(options.referenceSamples, leafTasks(reference, r.task), rm.metric, rm.filter);
      if (ci && ri) input.items = alignItems(ci, ri);
      else notes.push(`${c.task}: no samples file on ${ci ? 'the reference' : 'the candidate'} side; interval from standard errors`);
    }
    inputs.push(input);
    metricKeys.set(c.task, `${cm.metric},${cm.filter}`);
  }
  for (const t of refTasks.keys()) notes.push(`${t}: only in the reference results; not compared`);
  return { inputs, metricKeys, notes };
}

function commonMetric(c: TaskScores, r: TaskScores): [MetricScore, MetricScore] | undefined {
  for (const m of c.metrics) {
    const other = r.metrics.find((x) => x.metric === m.metric && x.filter === m.filter);
    if (other) return [m, other];
  }
  return undefined;
}

function proportionStderr(m: MetricScore, t: TaskScores, notes: string[], side: string): number | null {
  const n = t.samples?.effective;
  if (!n || n < 2 || !PROPORTION_METRICS.has(m.metric) || m.value < 0 || m.value > 1) return null;
  notes.push(`${t.task}: the ${side} gives no standard error; using the binomial √(p(1−p)/(n−1)) with n = ${n}`);
  return Math.sqrt((m.value * (1 - m.value)) / (n - 1));
}

/** Paired when both sides scored exactly the same documents; otherwise each side on its own. */
function alignItems(c: Map<string, number>, r: Map<string, number>): NonNullable<BenchmarkInput['items']> {
  const same = c.size === r.size && [...c.keys()].every((k) => r.has(k));
  if (same) {
    const keys = [...c.keys()];
    return {
      paired: true,
      candidate: Float64Array.from(keys, (k) => c.get(k)!),
      reference: Float64Array.from(keys, (k) => r.get(k)!),
    };
  }
  return { paired: false, candidate: Float64Array.from(c.values()), reference: Float64Array.from(r.values()) };
}
