/**
 * Calendar days in Asia/Seoul. Korea has used UTC+9 without daylight saving since 1988, so a fixed
 * offset is exact for every instant a grant program can have, and keeps the core free of the
 * host's time-zone database.
 */
export const SEOUL_OFFSET_SECONDS = 9 * 3600;
/** The same offset as ISO 8601 writes it, for wall-clock times typed in Korea. */
export const SEOUL_UTC_OFFSET = '+09:00';
/** The IANA zone, for `Intl` formats that name months and weekdays. */
export const SEOUL_TIME_ZONE = 'Asia/Seoul';
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

/** `YYYY-MM-DD` of the Seoul calendar day holding this instant. */
export function seoulDayOf(at: Date): string {
  return seoulDay(Math.floor(at.getTime() / 1000));
}

const seoulIso = (instant: Date) => new Date(instant.getTime() + SEOUL_OFFSET_SECONDS * 1000).toISOString();

/** An instant as Seoul wall-clock time to the second, `2025-10-13 17:59:02` (stored in UTC, shown in Seoul). */
export function formatSeoul(instant: Date): string {
  return seoulIso(instant).slice(0, 19).replace('T', ' ');
}

/** An instant as Seoul wall-clock time to the minute, `2025-10-13 17:59`. */
export function formatSeoulMinute(instant: Date): string {
  return seoulIso(instant).slice(0, 16).replace('T', ' ');
}

/** The calendar year in Korea at this instant. */
export function seoulYear(instant: Date): number {
  return Number(seoulIso(instant).slice(0, 4));
}
