import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { taskMembers } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';

/** Whether the actor's account is a member of the task (task_members.user_id). */
export async function isTaskMember(db: Db, actor: Actor | null, taskId: string): Promise<boolean> {
  if (!actor) return false;
  const [row] = await db.select({ t: taskMembers.taskId }).from(taskMembers).where(and(eq(taskMembers.taskId, taskId), eq(taskMembers.userId, actor.id)));
  return !!row;
}

export async function memberTaskIds(db: Db, actor: Actor): Promise<Set<string>> {
  const rows = await db.select({ taskId: taskMembers.taskId }).from(taskMembers).where(eq(taskMembers.userId, actor.id));
  return new Set(rows.map((r) => r.taskId));
}
