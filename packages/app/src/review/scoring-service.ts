import { and, asc, eq, inArray } from 'drizzle-orm';
import { checkScoreSheet, reviewForm, sheetTotal, type ScoreSheet } from '@stagegate/core/selection/score-sheet';
import { consortiumMembers, type Consortium } from '@stagegate/core/eligibility/consortium';
import type { FieldIssue, LocalizedText } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import { applications, reviewAssignments, reviewerPool, reviewRounds, reviewSheets } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { blockingConflicts } from './conflict-service.ts';
import { pledgesOf } from './pledge-service.ts';
import { loadReviewCall, roundScheme, type ReviewCall, type ReviewedApplication, type RoundRow } from './review-call.ts';

export type SheetRow = typeof reviewSheets.$inferSelect;

/** What decides whether a reviewer may open an application in a round. */
export interface ReviewerAccess {
  round: RoundRow;
  call: ReviewCall;
  reviewerId: string | null;
  assigned: boolean;
  conflicted: boolean;
  /** the reviewer accepted this round's conflict-of-interest pledge */
  pledged: boolean;
}

/** The actor's standing towards (round, application); undefined when either does not exist. */
export async function reviewerAccess(db: Db, actor: Actor, roundId: string, applicationId: string): Promise<ReviewerAccess | undefined> {
  const [round] = await db.select().from(reviewRounds).where(eq(reviewRounds.id, roundId));
  if (!round) return undefined;
  const [app] = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.id, applicationId), eq(applications.programSlug, round.programSlug), eq(applications.callKey, round.callKey)));
  if (!app) return undefined;
  const call = (await loadReviewCall(db, round.programSlug, round.callKey))!;
  const [entry] = await db
    .select()
    .from(reviewerPool)
    .where(
      and(
        eq(reviewerPool.userId, actor.id),
        eq(reviewerPool.programSlug, round.programSlug),
        eq(reviewerPool.callKey, round.callKey),
        eq(reviewerPool.status, 'accepted'),
      ),
    );
  if (!entry) return { round, call, reviewerId: null, assigned: false, conflicted: false, pledged: false };
  const [assignment] = await db
    .select()
    .from(reviewAssignments)
    .where(and(eq(reviewAssignments.roundId, round.id), eq(reviewAssignments.applicationId, applicationId), eq(reviewAssignments.reviewerId, entry.id)));
  const blocked = await blockingConflicts(db, round.programSlug, round.callKey);
  const pledged = (await pledgesOf(db, [entry.id])).has(`${round.id}|${entry.id}`);
  return { round, call, reviewerId: entry.id, assigned: !!assignment, conflicted: blocked.has(`${applicationId}|${entry.id}`), pledged };
}

/** The reviewer's worklist: every assignment in every call they accepted, conflicted ones flagged (and closed). */
export async function myAssignments(db: Db, actor: Actor) {
  const entries = await db
    .select()
    .from(reviewerPool)
    .where(and(eq(reviewerPool.userId, actor.id), eq(reviewerPool.status, 'accepted')));
  if (entries.length === 0) return [];
  const rows = await db
    .select({ a: reviewAssignments, round: reviewRounds, app: applications })
    .from(reviewAssignments)
    .innerJoin(reviewRounds, eq(reviewRounds.id, reviewAssignments.roundId))
    .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
    .where(
      inArray(
        reviewAssignments.reviewerId,
        entries.map((e) => e.id),
      ),
    )
    .orderBy(asc(reviewRounds.position), asc(applications.receiptNo));
  const sheets = await db
    .select()
    .from(reviewSheets)
    .where(
      inArray(
        reviewSheets.reviewerId,
        entries.map((e) => e.id),
      ),
    );
  const pledges = await pledgesOf(
    db,
    entries.map((e) => e.id),
  );
  const blockedByCall = new Map<string, Map<string, LocalizedText>>();
  for (const e of entries) blockedByCall.set(`${e.programSlug}/${e.callKey}`, await blockingConflicts(db, e.programSlug, e.callKey));
  return rows.map(({ a, round, app }) => {
    const sheet = sheets.find((s) => s.roundId === a.roundId && s.applicationId === a.applicationId && s.reviewerId === a.reviewerId);
    return {
      roundId: round.id,
      round: { key: round.key, name: round.name, dueAt: round.dueAt?.toISOString() ?? null },
      pledgedAt: pledges.get(`${round.id}|${a.reviewerId}`)?.acceptedAt.toISOString() ?? null,
      program: round.programSlug,
      call: round.callKey,
      applicationId: app.id,
      receiptNo: app.receiptNo,
      title: app.proposal.title ?? '',
      domain: app.proposal.domain ?? null,
      conflicted: blockedByCall.get(`${round.programSlug}/${round.callKey}`)!.has(`${app.id}|${a.reviewerId}`),
      sheetStatus: sheet?.status ?? ('none' as const),
      total: sheet?.total ?? null,
    };
  });
}

/**
 * The proposal as a reviewer reads it. Under blind review the consortium's identities (names,
 * registration numbers) are withheld; what the institutions are (type, role) stays, since the
 * criteria weigh it.
 */
export function proposalForReviewer(app: ReviewedApplication, blind: boolean) {
  const consortium = app.consortium as Consortium;
  const members = consortiumMembers(consortium).map((m, i) => ({
    position: i === 0 ? ('lead' as const) : ('participant' as const),
    type: m.type,
    role: m.role ?? null,
    country: m.country,
    ...(blind ? {} : { name: m.name, registrationNo: m.registrationNo ?? null }),
  }));
  return { id: app.id, receiptNo: app.receiptNo, blind, proposal: app.proposal, consortium: members };
}

export async function getSheet(db: Db, roundId: string, applicationId: string, reviewerId: string): Promise<SheetRow | undefined> {
  const [row] = await db
    .select()
    .from(reviewSheets)
    .where(and(eq(reviewSheets.roundId, roundId), eq(reviewSheets.applicationId, applicationId), eq(reviewSheets.reviewerId, reviewerId)));
  return row;
}

/** The sheet a round is scored on: the round's own criteria, else the call's. */
export function formFor(call: ReviewCall, round?: Pick<RoundRow, 'key'>) {
  return reviewForm(round ? roundScheme(call, round) : call.program.selectionScheme);
}

export type SaveSheetResult =
  { status: 'invalid'; issues: FieldIssue[] } | { status: 'refused'; message: LocalizedText } | { status: 'saved' | 'submitted'; sheet: SheetRow };

/** Saves a draft (any subset of criteria, each within its points) or submits a complete sheet; a submitted sheet is final. */
export async function saveSheet(
  db: Db,
  actor: Actor,
  access: ReviewerAccess,
  applicationId: string,
  scores: ScoreSheet,
  mode: 'draft' | 'submit',
): Promise<SaveSheetResult> {
  if (access.round.closedAt)
    return {
      status: 'refused',
      message: { ko: `${access.round.name.ko} 단계는 마감되어 점수를 바꿀 수 없습니다`, en: `the ${access.round.name.en} is closed; its scores cannot change` },
    };
  const scheme = roundScheme(access.call, access.round);
  const issues = checkScoreSheet(scheme, scores, mode);
  if (issues.length) return { status: 'invalid', issues };
  const reviewerId = access.reviewerId!;
  return db.transaction(async (tx): Promise<SaveSheetResult> => {
    const [existing] = await tx
      .select()
      .from(reviewSheets)
      .where(and(eq(reviewSheets.roundId, access.round.id), eq(reviewSheets.applicationId, applicationId), eq(reviewSheets.reviewerId, reviewerId)))
      .for('update');
    if (existing?.status === 'submitted')
      return { status: 'refused', message: { ko: '이미 제출한 평가는 고칠 수 없습니다', en: 'a submitted review cannot be changed' } };
    const now = new Date();
    const values = {
      status: mode === 'submit' ? ('submitted' as const) : ('draft' as const),
      scores,
      total: mode === 'submit' ? sheetTotal(scheme, scores)! : null,
      submittedAt: mode === 'submit' ? now : null,
      updatedAt: now,
    };
    const [row] = await tx
      .insert(reviewSheets)
      .values({ roundId: access.round.id, applicationId, reviewerId, ...values })
      .onConflictDoUpdate({ target: [reviewSheets.roundId, reviewSheets.applicationId, reviewSheets.reviewerId], set: values })
      .returning();
    await appendAudit(tx, actor, {
      action: mode === 'submit' ? 'review.sheet.submit' : 'review.sheet.save',
      objectType: 'review-sheet',
      objectId: `${access.round.id}/${applicationId}/${reviewerId}`,
      before: existing ? { status: existing.status, scores: existing.scores } : null,
      after: { status: row!.status, scores, total: row!.total },
    });
    return { status: mode === 'submit' ? 'submitted' : 'saved', sheet: row! };
  });
}
