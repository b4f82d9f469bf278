import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { describeVerdict } from '@stagegate/core/evaluation/verdict';
import type { Db } from '../db/connect.ts';
import { evaluationComparisons, evaluationRunItems, evaluationRuns, jobs } from '../db/schema/index.ts';
import { getProgram } from '../programs/program-store.ts';
import { listBenchmarks, listReferenceModels, listSuites } from './catalog.ts';
import { referenceWindow } from './frontier-comparison.ts';
import type { TaskRow } from '../tasks/task-membership.ts';
import { jobView } from '../jobs/job-queue.ts';
import { SUITE_RUN } from './suite-run-job.ts';

export function taskSummary(t: TaskRow) {
  return {
    id: t.id,
    key: t.key,
    name: t.name,
    programSlug: t.programSlug,
    status: t.status,
    targetModel: t.targetModel,
    leadOrganisationName: t.leadOrganisationName,
  };
}

/**
 * A team's results page: per stage suite, the benchmarks, which reference models count on the
 * suite's date (and which are left out), the runs imported, and the latest run's comparison with
 * its verdict.
 */
export async function taskResults(db: Db, task: TaskRow) {
  const program = await getProgram(db, task.programSlug);
  const target = program?.definition.stageEvaluation.performanceTarget ?? null;
  const [suites, benchmarks, references] = await Promise.all([listSuites(db, task.programSlug), listBenchmarks(db, task.programSlug), listReferenceModels(db)]);
  const runs = await db.select().from(evaluationRuns).where(eq(evaluationRuns.taskId, task.id)).orderBy(desc(evaluationRuns.createdAt));
  const comparisons = runs.length
    ? await db
        .select()
        .from(evaluationComparisons)
        .where(
          inArray(
            evaluationComparisons.runId,
            runs.map((r) => r.id),
          ),
        )
    : [];
  const items = runs.length
    ? await db
        .select({ runId: evaluationRunItems.runId, benchmark: evaluationRunItems.benchmarkName })
        .from(evaluationRunItems)
        .where(
          inArray(
            evaluationRunItems.runId,
            runs.map((r) => r.id),
          ),
        )
    : [];
  const suiteRuns = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, SUITE_RUN), sql`${jobs.payload}->>'taskId' = ${task.id}`))
    .orderBy(desc(jobs.createdAt))
    .limit(50);
  return {
    task: taskSummary(task),
    target,
    suites: suites.map((s) => {
      const window = target ? referenceWindow(references, s.evaluationDate, target.referenceWindowMonths) : null;
      const mine = runs.filter((r) => r.suiteId === s.id);
      const latest = mine[0];
      const comparison = latest ? comparisons.find((c) => c.runId === latest.id) : undefined;
      return {
        key: s.key,
        name: s.name,
        evaluationDate: s.evaluationDate,
        categoryWeights: s.categoryWeights,
        demo: s.demo,
        benchmarks: s.benchmarkNames
          .map((n) => benchmarks.find((b) => b.name === n))
          .filter((b) => b !== undefined)
          .map((b) => ({
            name: b.name,
            label: b.label,
            category: b.category,
            metric: b.metric,
            higherIsBetter: b.higherIsBetter,
            chance: b.chance,
            itemCount: b.itemCount,
            demo: b.demo,
          })),
        window,
        runs: mine.map((r) => ({
          id: r.id,
          fileName: r.fileName,
          source: r.source,
          modelName: r.modelName,
          createdAt: r.createdAt,
          verdict: comparisons.find((c) => c.runId === r.id)?.verdict ?? null,
          itemsStored: items.filter((i) => i.runId === r.id).map((i) => i.benchmark),
        })),
        latest: latest
          ? {
              runId: latest.id,
              fileName: latest.fileName,
              modelName: latest.modelName,
              createdAt: latest.createdAt,
              scores: latest.scores,
              comparison: comparison
                ? {
                    id: comparison.id,
                    verdict: comparison.verdict,
                    verdictText: describeVerdict(comparison.verdict, comparison.target),
                    target: comparison.target,
                    seed: comparison.seed,
                    resamples: comparison.resamples,
                    evaluationDate: comparison.evaluationDate,
                    windowMonths: comparison.windowMonths,
                    aggregate: comparison.detail.suite.aggregate,
                    benchmarks: comparison.detail.suite.benchmarks,
                    referenceOf: comparison.detail.referenceOf,
                    targetScores: comparison.detail.targetScores,
                    counted: comparison.detail.counted,
                    excluded: comparison.detail.excluded,
                    windowFrom: comparison.detail.windowFrom,
                    missing: comparison.detail.missing,
                    notes: comparison.detail.notes,
                  }
                : null,
            }
          : null,
      };
    }),
    suiteRuns: suiteRuns.map((j) => ({ ...jobView(j), suite: (j.payload as { suite?: string }).suite })),
  };
}

/** Every run of the given tasks, newest first, with its comparison: two queries whatever the number of tasks. */
export async function runsWithComparisons(db: Db, taskIds: string[]) {
  const runs = taskIds.length
    ? await db.select().from(evaluationRuns).where(inArray(evaluationRuns.taskId, taskIds)).orderBy(desc(evaluationRuns.createdAt))
    : [];
  const comparisons = runs.length
    ? await db
        .select({ runId: evaluationComparisons.runId, verdict: evaluationComparisons.verdict, ratio: evaluationComparisons.detail })
        .from(evaluationComparisons)
        .where(
          inArray(
            evaluationComparisons.runId,
            runs.map((r) => r.id),
          ),
        )
    : [];
  return { runs, comparisons };
}
