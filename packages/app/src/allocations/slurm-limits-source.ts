import type { Allocation } from '@stagegate/core/allocation/allocation';
import { enforcementOn, type EnforcedTask } from '@stagegate/core/allocation/slurm-limits';
import type { TaskEnforcement } from '@stagegate/core/slurm/desired-state';
import type { Db, Tx } from '../db/connect.ts';
import { eq } from 'drizzle-orm';
import type { SlurmPlacement } from '@stagegate/core/slurm/desired-state';
import { resourceClusters, resourcePoolBindings, taskMembers, tasks } from '../db/schema/index.ts';
import { listAllAllocations } from './allocation-store.ts';
import { seoulToday } from '../db/clock.ts';
import { readAll } from '../db/read-all.ts';

/** What enforcement reads from the database: every task with its members, every allocation. */
export interface EnforcementInputs {
  tasks: EnforcedTask[];
  allocations: Allocation[];
}

/**
 * What Slurm must enforce on `day` (default: today in Seoul by the database's clock), from the
 * database: active allocations → concurrent GPUs, budgets → GPU-minutes, blocked or eliminated
 * tasks → blocked, task members → users, each pool's binding → the cluster and partition, the
 * allocations' phase → the QOS. Feed it to core's desiredStateFrom. `assuming` answers
 * "what if": it rewrites the inputs first (a decision preview's ended allocations and eliminated
 * tasks) without anything being written.
 */
export async function enforcementFromDatabase(
  db: Db | Tx,
  day?: string,
  assuming?: (inputs: EnforcementInputs) => EnforcementInputs,
): Promise<{ day: string; tasks: TaskEnforcement[] }> {
  const on = day ?? (await seoulToday(db));
  const [taskRows, members, allocationList, bindings] = await readAll(db, [
    () => db.select().from(tasks),
    () => db.select().from(taskMembers),
    () => listAllAllocations(db),
    () =>
      db
        .select({
          programSlug: resourcePoolBindings.programSlug,
          poolKey: resourcePoolBindings.poolKey,
          cluster: resourceClusters.slurmClusterName,
          partition: resourcePoolBindings.partitionName,
        })
        .from(resourcePoolBindings)
        .innerJoin(resourceClusters, eq(resourceClusters.key, resourcePoolBindings.clusterKey)),
  ]);
  const placements = new Map<string, SlurmPlacement>(bindings.map((b) => [`${b.programSlug}/${b.poolKey}`, { cluster: b.cluster, partition: b.partition }]));
  const byTask = new Map<string, string[]>();
  for (const m of members) byTask.set(m.taskId, [...(byTask.get(m.taskId) ?? []), m.clusterUsername]);
  const enforced: EnforcedTask[] = taskRows.map((t) => ({
    id: t.id,
    key: t.key,
    programSlug: t.programSlug,
    status: t.status,
    members: byTask.get(t.id) ?? [],
  }));
  const inputs = assuming ? assuming({ tasks: enforced, allocations: allocationList }) : { tasks: enforced, allocations: allocationList };
  return { day: on, tasks: enforcementOn(on, inputs.tasks, inputs.allocations, (program, pool) => placements.get(`${program}/${pool}`)) };
}

/**
 * The cluster previews name for a pool not placed in the resources inventory: a preview reads no
 * scheduler, and a sync puts such pools on the configured or only cluster instead.
 */
export const UNPLACED_CLUSTER = 'default';
