import { and, asc, eq, inArray } from 'drizzle-orm';
import { clusterUsernameFor } from '@stagegate/core/selection/task-key';
import { issue, type FieldIssue, type LocalizedText } from '@stagegate/core/shared/localized';
import type { Db, Tx } from '../db/connect.ts';
import { organisationMembers, organisations, stageEvaluations, stageEvaluationTeams, taskMembers, tasks, user } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { notify } from '../notifications/notify.ts';
import type { Actor } from '../auth/actor.ts';
import { accountOrganisationsAmong, taskOrganisationIds, type TaskRow } from './task-membership.ts';

/** The parts a person may have in a task: the lead answers for the team (appeals, negotiation), members work in it. */
export const taskRoles = ['lead', 'member'] as const;
export type TaskRole = (typeof taskRoles)[number];
export type TaskMemberMode = 'preview' | 'commit';

/** A task has few people (22 institutions in the largest consortium); every read is bounded. */
export const MAX_TASK_MEMBERS = 500;
/** Reasons are kept in the audit log and shown to the office. */
export const REASON_MIN = 2;

export interface TaskMemberView {
  clusterUsername: string;
  userId: string | null;
  name: string | null;
  email: string | null;
  role: string;
  addedAt: string;
  /** the consortium organisations this person belongs to (names from the registry) */
  organisations: { id: string; name: LocalizedText }[];
}

export interface TaskOrganisationView {
  id: string;
  name: LocalizedText;
}

export interface TaskMembersAnswer {
  task: { id: string; key: string; programSlug: string; name: LocalizedText; status: string; leadOrganisationName: LocalizedText | null };
  members: TaskMemberView[];
  /** the organisation records new members must belong to, and where they come from */
  organisations: TaskOrganisationView[];
  organisationsFrom: 'application' | 'members';
  /** the stage evaluations the task is a team of: where its members read their result and appeal */
  stageEvaluations: { id: string; name: LocalizedText }[];
}

export interface MemberChange {
  kind: 'add' | 'role' | 'remove';
  clusterUsername: string;
  name: string | null;
  email: string | null;
  roleBefore: string | null;
  roleAfter: string | null;
  organisations: TaskOrganisationView[];
  leadsBefore: number;
  leadsAfter: number;
}

export type MemberChangeResult =
  | { status: 'invalid'; issues: FieldIssue[] }
  | { status: 'not_found' }
  | { status: 'preview'; change: MemberChange }
  | { status: 'committed'; change: MemberChange };

const invalid = (...issues: FieldIssue[]): MemberChangeResult => ({ status: 'invalid', issues });
const orgName = (o: { nameKo: string; nameEn: string | null }): LocalizedText => ({ ko: o.nameKo, en: o.nameEn ?? o.nameKo });

export async function organisationViews(db: Db | Tx, ids: string[]): Promise<TaskOrganisationView[]> {
  if (!ids.length) return [];
  const rows = await db
    .select({ id: organisations.id, nameKo: organisations.nameKo, nameEn: organisations.nameEn })
    .from(organisations)
    .where(inArray(organisations.id, ids));
  return rows.map((r) => ({ id: r.id, name: orgName(r) })).sort((a, b) => a.name.ko.localeCompare(b.name.ko, 'ko'));
}

export async function memberRows(db: Db | Tx, taskId: string) {
  return db
    .select({
      clusterUsername: taskMembers.clusterUsername,
      userId: taskMembers.userId,
      role: taskMembers.role,
      addedAt: taskMembers.addedAt,
      name: user.name,
      email: user.email,
    })
    .from(taskMembers)
    .leftJoin(user, eq(user.id, taskMembers.userId))
    .where(eq(taskMembers.taskId, taskId))
    .orderBy(asc(taskMembers.addedAt), asc(taskMembers.clusterUsername))
    .limit(MAX_TASK_MEMBERS);
}

/** The task's people, each with the consortium organisations they belong to, and the organisations new people may come from. */
export async function listTaskMembers(db: Db, task: TaskRow): Promise<TaskMembersAnswer> {
  const rows = await memberRows(db, task.id);
  const { ids, from } = await taskOrganisationIds(db, task);
  const orgs = await organisationViews(db, ids);
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const userIds = rows.map((r) => r.userId).filter((id): id is string => !!id);
  const belongs =
    userIds.length && ids.length
      ? await db
          .select({ userId: organisationMembers.userId, organisationId: organisationMembers.organisationId })
          .from(organisationMembers)
          .where(and(inArray(organisationMembers.userId, userIds), inArray(organisationMembers.organisationId, ids)))
      : [];
  return {
    task: {
      id: task.id,
      key: task.key,
      programSlug: task.programSlug,
      name: task.name,
      status: task.status,
      leadOrganisationName: task.leadOrganisationName ?? null,
    },
    members: rows.map((r) => ({
      clusterUsername: r.clusterUsername,
      userId: r.userId,
      name: r.name ?? null,
      email: r.email ?? null,
      role: r.role,
      addedAt: r.addedAt.toISOString(),
      organisations: belongs
        .filter((b) => b.userId === r.userId)
        .map((b) => byId.get(b.organisationId)!)
        .filter(Boolean),
    })),
    organisations: orgs,
    organisationsFrom: from,
    stageEvaluations: await db
      .select({ id: stageEvaluations.id, name: stageEvaluations.name })
      .from(stageEvaluationTeams)
      .innerJoin(stageEvaluations, eq(stageEvaluations.id, stageEvaluationTeams.evaluationId))
      .where(eq(stageEvaluationTeams.taskId, task.id))
      .orderBy(asc(stageEvaluations.openedAt))
      .limit(50),
  };
}

/** Locks the task's row for the transaction, so two offices changing its people at once are judged one after the other. */
export async function lockTask(tx: Tx, taskId: string): Promise<void> {
  await tx.select({ id: tasks.id }).from(tasks).where(eq(tasks.id, taskId)).for('update');
}

/**
 * One path for every change: plan it (validate, build the preview); on commit, plan again inside
 * the transaction with the task locked (the last-lead rule holds under concurrent changes), then write.
 */
async function run(
  db: Db,
  mode: TaskMemberMode,
  taskId: string,
  plan: (q: Db | Tx, committing: boolean) => Promise<{ result: MemberChangeResult; write?: (tx: Tx) => Promise<void> }>,
): Promise<MemberChangeResult> {
  if (mode === 'preview') return (await plan(db, false)).result;
  return db.transaction(async (tx) => {
    await lockTask(tx, taskId);
    const { result, write } = await plan(tx, true);
    if (result.status !== 'preview' || !write) return result;
    await write(tx);
    return { status: 'committed', change: result.change };
  });
}

/** The cluster user name made from an e-mail, unique within the task (a number is added when taken). */
export function freeClusterUsername(email: string, rows: { clusterUsername: string }[]): string {
  const base = clusterUsernameFor(email);
  const taken = new Set(rows.map((r) => r.clusterUsername));
  let clusterUsername = base;
  for (let n = 2; taken.has(clusterUsername) && n < MAX_TASK_MEMBERS + 2; n++) clusterUsername = `${base.slice(0, 29)}${n}`;
  return clusterUsername;
}

const leads = (rows: { role: string }[]) => rows.filter((r) => r.role === 'lead').length;

function reasonIssue(reason: string | undefined, required: boolean): FieldIssue | null {
  if (!required) return null;
  if ((reason ?? '').trim().length < REASON_MIN) return issue('reason', '사유를 적어 주세요 (2자 이상)', 'give a reason (at least 2 characters)');
  return null;
}

/**
 * validate → preview → commit: the office adds an existing account to the task. The account must
 * belong to one of the task's consortium organisations (records, never a typed organisation); its
 * cluster user name is made from its e-mail, unique within the task.
 */
export async function addTaskMember(
  db: Db,
  actor: Actor,
  task: TaskRow,
  input: { email: string; role: TaskRole; reason?: string; mode: TaskMemberMode },
): Promise<MemberChangeResult> {
  const email = input.email.trim().toLowerCase();
  return run(db, input.mode, task.id, async (q) => {
    const [account] = await q.select({ id: user.id, name: user.name, email: user.email }).from(user).where(eq(user.email, email));
    if (!account) {
      return {
        result: invalid(
          issue(
            'email',
            `${email} 계정이 없습니다. 아래 '가입 전 초대'에서 이메일, 기관과 역할을 정해 초대하면 가입하고 주소를 확인할 때 과제 구성원이 됩니다`,
            `no account ${email}: invite them below (e-mail, organisation and role); they become a member when they sign up and confirm the address`,
          ),
        ),
      };
    }
    const rows = await memberRows(q, task.id);
    if (rows.some((r) => r.userId === account.id)) return { result: invalid(issue('email', '이미 이 과제의 구성원입니다', 'already a member of this task')) };
    if (rows.length >= MAX_TASK_MEMBERS)
      return { result: invalid(issue('email', `과제 구성원은 ${MAX_TASK_MEMBERS}명까지입니다`, `a task holds at most ${MAX_TASK_MEMBERS} people`)) };
    const { ids } = await taskOrganisationIds(q, task);
    const theirs = await accountOrganisationsAmong(q, account.id, ids);
    if (!theirs.length) {
      return {
        result: invalid(
          issue(
            'email',
            '이 계정은 과제 컨소시엄의 어느 기관에도 속해 있지 않습니다. 기관 관리자가 먼저 기관 구성원으로 초대해야 합니다',
            "this account belongs to none of the task's consortium organisations; an admin of one must invite them into it first",
          ),
        ),
      };
    }
    const clusterUsername = freeClusterUsername(account.email, rows);
    const change: MemberChange = {
      kind: 'add',
      clusterUsername,
      name: account.name,
      email: account.email,
      roleBefore: null,
      roleAfter: input.role,
      organisations: await organisationViews(q, theirs),
      leadsBefore: leads(rows),
      leadsAfter: leads(rows) + (input.role === 'lead' ? 1 : 0),
    };
    return {
      result: { status: 'preview', change },
      write: async (tx) => {
        await tx.insert(taskMembers).values({ taskId: task.id, clusterUsername, userId: account.id, role: input.role });
        await appendAudit(tx, actor, {
          action: 'task.member.add',
          objectType: 'task',
          objectId: task.id,
          after: { userId: account.id, email: account.email, clusterUsername, role: input.role, organisations: theirs },
          reason: input.reason?.trim() || null,
        });
        await notify(tx, {
          to: { userId: account.id },
          notice: {
            kind: 'task-membership-changed',
            params: { task: task.key, change: 'added', role: input.role, clusterUsername, reason: input.reason?.trim() || null },
          },
          link: `/tasks/${task.id}/members`,
        });
      },
    };
  });
}

/** validate → preview → commit: the office makes someone lead or member; the last lead stays lead. */
export async function changeTaskMemberRole(
  db: Db,
  actor: Actor,
  task: TaskRow,
  clusterUsername: string,
  input: { role: TaskRole; reason?: string; mode: TaskMemberMode },
): Promise<MemberChangeResult> {
  return run(db, input.mode, task.id, async (q, committing) => {
    const rows = await memberRows(q, task.id);
    const target = rows.find((r) => r.clusterUsername === clusterUsername);
    if (!target) return { result: { status: 'not_found' } };
    if (target.role === input.role) return { result: invalid(issue('role', '역할이 그대로입니다', 'the role is unchanged')) };
    const after = rows.map((r) => (r === target ? { role: input.role } : r));
    if (leads(rows) > 0 && leads(after) === 0) {
      return {
        result: invalid(issue('role', '마지막 책임자입니다. 먼저 다른 구성원을 책임자로 지정하세요', 'this is the last lead; make someone else lead first')),
      };
    }
    const reasonProblem = reasonIssue(input.reason, committing);
    if (reasonProblem) return { result: invalid(reasonProblem) };
    const change: MemberChange = {
      kind: 'role',
      clusterUsername,
      name: target.name ?? null,
      email: target.email ?? null,
      roleBefore: target.role,
      roleAfter: input.role,
      organisations: [],
      leadsBefore: leads(rows),
      leadsAfter: leads(after),
    };
    return {
      result: { status: 'preview', change },
      write: async (tx) => {
        await tx
          .update(taskMembers)
          .set({ role: input.role })
          .where(and(eq(taskMembers.taskId, task.id), eq(taskMembers.clusterUsername, clusterUsername)));
        await appendAudit(tx, actor, {
          action: 'task.member.role',
          objectType: 'task',
          objectId: task.id,
          before: { clusterUsername, userId: target.userId, role: target.role },
          after: { clusterUsername, userId: target.userId, role: input.role },
          reason: input.reason!.trim(),
        });
        if (target.userId)
          await notify(tx, {
            to: { userId: target.userId },
            notice: {
              kind: 'task-membership-changed',
              params: { task: task.key, change: 'role', role: input.role, clusterUsername, reason: input.reason!.trim() },
            },
            link: `/tasks/${task.id}/members`,
          });
      },
    };
  });
}

/** validate → preview → commit (with a reason): the office removes someone; never the last lead. */
export async function removeTaskMember(
  db: Db,
  actor: Actor,
  task: TaskRow,
  clusterUsername: string,
  input: { reason?: string; mode: TaskMemberMode },
): Promise<MemberChangeResult> {
  return run(db, input.mode, task.id, async (q, committing) => {
    const rows = await memberRows(q, task.id);
    const target = rows.find((r) => r.clusterUsername === clusterUsername);
    if (!target) return { result: { status: 'not_found' } };
    if (target.role === 'lead' && leads(rows) === 1) {
      return {
        result: invalid(
          issue(
            'clusterUsername',
            '마지막 책임자는 뺄 수 없습니다. 먼저 다른 구성원을 책임자로 지정하세요',
            'the last lead cannot be removed; make someone else lead first',
          ),
        ),
      };
    }
    const reasonProblem = reasonIssue(input.reason, committing);
    if (reasonProblem) return { result: invalid(reasonProblem) };
    const change: MemberChange = {
      kind: 'remove',
      clusterUsername,
      name: target.name ?? null,
      email: target.email ?? null,
      roleBefore: target.role,
      roleAfter: null,
      organisations: [],
      leadsBefore: leads(rows),
      leadsAfter: leads(rows) - (target.role === 'lead' ? 1 : 0),
    };
    return {
      result: { status: 'preview', change },
      write: async (tx) => {
        await tx.delete(taskMembers).where(and(eq(taskMembers.taskId, task.id), eq(taskMembers.clusterUsername, clusterUsername)));
        await appendAudit(tx, actor, {
          action: 'task.member.remove',
          objectType: 'task',
          objectId: task.id,
          before: { clusterUsername, userId: target.userId, email: target.email, role: target.role },
          reason: input.reason!.trim(),
        });
        // told by mail alone: without the membership the inbox link would lead nowhere
        if (target.userId)
          await notify(tx, {
            to: { userId: target.userId },
            notice: {
              kind: 'task-membership-changed',
              params: { task: task.key, change: 'removed', role: null, clusterUsername, reason: input.reason!.trim() },
            },
          });
      },
    };
  });
}
