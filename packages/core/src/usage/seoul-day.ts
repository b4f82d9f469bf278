import { seoulDay, seoulDayStart } from '../shared/seoul-time.ts';

const DAY = 86_400;

/**
 * Spreads `seconds` of use over the Seoul days of [start, end), earliest first, as if the job ran
 * without a break from `start` (any suspended time falls at the end). The parts sum to `seconds`.
 */
export function splitBySeoulDay(start: number, end: number, seconds: number): Array<{ day: string; seconds: number }> {
  const parts: Array<{ day: string; seconds: number }> = [];
  let left = seconds;
  let cursor = start;
  while (left > 0 && cursor < end) {
    const next = Math.min(seoulDayStart(cursor) + DAY, end);
    const take = Math.min(next - cursor, left);
    parts.push({ day: seoulDay(cursor), seconds: take });
    left -= take;
    cursor = next;
  }
  return parts;
}
