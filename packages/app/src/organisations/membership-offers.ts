import { and, asc, eq } from 'drizzle-orm';
import type { FieldIssue } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import { organisationInvitations, organisationMembers, organisations, user } from '../db/schema/index.ts';
import { notify } from '../notifications/notify.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import type { MemberRole } from './organisation-store.ts';

type Mode = 'preview' | 'commit';
export type OrganisationInvitation = typeof organisationInvitations.$inferSelect;

/** What adding a member by e-mail would do, read before anything is written. */
export interface MemberOffer {
  email: string;
  name: string | null;
  change: 'offer' | 'role' | 'unchanged';
  currentRole: MemberRole | null;
  role: MemberRole;
}

const organisationName = async (db: Db, organisationId: string) => {
  const [org] = await db.select({ nameKo: organisations.nameKo, nameEn: organisations.nameEn }).from(organisations).where(eq(organisations.id, organisationId));
  return { ko: org!.nameKo, en: org!.nameEn };
};

/**
 * Offers membership to an existing account by e-mail, or re-roles someone already a member. No
 * access and no conflict of interest derive from an offer until the person accepts it; the preview
 * says which of these it is and writes nothing.
 */
export async function offerMembership(
  db: Db,
  actor: Actor,
  organisationId: string,
  input: { email: string; role: MemberRole; mode: Mode },
): Promise<{ status: 'invalid'; issues: FieldIssue[] } | { status: 'preview' | 'committed'; offer: MemberOffer }> {
  const email = input.email.trim().toLowerCase();
  const { role } = input;
  const [account] = await db.select({ id: user.id, name: user.name }).from(user).where(eq(user.email, email));
  if (!account)
    return {
      status: 'invalid',
      issues: [{ field: 'email', message: { ko: `${email} 계정이 없습니다. 먼저 가입해야 합니다`, en: `no account ${email}; they must sign up first` } }],
    };
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select({ role: organisationMembers.role })
      .from(organisationMembers)
      .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, account.id)));
    const [pending] = member
      ? []
      : await tx
          .select({ role: organisationInvitations.role })
          .from(organisationInvitations)
          .where(and(eq(organisationInvitations.organisationId, organisationId), eq(organisationInvitations.userId, account.id)));
    const change: MemberOffer['change'] = member ? (member.role === role ? 'unchanged' : 'role') : pending?.role === role ? 'unchanged' : 'offer';
    const offer: MemberOffer = { email, name: member ? account.name : null, change, currentRole: member?.role ?? null, role };
    if (input.mode === 'preview' || change === 'unchanged') return { status: input.mode === 'preview' ? 'preview' : 'committed', offer };
    if (member) {
      await tx
        .update(organisationMembers)
        .set({ role })
        .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, account.id)));
      await appendAudit(tx, actor, {
        action: 'organisation.member.set',
        objectType: 'organisation',
        objectId: organisationId,
        before: member,
        after: { userId: account.id, email, role },
      });
      return { status: 'committed', offer };
    }
    await tx
      .insert(organisationInvitations)
      .values({ organisationId, userId: account.id, role, invitedBy: actor.id })
      .onConflictDoUpdate({ target: [organisationInvitations.organisationId, organisationInvitations.userId], set: { role, invitedBy: actor.id } });
    await appendAudit(tx, actor, {
      action: 'organisation.member.invite',
      objectType: 'organisation',
      objectId: organisationId,
      ...(pending ? { before: { role: pending.role } } : {}),
      after: { userId: account.id, email, role },
    });
    // the offer waits on the person's invitations page; without a word from us they would never find it
    await notify(tx, {
      to: { userId: account.id },
      notice: { kind: 'organisation-invitation', params: { organisation: await organisationName(tx, organisationId), role } },
      link: '/invitations',
    });
    return { status: 'committed', offer };
  });
}

/** The offers of this organisation nobody has answered yet, for its admins. */
export async function pendingOffers(db: Db, organisationId: string) {
  return db
    .select({ email: user.email, role: organisationInvitations.role, createdAt: organisationInvitations.createdAt })
    .from(organisationInvitations)
    .innerJoin(user, eq(user.id, organisationInvitations.userId))
    .where(eq(organisationInvitations.organisationId, organisationId))
    .orderBy(asc(user.email));
}

export async function getInvitation(db: Db, id: string) {
  const [row] = await db.select().from(organisationInvitations).where(eq(organisationInvitations.id, id));
  return row;
}

/** The membership offers addressed to this account, with the organisation's names. */
export async function invitationsFor(db: Db, userId: string) {
  return db
    .select({
      id: organisationInvitations.id,
      organisationId: organisations.id,
      nameKo: organisations.nameKo,
      nameEn: organisations.nameEn,
      role: organisationInvitations.role,
      createdAt: organisationInvitations.createdAt,
    })
    .from(organisationInvitations)
    .innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
    .where(eq(organisationInvitations.userId, userId));
}

/**
 * The invited person accepts (or declines) while signed in; accepting makes them a member. The
 * preview names the organisation and the role and writes nothing; null when the offer was already
 * answered.
 */
export async function answerInvitation(db: Db, actor: Actor, invitation: OrganisationInvitation, accept: boolean, mode: Mode) {
  const answer = {
    organisation: { id: invitation.organisationId, name: await organisationName(db, invitation.organisationId) },
    role: invitation.role,
    accept,
  };
  if (mode === 'preview') return answer;
  return db.transaction(async (tx) => {
    // a second answer (another tab, a double click) finds the offer gone and changes nothing
    const [taken] = await tx.delete(organisationInvitations).where(eq(organisationInvitations.id, invitation.id)).returning({ id: organisationInvitations.id });
    if (!taken) return null;
    if (accept)
      await tx.insert(organisationMembers).values({ organisationId: invitation.organisationId, userId: actor.id, role: invitation.role }).onConflictDoNothing();
    await appendAudit(tx, actor, {
      action: accept ? 'organisation.member.accept' : 'organisation.member.decline',
      objectType: 'organisation',
      objectId: invitation.organisationId,
      after: { userId: actor.id, role: invitation.role },
    });
    return answer;
  });
}
