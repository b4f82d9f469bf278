/**
 * Allocations run over whole calendar days in Asia/Seoul, both ends included (a phase "1 April to
 * 9 September" holds 9 September). Days are handled as integers (days since 1970-01-01) so that
 * sweeps and overlaps are plain integer arithmetic.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
export const SECONDS_PER_DAY = 86_400;

export function isCalendarDay(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

export function dayNumber(day: string): number {
  if (!isCalendarDay(day)) throw new RangeError(`not a calendar day: ${day}`);
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

export function dayString(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return dayString(dayNumber(day) + n);
}

/** Days in [start, end], both included; 0 when end is before start. */
export function daysInclusive(start: string, end: string): number {
  return Math.max(0, dayNumber(end) - dayNumber(start) + 1);
}

/** Days the two inclusive ranges share. */
export function overlapDays(a: { start: string; end: string }, b: { start: string; end: string }): number {
  const s = Math.max(dayNumber(a.start), dayNumber(b.start));
  const e = Math.min(dayNumber(a.end), dayNumber(b.end));
  return Math.max(0, e - s + 1);
}
