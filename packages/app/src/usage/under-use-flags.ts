import { and, asc, count, eq, isNull } from 'drizzle-orm';
import type { UnderUsePolicy } from '@stagegate/core/usage/under-use-policy';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { Db, Tx } from '../db/connect.ts';
import { tasks, underUseFlags } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { notifyAll, taskRecipients } from '../notifications/notify.ts';

export interface WarnInput {
  programSlug: string;
  program: LocalizedText;
  taskId: string;
  taskKey: string;
  phaseKey: string;
  phase: LocalizedText;
  utilisation: number;
  policy: UnderUsePolicy;
}

/** Whether a task was already warned at this level in this phase (a preview says so before a run). */
export async function alreadyWarned(db: Db | Tx, taskId: string, phaseKey: string): Promise<boolean> {
  const [row] = await db
    .select({ id: underUseFlags.id })
    .from(underUseFlags)
    .where(and(eq(underUseFlags.taskId, taskId), eq(underUseFlags.phaseKey, phaseKey), eq(underUseFlags.level, 'warn')));
  return !!row;
}

/**
 * Records a task's under-use warning and tells its members (inbox and mail), in one transaction with
 * the audit row. The flag is unique per task, phase and level: a later run, in this process or
 * another, inserts nothing and tells nobody again. Returns whether this call warned.
 */
export async function warnUnderUse(db: Db, actor: Actor, input: WarnInput): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [flag] = await tx
      .insert(underUseFlags)
      .values({
        programSlug: input.programSlug,
        taskId: input.taskId,
        phaseKey: input.phaseKey,
        level: 'warn',
        utilisation: input.utilisation,
        threshold: input.policy.warnBelow,
      })
      .onConflictDoNothing()
      .returning({ id: underUseFlags.id });
    if (!flag) return false;
    await notifyAll(tx, await taskRecipients(tx, input.taskId), {
      notice: {
        kind: 'under-use-warning',
        params: {
          program: input.program,
          task: input.taskKey,
          phase: input.phase,
          utilisation: input.utilisation,
          warnBelow: input.policy.warnBelow,
          reclaimBelow: input.policy.reclaimBelow,
        },
      },
      link: '/allocations',
    });
    await appendAudit(tx, actor, {
      action: 'usage.under-use-warning',
      objectType: 'task',
      objectId: input.taskId,
      after: { phase: input.phaseKey, utilisation: input.utilisation, warnBelow: input.policy.warnBelow, reclaimBelow: input.policy.reclaimBelow },
    });
    return true;
  });
}

/** A task back on track closes its open flags of the phase, so the office home no longer lists them. */
export async function resolveUnderUseFlags(db: Db, taskId: string, phaseKey: string): Promise<void> {
  await db
    .update(underUseFlags)
    .set({ resolvedAt: new Date() })
    .where(and(eq(underUseFlags.taskId, taskId), eq(underUseFlags.phaseKey, phaseKey), isNull(underUseFlags.resolvedAt)));
}

/** Open flags, oldest first, for the office home: how many, and the first `limit`. */
export async function openUnderUseFlags(db: Db, limit: number) {
  const open = isNull(underUseFlags.resolvedAt);
  const [[{ n }], rows] = await Promise.all([
    db.select({ n: count() }).from(underUseFlags).where(open),
    db
      .select({
        id: underUseFlags.id,
        task: tasks.key,
        utilisation: underUseFlags.utilisation,
        threshold: underUseFlags.threshold,
        at: underUseFlags.createdAt,
      })
      .from(underUseFlags)
      .innerJoin(tasks, eq(tasks.id, underUseFlags.taskId))
      .where(open)
      .orderBy(asc(underUseFlags.createdAt))
      .limit(limit),
  ]);
  return { total: n, rows };
}
