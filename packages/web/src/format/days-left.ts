import { seoulDayOf } from '@stagegate/core/shared/seoul-time';

/**
 * Whole calendar days from today to the due instant, both read as dates in Korea (a review due at
 * 23:59 tomorrow is "1 day left" at any hour today); negative once the date has passed.
 */
export function daysLeft(dueIso: string, now: Date = new Date()): number {
  return Math.round((Date.parse(seoulDayOf(new Date(dueIso))) - Date.parse(seoulDayOf(now))) / 86_400_000);
}
