import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Sign-in attempts per account and per address in the current window, shared by every app process
// (an in-memory counter would give each process its own limit).
export const signInThrottle = pgTable(
  'sign_in_throttle',
  {
    key: text('key').primaryKey(),
    attempts: integer('attempts').notNull(),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sign_in_throttle_window_idx').on(t.windowStartedAt)],
);
