import type { BenchmarkInput } from '@stagegate/core/evaluation/compare-suite';
import { catalogEntryFor, choosePrimaryMetric, DEFAULT_METRIC_CATALOG, type MetricCatalogEntry } from '@stagegate/core/evaluation/metric-catalog';
import { leafTasks, topLevelTasks, type MetricScore, type ScoreTable, type TaskScores } from '../adapters/lm-eval/score-table.ts';
import { loadItemValues } from '../adapters/lm-eval/harness-samples.ts';

export interface ComparisonPlan {
  inputs: BenchmarkInput[];
  /** harness-style metric key per benchmark, e.g. `acc,none` */
  metricKeys: Map<string, string>;
  /** things a person should know: tasks on one side only, fallbacks taken */
  notes: string[];
  /** tasks on both sides that were not compared because their primary metric is not settled */
  refused: string[];
}

export interface PlanOptions {
  candidateSamples?: string;
  referenceSamples?: string;
  /** chance level per task name (multiple choice); 0 when absent */
  chance?: ReadonlyMap<string, number>;
  /** entries that extend or override the default catalog (a program's, then the command line's) */
  metricCatalogs?: readonly (readonly MetricCatalogEntry[])[];
}

/** Metrics whose per-item values are 0/1, so a binomial standard error is right when none is given. */
const PROPORTION_METRICS = new Set(['acc', 'acc_norm', 'exact_match', 'em', 'mc1', 'pass@1']);

/**
 * Lines up two score tables for compareSuite: the top-level tasks present on both sides, each on
 * its primary metric from the catalog (DEFAULT_METRIC_CATALOG, extended by options.metricCatalogs)
 * — never whichever key a file lists first — and per-item scores when both samples folders hold
 * the task, paired by doc id when the documents match. A task without a declared primary metric,
 * or whose primary metric a side lacks, is refused with what the files hold.
 */
export async function planComparison(candidate: ScoreTable, reference: ScoreTable, options: PlanOptions = {}): Promise<ComparisonPlan> {
  const notes: string[] = [];
  const refused: string[] = [];
  const catalogs = [DEFAULT_METRIC_CATALOG, ...(options.metricCatalogs ?? [])];
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
    const entry = catalogEntryFor(c.task, ...catalogs) ?? declaredByCsv(candidate, c, reference, r);
    const sides = [choosePrimaryMetric(c.task, c.metrics, entry), choosePrimaryMetric(r.task, r.metrics, entry)] as const;
    if (!entry) {
      const held = (t: TaskScores) => [...new Set(t.metrics.map((m) => `${m.metric},${m.filter}`))].sort().join(', ') || 'no metric';
      refused.push(
        `${c.task}: no primary metric is declared for this benchmark; the candidate file holds ${held(c)}, the reference ${held(r)}; declare it with --metric ${c.task}=METRIC[,FILTER]`,
      );
      continue;
    }
    const failed = sides.flatMap((o, k) => (o.ok ? [] : [`${o.message} (${k === 0 ? 'candidate' : 'reference'})`]));
    if (failed.length) {
      refused.push(failed.join('; '));
      continue;
    }
    const [co, ro] = sides as unknown as [
      { chosen: { metric: string; filter: string; higherIsBetter: boolean } },
      { chosen: { metric: string; filter: string } },
    ];
    if (co.chosen.metric !== ro.chosen.metric) {
      // v0.3 and v0.4 name one score differently (gsm8k acc / exact_match): compared, and said so
      notes.push(
        `${c.task}: candidate ${co.chosen.metric},${co.chosen.filter} compared with reference ${ro.chosen.metric},${ro.chosen.filter} (the same score under each harness version's name)`,
      );
    }
    const cm = c.metrics.find((m) => m.metric === co.chosen.metric && m.filter === co.chosen.filter)!;
    const rm = r.metrics.find((m) => m.metric === ro.chosen.metric && m.filter === ro.chosen.filter)!;
    // the catalog decides the direction; a file's own higher_is_better that disagrees is reported
    const higherIsBetter = co.chosen.higherIsBetter;
    const fileSays = c.higherIsBetter[cm.metric] ?? r.higherIsBetter[rm.metric];
    if (fileSays !== undefined && fileSays !== higherIsBetter)
      notes.push(`${c.task}: the file's higher_is_better for ${cm.metric} is ${fileSays}; the catalog's ${higherIsBetter} is used`);
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
    if (!input.items && (input.candidate.stderr === null || input.reference.stderr === null)) {
      // one task without any spread would sink the whole comparison; it is left out, and said so
      refused.push(
        `${c.task}: ${cm.metric},${cm.filter} has no standard error on the ${input.candidate.stderr === null ? 'candidate' : 'reference'} side and no per-item scores, so it has no interval; not compared`,
      );
      continue;
    }
    inputs.push(input);
    metricKeys.set(c.task, `${cm.metric},${cm.filter}`);
  }
  for (const t of refTasks.keys()) notes.push(`${t}: only in the reference results; not compared`);
  return { inputs, metricKeys, notes, refused };
}

/**
 * A CSV names its metric on every row: when both sides are CSV and each holds exactly one metric
 * for the task, and the same one, the files themselves declare it.
 */
function declaredByCsv(ct: ScoreTable, c: TaskScores, rt: ScoreTable, r: TaskScores): MetricCatalogEntry | undefined {
  if (ct.format !== 'csv' || rt.format !== 'csv' || c.metrics.length !== 1 || r.metrics.length !== 1) return undefined;
  const [cm, rm] = [c.metrics[0]!, r.metrics[0]!];
  if (cm.metric !== rm.metric || cm.filter !== rm.filter) return undefined;
  return {
    task: c.task,
    choices: [{ metric: cm.metric, filter: cm.filter, higherIsBetter: c.higherIsBetter[cm.metric] ?? r.higherIsBetter[cm.metric] ?? true }],
    source: 'the only metric both CSV files give for it',
  };
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
