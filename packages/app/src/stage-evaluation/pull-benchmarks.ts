import { and, desc, eq, inArray } from 'drizzle-orm';
import { benchmarkComponentRatios } from '@stagegate/core/stage-evaluation/benchmark-components';
import { issue, type LocalizedText } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import { evaluationComparisons, evaluationRuns } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { getSuite, listBenchmarks } from '../evaluation/catalog.ts';
import { loadEvaluation } from './evaluation-store.ts';
import { inputsOpen, putMeasurements, type MeasurementChange, type MeasurementEntry } from './inputs-store.ts';
import { invalidResult, type MutationMode, type StageMutation } from './mutation.ts';
import { leafComponents } from './scheme-components.ts';

export interface PulledRatio {
  team: string;
  component: string;
  category: string;
  ratio: number;
  benchmarks: string[];
  comparisonId: string;
  verdict: 'pass' | 'fail' | 'inconclusive';
  runFile: string;
  comparedAt: string;
}

export interface SkippedPull {
  team: string;
  component: string;
  reason: LocalizedText;
}

export interface BenchmarkPull {
  suite: string;
  changes: MeasurementChange[];
  pulled: PulledRatio[];
  skipped: SkippedPull[];
}

/**
 * Benchmark ratios from the evaluation store: for each team, the latest stored comparison of the
 * suite whose key is the evaluation's stage, averaged per category into the benchmark components
 * the frozen scoring rules map them to (`rules.benchmarkCategories`). validate → preview (what
 * changes, from which comparison) → commit through the same path as manual entry and CSV, audited
 * as a pull with each value's comparison id.
 */
export async function pullBenchmarkRatios(db: Db, actor: Actor | null, id: string, mode: MutationMode): Promise<StageMutation<BenchmarkPull>> {
  const loaded = await loadEvaluation(db, id);
  if (!loaded) return invalidResult(issue('id', '단계 평가가 없습니다', 'no such stage evaluation'));
  const { evaluation, version, teams } = loaded;
  if (!inputsOpen(evaluation.status))
    return invalidResult(issue('status', '결정이 확정되어 입력을 바꿀 수 없습니다', 'the decision is confirmed; inputs can no longer change'));
  const mapping = version.rules.benchmarkCategories ?? {};
  const components = leafComponents(version.scheme)
    .filter((c) => c.kind === 'benchmark')
    .map((c) => c.key);
  if (components.length === 0) return invalidResult(issue('scheme', '평가 기준에 벤치마크 항목이 없습니다', 'the scheme has no benchmark component'));
  if (!components.some((c) => mapping[c])) {
    return invalidResult(
      issue(
        'rules.benchmarkCategories',
        '고정된 점수 규칙에 벤치마크 항목과 분류의 대응이 없습니다 (새 판에서 정하세요)',
        'the frozen scoring rules map no benchmark component to a category (set it in a new scheme version)',
      ),
    );
  }
  const suite = await getSuite(db, evaluation.programSlug, evaluation.stageKey);
  if (!suite) {
    return invalidResult(
      issue('suite', `평가 저장소에 "${evaluation.stageKey}" 벤치마크 묶음이 없습니다`, `the evaluation store has no benchmark suite "${evaluation.stageKey}"`),
    );
  }
  const categoryOf = new Map((await listBenchmarks(db, evaluation.programSlug)).map((b) => [b.name, b.category]));
  const stored = teams.length
    ? await db
        .select({ c: evaluationComparisons, runFile: evaluationRuns.fileName })
        .from(evaluationComparisons)
        .innerJoin(evaluationRuns, eq(evaluationRuns.id, evaluationComparisons.runId))
        .where(
          and(
            eq(evaluationComparisons.suiteId, suite.id),
            inArray(
              evaluationComparisons.taskId,
              teams.map((t) => t.id),
            ),
          ),
        )
        .orderBy(desc(evaluationComparisons.createdAt))
    : [];
  const pulled: PulledRatio[] = [];
  const skipped: SkippedPull[] = [];
  for (const team of teams) {
    const latest = stored.find((s) => s.c.taskId === team.id);
    if (!latest) {
      for (const component of components)
        skipped.push({
          team: team.key,
          component,
          reason: { ko: `${suite.key} 묶음의 저장된 비교가 없습니다`, en: `no stored comparison for suite ${suite.key}` },
        });
      continue;
    }
    const compared = latest.c.detail.suite.benchmarks.map((b) => ({ name: b.name, ratio: b.ratio, weight: b.weight }));
    for (const r of benchmarkComponentRatios(components, mapping, compared, categoryOf)) {
      if (!r.ok) skipped.push({ team: team.key, component: r.component, reason: r.reason });
      else {
        pulled.push({
          team: team.key,
          component: r.component,
          category: r.category,
          ratio: r.ratio,
          benchmarks: r.benchmarks,
          comparisonId: latest.c.id,
          verdict: latest.c.verdict,
          runFile: latest.runFile,
          comparedAt: latest.c.createdAt.toISOString(),
        });
      }
    }
  }
  const base = { suite: suite.key, pulled, skipped };
  if (pulled.length === 0)
    return mode === 'commit' ? { status: 'committed', ...base, changes: [] } : { status: mode === 'validate' ? 'valid' : 'preview', ...base, changes: [] };
  const entries: MeasurementEntry[] = pulled.map((p) => ({
    team: p.team,
    component: p.component,
    value: p.ratio,
    source: 'evaluation-store',
    sourceRef: `evaluation-comparison:${p.comparisonId}`,
    note: `${suite.key} · ${p.category}: ${p.benchmarks.join(', ')} (${p.runFile})`.slice(0, 2000),
  }));
  const res = await putMeasurements(db, actor, id, entries, mode, { auditAction: 'stageEvaluation.measurements.pull.benchmarks' });
  if (res.status === 'invalid' || res.status === 'conflict') return res;
  return { ...res, ...base };
}
