import type { Allocation } from './allocation.ts';
import { addDays } from './calendar-day.ts';
import type { ChangeRequest } from './change-request.ts';

/**
 * The change requests that end the given tasks' allocations on `lastDay`: every GPU reclaimed from
 * the day after (an eliminated task's allocations, by core's change-request rule: one not yet
 * started is removed, a running one ends on `lastDay`). Allocations ending by `lastDay` are left alone.
 */
export function endingRequests(current: readonly Allocation[], taskIds: ReadonlySet<string>, lastDay: string): ChangeRequest[] {
  return current
    .filter((a) => taskIds.has(a.taskId) && a.end > lastDay)
    .map((a) => ({ kind: 'reclaim' as const, allocationId: a.id, removeGpus: a.gpus, effectiveFrom: addDays(lastDay, 1) }));
}
