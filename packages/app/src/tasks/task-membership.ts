import { and, eq, inArray } from 'drizzle-orm';
import { parseConsortiumRefs } from '@stagegate/core/eligibility/consortium-refs';
import type { Db, Tx } from '../db/connect.ts';
import { applications, organisationMembers, taskMembers, tasks } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';

/**
 * Who belongs to a task, asked in one place: every route that lets a team member act for their
 * task (declarations, appeals, change requests, usage, final-evaluation reports, releases) calls
 * these, so "member" means the same thing everywhere — an account linked in `task_members`.
 */

export type TaskRow = typeof tasks.$inferSelect;

export async function getTask(db: Db | Tx, id: string): Promise<TaskRow | undefined> {
  const [row] = await db.select().from(tasks).where(eq(tasks.id, id));
  return row;
}

/** Whether the actor's account is a member of the task (task_members.user_id). */
export async function isTaskMember(db: Db | Tx, actor: Pick<Actor, 'id'> | null, taskId: string): Promise<boolean> {
  if (!actor) return false;
  const rows = await db
    .select({ t: taskMembers.taskId })
    .from(taskMembers)
    .where(and(eq(taskMembers.taskId, taskId), eq(taskMembers.userId, actor.id)))
    .limit(1);
  return rows.length > 0;
}

/** The tasks the actor's account is a member of. */
export async function memberTaskIds(db: Db | Tx, actor: Pick<Actor, 'id'>): Promise<string[]> {
  const rows = await db.select({ taskId: taskMembers.taskId }).from(taskMembers).where(eq(taskMembers.userId, actor.id));
  return rows.map((r) => r.taskId);
}

/** A stored consortium names at most this many participants (core's cap); the read is bounded by it. */
const MAX_CONSORTIUM = 1_000;

/**
 * The organisation records a task's people may come from, bound to records, never to a typed name:
 * a task selected from an application has its consortium (the applying lead organisation and the
 * participants the application names); a task the office registered without an application has
 * the organisations of the accounts already linked to it.
 */
export async function taskOrganisationIds(db: Db | Tx, task: TaskRow): Promise<{ ids: string[]; from: 'application' | 'members' }> {
  if (task.applicationId) {
    const [app] = await db
      .select({ organisationId: applications.organisationId, consortium: applications.consortium })
      .from(applications)
      .where(eq(applications.id, task.applicationId));
    if (app) {
      const { refs } = parseConsortiumRefs(app.consortium ?? {}, { maxParticipants: MAX_CONSORTIUM, snapshot: true });
      const participants = (refs?.participants ?? []).map((p) => p.organisationId).filter((id) => id !== '');
      return { ids: [...new Set([app.organisationId, ...participants])], from: 'application' };
    }
  }
  const linked = await db
    .selectDistinct({ organisationId: organisationMembers.organisationId })
    .from(taskMembers)
    .innerJoin(organisationMembers, eq(organisationMembers.userId, taskMembers.userId))
    .where(eq(taskMembers.taskId, task.id))
    .limit(MAX_CONSORTIUM);
  return { ids: linked.map((l) => l.organisationId), from: 'members' };
}

/** The organisations among `organisationIds` the account belongs to. */
export async function accountOrganisationsAmong(db: Db | Tx, userId: string, organisationIds: string[]): Promise<string[]> {
  if (!organisationIds.length) return [];
  const rows = await db
    .select({ id: organisationMembers.organisationId })
    .from(organisationMembers)
    .where(and(eq(organisationMembers.userId, userId), inArray(organisationMembers.organisationId, organisationIds)));
  return rows.map((r) => r.id);
}
