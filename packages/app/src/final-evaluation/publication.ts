import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { publicationIssues, publishedResults, type TaskResult } from '@stagegate/core/final-evaluation/publication';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { Db, Tx } from '../db/connect.ts';
import { finalEvaluations, resultBundles, taskMembers, user } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { databaseNow } from '../db/clock.ts';
import { notifyAll } from '../notifications/notify.ts';
import { getProgram } from '../programs/program-store.ts';
import { publishResultBundle } from '../results-bundle/publish-bundle.ts';
import { finalTasks, type FinalEvaluationRow, type FinalResult } from './final-evaluation-store.ts';

/** One task's people who are mailed the result (accounts on its team). */
export interface PublicationRecipients {
  taskId: string;
  taskKey: string;
  people: { name: string; email: string }[];
}

export interface PublicationPreview {
  status: 'preview';
  /** each task's result as the public record and the teams will read it, in rank order */
  results: TaskResult[];
  recipients: PublicationRecipients[];
  /** the signed results bundle appears on the public results page */
  publicBundle: true;
}

/** When the results were published and the bundle that holds them (its latest edition). */
export interface PublishedState {
  publishedAt: Date;
  bundleId: string;
  edition: number;
}

async function teamAccounts(db: Db | Tx, taskIds: string[]) {
  if (!taskIds.length) return [];
  return db
    .selectDistinct({ taskId: taskMembers.taskId, userId: user.id, name: user.name, email: user.email })
    .from(taskMembers)
    .innerJoin(user, eq(user.id, taskMembers.userId))
    .where(and(inArray(taskMembers.taskId, taskIds), isNotNull(taskMembers.userId)))
    .orderBy(asc(user.email));
}

const resultsOf = (rows: Awaited<ReturnType<typeof finalTasks>>): TaskResult[] =>
  publishedResults(
    rows.map(({ row, key, name }) => ({
      taskId: row.taskId,
      taskKey: key,
      taskName: name,
      score: row.score,
      rank: row.rank,
      excellent: row.excellent,
      reason: row.designationReason as LocalizedText | null,
    })),
  );

/** The published state of a final evaluation, or null while it is not published. */
export async function publishedState(db: Db, fe: FinalEvaluationRow): Promise<PublishedState | null> {
  if (fe.status !== 'published') return null;
  const [b] = await db
    .select({ id: resultBundles.id, edition: resultBundles.edition, publishedAt: resultBundles.publishedAt })
    .from(resultBundles)
    .where(and(eq(resultBundles.kind, 'final-evaluation'), eq(resultBundles.subjectId, fe.id)))
    .orderBy(desc(resultBundles.edition))
    .limit(1);
  return b ? { publishedAt: b.publishedAt, bundleId: b.id, edition: b.edition } : null;
}

/**
 * Publishes the designated results: the status becomes `published` (teams now read their scores
 * and designations), each team is told by mail and in its inbox, and the signed results bundle is
 * published — all in one transaction with the audit row. The preview writes nothing and says what
 * becomes public and who is mailed.
 */
export async function publishFinalEvaluation(
  db: Db,
  actor: Actor,
  fe: FinalEvaluationRow,
  mode: 'preview' | 'commit',
): Promise<FinalResult<{ publishedAt: string; bundleId: string | null }> | PublicationPreview> {
  const issues = publicationIssues(fe.status);
  if (issues.length) return { status: 'invalid', issues };
  const rows = await finalTasks(db, fe.id);
  const results = resultsOf(rows);
  const accounts = await teamAccounts(
    db,
    rows.map((r) => r.row.taskId),
  );
  if (mode === 'preview') {
    return {
      status: 'preview',
      results,
      recipients: results.map((r) => ({
        taskId: r.taskId,
        taskKey: r.taskKey,
        people: accounts.filter((a) => a.taskId === r.taskId).map((a) => ({ name: a.name, email: a.email })),
      })),
      publicBundle: true,
    };
  }
  const program = await getProgram(db, fe.programSlug);
  const programName = program?.definition.name ?? { ko: fe.programSlug, en: fe.programSlug };
  return db.transaction(async (tx) => {
    const now = await databaseNow(tx);
    const [row] = await tx
      .update(finalEvaluations)
      .set({ status: 'published', revision: fe.revision + 1 })
      .where(and(eq(finalEvaluations.id, fe.id), eq(finalEvaluations.status, 'designated')))
      .returning();
    // someone else published (or re-entered scores) since this was loaded
    if (!row) return { status: 'conflict' as const, message: 'the final evaluation changed since it was loaded; reload and try again' };
    for (const r of results) {
      const to = accounts.filter((a) => a.taskId === r.taskId).map((a) => ({ userId: a.userId }));
      await notifyAll(tx, to, {
        notice: {
          kind: 'final-evaluation-result',
          params: { program: programName, evaluation: fe.name, team: r.taskKey, score: r.score, rank: r.rank, excellent: r.excellent === true },
        },
        link: `/final-evaluations/${fe.id}`,
      });
    }
    await appendAudit(tx, actor, {
      action: 'final-evaluation.publish',
      objectType: 'final-evaluation',
      objectId: fe.id,
      before: { status: 'designated' },
      after: {
        status: 'published',
        publishedAt: now.toISOString(),
        results: results.map((r) => ({ task: r.taskKey, score: r.score, rank: r.rank, excellent: r.excellent })),
        mailed: accounts.length,
      },
    });
    const bundle = await publishResultBundle(tx, actor, { kind: 'final-evaluation', id: fe.id });
    return { status: 'committed' as const, publishedAt: (bundle?.publishedAt ?? now).toISOString(), bundleId: bundle?.id ?? null };
  });
}
