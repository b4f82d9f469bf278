import { displayTimeZone } from './time';

const seoulDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: displayTimeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

/**
 * Whole calendar days from today to the due instant, both read as dates in Korea (a review due at
 * 23:59 tomorrow is "1 day left" at any hour today); negative once the date has passed.
 */
export function daysLeft(dueIso: string, now: Date = new Date()): number {
  return Math.round((Date.parse(seoulDay(new Date(dueIso))) - Date.parse(seoulDay(now))) / 86_400_000);
}
