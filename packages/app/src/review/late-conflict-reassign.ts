import { and, asc, eq, isNull } from 'drizzle-orm';
import { proposeReplacement, type Replacement } from '@stagegate/core/review/late-conflicts';
import { applyManualChanges } from '@stagegate/core/selection/manual-assignment';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import { reviewAssignments, reviewerPool, reviewRounds, reviewSheets, reviewWithdrawals } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { applicationLabel, loadReviewCall, submittedApplications, type ReviewCall } from './review-call.ts';
import { blockingConflicts, listConflicts, toCore } from './conflict-service.ts';
import { buildInstance, currentAssignment, roundPanelReviewers } from './assignment-service.ts';
import type { WithdrawalRow } from './late-conflict-withdrawal.ts';
import type { Conflict, Invalid, NotFound } from '@stagegate/core/shared/mutation';

export interface WithdrawalView {
  id: string;
  roundId: string;
  roundKey: string;
  applicationId: string;
  application: string;
  reviewerId: string;
  reviewer: string;
  detail: LocalizedText;
  sheetSetAside: boolean;
  withdrawnAt: Date;
  reassigned: null | { reviewerId: string | null; reviewer: string | null; at: Date; reason: string | null };
}

/** The office's list: every assignment withdrawn for a late conflict, open ones first. */
export async function listWithdrawals(db: Db, call: ReviewCall): Promise<WithdrawalView[]> {
  const rows = await db
    .select()
    .from(reviewWithdrawals)
    .where(and(eq(reviewWithdrawals.programSlug, call.programSlug), eq(reviewWithdrawals.callKey, call.callKey)))
    .orderBy(asc(reviewWithdrawals.withdrawnAt));
  const [apps, pool] = await Promise.all([
    submittedApplications(db, call.programSlug, call.callKey),
    db
      .select()
      .from(reviewerPool)
      .where(and(eq(reviewerPool.programSlug, call.programSlug), eq(reviewerPool.callKey, call.callKey))),
  ]);
  const appLabel = new Map(apps.map((a) => [a.id, applicationLabel(a)]));
  const name = new Map(pool.map((r) => [r.id, r.name]));
  return rows
    .map((r) => ({
      id: r.id,
      roundId: r.roundId,
      roundKey: call.rounds.find((x) => x.id === r.roundId)?.key ?? '',
      applicationId: r.applicationId,
      application: appLabel.get(r.applicationId) ?? r.applicationId,
      reviewerId: r.reviewerId,
      reviewer: name.get(r.reviewerId) ?? '',
      detail: r.detail,
      sheetSetAside: r.sheetSetAside,
      withdrawnAt: r.withdrawnAt,
      reassigned: r.reassignedAt
        ? {
            reviewerId: r.replacementReviewerId,
            reviewer: r.replacementReviewerId ? (name.get(r.replacementReviewerId) ?? null) : null,
            at: r.reassignedAt,
            reason: r.reassignReason,
          }
        : null,
    }))
    .sort((a, b) => Number(!!a.reassigned) - Number(!!b.reassigned));
}

export async function getWithdrawal(db: Db, id: string): Promise<WithdrawalRow | undefined> {
  const [row] = await db.select().from(reviewWithdrawals).where(eq(reviewWithdrawals.id, id));
  return row;
}

export type ReassignResult =
  | NotFound
  | Conflict<LocalizedText>
  | Invalid
  | {
      status: 'preview' | 'committed';
      withdrawal: { id: string; application: string; reviewer: string; detail: LocalizedText; sheetSetAside: boolean };
      /** the solver's proposal, or why it has none */
      proposal: { reviewerId: string; reviewer: string; score: number } | null;
      proposalReasons: LocalizedText[];
      /** the reviewer the commit assigns (the proposal unless the office names another) */
      assign: { applicationId: string; reviewerId: string; reviewer: string };
    };

/**
 * Reassigns the review a withdrawal left open: the preview carries the solver's proposal (core's
 * `proposeReplacement` over the round's panel, loads and affinity); the commit assigns it, or the
 * reviewer the office names instead, after the same checks as a hand edit (panel, acceptance,
 * conflicts, loads), and is audited with the office's reason.
 */
export async function reassignWithdrawal(
  db: Db,
  actor: Actor,
  id: string,
  input: { mode: 'preview' | 'commit'; reviewerId?: string; reason: string },
): Promise<ReassignResult> {
  const w = await getWithdrawal(db, id);
  if (!w) return { status: 'not_found' };
  if (w.reassignedAt) return { status: 'conflict', message: { ko: '이미 재배정된 건입니다', en: 'this review was already reassigned' } };
  const call = await loadReviewCall(db, w.programSlug, w.callKey);
  const [round] = await db.select().from(reviewRounds).where(eq(reviewRounds.id, w.roundId));
  if (!call || !round) return { status: 'not_found' };
  const [apps, panel, blocked, current, conflictRows] = await Promise.all([
    submittedApplications(db, call.programSlug, call.callKey),
    roundPanelReviewers(db, round.id),
    blockingConflicts(db, call.programSlug, call.callKey),
    currentAssignment(db, round.id),
    listConflicts(db, call.programSlug, call.callKey),
  ]);
  const app = apps.find((a) => a.id === w.applicationId);
  if (!app) return { status: 'not_found' };
  const name = new Map(panel.map((r) => [r.id, r.name]));
  const load = new Map<string, number>();
  for (const [, r] of current) load.set(r, (load.get(r) ?? 0) + 1);
  const instance = buildInstance(apps, panel, round, blocked);
  const proposed: Replacement = proposeReplacement({
    applicationId: w.applicationId,
    withdrawnReviewerId: w.reviewerId,
    panel: panel.filter((r) => r.status === 'accepted').map((r) => ({ id: r.id, maxLoad: r.maxLoad, load: load.get(r.id) ?? 0 })),
    alreadyAssigned: current.filter(([a]) => a === w.applicationId).map(([, r]) => r),
    conflicts: conflictRows.map(toCore),
    affinity: instance.affinity,
  });
  const chosen = input.reviewerId ?? (proposed.ok ? proposed.reviewerId : undefined);
  if (!chosen)
    return {
      status: 'invalid',
      issues: [
        {
          field: 'reviewerId',
          message: { ko: '배정안이 없습니다. 재배정할 평가위원을 직접 고르세요', en: 'the solver has no proposal: name the reviewer to assign' },
        },
      ],
    };
  const { issues } = applyManualChanges(
    {
      current,
      applications: new Map(apps.map((a) => [a.id, applicationLabel(a)])),
      panel: new Map(panel.map((r) => [r.id, { label: r.name, accepted: r.status === 'accepted', maxLoad: r.maxLoad }])),
      conflicts: blocked,
    },
    [[w.applicationId, chosen]],
    [],
  );
  if (current.some(([a, r]) => a === w.applicationId && r === chosen))
    issues.push({ field: 'reviewerId', message: { ko: '이미 이 신청을 평가하는 위원입니다', en: 'the reviewer already reviews this application' } });
  if (issues.length) return { status: 'invalid', issues: issues.map((i) => ({ ...i, field: i.field.startsWith('add.') ? 'reviewerId' : i.field })) };
  const payload = {
    withdrawal: { id: w.id, application: applicationLabel(app), reviewer: name.get(w.reviewerId) ?? '', detail: w.detail, sheetSetAside: w.sheetSetAside },
    proposal: proposed.ok ? { reviewerId: proposed.reviewerId, reviewer: name.get(proposed.reviewerId) ?? '', score: proposed.score } : null,
    proposalReasons: proposed.ok ? [] : proposed.reasons.map((r) => r.message),
    assign: { applicationId: w.applicationId, reviewerId: chosen, reviewer: name.get(chosen) ?? '' },
  };
  if (input.mode === 'preview') return { status: 'preview', ...payload };
  // the preview needs no reason (the office reads the proposal first); the commit records one
  if (!input.reason.trim())
    return { status: 'invalid', issues: [{ field: 'reason', message: { ko: '재배정 사유를 적어야 합니다', en: 'give a reason for the reassignment' } }] };
  return db.transaction(async (tx): Promise<ReassignResult> => {
    const [locked] = await tx.select().from(reviewWithdrawals).where(eq(reviewWithdrawals.id, id)).for('update');
    if (locked!.reassignedAt) return { status: 'conflict', message: { ko: '이미 재배정된 건입니다', en: 'this review was already reassigned' } };
    // re-checked under the lock: a conflict or a load may have changed since the preview
    const again = await blockingConflicts(tx, call.programSlug, call.callKey);
    if (again.has(`${w.applicationId}|${chosen}`))
      return {
        status: 'invalid',
        issues: [{ field: 'reviewerId', message: { ko: '그 사이 이해충돌이 확인된 위원입니다', en: 'a conflict with this reviewer was found meanwhile' } }],
      };
    await tx.insert(reviewAssignments).values({ roundId: w.roundId, applicationId: w.applicationId, reviewerId: chosen }).onConflictDoNothing();
    // the same reviewer back after a waiver: the office decided the tie does not bind, so the sheet counts again
    const restored = chosen === w.reviewerId && w.sheetSetAside;
    if (restored)
      await tx
        .update(reviewSheets)
        .set({ setAsideAt: null, setAsideReason: null })
        .where(and(eq(reviewSheets.roundId, w.roundId), eq(reviewSheets.applicationId, w.applicationId), eq(reviewSheets.reviewerId, chosen)));
    await tx
      .update(reviewWithdrawals)
      .set({ replacementReviewerId: chosen, reassignedAt: new Date(), reassignedBy: actor.id, reassignReason: input.reason })
      .where(and(eq(reviewWithdrawals.id, id), isNull(reviewWithdrawals.reassignedAt)));
    await appendAudit(tx, actor, {
      action: 'review.assignment.reassign',
      objectType: 'review-withdrawal',
      objectId: id,
      before: { reviewerId: w.reviewerId, assigned: false },
      after: {
        applicationId: w.applicationId,
        reviewerId: chosen,
        proposedReviewerId: payload.proposal?.reviewerId ?? null,
        followedProposal: payload.proposal?.reviewerId === chosen,
        sheetRestored: restored,
      },
      reason: input.reason,
    });
    return { status: 'committed', ...payload };
  });
}
