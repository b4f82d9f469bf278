/**
 * Calendar days in Asia/Seoul. Korea has used UTC+9 without daylight saving since 1988, so a fixed
 * offset is exact for every instant a grant program can have, and keeps the core free of the
 * host's time-zone database.
 */
export const SEOUL_OFFSET_SECONDS = 9 * 3600;
const DAY = 86_400;

/** `YYYY-MM-DD` of the Seoul calendar day holding this instant (Unix seconds). */
export function seoulDay(unixSeconds: number): string {
  const dayStart = seoulDayStart(unixSeconds);
  let day = dayNames.get(dayStart);
  if (day === undefined) {
    day = new Date((dayStart + SEOUL_OFFSET_SECONDS) * 1000).toISOString().slice(0, 10);
    if (dayNames.size > 4096) dayNames.clear();
    dayNames.set(dayStart, day);
  }
  return day;
}
// formatting a date is the costliest step of a million-job import; days repeat, so remember them
const dayNames = new Map<number, string>();

/** The Unix second at which the Seoul day holding this instant began. */
export function seoulDayStart(unixSeconds: number): number {
  return Math.floor((unixSeconds + SEOUL_OFFSET_SECONDS) / DAY) * DAY - SEOUL_OFFSET_SECONDS;
}

/** Seoul midnight of a `YYYY-MM-DD` day, in Unix seconds. */
export function seoulMidnight(day: string): number {
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not a calendar day: ${day}`);
  return ms / 1000 - SEOUL_OFFSET_SECONDS;
}

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
