import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { taskMembers, tasks } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';

export type TaskRow = typeof tasks.$inferSelect;

export async function getTask(db: Db, id: string): Promise<TaskRow | undefined> {
  const [row] = await db.select().from(tasks).where(eq(tasks.id, id));
  return row;
}

/** Whether the account is a member of the task (a team member with a linked account). */
export async function isTaskMember(db: Db, actor: Actor | null, taskId: string): Promise<boolean> {
  if (!actor) return false;
  const rows = await db.select({ t: taskMembers.taskId }).from(taskMembers).where(and(eq(taskMembers.taskId, taskId), eq(taskMembers.userId, actor.id))).limit(1);
  return rows.length > 0;
}

/** The tasks whose results the actor may read: all for the office and evaluators, their own for applicants. */
export async function visibleTasks(db: Db, actor: Actor): Promise<TaskRow[]> {
  if (actor.role === 'operator' || actor.role === 'evaluator') return db.select().from(tasks).orderBy(asc(tasks.programSlug), asc(tasks.key));
  const mine = await db.select({ id: taskMembers.taskId }).from(taskMembers).where(eq(taskMembers.userId, actor.id));
  if (!mine.length) return [];
  return db.select().from(tasks).where(inArray(tasks.id, mine.map((m) => m.id))).orderBy(asc(tasks.key));
}
