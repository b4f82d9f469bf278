import { and, asc, eq } from 'drizzle-orm';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { Db, Tx } from '../db/connect.ts';
import { organisationMembers, taskInvitations, tasks, user } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { joinTaskByInvitation, MAX_TASK_INVITATIONS } from './task-invitations.ts';
import {
  freeClusterUsername,
  lockTask,
  MAX_TASK_MEMBERS,
  memberRows,
  organisationViews,
  type TaskOrganisationView,
  type TaskRole,
} from './task-member-service.ts';

/**
 * The invited person's side of a task invitation: the invitations addressed to their confirmed
 * address, and accepting or declining one, signed in (validate → preview → commit). The invitation
 * is bound to the address, so only the account that confirmed that address sees or answers it; to
 * anyone else it does not exist (404), so the list of who was invited where does not leak.
 */

export interface AddressedInvitation {
  id: string;
  task: { id: string; key: string; programSlug: string; name: LocalizedText };
  organisation: TaskOrganisationView;
  role: TaskRole;
  createdAt: string;
}

export interface InvitationAnswer {
  invitation: AddressedInvitation;
  accept: boolean;
  /** accepting adds the person to the organisation (false when they already belong to it) */
  joinsOrganisation: boolean;
  /** the cluster user name accepting makes (or keeps, when already in the task); null when declining or when the task is full */
  clusterUsername: string | null;
  /** already a member of the task: accepting only clears the invitation */
  alreadyInTask: boolean;
  /** the task is at its member bound: accepting clears the invitation without joining */
  taskFull: boolean;
}

export type AnswerResult = { status: 'not_found' } | { status: 'preview' | 'committed'; answer: InvitationAnswer };

/** The account's own address when it has confirmed it; an unconfirmed address is no proof of who reads. */
async function confirmedAddress(db: Db | Tx, actor: Actor): Promise<string | null> {
  const [row] = await db.select({ email: user.email, emailVerified: user.emailVerified }).from(user).where(eq(user.id, actor.id));
  return row?.emailVerified ? row.email.trim().toLowerCase() : null;
}

async function addressedRows(db: Db | Tx, email: string, id?: string) {
  return db
    .select({ invitation: taskInvitations, task: { id: tasks.id, key: tasks.key, programSlug: tasks.programSlug, name: tasks.name } })
    .from(taskInvitations)
    .innerJoin(tasks, eq(tasks.id, taskInvitations.taskId))
    .where(id ? and(eq(taskInvitations.email, email), eq(taskInvitations.id, id)) : eq(taskInvitations.email, email))
    .orderBy(asc(taskInvitations.createdAt))
    .limit(MAX_TASK_INVITATIONS);
}

async function present(db: Db | Tx, rows: Awaited<ReturnType<typeof addressedRows>>): Promise<AddressedInvitation[]> {
  const orgs = new Map((await organisationViews(db, [...new Set(rows.map((r) => r.invitation.organisationId))])).map((o) => [o.id, o]));
  return rows.map(({ invitation: inv, task }) => ({
    id: inv.id,
    task,
    organisation: orgs.get(inv.organisationId) ?? { id: inv.organisationId, name: { ko: '', en: '' } },
    role: inv.role,
    createdAt: inv.createdAt.toISOString(),
  }));
}

/** The task invitations addressed to the signed-in account's confirmed address, oldest first. */
export async function invitationsAddressedTo(db: Db, actor: Actor): Promise<AddressedInvitation[]> {
  const email = await confirmedAddress(db, actor);
  return email ? present(db, await addressedRows(db, email)) : [];
}

/**
 * Accept or decline one invitation. The preview says what accepting changes (the organisation joined,
 * the cluster user name made); the commit joins (task-invitations.ts `joinTaskByInvitation`) or
 * deletes the invitation, audited as the person's own act. The office's withdrawal and this answer
 * race under the task's lock: whichever comes second finds nothing (404).
 */
export async function answerTaskInvitation(
  db: Db,
  actor: Actor,
  invitationId: string,
  input: { accept: boolean; mode: 'preview' | 'commit' },
): Promise<AnswerResult> {
  const plan = async (q: Db | Tx) => {
    const email = await confirmedAddress(q, actor);
    if (!email) return null;
    const [row] = await addressedRows(q, email, invitationId);
    if (!row) return null;
    const [invitation] = await present(q, [row]);
    const rows = await memberRows(q, row.task.id);
    const mine = rows.find((r) => r.userId === actor.id);
    const [member] = await q
      .select({ userId: organisationMembers.userId })
      .from(organisationMembers)
      .where(and(eq(organisationMembers.organisationId, row.invitation.organisationId), eq(organisationMembers.userId, actor.id)));
    const taskFull = !mine && rows.length >= MAX_TASK_MEMBERS;
    const answer: InvitationAnswer = {
      invitation: invitation!,
      accept: input.accept,
      joinsOrganisation: input.accept && !member,
      clusterUsername: !input.accept || taskFull ? null : (mine?.clusterUsername ?? freeClusterUsername(email, rows)),
      alreadyInTask: !!mine,
      taskFull: input.accept && taskFull,
    };
    return { row: row.invitation, answer, email };
  };
  if (input.mode === 'preview') {
    const p = await plan(db);
    return p ? { status: 'preview', answer: p.answer } : { status: 'not_found' };
  }
  return db.transaction(async (tx) => {
    const [first] = await tx.select({ taskId: taskInvitations.taskId }).from(taskInvitations).where(eq(taskInvitations.id, invitationId));
    if (!first) return { status: 'not_found' as const };
    await lockTask(tx, first.taskId);
    const p = await plan(tx);
    if (!p) return { status: 'not_found' as const };
    const self = { ...actor, email: p.email };
    if (input.accept) {
      const { clusterUsername } = await joinTaskByInvitation(tx, self, p.row);
      return { status: 'committed' as const, answer: { ...p.answer, clusterUsername } };
    }
    await tx.delete(taskInvitations).where(eq(taskInvitations.id, p.row.id));
    await appendAudit(tx, self, {
      action: 'task.member.invite.decline',
      objectType: 'task',
      objectId: p.row.taskId,
      before: { invitationId: p.row.id, email: p.email, organisationId: p.row.organisationId, role: p.row.role },
    });
    return { status: 'committed' as const, answer: p.answer };
  });
}
