import { daysInclusive, overlapDays, SECONDS_PER_DAY } from './calendar-day.ts';
import type { Allocation } from './allocation.ts';

export interface Entitlement {
  /** GPU-seconds the task may use in the period */
  gpuSeconds: number;
  /** concurrent GPUs at their highest in the period */
  peakGpus: number;
}

/**
 * What an allocation entitles within a period: concurrent GPUs × the days it shares with the
 * period, unless a GPU-minute budget caps the whole allocation lower, in which case the budget is
 * spread evenly over the allocation's days.
 */
export function allocationEntitlementSeconds(a: Allocation, period: { start: string; end: string }): number {
  const days = daysInclusive(a.start, a.end);
  const shared = overlapDays(a, period);
  if (days === 0 || shared === 0) return 0;
  const full = a.gpus * days * SECONDS_PER_DAY;
  const capped = a.gpuMinutes === null ? full : Math.min(full, a.gpuMinutes * 60);
  return Math.floor((capped * shared) / days);
}

/** A task's entitlement in a period (a phase, a month …), summed over its allocations. */
export function taskEntitlement(list: readonly Allocation[], taskId: string, period: { start: string; end: string }): Entitlement {
  const mine = list.filter((a) => a.taskId === taskId && overlapDays(a, period) > 0);
  let peak = 0;
  for (const a of mine) {
    const at = a.start > period.start ? a.start : period.start;
    peak = Math.max(
      peak,
      mine.filter((b) => b.start <= at && b.end >= at).reduce((s, b) => s + b.gpus, 0),
    );
  }
  return { gpuSeconds: mine.reduce((s, a) => s + allocationEntitlementSeconds(a, period), 0), peakGpus: peak };
}
