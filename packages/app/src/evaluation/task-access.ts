import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { tasks } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { memberTaskIds, type TaskRow } from '../tasks/task-membership.ts';

/** The tasks whose results the actor may read: all for the office and evaluators, their own for applicants. */
export async function visibleTasks(db: Db, actor: Actor): Promise<TaskRow[]> {
  if (actor.role === 'operator' || actor.role === 'evaluator') return db.select().from(tasks).orderBy(asc(tasks.programSlug), asc(tasks.key));
  const mine = await memberTaskIds(db, actor);
  if (!mine.length) return [];
  return db.select().from(tasks).where(inArray(tasks.id, mine)).orderBy(asc(tasks.key));
}
