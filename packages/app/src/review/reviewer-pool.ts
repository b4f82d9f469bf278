import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { FieldIssue, LocalizedText } from '@stagegate/core/shared/localized';
import type { Db, Tx } from '../db/connect.ts';
import { reviewConflicts, reviewerPool, reviewRounds, roundPanel, user } from '../db/schema/index.ts';
import { notify, notifyAll, officeRecipients } from '../notifications/notify.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { canAnswerInvitation } from '../policies/review-policy.ts';
import { ensureReviewSetup, type ReviewCall } from './review-call.ts';
import type { Committed, NotFound, Refused } from '@stagegate/core/shared/mutation';
import type { inviteInput, reviewerPatch } from '@stagegate/core/contract/review-calls';

export type ReviewerRow = typeof reviewerPool.$inferSelect;

export type InviteInput = z.infer<typeof inviteInput>;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** What the operator and the reviewer see of a pool entry (never the token hash). */
export function reviewerView(r: ReviewerRow, panels: string[] = []) {
  const { tokenHash: _t, ...rest } = r;
  return { ...rest, rounds: panels };
}

export async function listPool(db: Db | Tx, programSlug: string, callKey: string) {
  const rows = await db
    .select()
    .from(reviewerPool)
    .where(and(eq(reviewerPool.programSlug, programSlug), eq(reviewerPool.callKey, callKey)))
    .orderBy(asc(reviewerPool.seq));
  const panels = await db
    .select({ reviewerId: roundPanel.reviewerId, key: reviewRounds.key })
    .from(roundPanel)
    .innerJoin(reviewRounds, eq(reviewRounds.id, roundPanel.roundId))
    .where(and(eq(reviewRounds.programSlug, programSlug), eq(reviewRounds.callKey, callKey)));
  return rows.map((r) =>
    reviewerView(
      r,
      panels.filter((p) => p.reviewerId === r.id).map((p) => p.key),
    ),
  );
}

export async function getReviewer(db: Db | Tx, id: string): Promise<ReviewerRow | undefined> {
  const [row] = await db.select().from(reviewerPool).where(eq(reviewerPool.id, id));
  return row;
}

function loadIssues(maxLoad: number, minLoad: number): FieldIssue[] {
  return minLoad > maxLoad
    ? [
        {
          field: 'minLoad',
          message: { ko: `최소 배정 수(${minLoad})가 최대(${maxLoad})보다 큽니다`, en: `minLoad (${minLoad}) is above maxLoad (${maxLoad})` },
        },
      ]
    : [];
}

/**
 * Invites a reviewer: the pool entry, its panels, and the invitation mail in the outbox (sent by
 * the mailer when a mail server is set; the operator sees the link either way). The pool entry keeps only the token's hash (lookups never compare raw tokens); the link
 * itself lives in the outbox message, as it would in a sent mail.
 */
/** What an invitation would do, before it is sent: who, on which panels, by when, and whether they have an account. */
export interface InvitationPreview {
  status: 'preview';
  invitee: { email: string; name: string; hasAccount: boolean; maxLoad: number; minLoad: number };
  rounds: { key: string; name: LocalizedText }[];
  dueAt: string | null;
}

/** Carries a preview out of the transaction it was judged in, which then rolls back. */
class PreviewOnly extends Error {
  constructor(readonly preview: InvitationPreview) {
    super('preview');
  }
}

export async function inviteReviewer(
  db: Db,
  actor: Actor,
  call: ReviewCall,
  input: InviteInput,
  publicUrl: string,
  mode: 'preview' | 'commit' = 'commit',
): Promise<
  { status: 'invalid'; issues: FieldIssue[] } | InvitationPreview | { status: 'committed'; reviewer: ReturnType<typeof reviewerView>; invitationUrl: string }
> {
  const issues = loadIssues(input.maxLoad, input.minLoad);
  if (issues.length) return { status: 'invalid', issues };
  // the preview runs the commit's own checks and writes in a transaction that is then rolled back,
  // so what it shows is exactly what the commit would do
  return db
    .transaction(async (tx) => {
      const rounds = await ensureReviewSetup(tx, actor, call.programSlug, call.callKey);
      const wanted = input.rounds ?? rounds.map((r) => r.key);
      const unknown = wanted.filter((k) => !rounds.some((r) => r.key === k));
      if (unknown.length)
        return {
          status: 'invalid' as const,
          issues: [{ field: 'rounds', message: { ko: `없는 평가 단계: ${unknown.join(', ')}`, en: `no such round: ${unknown.join(', ')}` } }],
        };
      const [dup] = await tx
        .select({ id: reviewerPool.id })
        .from(reviewerPool)
        .where(and(eq(reviewerPool.programSlug, call.programSlug), eq(reviewerPool.callKey, call.callKey), eq(reviewerPool.email, input.email)));
      if (dup)
        return {
          status: 'invalid' as const,
          issues: [{ field: 'email', message: { ko: '이미 이 공모의 평가위원 후보입니다', en: 'already in this call’s reviewer pool' } }],
        };
      const token = randomBytes(24).toString('base64url');
      const [{ last }] = await tx
        .select({ last: sql<number>`coalesce(max(${reviewerPool.seq}), 0)` })
        .from(reviewerPool)
        .where(and(eq(reviewerPool.programSlug, call.programSlug), eq(reviewerPool.callKey, call.callKey)));
      const next = Number(last) + 1;
      const [row] = await tx
        .insert(reviewerPool)
        .values({
          programSlug: call.programSlug,
          callKey: call.callKey,
          email: input.email,
          name: input.name,
          tokenHash: hashToken(token),
          domains: input.domains,
          keywords: input.keywords,
          profile: input.profile,
          affiliations: input.affiliations.map((a) => ({ ...a, registrationNo: a.registrationNo || undefined })),
          maxLoad: input.maxLoad,
          minLoad: input.minLoad,
          seq: next,
        })
        .returning();
      const panelRounds = rounds.filter((r) => wanted.includes(r.key));
      if (panelRounds.length) await tx.insert(roundPanel).values(panelRounds.map((r) => ({ roundId: r.id, reviewerId: row!.id })));
      const page = `/review/invitations/${token}`;
      const link = `${publicUrl.replace(/\/$/, '')}${page}`;
      const callName = call.program.calls.find((c) => c.key === call.callKey)?.name ?? { ko: call.callKey, en: call.callKey };
      // the invitee may have no account yet: then the mail alone carries the link
      // the earliest due instant of the rounds the reviewer joins
      const due = panelRounds.flatMap((r) => (r.dueAt ? [r.dueAt.getTime()] : [])).sort((a, b) => a - b)[0];
      const dueAt = due === undefined ? null : new Date(due).toISOString();
      await notify(tx, {
        to: { email: input.email },
        notice: { kind: 'reviewer-invitation', params: { name: input.name, program: call.program.name, call: callName, link, dueAt } },
        // an invitee with an account opens it from the inbox too
        link: page,
      });
      if (mode === 'preview') {
        const [account] = await tx
          .select({ id: user.id })
          .from(user)
          .where(eq(sql`lower(${user.email})`, input.email.toLowerCase()));
        throw new PreviewOnly({
          status: 'preview',
          invitee: { email: input.email, name: input.name, hasAccount: Boolean(account), maxLoad: input.maxLoad, minLoad: input.minLoad },
          rounds: panelRounds.map((r) => ({ key: r.key, name: r.name })),
          dueAt,
        });
      }
      await appendAudit(tx, actor, {
        action: 'reviewer.invite',
        objectType: 'reviewer',
        objectId: row!.id,
        after: {
          email: input.email,
          name: input.name,
          call: `${call.programSlug}/${call.callKey}`,
          rounds: wanted,
          maxLoad: input.maxLoad,
          minLoad: input.minLoad,
        },
      });
      return { status: 'committed' as const, reviewer: reviewerView(row!, wanted), invitationUrl: link };
    })
    .catch((e: unknown) => {
      if (e instanceof PreviewOnly) return e.preview;
      throw e;
    });
}

export async function findInvitation(db: Db, token: string): Promise<ReviewerRow | undefined> {
  const [row] = await db
    .select()
    .from(reviewerPool)
    .where(eq(reviewerPool.tokenHash, hashToken(token)));
  return row;
}

export type RespondResult = NotFound | Refused | Committed<{ reviewer: ReturnType<typeof reviewerView> }>;

/**
 * The invited person answers through the link. Accepting needs a signed-in reviewer account, which
 * becomes the pool entry's account; declining needs nothing but the link. An answer can be
 * changed until assignments are made, but an accepted entry stays with its account.
 */
export async function respondToInvitation(db: Db, actor: Actor | null, token: string, accept: boolean): Promise<RespondResult> {
  return db.transaction(async (tx): Promise<RespondResult> => {
    const [row] = await tx
      .select()
      .from(reviewerPool)
      .where(eq(reviewerPool.tokenHash, hashToken(token)))
      .for('update');
    if (!row) return { status: 'not_found' };
    const answer = canAnswerInvitation(actor, { status: row.status, linkedUserId: row.userId }, accept);
    if (answer === 'signInAsReviewer') {
      return { status: 'refused', message: { ko: '평가위원 계정으로 로그인한 뒤 답할 수 있습니다', en: 'sign in with the reviewer account to answer' } };
    }
    if (answer === 'linkedToAnother') {
      return { status: 'refused', message: { ko: '이 위촉은 다른 계정에 연결되어 있습니다', en: 'this invitation is linked to another account' } };
    }
    if (accept) {
      const [other] = await tx
        .select({ id: reviewerPool.id })
        .from(reviewerPool)
        .where(
          and(
            eq(reviewerPool.programSlug, row.programSlug),
            eq(reviewerPool.callKey, row.callKey),
            eq(reviewerPool.userId, actor!.id),
            eq(reviewerPool.status, 'accepted'),
          ),
        );
      if (other && other.id !== row.id)
        return { status: 'refused', message: { ko: '이 계정은 이미 이 공모의 평가위원입니다', en: 'this account already reviews for this call' } };
    }
    const status = accept ? 'accepted' : 'declined';
    const [updated] = await tx
      .update(reviewerPool)
      .set({ status, respondedAt: new Date(), userId: accept ? actor!.id : row.userId })
      .where(eq(reviewerPool.id, row.id))
      .returning();
    await appendAudit(tx, actor, {
      action: `reviewer.${status === 'accepted' ? 'accept' : 'decline'}`,
      objectType: 'reviewer',
      objectId: row.id,
      before: { status: row.status },
      after: { status, userId: updated!.userId },
    });
    return { status: 'committed', reviewer: reviewerView(updated!) };
  });
}

export type ReviewerPatch = z.infer<typeof reviewerPatch>;

/** Expertise, affiliations (the reviewer's own, or the office's), loads and panels (the office's). */
export async function updateReviewer(
  db: Db,
  actor: Actor,
  row: ReviewerRow,
  patch: ReviewerPatch,
): Promise<{ status: 'invalid'; issues: FieldIssue[] } | { status: 'committed'; reviewer: ReturnType<typeof reviewerView> }> {
  const maxLoad = patch.maxLoad ?? row.maxLoad;
  const minLoad = patch.minLoad ?? row.minLoad;
  const issues = loadIssues(maxLoad, minLoad);
  if (issues.length) return { status: 'invalid', issues };
  const { rounds: roundKeys, ...fields } = patch;
  const rounds = await db
    .select()
    .from(reviewRounds)
    .where(and(eq(reviewRounds.programSlug, row.programSlug), eq(reviewRounds.callKey, row.callKey)));
  const unknown = (roundKeys ?? []).filter((k) => !rounds.some((r) => r.key === k));
  if (unknown.length)
    return {
      status: 'invalid',
      issues: [{ field: 'rounds', message: { ko: `없는 평가 단계: ${unknown.join(', ')}`, en: `no such round: ${unknown.join(', ')}` } }],
    };
  return db.transaction(async (tx) => {
    const [updated] = Object.keys(fields).length ? await tx.update(reviewerPool).set(fields).where(eq(reviewerPool.id, row.id)).returning() : [row];
    let panels: string[] | undefined;
    if (roundKeys) {
      await tx.delete(roundPanel).where(eq(roundPanel.reviewerId, row.id));
      const chosen = rounds.filter((r) => roundKeys.includes(r.key));
      if (chosen.length) await tx.insert(roundPanel).values(chosen.map((r) => ({ roundId: r.id, reviewerId: row.id })));
      panels = roundKeys;
    }
    if (fields.affiliations && row.userId === actor.id && JSON.stringify(fields.affiliations) !== JSON.stringify(row.affiliations))
      await holdConflicts(tx, actor, row);
    const { tokenHash: _a, ...before } = row;
    const { tokenHash: _b, ...after } = updated!;
    await appendAudit(tx, actor, {
      action: 'reviewer.update',
      objectType: 'reviewer',
      objectId: row.id,
      before,
      after: { ...after, ...(panels ? { rounds: panels } : {}) },
    });
    return { status: 'committed' as const, reviewer: reviewerView(updated!, panels ?? []) };
  });
}

/**
 * A reviewer who edits their own affiliations cannot clear a conflict already found with them
 * (issue 12 item 7): those conflicts are held, the change is recorded, and the office is told.
 */
async function holdConflicts(tx: Tx, actor: Actor, row: ReviewerRow): Promise<void> {
  const held = await tx
    .update(reviewConflicts)
    .set({ heldSince: new Date() })
    .where(
      and(eq(reviewConflicts.reviewerId, row.id), eq(reviewConflicts.source, 'detected'), eq(reviewConflicts.stale, false), isNull(reviewConflicts.heldSince)),
    )
    .returning({ id: reviewConflicts.id });
  await notifyAll(tx, await officeRecipients(tx), {
    notice: { kind: 'reviewer-affiliations-changed', params: { reviewer: row.name, held: held.length } },
    link: `/review/office/${row.programSlug}/${row.callKey}`,
  });
  await appendAudit(tx, actor, {
    action: 'reviewer.affiliations.change',
    objectType: 'reviewer',
    objectId: row.id,
    before: { affiliations: row.affiliations },
    after: { heldConflicts: held.map((h) => h.id) },
  });
}

/** The pool entries linked to this account (one per call it reviews for). */
/** The actor's accepted pool entry in one call, if any. */
export async function poolEntryFor(db: Db | Tx, userId: string, programSlug: string, callKey: string): Promise<ReviewerRow | undefined> {
  const [row] = await db
    .select()
    .from(reviewerPool)
    .where(
      and(eq(reviewerPool.userId, userId), eq(reviewerPool.programSlug, programSlug), eq(reviewerPool.callKey, callKey), eq(reviewerPool.status, 'accepted')),
    );
  return row;
}

export async function poolEntriesOf(db: Db | Tx, userId: string): Promise<ReviewerRow[]> {
  return db
    .select()
    .from(reviewerPool)
    .where(and(eq(reviewerPool.userId, userId), eq(reviewerPool.status, 'accepted')));
}
