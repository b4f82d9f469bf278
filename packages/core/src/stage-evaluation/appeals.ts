import { SEOUL_OFFSET_SECONDS } from '../shared/seoul-time.ts';

export interface AppealWindow {
  /** last calendar day an appeal is accepted, YYYY-MM-DD in the program's time zone */
  lastDay: string;
  /** the end of that day as a UTC instant, for comparison with the database clock */
  closesAt: string;
}

const DAY_MS = 86_400_000;

/**
 * Appeals close at the end of the `appealDays`-th calendar day after the day the decision was
 * published (published 15 Jan with 7 days → last day 22 Jan, 23:59:59.999 Seoul time).
 */
export function appealDeadline(publishedOn: string, appealDays: number): AppealWindow {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(publishedOn);
  if (!m) throw new Error(`expected a date YYYY-MM-DD, got ${publishedOn}`);
  if (!Number.isInteger(appealDays) || appealDays < 0) throw new Error('appealDays must be a non-negative integer');
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(day).toISOString().slice(0, 10) !== publishedOn) throw new Error(`no such date: ${publishedOn}`);
  const last = day + appealDays * DAY_MS;
  const closes = last + DAY_MS - 1 - SEOUL_OFFSET_SECONDS * 1000;
  return { lastDay: new Date(last).toISOString().slice(0, 10), closesAt: new Date(closes).toISOString() };
}

/** Whether an appeal filed at `at` (an instant from the database clock) is in time. */
export function isAppealInTime(window: AppealWindow, at: string): boolean {
  const t = Date.parse(at);
  if (Number.isNaN(t)) throw new Error(`not an instant: ${at}`);
  return t <= Date.parse(window.closesAt);
}
