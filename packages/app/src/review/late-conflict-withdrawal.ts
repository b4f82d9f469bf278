import { and, eq, inArray } from 'drizzle-orm';
import { withdrawalsForLateConflicts } from '@stagegate/core/review/late-conflicts';
import type { Tx } from '../db/connect.ts';
import { reviewAssignments, reviewSheets, reviewWithdrawals } from '../db/schema/index.ts';
import { notifyAll, officeRecipients } from '../notifications/notify.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import type { ReviewCall } from './review-call.ts';
import { listConflicts, refreshConflicts, toCore } from './conflict-service.ts';
import { readAll } from '../db/read-all.ts';

export type WithdrawalRow = typeof reviewWithdrawals.$inferSelect;

/**
 * Issue 13 item 7: a conflict that holds now between a reviewer and an application already
 * assigned to them (core's rule) withdraws the assignment in the caller's transaction; the score
 * sheet, if any, is set aside (kept and flagged; the ranking no longer counts it); each withdrawal
 * is recorded for the office to reassign, audited, and the office is told.
 */
export async function withdrawLateConflicts(tx: Tx, actor: Actor | null, call: ReviewCall): Promise<WithdrawalRow[]> {
  const roundIds = call.rounds.map((r) => r.id);
  if (!roundIds.length) return [];
  const [assigned, sheets, conflicts] = await readAll(tx, [
    () => tx.select().from(reviewAssignments).where(inArray(reviewAssignments.roundId, roundIds)),
    () => tx.select().from(reviewSheets).where(inArray(reviewSheets.roundId, roundIds)),
    () => listConflicts(tx, call.programSlug, call.callKey),
  ]);
  const sheetOf = new Map(sheets.map((s) => [`${s.roundId}|${s.applicationId}|${s.reviewerId}`, s.status]));
  const plan = withdrawalsForLateConflicts(
    assigned.map((a) => ({
      roundId: a.roundId,
      applicationId: a.applicationId,
      reviewerId: a.reviewerId,
      sheet: sheetOf.get(`${a.roundId}|${a.applicationId}|${a.reviewerId}`) ?? 'none',
    })),
    conflicts.map(toCore),
  );
  const out: WithdrawalRow[] = [];
  for (const w of plan) {
    const pair = and(
      eq(reviewAssignments.roundId, w.roundId),
      eq(reviewAssignments.applicationId, w.applicationId),
      eq(reviewAssignments.reviewerId, w.reviewerId),
    );
    await tx.delete(reviewAssignments).where(pair);
    if (w.setAsideSheet) {
      await tx
        .update(reviewSheets)
        .set({ setAsideAt: new Date(), setAsideReason: w.detail })
        .where(and(eq(reviewSheets.roundId, w.roundId), eq(reviewSheets.applicationId, w.applicationId), eq(reviewSheets.reviewerId, w.reviewerId)));
    }
    const [row] = await tx
      .insert(reviewWithdrawals)
      .values({
        programSlug: call.programSlug,
        callKey: call.callKey,
        roundId: w.roundId,
        applicationId: w.applicationId,
        reviewerId: w.reviewerId,
        detail: w.detail,
        sheetSetAside: w.setAsideSheet,
      })
      .returning();
    await appendAudit(tx, actor, {
      action: 'review.assignment.withdraw',
      objectType: 'review-withdrawal',
      objectId: row!.id,
      before: { roundId: w.roundId, applicationId: w.applicationId, reviewerId: w.reviewerId, assigned: true },
      after: { assigned: false, sheetSetAside: w.setAsideSheet },
      reason: `conflict of interest found after assignment: ${w.detail.en}`,
    });
    out.push(row!);
  }
  if (out.length) {
    const callName = call.program.calls.find((c) => c.key === call.callKey)?.name ?? { ko: call.callKey, en: call.callKey };
    await notifyAll(tx, await officeRecipients(tx), {
      notice: { kind: 'late-conflict', params: { call: callName, withdrawn: out.length } },
      link: `/review/office/${call.programSlug}/${call.callKey}`,
    });
  }
  return out;
}

/** Conflict rules run again (new ones stored, stale ones marked), then any assignment they now cover is withdrawn. */
export async function detectAndWithdraw(tx: Tx, actor: Actor | null, call: ReviewCall) {
  const refreshed = await refreshConflicts(tx, actor, call);
  const withdrawn = await withdrawLateConflicts(tx, actor, call);
  return { ...refreshed, withdrawn: withdrawn.length };
}
