import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { issue, type FieldIssue, type LocalizedText } from '@stagegate/core/shared/localized';
import type { Db, Tx } from '../db/connect.ts';
import { evaluationComparisons, evaluationRunItems, evaluationRuns, type StoredBenchmarkScore } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { parseCsvResults } from '../adapters/lm-eval/csv-results.ts';
import { parseHarnessResults } from '../adapters/lm-eval/harness-results.ts';
import { parseHarnessSamples } from '../adapters/lm-eval/harness-samples.ts';
import { ImportError } from '../adapters/import-error.ts';
import { leafTasks, officialScoringRefusal, topLevelTasks, type ScoreTable } from '../adapters/lm-eval/score-table.ts';
import { getProgram } from '../programs/program-store.ts';
import type { Verdict } from '@stagegate/core/evaluation/verdict';
import { catalogEntryFor, choosePrimaryMetric, DEFAULT_METRIC_CATALOG } from '@stagegate/core/evaluation/metric-catalog';
import { getSuite, listBenchmarks, listReferenceModels, type BenchmarkRow, type SuiteRow } from './catalog.ts';
import { compareWithFrontier, type ComparisonOutcome } from './frontier-comparison.ts';
import { encodeItemValues } from './item-values.ts';
import type { TaskRow } from '../tasks/task-membership.ts';

export interface UploadedText {
  fileName: string;
  text: string;
}

export interface ImportRequest {
  suite: string;
  results: UploadedText | null;
  samples: UploadedText[];
  mode: 'preview' | 'commit';
  source?: 'lm-eval-harness' | 'csv' | 'runner';
}

export interface PlannedRun {
  suite: SuiteRow;
  fileName: string;
  fileSha256: string;
  source: 'lm-eval-harness' | 'csv' | 'runner';
  modelName: string | null;
  scores: StoredBenchmarkScore[];
  items: Map<string, { docKeys: string[]; values: Float64Array }>;
  ignoredTasks: string[];
  notes: LocalizedText[];
}

export type ImportResult =
  | { status: 'invalid'; issues: FieldIssue[] }
  | { status: 'unchanged'; runId: string }
  | { status: 'preview'; run: ReturnType<typeof runPreview>; comparison: ComparisonOutcome }
  | { status: 'committed'; runId: string; comparisonId: string | null; verdict: Verdict | null };

/** Korean for a file problem whose detail (names, values from the file) is only said in English. */
const cannotImport = (en: string) => `가져올 수 없습니다: ${en}`;

function importIssue(field: string, e: unknown): FieldIssue {
  if (e instanceof ImportError) return issue(field, cannotImport(e.message), e.message);
  throw e;
}

/**
 * The benchmark's primary metric in a file: the program declares the metric (and, when it has
 * several, the filter); without a declared filter the default catalog's filter for that task and
 * metric applies (gsm8k → strict-match). Never the first key the file happens to list.
 */
function primaryMetricOf(b: BenchmarkRow, reported: readonly { metric: string; filter: string }[]) {
  const declared = { metric: b.metric, higherIsBetter: b.higherIsBetter, ...(b.metricFilter ? { filter: b.metricFilter } : {}) };
  const fromCatalog = b.metricFilter
    ? []
    : (catalogEntryFor(b.name, DEFAULT_METRIC_CATALOG)?.choices ?? []).filter((c) => c.metric === b.metric && c.filter !== undefined);
  return choosePrimaryMetric(b.name, reported, {
    task: b.name,
    choices: [...fromCatalog.map((c) => ({ ...c, higherIsBetter: b.higherIsBetter })), declared],
    source: "the program's benchmark catalog",
  });
}

const SAMPLES_NAME = /^samples_(.+)_(\d{4}-\d{2}-\d{2}T[^/\\]*)\.jsonl$/;

/**
 * Reads an uploaded results file (and samples) against a suite: every problem is collected as an
 * issue naming the form field and, in its message, the file position and the field in the file.
 * Nothing is returned for storing unless everything checks out, so an import is all or nothing.
 */
export function planRun(
  suite: SuiteRow,
  suiteBenchmarks: readonly BenchmarkRow[],
  req: Pick<ImportRequest, 'results' | 'samples' | 'source'>,
): { plan?: PlannedRun; issues: FieldIssue[] } {
  if (!req.results)
    return { issues: [issue('results', '결과 파일이 없습니다 (results_*.json 또는 .csv)', 'no results file in the request (a results_*.json or a .csv)')] };
  const { fileName, text } = req.results;
  const lower = fileName.toLowerCase();
  if (!lower.endsWith('.json') && !lower.endsWith('.csv')) {
    return {
      issues: [
        issue(
          'results',
          `${fileName}: lm-evaluation-harness 결과 .json 또는 .csv 파일이어야 합니다`,
          `${fileName}: expected an lm-evaluation-harness results .json or a .csv`,
        ),
      ],
    };
  }
  let table: ScoreTable;
  try {
    table = lower.endsWith('.csv') ? parseCsvResults(text, fileName) : parseHarnessResults(text, fileName);
  } catch (e) {
    return { issues: [importIssue('results', e)] };
  }
  const issues: FieldIssue[] = [];
  const notes: LocalizedText[] = [];
  const inFile = new Map(table.tasks.map((t) => [t.task, t]));
  const present = suiteBenchmarks.filter((b) => inFile.has(b.name));
  const relevant = present.flatMap((b) => [b.name, ...leafTasks(table, b.name)]);
  const refusal = officialScoringRefusal(table, relevant);
  if (refusal)
    issues.push(
      issue(
        'results',
        `${fileName}: 제한된 실행(--limit)이라 공식 채점에 쓸 수 없습니다. 평가한 문항 수가 전체보다 적습니다. --limit 없이 다시 실행하세요. (${refusal.split('for ').pop()})`,
        refusal,
      ),
    );
  if (present.length === 0) {
    issues.push(
      issue(
        'results',
        `${fileName}: 평가 묶음의 벤치마크가 하나도 없습니다`,
        `${fileName}: none of the suite's benchmarks (${suite.benchmarkNames.join(', ')}) is in the file (it has: ${table.tasks.map((t) => t.task).join(', ') || 'nothing'})`,
      ),
    );
  }
  const scores: StoredBenchmarkScore[] = [];
  for (const b of present) {
    const t = inFile.get(b.name)!;
    const chosen = primaryMetricOf(b, t.metrics);
    if (!chosen.ok) {
      issues.push(
        issue(
          'results',
          `${fileName}: results["${b.name}"]에서 이 벤치마크의 주 지표(${b.metric})를 정할 수 없습니다`,
          `${fileName}: field results["${b.name}"]: ${chosen.message}`,
        ),
      );
      continue;
    }
    const m = t.metrics.find((x) => x.metric === chosen.chosen.metric && x.filter === chosen.chosen.filter)!;
    const score: StoredBenchmarkScore = { benchmark: b.name, metric: m.metric, filter: m.filter, value: m.value, stderr: m.stderr };
    if (t.samples) score.samples = t.samples;
    if (t.version !== undefined) score.version = t.version;
    if (t.hash) score.hash = t.hash;
    scores.push(score);
  }
  const suiteNames = new Set(suite.benchmarkNames);
  const contained = new Set(present.flatMap((b) => leafTasks(table, b.name)));
  const ignoredTasks = topLevelTasks(table)
    .map((t) => t.task)
    .filter((t) => !suiteNames.has(t) && !contained.has(t));
  if (ignoredTasks.length)
    notes.push({ ko: `평가 묶음에 없어 무시한 과제: ${ignoredTasks.join(', ')}`, en: `not in the suite, ignored: ${ignoredTasks.join(', ')}` });

  // samples: per leaf task, the per-item values of the benchmark's metric and filter
  const parsedSamples = new Map<string, { field: string; file: string; items: ReturnType<typeof parseHarnessSamples> }>();
  req.samples.forEach((s, i) => {
    const field = `samples.${i}`;
    const m = SAMPLES_NAME.exec(s.fileName.split(/[/\\]/).pop()!);
    if (!m) {
      issues.push(
        issue(
          field,
          `${s.fileName}: 파일 이름이 samples_<task>_<timestamp>.jsonl 형식이 아닙니다`,
          `${s.fileName}: expected a name samples_<task>_<timestamp>.jsonl as lm-evaluation-harness writes it`,
        ),
      );
      return;
    }
    try {
      const items = parseHarnessSamples(s.text, s.fileName);
      const prev = parsedSamples.get(m[1]!);
      if (prev) {
        const en = `${s.fileName}: a second samples file for task "${m[1]}" (the first is ${prev.file})`;
        issues.push(issue(field, cannotImport(en), en));
      } else parsedSamples.set(m[1]!, { field, file: s.fileName, items });
    } catch (e) {
      issues.push(importIssue(field, e));
    }
  });
  const items = new Map<string, { docKeys: string[]; values: Float64Array }>();
  const used = new Set<string>();
  for (const score of scores) {
    const leaves = leafTasks(table, score.benchmark);
    if (!leaves.every((l) => parsedSamples.has(l))) {
      if (leaves.some((l) => parsedSamples.has(l)))
        notes.push({
          ko: `${score.benchmark}: 일부 하위 과제의 문항별 결과만 있어 저장하지 않았습니다`,
          en: `${score.benchmark}: samples given for only some of its tasks; per-item scores not stored`,
        });
      leaves.forEach((l) => used.add(l));
      continue;
    }
    const docKeys: string[] = [];
    const values: number[] = [];
    for (const leaf of leaves) {
      used.add(leaf);
      const s = parsedSamples.get(leaf)!;
      const chosen = s.items.filter((it) => it.filter === score.filter);
      for (const it of chosen) {
        const v = it.values[score.metric];
        if (v === undefined) {
          const en = `${s.file}: document ${it.docId} (filter "${score.filter}") has no "${score.metric}" value`;
          issues.push(issue(s.field, cannotImport(en), en));
          break;
        }
        docKeys.push(leaves.length > 1 ? `${leaf}:${it.docId}` : String(it.docId));
        values.push(v);
      }
      const expected = table.tasks.find((t) => t.task === leaf)?.samples?.effective;
      if (expected !== undefined && chosen.length !== expected) {
        issues.push(
          issue(
            s.field,
            `${s.file}: 문항 수(${chosen.length})가 결과 파일의 평가 문항 수(${expected})와 다릅니다`,
            `${s.file}: ${chosen.length} items with filter "${score.filter}", but the results say ${expected} were evaluated for ${leaf}`,
          ),
        );
      }
    }
    items.set(score.benchmark, { docKeys, values: Float64Array.from(values) });
  }
  for (const [task, s] of parsedSamples)
    if (!used.has(task))
      notes.push({
        ko: `${s.file}: "${task}"는 평가 묶음의 벤치마크가 아니라 무시했습니다`,
        en: `${s.file}: task "${task}" is not a benchmark of the suite; ignored`,
      });

  if (issues.length) return { issues };
  return {
    issues: [],
    plan: {
      suite,
      fileName,
      fileSha256: createHash('sha256').update(text).digest('hex'),
      source: req.source ?? (table.format === 'csv' ? 'csv' : 'lm-eval-harness'),
      modelName: table.modelName ?? null,
      scores,
      items,
      ignoredTasks,
      notes,
    },
  };
}

function runPreview(plan: PlannedRun) {
  return {
    suite: plan.suite.key,
    fileName: plan.fileName,
    source: plan.source,
    modelName: plan.modelName,
    scores: plan.scores.map((s) => ({ ...s, items: plan.items.get(s.benchmark)?.values.length ?? null })),
    ignoredTasks: plan.ignoredTasks,
    notes: plan.notes,
  };
}

/** The comparison a run gets when stored: against the program's target and window on the suite's date. */
export async function compareRun(
  db: Db,
  task: TaskRow,
  plan: Pick<PlannedRun, 'suite' | 'scores' | 'items'>,
  benchmarkRows?: BenchmarkRow[],
): Promise<ComparisonOutcome> {
  const program = await getProgram(db, task.programSlug);
  const target = program?.definition.stageEvaluation.performanceTarget;
  const benchmarks = benchmarkRows ?? (await listBenchmarks(db, task.programSlug));
  if (!target) {
    return {
      ok: false,
      notes: [
        {
          ko: `"${task.programSlug}" 사업은 성능 목표를 정하지 않아 판정 없이 저장합니다`,
          en: `the program "${task.programSlug}" sets no performance target; the run is stored without a verdict`,
        },
      ],
      detail: { referenceOf: {}, targetScores: {}, counted: [], excluded: [], windowFrom: plan.suite.evaluationDate, missing: [], notes: [] },
    };
  }
  return compareWithFrontier({
    suite: plan.suite,
    benchmarks,
    scores: plan.scores,
    items: new Map([...plan.items].map(([k, v]) => [k, v.values])),
    references: await listReferenceModels(db),
    targetModel: task.targetModel,
    target,
  });
}

/** validate → preview → commit of one results import for a task (audited, with its comparison). */
export async function importRun(db: Db, actor: Actor, task: TaskRow, req: ImportRequest): Promise<ImportResult> {
  const suite = await getSuite(db, task.programSlug, req.suite);
  if (!suite)
    return {
      status: 'invalid',
      issues: [issue('suite', `"${req.suite}" 평가 묶음이 없습니다`, `the program "${task.programSlug}" has no suite "${req.suite}"`)],
    };
  const benchmarks = await listBenchmarks(db, task.programSlug);
  const suiteBenchmarks = benchmarks.filter((b) => suite.benchmarkNames.includes(b.name));
  const { plan, issues } = planRun(suite, suiteBenchmarks, req);
  if (!plan) return { status: 'invalid', issues };
  const [same] = await db
    .select({ id: evaluationRuns.id })
    .from(evaluationRuns)
    .where(and(eq(evaluationRuns.taskId, task.id), eq(evaluationRuns.suiteId, suite.id), eq(evaluationRuns.fileSha256, plan.fileSha256)));
  if (same) return { status: 'unchanged', runId: same.id };
  const comparison = await compareRun(db, task, plan, benchmarks);
  if (req.mode === 'preview') return { status: 'preview', run: runPreview(plan), comparison };
  return storeRun(db, actor, task, plan, comparison);
}

export async function storeRun(
  db: Db,
  actor: Actor | null,
  task: TaskRow,
  plan: PlannedRun,
  comparison: ComparisonOutcome,
): Promise<Extract<ImportResult, { status: 'committed' }>> {
  return db.transaction((tx) => storeRunIn(tx, actor, task, plan, comparison));
}

/** Stores a run, its per-item scores and its comparison with an audit row, in the caller's transaction. */
export async function storeRunIn(
  tx: Tx,
  actor: Actor | null,
  task: TaskRow,
  plan: PlannedRun,
  comparison: ComparisonOutcome,
): Promise<Extract<ImportResult, { status: 'committed' }>> {
  {
    const [run] = await tx
      .insert(evaluationRuns)
      .values({
        taskId: task.id,
        suiteId: plan.suite.id,
        source: plan.source,
        fileName: plan.fileName,
        fileSha256: plan.fileSha256,
        modelName: plan.modelName,
        scores: plan.scores,
        ignoredTasks: plan.ignoredTasks,
        importedBy: actor?.id ?? null,
      })
      .returning();
    for (const [benchmark, it] of plan.items) {
      await tx.insert(evaluationRunItems).values({ runId: run!.id, benchmarkName: benchmark, docKeys: it.docKeys, values: encodeItemValues(it.values) });
    }
    let comparisonId: string | null = null;
    let verdict: Verdict | null = null;
    if (comparison.ok) {
      const suiteResult = comparison.detail.suite;
      const [row] = await tx
        .insert(evaluationComparisons)
        .values({
          runId: run!.id,
          taskId: task.id,
          suiteId: plan.suite.id,
          evaluationDate: plan.suite.evaluationDate,
          windowMonths: comparison.windowMonths,
          target: suiteResult.target,
          seed: comparison.seed,
          resamples: comparison.resamples,
          verdict: suiteResult.aggregate.verdict,
          detail: { ...comparison.detail, notes: [...plan.notes, ...comparison.detail.notes] },
        })
        .returning();
      comparisonId = row!.id;
      verdict = row!.verdict;
    }
    await appendAudit(tx, actor, {
      action: 'evaluation.run.import',
      objectType: 'task',
      objectId: task.id,
      after: {
        runId: run!.id,
        suite: plan.suite.key,
        file: plan.fileName,
        sha256: plan.fileSha256,
        benchmarks: plan.scores.map((s) => `${s.benchmark}=${s.value}`),
        itemsStored: [...plan.items.keys()],
        comparisonId,
        verdict,
        aggregate: comparison.ok ? { ratio: comparison.detail.suite.aggregate.ratio, ci: comparison.detail.suite.aggregate.ci } : null,
      },
    });
    return { status: 'committed', runId: run!.id, comparisonId, verdict };
  }
}
