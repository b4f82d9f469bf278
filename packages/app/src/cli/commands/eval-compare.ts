import { compareSuite, DEFAULT_RESAMPLES, DEFAULT_SEED } from '@stagegate/core/evaluation/compare-suite';
import { parseMetricOverride, type MetricCatalogEntry } from '@stagegate/core/evaluation/metric-catalog';
import { parseFlags, requireFlag } from '../args.ts';
import { CliError, EXIT, type CliCommand } from '../command.ts';
import { planComparison } from '../../evaluation/compare-results.ts';
import { ImportError } from '../../adapters/import-error.ts';
import { loadScoreTable } from '../../adapters/lm-eval/load-results.ts';
import { officialScoringRefusal } from '../../adapters/lm-eval/score-table.ts';

const usage = `Usage: stagegate eval compare --candidate RESULTS.json --reference RESULTS.json
         [--candidate-samples DIR] [--reference-samples DIR] [--target 0.95] [--json]
         [--seed N] [--resamples N] [--chance TASK=LEVEL ...] [--metric TASK=METRIC[,FILTER][:lower] ...]
         [--allow-limited]

Compares a candidate model's benchmark results with a reference model's: per task the ratio
candidate/reference (chance-corrected with --chance, e.g. --chance mmlu=0.25) and its 95 % interval,
then the equally weighted aggregate, P(ratio ≥ target) and a verdict: pass when the whole interval
is at or above the target, fail when it is below, inconclusive otherwise.

RESULTS is an lm-evaluation-harness results file of any version since v0.3 (v0.3: "acc",
"acc_stderr", "versions"; v0.4: "acc,none", groups, n-samples, higher_is_better) or a CSV
(benchmark,metric,score[,stderr][,n]). What a reader does not understand is named with its place.

Each task is compared on its primary metric, never on whichever key a file lists first: the
catalog follows the Open LLM Leaderboard (arc_challenge and hellaswag acc_norm, truthfulqa_mc2
acc, v0.3 truthfulqa_mc mc2, winogrande and mmlu acc, gsm8k exact_match under strict-match …) and
the K-AI stage's benchmarks (mmlu_pro, kmmlu_pro, aime25, livecodebench). --metric overrides or
adds one task (":lower" for lower-is-better metrics such as perplexity; the ratio is then
reference/candidate). A task on both sides without a declared metric is not compared, and the
metrics the files hold are listed.
With both samples folders (the harness's samples_<task>_*.jsonl) the interval comes from a paired,
stratified bootstrap over items; otherwise from the delta method on the standard errors.
Results of a limited run (n-samples effective < original) are refused unless --allow-limited.
Seeded: the same inputs and --seed give the same intervals (default seed ${DEFAULT_SEED}).

Exit: 0 pass, 1 fail or inconclusive, 2 bad input.`;

export const command: CliCommand = {
  usage,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      candidate: { type: 'string' },
      reference: { type: 'string' },
      'candidate-samples': { type: 'string' },
      'reference-samples': { type: 'string' },
      target: { type: 'string' },
      seed: { type: 'string' },
      resamples: { type: 'string' },
      chance: { type: 'string', multiple: true },
      metric: { type: 'string', multiple: true },
      'allow-limited': { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const candidatePath = requireFlag(values.candidate, 'candidate');
    const referencePath = requireFlag(values.reference, 'reference');
    const target = numberFlag(values.target, 'target', 0.95, (v) => v > 0);
    const seed = numberFlag(values.seed, 'seed', DEFAULT_SEED, (v) => Number.isInteger(v) && v >= 0);
    const resamples = numberFlag(values.resamples, 'resamples', DEFAULT_RESAMPLES, (v) => Number.isInteger(v) && v >= 100);
    const chance = new Map<string, number>();
    for (const c of values.chance ?? []) {
      const m = /^(.+)=([0-9.]+)$/.exec(c);
      if (!m || !(Number(m[2]) >= 0 && Number(m[2]) < 1)) throw new CliError(`--chance: expected TASK=LEVEL with 0 ≤ LEVEL < 1, got "${c}"`);
      chance.set(m[1]!, Number(m[2]));
    }
    const overrides: MetricCatalogEntry[] = [];
    for (const m of values.metric ?? []) {
      const entry = parseMetricOverride(m);
      if (!entry) throw new CliError(`--metric: expected TASK=METRIC[,FILTER][:lower], got "${m}"`);
      overrides.push(entry);
    }

    try {
      const candidate = await loadScoreTable(candidatePath);
      const reference = await loadScoreTable(referencePath);
      const plan = await planComparison(candidate, reference, {
        candidateSamples: values['candidate-samples'],
        referenceSamples: values['reference-samples'],
        chance,
        metricCatalogs: [overrides],
      });
      if (plan.inputs.length === 0) {
        throw new CliError(['no task can be compared:', ...plan.refused.map((r) => `  refused: ${r}`), ...plan.notes.map((n) => `  ${n}`)].join('\n'));
      }
      for (const r of plan.refused) io.err(`refused: ${r}`);
      const compared = plan.inputs.map((i) => i.name);
      for (const table of [candidate, reference]) {
        const refusal = officialScoringRefusal(table, compared);
        if (refusal && !values['allow-limited']) throw new CliError(`${refusal} (or pass --allow-limited for an unofficial comparison)`);
        if (refusal) io.err(`warning: ${refusal}; compared anyway (--allow-limited), not for official scoring`);
      }
      for (const note of plan.notes) io.err(`note: ${note}`);
      let result;
      try {
        result = compareSuite(plan.inputs, { target, seed, resamples });
      } catch (e) {
        throw new CliError((e as Error).message);
      }
      const report = {
        tasks: result.benchmarks.map((b) => ({
          task: b.name,
          metric: plan.metricKeys.get(b.name)!,
          higherIsBetter: plan.inputs.find((i) => i.name === b.name)!.higherIsBetter,
          candidate: b.candidate,
          reference: b.reference,
          ratio: b.ratio,
          ci: b.ci,
        })),
        aggregate: {
          ratio: result.aggregate.ratio,
          ci: result.aggregate.ci,
          pAtLeastTarget: result.aggregate.pAtLeastTarget,
          verdict: result.aggregate.verdict,
        },
        refused: plan.refused,
      };
      if (values.json) io.out(JSON.stringify(report, null, 2));
      else {
        const f = (x: number) => x.toFixed(4);
        const lines = [`${'task'.padEnd(28)} ${'metric'.padEnd(24)} candidate reference  ratio   95 % interval     method`];
        result.benchmarks.forEach((b, i) => {
          const t = report.tasks[i]!;
          lines.push(
            `${t.task.padEnd(28)} ${t.metric.padEnd(24)} ${f(t.candidate).padStart(9)} ${f(t.reference).padStart(9)}  ${f(t.ratio)}  [${f(t.ci[0])}, ${f(t.ci[1])}]  ${b.method}`,
          );
        });
        const a = report.aggregate;
        lines.push(
          '',
          `aggregate ratio ${f(a.ratio)}  95 % interval [${f(a.ci[0])}, ${f(a.ci[1])}]  P(ratio ≥ ${target}) = ${a.pAtLeastTarget.toFixed(3)}  verdict: ${a.verdict}`,
        );
        io.out(lines.join('\n'));
      }
      return result.aggregate.verdict === 'pass' ? EXIT.ok : EXIT.negative;
    } catch (e) {
      if (e instanceof ImportError) throw new CliError(e.message);
      throw e;
    }
  },
};

function numberFlag(raw: string | undefined, name: string, fallback: number, ok: (v: number) => boolean): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || !ok(v)) throw new CliError(`--${name}: invalid value "${raw}"`);
  return v;
}
