import type { Allocation } from './allocation.ts';
import type { ChangeRequest } from './change-request.ts';
import { dayNumber } from './calendar-day.ts';

export interface RetroactiveSupplement {
  /** the first day the supplement takes effect (the allocation's start when no later day is given) */
  startsOn: string;
  today: string;
  /** whole days between that first day and today */
  daysBack: number;
}

/** The fewest characters of the written reason a retroactive supplement takes. */
export const RETROACTIVE_REASON_MIN = 10;

/**
 * A supplement takes effect from `effectiveFrom` or, without it, from the allocation's first day
 * (core's change-request rule splits the allocation there). When that day is before today (Asia/
 * Seoul, by the database clock the caller passes) the office grants GPUs for days already gone:
 * it must be confirmed explicitly and explained. Null for other requests and for supplements from
 * today on.
 */
export function retroactiveSupplement(request: ChangeRequest, current: readonly Allocation[], today: string): RetroactiveSupplement | null {
  if (request.kind !== 'supplement') return null;
  const a = current.find((x) => x.id === request.allocationId);
  if (!a) return null;
  const startsOn = request.effectiveFrom && request.effectiveFrom > a.start ? request.effectiveFrom : a.start;
  if (startsOn >= today) return null;
  return { startsOn, today, daysBack: dayNumber(today) - dayNumber(startsOn) };
}

/** Whether the reason given for a retroactive supplement is enough (trimmed, at least the minimum). */
export const retroactiveReasonMissing = (reason: string | undefined) => (reason?.trim().length ?? 0) < RETROACTIVE_REASON_MIN;
