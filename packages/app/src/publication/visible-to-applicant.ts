import { and, asc, eq, gte, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Allocation } from '@stagegate/core/allocation/allocation';
import type { Db } from '../db/connect.ts';
import type { Actor } from '../auth/actor.ts';
import {
  allocationLedger,
  reviewCallConfig,
  selectionDecisions,
  stageEvaluationDecisions,
  stageEvaluations,
  stageEvaluationTeams,
} from '../db/schema/index.ts';
import { seesDecision, UNDER_EVALUATION } from '../policies/publication-policy.ts';

/**
 * What an applicant-facing answer may show of tasks and allocations while decisions are not
 * published (issue 12 item 8). One place for every applicant route: evaluation tasks, allocations,
 * change requests, usage and the final evaluation.
 *
 * - a task created by a selection whose call's results are unpublished does not exist (its
 *   existence says "selected"), nor do its allocations, requests or usage;
 * - a team of a decided but unpublished stage evaluation reads "under evaluation", and its
 *   allocations read as they stood before the decision ended them.
 * The office sees everything from the moment it is decided.
 */
export interface ApplicantView {
  /** false for the office: nothing is masked */
  readonly masks: boolean;
  hidesTask(taskId: string): boolean;
  /** the rows without hidden tasks, decided teams' status read as "under evaluation" */
  tasks<T extends { id: string; status: string }>(rows: readonly T[]): T[];
  /** a program's allocations without hidden tasks', decided teams' as before the decision */
  allocations(programSlug: string, list: readonly Allocation[]): Allocation[];
}

const everything: ApplicantView = {
  masks: false,
  hidesTask: () => false,
  tasks: (rows) => [...rows],
  allocations: (_program, list) => [...list],
};

export async function visibleToApplicant(db: Db, actor: Actor | null): Promise<ApplicantView> {
  if (seesDecision(actor, false)) return everything;
  const selected = await db
    .select({ taskId: selectionDecisions.taskId })
    .from(selectionDecisions)
    .leftJoin(reviewCallConfig, and(eq(reviewCallConfig.programSlug, selectionDecisions.programSlug), eq(reviewCallConfig.callKey, selectionDecisions.callKey)))
    .where(and(isNotNull(selectionDecisions.taskId), isNull(reviewCallConfig.publishedAt)));
  const hidden = new Set(selected.map((s) => s.taskId!));
  const decided = await db
    .select({ taskId: stageEvaluationTeams.taskId, confirmedAt: stageEvaluationDecisions.confirmedAt })
    .from(stageEvaluationTeams)
    .innerJoin(stageEvaluations, eq(stageEvaluations.id, stageEvaluationTeams.evaluationId))
    .leftJoin(stageEvaluationDecisions, eq(stageEvaluationDecisions.evaluationId, stageEvaluations.id))
    .where(eq(stageEvaluations.status, 'decided'));
  const underEvaluation = new Set(decided.map((d) => d.taskId));
  const restored = await allocationsBeforeDecisions(db, decided);
  return {
    masks: true,
    hidesTask: (id) => hidden.has(id),
    tasks: <T extends { id: string; status: string }>(rows: readonly T[]) =>
      rows.filter((t) => !hidden.has(t.id)).map((t) => (underEvaluation.has(t.id) ? ({ ...t, status: UNDER_EVALUATION } as T) : t)),
    allocations(programSlug, list) {
      const out = list.filter((a) => !hidden.has(a.taskId) && !restored.has(a.id));
      for (const r of restored.values()) if (r.before && r.programSlug === programSlug && !hidden.has(r.before.taskId)) out.push(r.before);
      return out;
    },
  };
}

/**
 * Each decided team's allocations as the decision found them: the first ledger row of an
 * allocation written by the decision (in its transaction, so at its confirmation time) or later
 * holds the allocation before; null when the allocation did not exist then.
 */
async function allocationsBeforeDecisions(
  db: Db,
  decided: { taskId: string; confirmedAt: Date | null }[],
): Promise<Map<string, { programSlug: string; before: Allocation | null }>> {
  const out = new Map<string, { programSlug: string; before: Allocation | null }>();
  const byTask = new Map(decided.filter((d) => d.confirmedAt).map((d) => [d.taskId, d.confirmedAt!]));
  if (byTask.size === 0) return out;
  const earliest = new Date(Math.min(...[...byTask.values()].map((d) => d.getTime())));
  const rows = await db
    .select()
    .from(allocationLedger)
    .where(and(inArray(allocationLedger.taskId, [...byTask.keys()]), gte(allocationLedger.at, earliest)))
    .orderBy(asc(allocationLedger.seq));
  for (const r of rows) {
    if (out.has(r.allocationId) || r.at < byTask.get(r.taskId)!) continue;
    out.set(r.allocationId, { programSlug: r.programSlug, before: r.before ?? null });
  }
  return out;
}
