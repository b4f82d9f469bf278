import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/connect.ts';
import { tasks, type TaskStatus } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';

export type BlockResult = { status: 'not-found' } | { status: 'unchanged' | 'committed'; taskStatus: string } | { status: 'conflict'; message: string };

/** The statuses the office moves a task into here, and the audit action each one records. */
export type EnforcedStatus = Extract<TaskStatus, 'active' | 'blocked' | 'eliminated'>;
const ACTION: Record<EnforcedStatus, string> = { active: 'task.unblock', blocked: 'task.block', eliminated: 'task.eliminate' };

/** active ↔ blocked, and active or blocked → eliminated; eliminated and completed tasks stay. */
const allowed = (from: string, to: EnforcedStatus) => (from === 'active' || from === 'blocked') && (to !== 'active' || from === 'blocked');

/**
 * Moves a task to `target` inside the caller's transaction (a stage decision eliminates tasks in
 * the same transaction as it ends their allocations). Blocked and eliminated tasks get no new jobs
 * on Slurm (GrpSubmitJobs=0 at the next apply); the reason goes to the audit log.
 */
export async function setTaskStatusIn(tx: Tx, actor: Actor | null, taskId: string, target: EnforcedStatus, reason: string): Promise<BlockResult> {
  const [task] = await tx.select().from(tasks).where(eq(tasks.id, taskId)).for('update');
  if (!task) return { status: 'not-found' };
  if (task.status === target) return { status: 'unchanged', taskStatus: task.status };
  if (!allowed(task.status, target)) {
    return { status: 'conflict', message: target === 'eliminated' ? `the task is ${task.status}; only active and blocked tasks can be eliminated` : `the task is ${task.status}; only active and blocked tasks can be blocked or unblocked` };
  }
  await tx.update(tasks).set({ status: target, updatedAt: new Date() }).where(eq(tasks.id, taskId));
  await appendAudit(tx, actor, { action: ACTION[target], objectType: 'task', objectId: task.key, before: { status: task.status }, after: { status: target }, reason });
  return { status: 'committed', taskStatus: target };
}

/**
 * Blocks (no new jobs on Slurm: GrpSubmitJobs=0 at the next apply) or unblocks a task, with the
 * operator's reason in the audit log. Only active ↔ blocked; eliminated and completed tasks stay.
 */
export async function setTaskBlocked(db: Db, actor: Actor, taskId: string, blocked: boolean, reason: string): Promise<BlockResult> {
  return db.transaction((tx) => setTaskStatusIn(tx, actor, taskId, blocked ? 'blocked' : 'active', reason));
}
