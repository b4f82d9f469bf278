import { eq } from 'drizzle-orm';
import type { AllocationChange } from '@stagegate/core/allocation/allocation-diff';
import type { Allocation } from '@stagegate/core/allocation/allocation';
import type { Tx } from '../db/connect.ts';
import { programs } from '../db/schema/index.ts';
import { notifyAll, taskRecipients } from '../notifications/notify.ts';

/**
 * Allocation changes the office makes directly (the allocation editor, an agreed support proposal)
 * are told to each team they touch, in the transaction that commits them. Changes with their own
 * notice (a change request's answer, a stage decision) are not told twice.
 */
export const actionsToldToTeams = new Set(['allocation.create', 'allocation.update', 'allocation.remove']);

const terms = (a: Allocation | null) => (a ? { gpus: a.gpus, start: a.start, end: a.end } : null);

export async function tellTeamsOfAllocationChanges(tx: Tx, programSlug: string, changes: AllocationChange[], reason: string | null): Promise<void> {
  if (changes.length === 0) return;
  const [program] = await tx.select({ definition: programs.definition }).from(programs).where(eq(programs.slug, programSlug));
  for (const c of changes) {
    const held = (c.after ?? c.before)!;
    const pool = program?.definition.gpuPools.find((p) => p.key === held.poolKey)?.name ?? { ko: held.poolKey, en: held.poolKey };
    await notifyAll(tx, await taskRecipients(tx, held.taskId), {
      notice: { kind: 'allocation-changed', params: { task: held.taskKey, pool, before: terms(c.before), after: terms(c.after), reason } },
      link: '/allocations',
    });
  }
}
