import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { nextMailAttempt, MAIL_MAX_ATTEMPTS } from '@stagegate/core/notifications/delivery';
import type { Db } from '../db/connect.ts';
import { mailOutbox } from '../db/schema/index.ts';
import { resolveAttachments, type ResolvedAttachment } from './mail-attachments.ts';

/** What the mailer needs of a mail transport (nodemailer's transporter is one). */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string; attachments?: ResolvedAttachment[] }): Promise<unknown>;
  close?(): void;
}

export interface MailerOptions {
  transport: MailTransport;
  /** the From header (STAGEGATE_MAIL_FROM) */
  from: string;
  /** the address people reach; a mail's link is sent under it */
  publicUrl: string;
  /** the wait after the first failed attempt; it doubles after each (default 30 s) */
  baseBackoffMs?: number;
  maxWaitMs?: number;
  maxAttempts?: number;
  /** rows claimed per round */
  batch?: number;
  /** how long a claimed row is held before another mailer may take it (a process that died while sending) */
  leaseSeconds?: number;
}

export interface DrainReport {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * One round of sending: claims the due queued rows (`FOR UPDATE SKIP LOCKED`, so several app
 * processes share the outbox), counts the attempt and holds each row for a lease while it is sent
 * outside any transaction, then records the outcome. A process that dies mid-send leaves the row
 * to be taken again when its lease ends: a mail is sent at least once, never silently dropped.
 */
export async function sendDueMail(db: Db, opts: MailerOptions): Promise<DrainReport> {
  const lease = opts.leaseSeconds ?? 300;
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.status, 'queued'), lte(mailOutbox.nextAttemptAt, sql`now()`)))
      .orderBy(asc(mailOutbox.nextAttemptAt))
      .limit(opts.batch ?? 20)
      .for('update', { skipLocked: true });
    if (!due.length) return [];
    return tx
      .update(mailOutbox)
      .set({ attempts: sql`${mailOutbox.attempts} + 1`, nextAttemptAt: sql`now() + make_interval(secs => ${lease})` })
      .where(
        inArray(
          mailOutbox.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
  });
  const report: DrainReport = { sent: 0, retrying: 0, failed: 0 };
  for (const row of claimed) {
    const mine = and(eq(mailOutbox.id, row.id), eq(mailOutbox.attempts, row.attempts));
    try {
      const link = row.link ? `${opts.publicUrl.replace(/\/$/, '')}${row.link}` : null;
      await opts.transport.sendMail({
        from: opts.from,
        to: row.toEmail,
        subject: row.subject,
        // a text that already gives its link (an invitation names it where it asks) does not repeat it
        text: link && !row.body.includes(link) ? `${row.body}\n\n${link}\n` : `${row.body}\n`,
        attachments: await resolveAttachments(db, row.attachments),
      });
      await db
        .update(mailOutbox)
        .set({ status: 'sent', sentAt: sql`now()`, lastError: null })
        .where(mine);
      report.sent++;
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const next = nextMailAttempt(row.attempts, {
        baseMs: opts.baseBackoffMs ?? 30_000,
        maxWaitMs: opts.maxWaitMs ?? 3_600_000,
        maxAttempts: opts.maxAttempts ?? MAIL_MAX_ATTEMPTS,
      });
      if (next.status === 'failed') {
        await db
          .update(mailOutbox)
          .set({ status: 'failed', lastError: error.slice(0, 2000) })
          .where(mine);
        report.failed++;
      } else {
        await db
          .update(mailOutbox)
          .set({ lastError: error.slice(0, 2000), nextAttemptAt: sql`now() + make_interval(secs => ${next.waitMs / 1000})` })
          .where(mine);
        report.retrying++;
      }
    }
  }
  return report;
}

export interface MailerHandle {
  stop(): Promise<void>;
}

/** Sends due mail every `pollMs` until stopped; a round's error is logged and the loop goes on. */
export function startMailer(db: Db, opts: MailerOptions & { pollMs?: number; onError?: (e: unknown) => void }): MailerHandle {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const round = () => {
    running = (async () => {
      try {
        // a full batch means more may be waiting: keep going before sleeping
        for (;;) {
          const r = await sendDueMail(db, opts);
          if (stopped || r.sent + r.retrying + r.failed < (opts.batch ?? 20)) break;
        }
      } catch (e) {
        opts.onError?.(e);
      }
      if (!stopped) timer = setTimeout(round, opts.pollMs ?? 2_000);
    })();
  };
  round();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      opts.transport.close?.();
    },
  };
}
