import { and, asc, eq } from 'drizzle-orm';
import { isAppealInTime } from '@stagegate/core/stage-evaluation/appeals';
import { formatSeoulMinute } from '@stagegate/core/shared/seoul-time';
import type { Db } from '../db/connect.ts';
import { stageEvaluationAppeals, stageEvaluationDecisions, stageEvaluations, tasks } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { notifyAll, taskRecipients } from '../notifications/notify.ts';
import type { Actor } from '../auth/actor.ts';
import { databaseNow } from '../db/clock.ts';
import { isTaskMember } from '../tasks/task-membership.ts';
import { loadEvaluation } from './evaluation-store.ts';
import { findTeam } from './inputs-store.ts';
import { answer, invalidResult, type MutationMode, type StageMutation } from './mutation.ts';
import { issue } from '@stagegate/core/shared/localized';

export type AppealRow = typeof stageEvaluationAppeals.$inferSelect;

export async function listAppeals(db: Db, evaluationId: string): Promise<AppealRow[]> {
  return db.select().from(stageEvaluationAppeals).where(eq(stageEvaluationAppeals.evaluationId, evaluationId)).orderBy(asc(stageEvaluationAppeals.filedAt));
}

/** A team member appeals the confirmed decision, within the scheme's appeal days (judged by the database clock). */
export async function fileAppeal(
  db: Db,
  actor: Actor,
  id: string,
  input: { team: string; grounds: string },
  mode: MutationMode,
): Promise<StageMutation<{ appealId?: string; closesAt: string }>> {
  const loaded = await loadEvaluation(db, id);
  if (!loaded) return invalidResult(issue('id', '단계 평가가 없습니다', 'no such stage evaluation'));
  const [decision] = await db.select().from(stageEvaluationDecisions).where(eq(stageEvaluationDecisions.evaluationId, id));
  if (!decision) return invalidResult(issue('status', '아직 결정이 확정되지 않았습니다', 'no decision has been confirmed yet'));
  const task = findTeam(loaded, input.team);
  if (!task) return invalidResult(issue('team', '이 평가의 팀이 아닙니다', 'not a team of this evaluation'));
  if (actor.role !== 'operator' && !(await isTaskMember(db, actor, task.id))) {
    return invalidResult(issue('team', '이 팀의 구성원만 이의를 신청할 수 있습니다', 'only a member of this team may appeal'));
  }
  const grounds = input.grounds.trim();
  if (grounds.length < 20) return invalidResult(issue('grounds', '이의 사유를 20자 이상 적어야 합니다', 'state the grounds in at least 20 characters'));
  // the window starts at publication: before it there is nothing public to appeal against
  if (!decision.appealClosesAt)
    return invalidResult(issue('status', '결과가 공개된 뒤에 이의를 신청할 수 있습니다', 'appeals open when the results are published'));
  // a team a correction eliminated appeals within its own window, which opened with the correction
  const own = decision.correction?.appealWindows?.find((w) => w.taskKey === task.key)?.closesAt;
  const general = decision.appealClosesAt.toISOString();
  const closesAt = own && own > general ? own : general;
  const now = await databaseNow(db);
  if (!isAppealInTime({ lastDay: '', closesAt }, now.toISOString())) {
    const at = formatSeoulMinute(new Date(closesAt));
    return invalidResult(issue('filedAt', `이의 신청 기간이 ${at}(한국 시간)에 끝났습니다`, `the appeal window closed at ${at} KST`));
  }
  if (mode !== 'commit') return answer(mode, { closesAt });
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(stageEvaluationAppeals).values({ evaluationId: id, taskId: task.id, grounds, filedBy: actor.id }).returning();
    await appendAudit(tx, actor, {
      action: 'stageEvaluation.appeal.file',
      objectType: 'stageEvaluationAppeal',
      objectId: row!.id,
      after: { evaluationId: id, team: task.key, grounds },
    });
    return { status: 'committed' as const, appealId: row!.id, closesAt };
  });
}

/**
 * The operator resolves an appeal, upheld or rejected, always with a reason. Upholding reopens the
 * decision in force: the evaluation's inputs open again for the correction the appeal is about, and
 * the re-proposed decision is confirmed through the decision route (see correction.ts). A rejected
 * appeal changes nothing but its own record.
 */
export async function resolveAppeal(
  db: Db,
  actor: Actor,
  id: string,
  appealId: string,
  input: { outcome: 'upheld' | 'rejected'; reason: string },
  mode: MutationMode,
): Promise<StageMutation<{ outcome: 'upheld' | 'rejected'; reopens: boolean }>> {
  const [appeal] = /^[0-9a-f-]{36}$/i.test(appealId)
    ? await db
        .select()
        .from(stageEvaluationAppeals)
        .where(and(eq(stageEvaluationAppeals.id, appealId), eq(stageEvaluationAppeals.evaluationId, id)))
    : [];
  if (!appeal) return invalidResult(issue('appealId', '이의 신청이 없습니다', 'no such appeal'));
  if (appeal.status !== 'open') return invalidResult(issue('status', '이미 처리된 이의 신청입니다', 'the appeal is already resolved'));
  const reason = input.reason.trim();
  if (reason.length < 10) return invalidResult(issue('reason', '처리 사유를 10자 이상 적어야 합니다', 'give the reason in at least 10 characters'));
  const reopens = input.outcome === 'upheld';
  const [evaluation] = await db.select().from(stageEvaluations).where(eq(stageEvaluations.id, id));
  if (reopens && evaluation?.status === 'reopened') {
    return invalidResult(issue('status', '이미 다른 이의 신청으로 결정을 재검토하고 있습니다', 'the decision is already reopened for another appeal'));
  }
  if (mode !== 'commit') return answer(mode, { outcome: input.outcome, reopens });
  return db.transaction(async (tx) => {
    if (reopens) {
      const [row] = await tx
        .update(stageEvaluations)
        .set({ status: 'reopened', reopenedForAppeal: appealId, revision: evaluation!.revision + 1, updatedAt: new Date() })
        .where(and(eq(stageEvaluations.id, id), eq(stageEvaluations.revision, evaluation!.revision)))
        .returning();
      if (!row) return { status: 'conflict' as const, message: 'the evaluation changed meanwhile', currentRevision: evaluation!.revision };
      await appendAudit(tx, actor, {
        action: 'stageEvaluation.reopen',
        objectType: 'stageEvaluation',
        objectId: id,
        before: { status: evaluation!.status },
        after: { status: 'reopened', appealId },
        reason,
      });
    }
    await tx
      .update(stageEvaluationAppeals)
      .set({ status: input.outcome, resolution: reason, resolvedBy: actor.id, resolvedAt: new Date() })
      .where(eq(stageEvaluationAppeals.id, appealId));
    await appendAudit(tx, actor, {
      action: 'stageEvaluation.appeal.resolve',
      objectType: 'stageEvaluationAppeal',
      objectId: appealId,
      before: { status: 'open' },
      after: { status: input.outcome },
      reason,
    });
    // the team hears the answer to its appeal, with the reason, whichever way it went
    const [task] = await tx.select({ id: tasks.id, key: tasks.key }).from(tasks).where(eq(tasks.id, appeal.taskId));
    if (task) {
      await notifyAll(tx, await taskRecipients(tx, task.id), {
        notice: { kind: 'appeal-resolved', params: { evaluation: evaluation!.name, team: task.key, outcome: input.outcome, reason } },
        link: `/stage-evaluations/${id}/teams/${task.key}`,
      });
    }
    return { status: 'committed' as const, outcome: input.outcome, reopens };
  });
}
