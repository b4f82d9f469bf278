import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { renderNotice, type Locale, type Notice } from '@stagegate/core/notifications/templates';
import type { Db, Tx } from '../db/connect.ts';
import { byColumnName, insertFromJson } from '../db/insert-from-json.ts';
import { mailOutbox, notifications, organisationMembers, taskMembers, user, type MailAttachment } from '../db/schema/index.ts';

/** A person with an account (inbox and mail), or only an address (mail alone, e.g. an invitation before sign-up). */
export type Recipient = { userId: string } | { email: string; locale?: Locale };

export interface NotifyInput {
  to: Recipient;
  notice: Notice;
  /** a path of the web app the notice leads to */
  link?: string;
  attachments?: MailAttachment[];
  /** mail alone, no inbox entry (a password reset: the person cannot sign in to read it) */
  mailOnly?: boolean;
}

const asLocale = (l: string | null | undefined): Locale => (l === 'en' ? 'en' : 'ko');

/** The mail as it is queued: the subject with the platform's tag; the text (the link is added when sent, with the public address). */
export function composeMail(notice: Notice, locale: Locale) {
  const { subject, text } = renderNotice(notice, locale);
  return { subject: `[Stagegate] ${subject}`, body: text };
}

/** The queued mail of one notice for one recipient, in their language, linked to their inbox entry. */
function outboxRow(input: Omit<NotifyInput, 'to'>, email: string, locale: ReturnType<typeof asLocale>, notificationId: string | null) {
  const mail = composeMail(input.notice, locale);
  return {
    toEmail: email,
    locale,
    subject: mail.subject,
    body: mail.body,
    kind: input.notice.kind,
    link: input.link ?? null,
    notificationId,
    attachments: input.attachments ?? [],
  };
}

/**
 * Tells a person something: the in-app notification and the mail that says it, written in the
 * caller's transaction, so they exist exactly when the change they report was committed. The
 * outbox row is what gets sent later (by the mailer), in the recipient's language.
 */
export async function notify(tx: Tx, input: NotifyInput): Promise<{ notificationId: string | null; mailId: string }> {
  const account = await findAccount(tx, input.to);
  const locale = account ? asLocale(account.locale) : asLocale('locale' in input.to ? input.to.locale : undefined);
  const email = account?.email ?? ('email' in input.to ? input.to.email : undefined);
  if (!email) throw new Error('notify: the recipient has neither an account nor an address');
  let notificationId: string | null = null;
  if (account && !input.mailOnly) {
    const [row] = await tx
      .insert(notifications)
      .values({ userId: account.id, kind: input.notice.kind, params: input.notice.params as Record<string, unknown>, link: input.link ?? null })
      .returning({ id: notifications.id });
    notificationId = row!.id;
  }
  const [queued] = await tx
    .insert(mailOutbox)
    .values(outboxRow(input, email, locale, notificationId))
    .returning({ id: mailOutbox.id });
  return { notificationId, mailId: queued!.id };
}

async function findAccount(tx: Tx, to: Recipient) {
  const cols = { id: user.id, email: user.email, locale: user.locale };
  const [row] =
    'userId' in to
      ? await tx.select(cols).from(user).where(eq(user.id, to.userId))
      : await tx.select(cols).from(user).where(eq(user.email, to.email.toLowerCase()));
  return row;
}

/** Every account of the program office. */
export async function officeRecipients(tx: Tx): Promise<Recipient[]> {
  const rows = await tx.select({ id: user.id }).from(user).where(eq(user.role, 'operator'));
  return rows.map((r) => ({ userId: r.id }));
}

/** The members (admins and members) of the organisations given. */
export async function organisationRecipients(tx: Db | Tx, organisationIds: string[]): Promise<Recipient[]> {
  if (!organisationIds.length) return [];
  const rows = await tx
    .selectDistinct({ id: organisationMembers.userId })
    .from(organisationMembers)
    .where(and(inArray(organisationMembers.organisationId, organisationIds)));
  return rows.map((r) => ({ userId: r.id }));
}

/** An account as a notice addresses it. */
export interface NoticeAccount {
  id: string;
  email: string;
  locale: string;
}

/** The inbox entries and queued mails of notices, as JSON arrays of rows for `noticeInsertsSql`. */
export interface NoticeRows extends Record<string, unknown> {
  inboxRows: string;
  mailRows: string;
}

// the columns a notice writes, in the schema's own names; the rest keep their defaults
const inboxColumns = ['id', 'userId', 'kind', 'params', 'link'] as const satisfies readonly (keyof typeof notifications.$inferInsert)[];
const mailColumns = ['toEmail', 'locale', 'subject', 'body', 'kind', 'link', 'notificationId', 'attachments'] as const satisfies readonly (keyof ReturnType<
  typeof outboxRow
>)[];

/**
 * The inbox entries and queued mails of notices, each group's to its accounts already read, for a
 * caller that writes them inside one statement with its own writes: the inbox ids are made here, so
 * each mail links to its entry without a round trip. What `notifyAll` writes, without its reads.
 */
export function noticeRows(groups: { accounts: NoticeAccount[]; inputs: Omit<NotifyInput, 'to'>[] }[]): NoticeRows {
  const inbox: Record<string, unknown>[] = [];
  const mail: Record<string, unknown>[] = [];
  for (const { accounts, inputs } of groups)
    for (const input of inputs)
      for (const a of accounts) {
        const id = randomUUID();
        inbox.push(byColumnName(notifications, inboxColumns, { id, userId: a.id, kind: input.notice.kind, params: input.notice.params, link: input.link }));
        mail.push(byColumnName(mailOutbox, mailColumns, outboxRow(input, a.email, asLocale(a.locale), id)));
      }
  return { inboxRows: JSON.stringify(inbox), mailRows: JSON.stringify(mail) };
}

/**
 * The two inserts of `noticeRows`, each from one JSON parameter, so the statement's text is the
 * same whatever the number of people told (each can stand as a CTE).
 */
export const noticeInsertsSql = [insertFromJson(notifications, inboxColumns, 'inboxRows'), insertFromJson(mailOutbox, mailColumns, 'mailRows')] as const;

/** The people with an account on a task's team. */
export async function taskRecipients(tx: Db | Tx, taskId: string): Promise<Recipient[]> {
  const rows = await tx
    .selectDistinct({ id: taskMembers.userId })
    .from(taskMembers)
    .where(and(eq(taskMembers.taskId, taskId), isNotNull(taskMembers.userId)));
  return rows.map((r) => ({ userId: r.id! }));
}

/** The same notice to several people, each in their own language: three statements, whatever their number. */
export async function notifyAll(tx: Tx, to: Recipient[], input: Omit<NotifyInput, 'to'>): Promise<void> {
  const byAddress = to.filter((r): r is { email: string; locale?: Locale } => 'email' in r);
  for (const r of byAddress) await notify(tx, { ...input, to: r });
  const ids = [...new Set(to.flatMap((r) => ('userId' in r ? [r.userId] : [])))];
  if (!ids.length) return;
  const accounts = await tx.select({ id: user.id, email: user.email, locale: user.locale }).from(user).where(inArray(user.id, ids));
  if (!accounts.length) return;
  const params = input.notice.params as Record<string, unknown>;
  const inbox = await tx
    .insert(notifications)
    .values(accounts.map((a) => ({ userId: a.id, kind: input.notice.kind, params, link: input.link ?? null })))
    .returning({ id: notifications.id, userId: notifications.userId });
  const inboxOf = new Map(inbox.map((n) => [n.userId, n.id]));
  await tx.insert(mailOutbox).values(accounts.map((a) => outboxRow(input, a.email, asLocale(a.locale), inboxOf.get(a.id)!)));
}
