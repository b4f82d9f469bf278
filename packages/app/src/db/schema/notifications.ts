import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from './auth.ts';

/** A person's in-app inbox: the notice as data (kind + params), rendered in the reader's language when read. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    /** where in the web app the notice leads (a path) */
    link: text('link'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);

export type MailStatus = 'queued' | 'sent' | 'failed';

/** A file the mailer attaches when it sends; made at send time from its source, never stored twice. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  /** a submission's receipt, or a team's letter of a published stage decision */
  source: { kind: 'receipt'; applicationId: string } | { kind: 'stage-letter'; evaluationId: string; taskKey: string };
}

/**
 * Every mail the platform sends, and the durable unit of sending: a mailer claims due rows, sends
 * them and records the outcome; without a mail server the rows wait here and the office sees them.
 * (The reviewer-invitation outbox, generalised by migration 0013; its rows were kept.)
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    toEmail: text('to_email').notNull(),
    locale: text('locale').$type<'ko' | 'en'>().notNull().default('ko'),
    subject: text('subject').notNull(),
    /** the plain-text body */
    body: text('body').notNull(),
    html: text('html'),
    /** a path of the web app; the mail carries it as a full address, with the public URL of the sending process */
    link: text('link'),
    attachments: jsonb('attachments').$type<MailAttachment[]>().notNull().default([]),
    kind: text('kind').notNull(),
    notificationId: uuid('notification_id').references(() => notifications.id, { onDelete: 'set null' }),
    status: text('status').$type<MailStatus>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('mail_outbox_due_idx').on(t.status, t.nextAttemptAt), index('mail_outbox_created_idx').on(t.createdAt)],
);

/** Each reminder sent, by its key (kind, subject, person, deadline): the sweep sends none twice. */
export const remindersSent = pgTable('reminders_sent', {
  key: text('key').primaryKey(),
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
});
