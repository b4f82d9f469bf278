import { enforcementOn, type EnforcedTask } from '@stagegate/core/allocation/enforcement';
import type { TaskEnforcement } from '@stagegate/core/slurm/desired-state';
import type { Db } from '../db/connect.ts';
import { taskMembers, tasks } from '../db/schema/index.ts';
import { listAllAllocations } from './allocation-store.ts';
import { seoulToday } from './today.ts';

/**
 * What Slurm must enforce on `day` (default: today in Seoul by the database's clock), from the
 * database: active allocations → concurrent GPUs, budgets → GPU-minutes, blocked or eliminated
 * tasks → blocked, task members → users. Feed it to core's desiredStateFrom.
 */
export async function enforcementFromDatabase(db: Db, day?: string): Promise<{ day: string; tasks: TaskEnforcement[] }> {
  const on = day ?? (await seoulToday(db));
  const [taskRows, members, allocationList] = await Promise.all([db.select().from(tasks), db.select().from(taskMembers), listAllAllocations(db)]);
  const byTask = new Map<string, string[]>();
  for (const m of members) byTask.set(m.taskId, [...(byTask.get(m.taskId) ?? []), m.clusterUsername]);
  const enforced: EnforcedTask[] = taskRows.map((t) => ({ id: t.id, key: t.key, programSlug: t.programSlug, status: t.status, members: byTask.get(t.id) ?? [] }));
  return { day: on, tasks: enforcementOn(on, enforced, allocationList) };
}
