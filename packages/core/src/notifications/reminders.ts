/**
 * When a reminder is due: once a deadline is within its lead time and not yet past. Each reminder
 * has a key (what, whose, which deadline); the sweep records the keys it sent, so running it again
 * — every few minutes, on every app process — sends nothing twice, and a moved deadline is a new key.
 */
export type ReminderKind = 'call-closing' | 'review-due' | 'appeal-closing';

/** How long before each kind of deadline people are reminded. */
export const REMINDER_LEAD_HOURS: Record<ReminderKind, number> = {
  'call-closing': 72,
  'review-due': 48,
  'appeal-closing': 48,
};

export function reminderDue(kind: ReminderKind, deadline: Date, now: Date, leadHours = REMINDER_LEAD_HOURS[kind]): boolean {
  const left = deadline.getTime() - now.getTime();
  return left > 0 && left <= leadHours * 3_600_000;
}

/** The key a sent reminder is recorded under: the deadline is part of it, so an extension reminds again. */
export function reminderKey(kind: ReminderKind, subjectId: string, userId: string, deadline: Date): string {
  return `${kind}:${subjectId}:${userId}:${deadline.toISOString()}`;
}
