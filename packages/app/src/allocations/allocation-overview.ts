import { asc, eq, inArray } from 'drizzle-orm';
import { poolOccupancy } from '@stagegate/core/allocation/occupancy';
import { taskEntitlement } from '@stagegate/core/allocation/entitlement';
import { gpuHours } from '@stagegate/core/usage/units';
import type { Db } from '../db/connect.ts';
import { taskMembers, tasks } from '../db/schema/index.ts';
import { listAllocations } from './allocation-store.ts';
import { loadProgramRules } from './program-rules.ts';
import { seoulToday } from '../db/clock.ts';
import { poolPlacements } from '../resources/pool-placement.ts';
import type { ApplicantView } from '../publication/visible-to-applicant.ts';

/**
 * Everything the allocation screen shows for a program: pools, phases, tasks with their members,
 * the allocations, each pool's occupancy over each phase (a step function), and each task's
 * entitlement per phase — as `view` lets the caller see them (an applicant: only what is published).
 * `onlyTasks` narrows it to those tasks (an applicant's own): their allocations, members' cluster
 * user names, entitlements and share of each pool; the pool's total occupancy stays, since it is
 * the capacity everyone plans against and names no task.
 */
export async function allocationOverview(db: Db, programSlug: string, view?: ApplicantView, onlyTasks?: readonly string[]) {
  const rules = await loadProgramRules(db, programSlug);
  if (!rules) return undefined;
  const stored = await listAllocations(db, programSlug);
  const visible = view ? view.allocations(programSlug, stored) : stored;
  const mine = onlyTasks ? new Set(onlyTasks) : undefined;
  const list = mine ? visible.filter((a) => mine.has(a.taskId)) : visible;
  const placements = await poolPlacements(db, programSlug);
  const allTasks = await db.select().from(tasks).where(eq(tasks.programSlug, programSlug)).orderBy(asc(tasks.key));
  const taskRows = (view ? view.tasks(allTasks) : allTasks).filter((t) => !mine || mine.has(t.id));
  const members = taskRows.length
    ? await db
        .select()
        .from(taskMembers)
        .where(
          inArray(
            taskMembers.taskId,
            taskRows.map((t) => t.id),
          ),
        )
    : [];
  const mineKeys = mine ? new Set(taskRows.map((t) => t.key)) : undefined;
  const timeline = rules.pools.flatMap((pool) =>
    rules.phases.map((phase) => ({
      poolKey: pool.key,
      phaseKey: phase.key,
      capacity: pool.gpus,
      steps: narrowSteps(poolOccupancy(visible, pool.key, phase.start, phase.end), mineKeys),
    })),
  );
  const entitlements = taskRows.flatMap((t) =>
    rules.phases.map((phase) => {
      const e = taskEntitlement(list, t.id, phase);
      return { taskId: t.id, taskKey: t.key, phaseKey: phase.key, gpuSeconds: e.gpuSeconds, gpuHours: gpuHours(e.gpuSeconds, 1), peakGpus: e.peakGpus };
    }),
  );
  return {
    // where each pool runs (resources area), null until the office binds it to a partition
    program: {
      slug: programSlug,
      name: rules.program.name,
      shortName: rules.program.shortName,
      phases: rules.phases,
      pools: rules.pools.map((p) => ({ ...p, placement: placements.get(p.key) ?? null })),
    },
    today: await seoulToday(db),
    tasks: taskRows.map((t) => ({
      id: t.id,
      key: t.key,
      name: t.name,
      status: t.status,
      leadOrganisationName: t.leadOrganisationName,
      members: members.filter((m) => m.taskId === t.id).map((m) => ({ clusterUsername: m.clusterUsername, role: m.role })),
    })),
    allocations: list,
    timeline,
    entitlements,
  };
}

/** Occupancy totals stay; the per-task split keeps only the caller's own tasks when narrowed. */
function narrowSteps<S extends { byTask: Record<string, number> }>(steps: S[], keys: Set<string> | undefined): S[] {
  if (!keys) return steps;
  return steps.map((s) => ({ ...s, byTask: Object.fromEntries(Object.entries(s.byTask).filter(([k]) => keys.has(k))) }));
}
