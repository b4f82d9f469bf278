import type { TaskEnforcement } from '../slurm/desired-state.ts';
import type { Allocation } from './allocation.ts';

export interface EnforcedTask {
  id: string;
  key: string;
  programSlug: string;
  status: 'active' | 'blocked' | 'eliminated' | 'completed';
  members: string[];
}

/**
 * What Slurm must enforce on a day: for every task holding any allocation, the concurrent GPUs of
 * its allocations active that day (0 between allocations), their GPU-minute budget when every one
 * of them has one, and blocked when the office blocked the task or it was eliminated.
 */
export function enforcementOn(day: string, tasks: readonly EnforcedTask[], allocations: readonly Allocation[]): TaskEnforcement[] {
  const out: TaskEnforcement[] = [];
  for (const t of [...tasks].sort((a, b) => (a.programSlug + a.key < b.programSlug + b.key ? -1 : 1))) {
    const all = allocations.filter((a) => a.taskId === t.id);
    if (all.length === 0 && t.status !== 'blocked') continue;
    const active = all.filter((a) => a.start <= day && a.end >= day);
    const gpus = active.reduce((s, a) => s + a.gpus, 0);
    const budgets = active.map((a) => a.gpuMinutes);
    const gpuMinutes = active.length > 0 && budgets.every((b) => b !== null) ? budgets.reduce((s, b) => s! + b!, 0) : null;
    out.push({
      programSlug: t.programSlug,
      taskKey: t.key,
      gpus,
      gpuMinutes,
      blocked: t.status === 'blocked' || t.status === 'eliminated' || t.status === 'completed',
      members: [...new Set(t.members)].sort(),
    });
  }
  return out;
}
