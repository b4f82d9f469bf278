import { addDays, overlapDays } from '../allocation/calendar-day.ts';

/** An allocation's GPUs over whole Seoul calendar days, both ends included. */
export interface HeldSpan {
  gpus: number;
  start: string;
  end: string;
}

/** One allocation as a decision changes it: before (null when created) and after (null when removed). */
export interface SpanChange {
  before: HeldSpan | null;
  after: HeldSpan | null;
}

/**
 * The days a retroactive decision reaches back over: strictly after the decision day and before
 * today (today the change is applied, so today is not late). Null when there are none.
 */
export function lateWindow(decidedOn: string, today: string): { start: string; end: string } | null {
  const start = addDays(decidedOn, 1);
  const end = addDays(today, -1);
  return start <= end ? { start, end } : null;
}

const gpuDaysIn = (span: HeldSpan | null, window: { start: string; end: string }) => (span ? span.gpus * overlapDays(span, window) : 0);

/**
 * GPU-days handed back late: what the changes take away from the late window, i.e. the GPUs the
 * eliminated teams held on the days after the decision day up to yesterday. An allocation that
 * began after the decision day but before today counts as well (it is removed outright, yet it
 * was running); one that begins only today or later counts nothing.
 */
export function gpuDaysReturnedLate(changes: readonly SpanChange[], decidedOn: string, today: string): number {
  const window = lateWindow(decidedOn, today);
  if (!window) return 0;
  return changes.reduce((sum, c) => sum + Math.max(0, gpuDaysIn(c.before, window) - gpuDaysIn(c.after, window)), 0);
}

/** Whether a removed or shortened allocation was already running before today (so its end falls in the past). */
export const wasRunningBefore = (span: HeldSpan, today: string) => span.start < today;
