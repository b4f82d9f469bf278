import { asc, eq, inArray } from 'drizzle-orm';
import { issue, type FieldIssue, type LocalizedText } from '@stagegate/core/shared/localized';
import type { Db, Tx } from '../db/connect.ts';
import { organisationMembers, taskInvitations, taskMembers, tasks, user } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { notify } from '../notifications/notify.ts';
import type { Actor } from '../auth/actor.ts';
import { taskOrganisationIds, type TaskRow } from './task-membership.ts';
import {
  freeClusterUsername,
  lockTask,
  MAX_TASK_MEMBERS,
  memberRows,
  organisationViews,
  REASON_MIN,
  type TaskMemberMode,
  type TaskOrganisationView,
  type TaskRole,
} from './task-member-service.ts';

/**
 * The office invites a person into a task by e-mail: one of the task's consortium organisations (a
 * record) and the role. The invitation is bound to the address. For a new or unconfirmed address it
 * completes when that address is confirmed at sign-up (auth.ts calls `completeTaskInvitations`):
 * confirming the address is the person's consent and proves it is theirs. A confirmed account
 * accepts or declines it signed in, like an organisation invitation.
 */

/** Pending invitations of one task; every read is bounded by it. */
export const MAX_TASK_INVITATIONS = 200;
/** Invitations one confirmed address completes at once (a person is rarely invited into many tasks). */
const MAX_COMPLETED_AT_ONCE = 200;
/** Plain shape of an address: something@domain.tld, no spaces; the confirmation mail proves the rest. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface TaskInvitationView {
  id: string;
  email: string;
  organisation: TaskOrganisationView;
  role: TaskRole;
  createdAt: string;
  /** an account with this address exists */
  hasAccount: boolean;
  /** that account confirmed its address: the invitation waits for the person to accept it, signed in */
  confirmed: boolean;
}

export type InvitationResult =
  | { status: 'invalid'; issues: FieldIssue[] }
  | { status: 'not_found' }
  | { status: 'preview'; invitation: Omit<TaskInvitationView, 'id' | 'createdAt'> & { id: string | null; createdAt: string | null } }
  | { status: 'committed'; invitation: TaskInvitationView };

const invalid = (...issues: FieldIssue[]): InvitationResult => ({ status: 'invalid', issues });

/** The task's pending invitations, oldest first, with the organisation's names from the registry. */
export async function listTaskInvitations(db: Db | Tx, taskId: string): Promise<TaskInvitationView[]> {
  const rows = await db
    .select()
    .from(taskInvitations)
    .where(eq(taskInvitations.taskId, taskId))
    .orderBy(asc(taskInvitations.createdAt), asc(taskInvitations.email))
    .limit(MAX_TASK_INVITATIONS);
  if (!rows.length) return [];
  const orgs = new Map((await organisationViews(db, [...new Set(rows.map((r) => r.organisationId))])).map((o) => [o.id, o]));
  const accounts = new Map(
    (
      await db
        .select({ email: user.email, emailVerified: user.emailVerified })
        .from(user)
        .where(
          inArray(
            user.email,
            rows.map((r) => r.email),
          ),
        )
    ).map((a) => [a.email, a.emailVerified] as const),
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    organisation: orgs.get(r.organisationId) ?? { id: r.organisationId, name: { ko: '', en: '' } },
    role: r.role,
    createdAt: r.createdAt.toISOString(),
    hasAccount: accounts.has(r.email),
    confirmed: accounts.get(r.email) === true,
  }));
}

const taskName = (task: TaskRow): LocalizedText => task.name;

/**
 * validate → preview → commit: the office invites an address into the task. Refused (naming the
 * field): a malformed address; an account already in the task; an address already invited; an
 * organisation that is not one of the task's consortium records. On commit the invitation is
 * recorded, audited, and the person is told by mail (and in the app when an account has the
 * address). A new or unconfirmed address joins when it is confirmed; a confirmed account joins when
 * the person accepts, signed in (task-invitation-answers.ts): the organisation is one they may not
 * belong to yet, so they consent first.
 */
export async function inviteToTask(
  db: Db,
  actor: Actor,
  task: TaskRow,
  input: { email: string; organisationId: string; role: TaskRole; reason?: string; mode: TaskMemberMode },
): Promise<InvitationResult> {
  const email = input.email.trim().toLowerCase();
  type Plan = { result: InvitationResult } | { organisation: TaskOrganisationView; hasAccount: boolean; confirmed: boolean; accountId: string | null };
  const plan = async (q: Db | Tx): Promise<Plan> => {
    if (!EMAIL_SHAPE.test(email) || email.length > 320)
      return {
        result: invalid(issue('email', '이메일 주소의 형식이 올바르지 않습니다 (예: name@example.kr)', 'not an e-mail address (e.g. name@example.kr)')),
      };
    const { ids } = await taskOrganisationIds(q, task);
    if (!ids.includes(input.organisationId))
      return {
        result: invalid(issue('organisationId', '이 과제 컨소시엄의 기관 중에서 골라 주세요', "choose one of the task's consortium organisations")),
      };
    const [account] = await q.select({ id: user.id, emailVerified: user.emailVerified }).from(user).where(eq(user.email, email));
    if (account && (await memberRows(q, task.id)).some((r) => r.userId === account.id))
      return { result: invalid(issue('email', '이미 이 과제의 구성원입니다', 'already a member of this task')) };
    const pending = await q
      .select({ email: taskInvitations.email })
      .from(taskInvitations)
      .where(eq(taskInvitations.taskId, task.id))
      .limit(MAX_TASK_INVITATIONS + 1);
    if (pending.some((p) => p.email === email)) return { result: invalid(issue('email', '이미 초대한 주소입니다', 'this address is already invited')) };
    if (pending.length >= MAX_TASK_INVITATIONS)
      return {
        result: invalid(
          issue('email', `대기 중인 초대는 과제당 ${MAX_TASK_INVITATIONS}건까지입니다`, `a task holds at most ${MAX_TASK_INVITATIONS} pending invitations`),
        ),
      };
    const [organisation] = await organisationViews(q, [input.organisationId]);
    return { organisation: organisation!, hasAccount: !!account, confirmed: !!account?.emailVerified, accountId: account?.id ?? null };
  };

  if (input.mode === 'preview') {
    const p = await plan(db);
    if ('result' in p) return p.result;
    return {
      status: 'preview',
      invitation: { id: null, email, organisation: p.organisation, role: input.role, createdAt: null, hasAccount: p.hasAccount, confirmed: p.confirmed },
    };
  }
  return db.transaction(async (tx) => {
    await lockTask(tx, task.id);
    const p = await plan(tx);
    if ('result' in p) return p.result;
    const [row] = await tx
      .insert(taskInvitations)
      .values({ taskId: task.id, email, organisationId: input.organisationId, role: input.role, invitedBy: actor.id })
      .returning();
    await appendAudit(tx, actor, {
      action: 'task.member.invite',
      objectType: 'task',
      objectId: task.id,
      after: { invitationId: row!.id, email, organisationId: input.organisationId, role: input.role },
      reason: input.reason?.trim() || null,
    });
    await notify(tx, {
      to: p.accountId ? { userId: p.accountId } : { email },
      notice: {
        kind: 'task-invitation',
        params: {
          task: task.key,
          taskName: taskName(task),
          organisation: p.organisation.name,
          role: input.role,
          hasAccount: p.hasAccount,
          confirmed: p.confirmed,
        },
      },
      // a confirmed account accepts on its invitations page; a new address signs up first
      link: p.confirmed ? '/invitations' : p.accountId ? undefined : '/sign-up',
    });
    return {
      status: 'committed' as const,
      invitation: {
        id: row!.id,
        email,
        organisation: p.organisation,
        role: input.role,
        createdAt: row!.createdAt.toISOString(),
        hasAccount: p.hasAccount,
        confirmed: p.confirmed,
      },
    };
  });
}

/** validate → preview → commit (with a reason): the office withdraws a pending invitation; audited. */
export async function withdrawTaskInvitation(
  db: Db,
  actor: Actor,
  task: TaskRow,
  invitationId: string,
  input: { reason?: string; mode: TaskMemberMode },
): Promise<InvitationResult> {
  const plan = async (q: Db | Tx, committing: boolean): Promise<{ result: InvitationResult } | { found: TaskInvitationView }> => {
    const found = (await listTaskInvitations(q, task.id)).find((i) => i.id === invitationId);
    if (!found) return { result: { status: 'not_found' } };
    if (committing && (input.reason ?? '').trim().length < REASON_MIN)
      return { result: invalid(issue('reason', '사유를 적어 주세요 (2자 이상)', 'give a reason (at least 2 characters)')) };
    return { found };
  };
  if (input.mode === 'preview') {
    const p = await plan(db, false);
    return 'result' in p ? p.result : { status: 'preview', invitation: p.found };
  }
  return db.transaction(async (tx) => {
    await lockTask(tx, task.id);
    const p = await plan(tx, true);
    if ('result' in p) return p.result;
    await tx.delete(taskInvitations).where(eq(taskInvitations.id, invitationId));
    await appendAudit(tx, actor, {
      action: 'task.member.invite.withdraw',
      objectType: 'task',
      objectId: task.id,
      before: { invitationId, email: p.found.email, organisationId: p.found.organisation.id, role: p.found.role },
      reason: input.reason!.trim(),
    });
    return { status: 'committed', invitation: p.found };
  });
}

/**
 * Called when an address is confirmed (better-auth's afterEmailVerification): every pending task
 * invitation of that address makes the account a member, as `joinTaskByInvitation` says. Idempotent:
 * each invitation row goes in the same transaction as the membership. A completion that fails here
 * leaves the invitations pending; the person then sees them on their invitations page and accepts
 * there (task-invitation-answers.ts), which is the retry.
 */
export async function completeTaskInvitations(db: Db, account: { id: string; email: string; name: string }): Promise<number> {
  const email = account.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const pending = await tx
      .select()
      .from(taskInvitations)
      .where(eq(taskInvitations.email, email))
      .orderBy(asc(taskInvitations.createdAt))
      .limit(MAX_COMPLETED_AT_ONCE);
    const [row] = await tx.select({ role: user.role }).from(user).where(eq(user.id, account.id));
    const actor = { id: account.id, email, name: account.name, role: (row?.role ?? 'applicant') as Actor['role'] };
    let joined = 0;
    for (const inv of pending) if ((await joinTaskByInvitation(tx, actor, inv)).joined) joined++;
    return joined;
  });
}

/**
 * One invitation taken up by the account it addresses: the account becomes a member of the invited
 * organisation (kept when it already is one, with its role there) and of the task with the invited
 * role and a cluster user name made as the office's add makes it; the invitation row goes. A task
 * already at its bound keeps the person out (the audit row says so) rather than exceed it. Audited as
 * the person's own act; the caller holds the transaction.
 */
export async function joinTaskByInvitation(
  tx: Tx,
  actor: Actor,
  inv: typeof taskInvitations.$inferSelect,
): Promise<{ joined: boolean; clusterUsername: string | null }> {
  await lockTask(tx, inv.taskId);
  const [task] = await tx.select({ id: tasks.id, key: tasks.key }).from(tasks).where(eq(tasks.id, inv.taskId));
  await tx.delete(taskInvitations).where(eq(taskInvitations.id, inv.id));
  if (!task) return { joined: false, clusterUsername: null };
  await tx.insert(organisationMembers).values({ organisationId: inv.organisationId, userId: actor.id, role: 'member' }).onConflictDoNothing();
  const rows = await memberRows(tx, task.id);
  const already = rows.find((r) => r.userId === actor.id);
  let clusterUsername = already?.clusterUsername ?? null;
  const joins = !already && rows.length < MAX_TASK_MEMBERS;
  if (joins) {
    clusterUsername = freeClusterUsername(actor.email, rows);
    await tx.insert(taskMembers).values({ taskId: task.id, clusterUsername, userId: actor.id, role: inv.role });
  }
  await appendAudit(tx, actor, {
    action: 'task.member.invite.accept',
    objectType: 'task',
    objectId: task.id,
    after: {
      invitationId: inv.id,
      userId: actor.id,
      email: actor.email,
      organisationId: inv.organisationId,
      role: inv.role,
      clusterUsername,
      joined: joins,
    },
  });
  if (joins && clusterUsername)
    await notify(tx, {
      to: { userId: actor.id },
      notice: { kind: 'task-membership-changed', params: { task: task.key, change: 'added', role: inv.role, clusterUsername, reason: null } },
      link: `/tasks/${task.id}/members`,
    });
  return { joined: joins, clusterUsername };
}
