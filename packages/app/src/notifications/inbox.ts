import { and, count, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import { renderNotice, type Notice } from '@stagegate/core/notifications/templates';
import type { Db } from '../db/connect.ts';
import { mailOutbox, notifications, type MailStatus } from '../db/schema/index.ts';

type NotificationRow = typeof notifications.$inferSelect;

/** An inbox entry as the web shows it: the notice rendered in both languages (the reader's UI picks). */
export function notificationView(row: NotificationRow) {
  const notice = { kind: row.kind, params: row.params } as Notice;
  const ko = renderNotice(notice, 'ko');
  const en = renderNotice(notice, 'en');
  return {
    id: row.id,
    kind: row.kind,
    title: { ko: ko.subject, en: en.subject },
    text: { ko: ko.text, en: en.text },
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** A person's notifications, newest first (paged by `before`), and how many are unread. */
export async function listNotifications(db: Db, userId: string, opts: { limit: number; unreadOnly?: boolean; before?: Date }) {
  const rows = await db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        opts.unreadOnly ? isNull(notifications.readAt) : undefined,
        opts.before ? lt(notifications.createdAt, opts.before) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt))
    .limit(opts.limit);
  const [{ unread }] = await db
    .select({ unread: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return { unread: Number(unread), notifications: rows.map(notificationView) };
}

export async function getNotification(db: Db, id: string): Promise<NotificationRow | undefined> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
  return row;
}

// Read marks are the reader's own view of their inbox, not a change of the program's record, so
// they are not written to the audit log (which would otherwise fill with every click).
export async function markRead(db: Db, id: string): Promise<NotificationRow> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(eq(notifications.id, id))
    .returning();
  return row!;
}

export async function markAllRead(db: Db, userId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Mail whose link is a credential of its recipient: the office sees that it went, never the link. */
const PRIVATE_LINK_KINDS = new Set(['password-reset', 'email-verification']);

/** The outbox for the office: newest first, by status; and how many wait, were sent, failed. */
export async function listOutbox(db: Db, opts: { status?: MailStatus; limit: number; before?: Date }) {
  const messages = await db
    .select()
    .from(mailOutbox)
    .where(and(opts.status ? eq(mailOutbox.status, opts.status) : undefined, opts.before ? lt(mailOutbox.createdAt, opts.before) : undefined))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(opts.limit);
  const totals = await db.select({ status: mailOutbox.status, n: count() }).from(mailOutbox).groupBy(mailOutbox.status);
  const counts = { queued: 0, sent: 0, failed: 0 } as Record<MailStatus, number>;
  for (const t of totals) counts[t.status] = Number(t.n);
  return { counts, messages: messages.map((m) => (PRIVATE_LINK_KINDS.has(m.kind) ? { ...m, link: null } : m)) };
}
