import { eq } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { tasks } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';

export type BlockResult = { status: 'not-found' } | { status: 'unchanged' | 'committed'; taskStatus: string } | { status: 'conflict'; message: string };

/**
 * Blocks (no new jobs on Slurm: GrpSubmitJobs=0 at the next apply) or unblocks a task, with the
 * operator's reason in the audit log. Only active ↔ blocked; eliminated and completed tasks stay.
 */
export async function setTaskBlocked(db: Db, actor: Actor, taskId: string, blocked: boolean, reason: string): Promise<BlockResult> {
  return db.transaction(async (tx): Promise<BlockResult> => {
    const [task] = await tx.select().from(tasks).where(eq(tasks.id, taskId)).for('update');
    if (!task) return { status: 'not-found' };
    const target = blocked ? 'blocked' : 'active';
    if (task.status === target) return { status: 'unchanged', taskStatus: task.status };
    if (task.status !== 'active' && task.status !== 'blocked') return { status: 'conflict', message: `the task is ${task.status}; only active and blocked tasks can be blocked or unblocked` };
    await tx.update(tasks).set({ status: target, updatedAt: new Date() }).where(eq(tasks.id, taskId));
    await appendAudit(tx, actor, { action: blocked ? 'task.block' : 'task.unblock', objectType: 'task', objectId: task.key, before: { status: task.status }, after: { status: target }, reason });
    return { status: 'committed', taskStatus: target };
  });
}
