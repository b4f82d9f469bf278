import { seoulDay } from '../shared/seoul-time.ts';
import type { UsageSummary } from './aggregate.ts';

/**
 * The Seoul days an import speaks for. With a window, every day it covers (its bounds must be Seoul
 * midnights, so no day is covered in part); without one, the first to the last day the data has
 * GPU use on.
 */
export function coveredDays(summary: UsageSummary): { firstDay: string; lastDay: string } | null {
  const { start, end } = summary.window;
  if (Number.isFinite(start) && Number.isFinite(end)) return { firstDay: seoulDay(start), lastDay: seoulDay(end - 1) };
  if (summary.daily.length === 0) return null;
  const days = summary.daily.map((d) => d.day).sort();
  return {
    firstDay: Number.isFinite(start) ? seoulDay(start) : days[0]!,
    lastDay: Number.isFinite(end) ? seoulDay(end - 1) : days[days.length - 1]!,
  };
}
