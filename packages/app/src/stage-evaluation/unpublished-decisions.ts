import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { reviewCallConfig, selectionDecisions, stageEvaluations, stageEvaluationTeams } from '../db/schema/index.ts';

/**
 * The tasks a decision has been made about that the office has not published yet: teams of a
 * decided but unpublished stage evaluation (their status may already read "eliminated"), and
 * tasks created by a selection whose call's results are not published (their existence says
 * "selected").
 */
export async function unpublishedDecisions(db: Db): Promise<{ stageTeams: Set<string>; selectedTasks: Set<string> }> {
  const teams = await db
    .select({ taskId: stageEvaluationTeams.taskId })
    .from(stageEvaluationTeams)
    .innerJoin(stageEvaluations, eq(stageEvaluations.id, stageEvaluationTeams.evaluationId))
    .where(eq(stageEvaluations.status, 'decided'));
  const selected = await db
    .select({ taskId: selectionDecisions.taskId })
    .from(selectionDecisions)
    .leftJoin(reviewCallConfig, and(eq(reviewCallConfig.programSlug, selectionDecisions.programSlug), eq(reviewCallConfig.callKey, selectionDecisions.callKey)))
    .where(and(isNotNull(selectionDecisions.taskId), isNull(reviewCallConfig.publishedAt)));
  return { stageTeams: new Set(teams.map((t) => t.taskId)), selectedTasks: new Set(selected.map((s) => s.taskId!)) };
}
