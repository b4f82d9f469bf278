import type { SlurmPlacement, TaskEnforcement } from '../slurm/desired-state.ts';
import type { Allocation } from './allocation.ts';

export interface EnforcedTask {
  id: string;
  key: string;
  programSlug: string;
  status: 'active' | 'blocked' | 'eliminated' | 'completed';
  members: string[];
}

/** Where a program's pool runs (a binding of the resources inventory); undefined when not placed. */
export type PlacementOf = (programSlug: string, poolKey: string) => SlurmPlacement | undefined;

/**
 * What Slurm must enforce on a day: for every task holding any allocation, the concurrent GPUs of
 * its allocations active that day (0 between allocations), blocked when the office blocked the
 * task or it was eliminated, and the phase whose QOS holds the budget: the phase of the active
 * allocations, else of the latest one begun, else of the next one. The budget is the phase's own:
 * the GPU-minutes of the phase's allocations begun by that day (usage under a NoDecay QOS adds up
 * over the phase, so so must the limit), when every one of them has a budget and one is active.
 * Placements are those of the pools of the allocations the phase is taken from.
 */
export function enforcementOn(
  day: string,
  tasks: readonly EnforcedTask[],
  allocations: readonly Allocation[],
  placementOf: PlacementOf = () => undefined,
): TaskEnforcement[] {
  const out: TaskEnforcement[] = [];
  for (const t of [...tasks].sort((a, b) => (a.programSlug + a.key < b.programSlug + b.key ? -1 : 1))) {
    const all = allocations.filter((a) => a.taskId === t.id);
    if (all.length === 0 && t.status !== 'blocked') continue;
    const active = all.filter((a) => a.start <= day && a.end >= day);
    const gpus = active.reduce((s, a) => s + a.gpus, 0);
    const begun = all.filter((a) => a.start <= day).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    const upcoming = all.filter((a) => a.start > day).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    const phaseKey = active.at(-1)?.phaseKey ?? begun.at(-1)?.phaseKey ?? upcoming[0]?.phaseKey ?? null;
    const ofPhase = begun.filter((a) => a.phaseKey === phaseKey);
    const budgets = ofPhase.map((a) => a.gpuMinutes);
    const gpuMinutes = active.length > 0 && budgets.every((b) => b !== null) ? budgets.reduce((s, b) => s! + b!, 0) : null;
    const placedFrom = active.length > 0 ? active : all.filter((a) => a.phaseKey === phaseKey);
    const placements: SlurmPlacement[] = [];
    for (const pool of [...new Set(placedFrom.map((a) => a.poolKey))].sort()) {
      const p = placementOf(t.programSlug, pool) ?? {};
      if (!placements.some((x) => (x.cluster ?? null) === (p.cluster ?? null) && (x.partition ?? null) === (p.partition ?? null))) placements.push(p);
    }
    out.push({
      programSlug: t.programSlug,
      taskKey: t.key,
      gpus,
      gpuMinutes,
      blocked: t.status === 'blocked' || t.status === 'eliminated' || t.status === 'completed',
      members: [...new Set(t.members)].sort(),
      phaseKey,
      placements,
    });
  }
  return out;
}
