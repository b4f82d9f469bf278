import { and, eq } from 'drizzle-orm';
import { appealDeadline } from '@stagegate/core/stage-evaluation/appeals';
import { seoulDayOf } from '@stagegate/core/shared/seoul-time';
import { issue, type LocalizedText } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import { stageEvaluationDecisions, stageEvaluations } from '../db/schema/index.ts';
import { notifyAll, taskRecipients } from '../notifications/notify.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { databaseNow } from '../db/clock.ts';
import { loadEvaluation } from './evaluation-store.ts';
import { answer, invalidResult, type MutationMode, type StageMutation } from './mutation.ts';
import { publishResultBundle } from '../results-bundle/publish-bundle.ts';

/** One team as the publication will show it. */
export interface PublishedOutcome {
  taskKey: string;
  name: LocalizedText;
  outcome: 'continue' | 'eliminate';
  rank: number;
  total: number;
}

/**
 * Publishes the confirmed decision: the leaderboard, outcomes and reasons become public record,
 * and the appeal window opens — it closes `appealDays` after the day of publication (Seoul), by the
 * database clock. The preview says when it would close if published now, and which teams the
 * public record will show continuing or eliminated.
 */
export async function publishResults(
  db: Db,
  actor: Actor,
  id: string,
  mode: MutationMode,
): Promise<StageMutation<{ publishedAt?: string; appealClosesAt: string; appealDays: number; outcomes: PublishedOutcome[] }>> {
  const loaded = await loadEvaluation(db, id);
  if (!loaded) return invalidResult(issue('id', '단계 평가가 없습니다', 'no such stage evaluation'));
  if (loaded.evaluation.status === 'open') return invalidResult(issue('status', '결정을 먼저 확정해야 합니다', 'confirm the decision first'));
  if (loaded.evaluation.status === 'published') return invalidResult(issue('status', '이미 공개되었습니다', 'already published'));
  const appealDays = loaded.version.scheme.appealDays;
  const [decision] = await db.select().from(stageEvaluationDecisions).where(eq(stageEvaluationDecisions.evaluationId, id));
  const names = new Map(loaded.teams.map((t) => [t.id, t.name]));
  const outcomes: PublishedOutcome[] = (decision?.outcomes ?? [])
    .map((o) => ({ taskKey: o.taskKey, name: names.get(o.taskId) ?? { ko: o.taskKey, en: o.taskKey }, outcome: o.outcome, rank: o.rank, total: o.total }))
    .sort((a, b) => a.rank - b.rank);
  if (mode !== 'commit') return answer(mode, { appealDays, outcomes, appealClosesAt: appealDeadline(seoulDayOf(await databaseNow(db)), appealDays).closesAt });
  return db.transaction(async (tx) => {
    const now = await databaseNow(tx);
    const appealClosesAt = appealDeadline(seoulDayOf(now), appealDays).closesAt;
    const [row] = await tx
      .update(stageEvaluations)
      .set({ status: 'published', publishedAt: now, revision: loaded.evaluation.revision + 1, updatedAt: now })
      .where(and(eq(stageEvaluations.id, id), eq(stageEvaluations.status, 'decided')))
      .returning();
    if (!row) return invalidResult(issue('status', '이미 공개되었습니다', 'already published'));
    const [decision] = await tx
      .update(stageEvaluationDecisions)
      .set({ appealClosesAt: new Date(appealClosesAt) })
      .where(eq(stageEvaluationDecisions.evaluationId, id))
      .returning();
    // each team hears its own outcome, the reasons and until when it may appeal
    for (const o of decision?.outcomes ?? []) {
      await notifyAll(tx, await taskRecipients(tx, o.taskId), {
        notice: {
          kind: 'stage-decision',
          params: { program: loaded.program.name, evaluation: row.name, team: o.taskKey, outcome: o.outcome, reasons: o.reasons, appealClosesAt },
        },
        link: `/stage-evaluations/${id}/teams/${o.taskKey}`,
        // the official letter, made from the published decision when the mail is sent
        attachments: [
          {
            filename: `stage-decision-${o.taskKey}.pdf`,
            contentType: 'application/pdf',
            source: { kind: 'stage-letter', evaluationId: id, taskKey: o.taskKey },
          },
        ],
      });
    }
    await appendAudit(tx, actor, {
      action: 'stageEvaluation.publish',
      objectType: 'stageEvaluation',
      objectId: id,
      before: { status: 'decided' },
      after: { status: 'published', publishedAt: now.toISOString(), appealClosesAt },
    });
    await publishResultBundle(tx, actor, { kind: 'stage-decision', id });
    return { status: 'committed' as const, publishedAt: now.toISOString(), appealClosesAt, appealDays, outcomes };
  });
}
