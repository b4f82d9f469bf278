import { eq } from 'drizzle-orm';
import { selectionLetterPage, type SelectionLetterFacts } from '@stagegate/core/selection/selection-letter';
import type { Db } from '../db/connect.ts';
import { selectionDecisions, tasks } from '../db/schema/index.ts';
import { letterPdf } from '../documents/letter-pdf.ts';
import { computeRanking } from './ranking-service.ts';
import type { ReviewCall } from './review-call.ts';

/** The facts of an application's selection letter; undefined until the results are published, or without a decision. */
export async function selectionLetterFacts(db: Db, call: ReviewCall, applicationId: string): Promise<SelectionLetterFacts | undefined> {
  if (!call.config.publishedAt) return undefined;
  const [decision] = await db.select().from(selectionDecisions).where(eq(selectionDecisions.applicationId, applicationId));
  if (!decision) return undefined;
  const row = (await computeRanking(db, call)).rows.find((r) => r.applicationId === applicationId);
  if (!row) return undefined;
  const [task] = decision.taskId ? await db.select({ key: tasks.key }).from(tasks).where(eq(tasks.id, decision.taskId)) : [];
  const callDef = call.program.calls.find((c) => c.key === call.callKey);
  return {
    program: call.program.name,
    call: callDef?.name ?? { ko: call.callKey, en: call.callKey },
    receiptNo: row.receiptNo ?? '',
    title: row.title,
    lead: row.leadName,
    outcome: decision.outcome,
    rank: row.rank,
    score: row.score,
    task: task?.key ?? null,
    reason: decision.reason,
    publishedAt: call.config.publishedAt.toISOString(),
  };
}

export const selectionLetterPdf = (facts: SelectionLetterFacts) => letterPdf(selectionLetterPage(facts, 'ko'), selectionLetterPage(facts, 'en'));

export const selectionLetterFileName = (facts: SelectionLetterFacts) => `selection-result-${facts.receiptNo || 'application'}.pdf`;
