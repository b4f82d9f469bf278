import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/connect.ts';
import { tasks, type TaskStatus } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { slurmPlanFor } from './slurm-plan-preview.ts';
import { seoulToday } from '../db/clock.ts';
import { listAllocations } from './allocation-store.ts';
import type { Conflict, NotFound } from '@stagegate/core/shared/mutation';

export type BlockResult = NotFound | { status: 'unchanged' | 'committed'; taskStatus: string } | Conflict;

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
  if (!task) return { status: 'not_found' };
  if (task.status === target) return { status: 'unchanged', taskStatus: task.status };
  if (!allowed(task.status, target)) {
    return {
      status: 'conflict',
      message:
        target === 'eliminated'
          ? `the task is ${task.status}; only active and blocked tasks can be eliminated`
          : `the task is ${task.status}; only active and blocked tasks can be blocked or unblocked`,
    };
  }
  await tx.update(tasks).set({ status: target, updatedAt: new Date() }).where(eq(tasks.id, taskId));
  await appendAudit(tx, actor, {
    action: ACTION[target],
    objectType: 'task',
    objectId: task.key,
    before: { status: task.status },
    after: { status: target },
    reason,
  });
  return { status: 'committed', taskStatus: target };
}

/**
 * Blocks (no new jobs on Slurm: GrpSubmitJobs=0 at the next apply) or unblocks a task, with the
 * operator's reason in the audit log. Only active ↔ blocked; eliminated and completed tasks stay.
 */
export async function setTaskBlocked(db: Db, actor: Actor, taskId: string, blocked: boolean, reason: string): Promise<BlockResult> {
  return db.transaction((tx) => setTaskStatusIn(tx, actor, taskId, blocked ? 'blocked' : 'active', reason));
}

export interface TaskStatusPreview {
  status: 'preview';
  task: { id: string; key: string; statusBefore: string; statusAfter: EnforcedStatus };
  /** the GPUs the task holds today: its members cannot start new jobs on them while blocked */
  gpusToday: number;
  /** what Slurm changes at the next apply (GrpSubmitJobs=0 for a blocked task) */
  slurmPlan: { ko: string[]; en: string[] };
}

/** What blocking or unblocking a task would change, computed without writing anything. */
export async function previewTaskBlocked(db: Db, taskId: string, blocked: boolean): Promise<BlockResult | TaskStatusPreview> {
  const [task] = await db.select().from(tasks).where(eq(tasks.id, taskId));
  if (!task) return { status: 'not_found' };
  const target: EnforcedStatus = blocked ? 'blocked' : 'active';
  if (task.status === target) return { status: 'unchanged', taskStatus: task.status };
  if (!allowed(task.status, target))
    return { status: 'conflict', message: `the task is ${task.status}; only active and blocked tasks can be blocked or unblocked` };
  const today = await seoulToday(db);
  const gpusToday = (await listAllocations(db, task.programSlug))
    .filter((a) => a.taskId === task.id && a.start <= today && a.end >= today)
    .reduce((s, a) => s + a.gpus, 0);
  const slurmPlan = await slurmPlanFor(db, task.programSlug, today, (inputs) => ({
    ...inputs,
    tasks: inputs.tasks.map((t) => (t.id === task.id ? { ...t, status: target } : t)),
  }));
  return { status: 'preview', task: { id: task.id, key: task.key, statusBefore: task.status, statusAfter: target }, gpusToday, slurmPlan };
}

/**
 * Reinstates an eliminated task inside the caller's transaction: an upheld appeal reverses its
 * elimination, so it returns to the status it had before (Slurm takes new jobs again at the next apply).
 */
export async function reinstateTaskIn(tx: Tx, actor: Actor | null, taskId: string, target: 'active' | 'blocked', reason: string): Promise<BlockResult> {
  const [task] = await tx.select().from(tasks).where(eq(tasks.id, taskId)).for('update');
  if (!task) return { status: 'not_found' };
  if (task.status === target) return { status: 'unchanged', taskStatus: task.status };
  if (task.status !== 'eliminated') return { status: 'conflict', message: `the task is ${task.status}; only an eliminated task can be reinstated` };
  await tx.update(tasks).set({ status: target, updatedAt: new Date() }).where(eq(tasks.id, taskId));
  await appendAudit(tx, actor, {
    action: 'task.reinstate',
    objectType: 'task',
    objectId: task.key,
    before: { status: task.status },
    after: { status: target },
    reason,
  });
  return { status: 'committed', taskStatus: target };
}
