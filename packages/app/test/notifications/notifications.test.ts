import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { createTestServer, signIn } from '../support/test-context.ts';
import { startSmtpInbox, type SmtpInbox } from '../support/smtp-inbox.ts';
import { ensureAccount } from '../../src/seed/demo-accounts.ts';
import {
  applications,
  auditLog,
  mailOutbox,
  notifications,
  organisationMembers,
  reviewAssignments,
  reviewerPool,
  reviewRounds,
  user,
} from '../../src/db/schema/index.ts';
import { notify } from '../../src/notifications/notify.ts';
import { sendDueMail, type MailerOptions } from '../../src/notifications/mailer.ts';
import { smtpTransport } from '../../src/adapters/smtp/smtp-transport.ts';
import { sweepReminders } from '../../src/notifications/reminder-sweep.ts';
import { resolveCall } from '../../src/applications/call-catalog.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let inbox: SmtpInbox;
const cookie: Record<string, string> = {};
const APPLICANT = 'applicant@demo.stagegate.kr';
const ENGLISH_MEMBER = 'english.member@demo.stagegate.kr';
const REVIEWER = 'reviewer@demo.stagegate.kr';
const OPERATOR = 'operator@demo.stagegate.kr';

async function call(who: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, payload: payload as object | undefined, headers: who ? { cookie: cookie[who]! } : {} });
  return { status: res.statusCode, body: res.json() };
}

const mailer = (url: string, extra: Partial<MailerOptions> = {}): MailerOptions => ({
  transport: smtpTransport(url),
  from: 'Stagegate <office@stagegate.test>',
  publicUrl: 'http://localhost:3000',
  ...extra,
});
const idOf = async (email: string) => (await t.ctx.db.select({ id: user.id }).from(user).where(eq(user.email, email)))[0]!.id;

/** Sends everything due to the test's SMTP server, as the mailer loop of `serve` would. */
async function drain() {
  const opts = mailer(inbox.url);
  for (let round = 0; round < 50; round++) if ((await sendDueMail(t.ctx.db, opts)).sent === 0) break;
  opts.transport.close?.();
}

beforeAll(async () => {
  t = await createTestServer();
  inbox = await startSmtpInbox();
  // a second member of the applicant's organisation who reads English
  const englishId = await ensureAccount(t.ctx, { email: ENGLISH_MEMBER, password: 'stagegate-demo', name: 'English Member', role: 'applicant' });
  await t.ctx.db.update(user).set({ locale: 'en' }).where(eq(user.id, englishId));
  const [membership] = await t.ctx.db
    .select()
    .from(organisationMembers)
    .where(eq(organisationMembers.userId, await idOf(APPLICANT)));
  await t.ctx.db.insert(organisationMembers).values({ organisationId: membership!.organisationId, userId: englishId, role: 'member' });
  for (const e of [APPLICANT, ENGLISH_MEMBER, REVIEWER, OPERATOR]) cookie[e] = await signIn(t.app, e);
}, 120_000);
afterAll(async () => {
  await inbox?.close();
  await t?.dispose();
});

describe('without a mail server', () => {
  it('keeps the mail queued in the outbox, which only the office reads', async () => {
    const reviewerId = await idOf(REVIEWER);
    await t.ctx.db.transaction((tx) =>
      notify(tx, { to: { userId: reviewerId }, notice: { kind: 'reviewer-affiliations-changed', params: { reviewer: '박심사', held: 2 } } }),
    );
    const outbox = await call(OPERATOR, 'GET', '/api/v1/outbox?status=queued');
    expect(outbox.status).toBe(200);
    expect(outbox.body.smtp).toBe(false);
    const mine = outbox.body.messages.find((m: { toEmail: string; kind: string }) => m.toEmail === REVIEWER && m.kind === 'reviewer-affiliations-changed');
    expect(mine).toMatchObject({ status: 'queued', attempts: 0, subject: '[Stagegate] 평가위원 소속 변경: 박심사', sentAt: null });
    expect(outbox.body.counts.queued).toBeGreaterThan(0);
    for (const who of [APPLICANT, REVIEWER]) expect((await call(who, 'GET', '/api/v1/outbox')).status).toBe(403);
    expect((await call(null, 'GET', '/api/v1/outbox')).status).toBe(401);
  });
});

describe('a submission', () => {
  let applicationId = '';
  let receiptNo = '';

  it('notifies every member of the organisation in the app, in the same transaction as the receipt', async () => {
    const list = (await call(APPLICANT, 'GET', '/api/v1/applications')).body.applications as { id: string; status: string; currentVersion: number }[];
    const draft = list.find((a) => a.status === 'draft')!;
    const res = await call(APPLICANT, 'POST', `/api/v1/applications/${draft.id}/submit`, { version: draft.currentVersion });
    expect(res.status).toBe(201);
    applicationId = draft.id;
    receiptNo = res.body.receipt.receiptNo;
    expect(receiptNo).toMatch(/\S/);
    const mine = (await call(APPLICANT, 'GET', '/api/v1/me/notifications')).body;
    const receipt = mine.notifications.find((n: { kind: string }) => n.kind === 'submission-receipt');
    expect(receipt.title.ko).toContain(`신청 접수 완료 (${receiptNo})`);
    expect(receipt.link).toBe(`/applications/${applicationId}/receipt`);
    expect(receipt.readAt).toBeNull();
    // the demo organisation is unverified: the verdict waits for the office's check
    const verdict = mine.notifications.find((n: { kind: string }) => n.kind === 'eligibility-verdict');
    expect(verdict.text.ko).toContain('기관 확인 뒤 판정됩니다');
    expect(mine.unread).toBeGreaterThanOrEqual(2);
  });

  it('sends the receipt by e-mail in each recipient’s language, with the receipt attached', async () => {
    await drain();
    const ko = inbox.mails.find((m) => m.to.includes(APPLICANT) && m.subject.includes(receiptNo) && m.subject.includes('접수'));
    const en = inbox.mails.find((m) => m.to.includes(ENGLISH_MEMBER) && m.subject.includes(receiptNo) && m.subject.includes('received'));
    expect(ko?.subject).toMatch(new RegExp(`^\\[Stagegate\\] .+ 신청 접수 완료 \\(${receiptNo}\\)$`));
    expect(en?.subject).toMatch(new RegExp(`^\\[Stagegate\\] Application received for .+ \\(${receiptNo}\\)$`));
    expect(ko!.from).toBe('office@stagegate.test');
    expect(ko!.text).toContain(`접수 번호: ${receiptNo}`);
    expect(ko!.text).toMatch(/접수 시각: \d{4}년 \d{1,2}월 \d{1,2}일 \d{2}:\d{2} \(한국 시간\)/);
    expect(ko!.text).toContain(`http://localhost:3000/applications/${applicationId}/receipt`);
    expect(en!.text).toContain(`Receipt number: ${receiptNo}`);
    for (const m of [ko!, en!]) {
      expect(m.attachments).toHaveLength(1);
      expect(m.attachments[0]!.filename.startsWith(receiptNo)).toBe(true);
      expect(['application/pdf', 'text/plain']).toContain(m.attachments[0]!.contentType);
      expect(m.attachments[0]!.size).toBeGreaterThan(200);
    }
    const rows = await t.ctx.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toEmail, APPLICANT), eq(mailOutbox.kind, 'submission-receipt')));
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([['sent', 1]]);
  });
});

describe('an inbox is its owner’s', () => {
  it('shows a reviewer only their own notifications and refuses to mark another’s', async () => {
    const reviewers = (await call(REVIEWER, 'GET', '/api/v1/me/notifications')).body;
    const ids = reviewers.notifications.map((n: { id: string }) => n.id) as string[];
    const owners = await t.ctx.db.select({ userId: notifications.userId }).from(notifications).where(inArray(notifications.id, ids));
    expect(new Set(owners.map((o) => o.userId))).toEqual(new Set([await idOf(REVIEWER)]));
    expect(reviewers.notifications.map((n: { kind: string }) => n.kind)).toContain('reviewer-affiliations-changed');
    const applicants = (await call(APPLICANT, 'GET', '/api/v1/me/notifications')).body;
    const othersId = applicants.notifications[0].id as string;
    const refused = await call(REVIEWER, 'POST', `/api/v1/me/notifications/${othersId}/read`);
    expect([403, 404]).toContain(refused.status);
    expect((await t.ctx.db.select().from(notifications).where(eq(notifications.id, othersId)))[0]!.readAt).toBeNull();

    const unread = reviewers.unread as number;
    const own = await call(REVIEWER, 'POST', `/api/v1/me/notifications/${ids[0]}/read`);
    expect(own.status).toBe(200);
    expect(own.body.notification.readAt).not.toBeNull();
    expect((await call(REVIEWER, 'GET', '/api/v1/me/notifications')).body.unread).toBe(unread - 1);
  });

  it('marks all read for the caller alone', async () => {
    const before = (await call(APPLICANT, 'GET', '/api/v1/me/notifications')).body.unread as number;
    expect(before).toBeGreaterThan(0);
    const english = await call(ENGLISH_MEMBER, 'POST', '/api/v1/me/notifications/read-all');
    expect(english.body.marked).toBeGreaterThan(0);
    expect((await call(ENGLISH_MEMBER, 'GET', '/api/v1/me/notifications')).body.unread).toBe(0);
    expect((await call(APPLICANT, 'GET', '/api/v1/me/notifications')).body.unread).toBe(before);
    expect((await call(ENGLISH_MEMBER, 'GET', '/api/v1/me/notifications?unread=1')).body.notifications).toEqual([]);
  });
});

describe('a mail server that refuses', () => {
  it('is retried with a doubling wait and the mail ends failed after 8 attempts; the notice stays in the inbox', async () => {
    const refusing = await startSmtpInbox({ refuse: true });
    try {
      const operatorId = await idOf(OPERATOR);
      const queued = await t.ctx.db.transaction((tx) =>
        notify(tx, { to: { userId: operatorId }, notice: { kind: 'late-conflict', params: { call: { ko: '공모', en: 'Call' }, withdrawn: 1 } } }),
      );
      const opts = mailer(refusing.url, { baseBackoffMs: 40 });
      const waits: number[] = [];
      for (let attempt = 1; attempt <= 8; attempt++) {
        const row = async () => (await t.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, queued.mailId)))[0]!;
        // wait until the row is due again, then give the mailer one round (past its millisecond: the
        // database keeps microseconds that a Date drops, so at the same millisecond it may not be due yet)
        while ((await row()).nextAttemptAt.getTime() >= Date.now()) await new Promise((r) => setTimeout(r, 10));
        const t0 = Date.now();
        await sendDueMail(t.ctx.db, opts);
        const after = await row();
        expect(after.attempts).toBe(attempt);
        expect(after.lastError).toMatch(/451|temporarily unavailable|rejected/);
        if (attempt < 8) {
          expect(after.status).toBe('queued');
          waits.push(after.nextAttemptAt.getTime() - t0);
        } else {
          expect(after.status).toBe('failed');
        }
      }
      opts.transport.close?.();
      // 40, 80, 160 … ms: each wait about twice the one before (the clock read around each round)
      for (let i = 0; i < waits.length; i++) {
        const expected = 40 * 2 ** i;
        expect(waits[i]).toBeGreaterThanOrEqual(expected - 50);
        expect(waits[i]).toBeLessThanOrEqual(expected + 500);
      }
      expect(waits[6]! - waits[0]!).toBeGreaterThan(2000);
      expect(refusing.mails).toEqual([]);
      expect(refusing.refused).toBe(8);
      // a failed row is not tried again, and the office sees it
      await sendDueMail(t.ctx.db, opts);
      expect(refusing.refused).toBe(8);
      const failed = (await call(OPERATOR, 'GET', '/api/v1/outbox?status=failed')).body.messages;
      expect(failed.map((m: { id: string }) => m.id)).toContain(queued.mailId);
      const inApp = (await call(OPERATOR, 'GET', '/api/v1/me/notifications')).body.notifications;
      expect(inApp.map((n: { id: string }) => n.id)).toContain(queued.notificationId);
    } finally {
      await refusing.close();
    }
  }, 60_000);
});

describe('the language of mail', () => {
  it('follows the language a person chose in the web app, and the choice is audited', async () => {
    const res = await call(REVIEWER, 'PUT', '/api/v1/me/locale', { locale: 'en' });
    expect(res.body).toEqual({ locale: 'en', changed: true });
    expect((await call(REVIEWER, 'PUT', '/api/v1/me/locale', { locale: 'fr' })).status).toBe(400);
    const reviewerId = await idOf(REVIEWER);
    const { mailId } = await t.ctx.db.transaction((tx) =>
      notify(tx, { to: { userId: reviewerId }, notice: { kind: 'reviewer-affiliations-changed', params: { reviewer: 'Park', held: 1 } } }),
    );
    const [row] = await t.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, mailId));
    expect(row).toMatchObject({ locale: 'en', subject: '[Stagegate] Reviewer affiliations changed: Park' });
    const audit = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'account.locale'), eq(auditLog.objectId, reviewerId)));
    expect(audit.map((a) => a.after)).toEqual([{ locale: 'en' }]);
  });
});

describe('reviewer invitations', () => {
  it('still go out with their link, in the outbox of the call and by mail', async () => {
    // the office sets when the round's reviews are due; the invitation states it in Seoul time
    const setup = (await call(OPERATOR, 'GET', '/api/v1/review/calls/specialized-fm/2025-call')).body;
    const rounds = setup.rounds.map((r: { key: string; name: unknown; weight: number; reviewsPerProposal: number }, i: number) => ({
      key: r.key,
      name: r.name,
      weight: r.weight,
      reviewsPerProposal: r.reviewsPerProposal,
      dueAt: i === 0 ? '2026-12-20T08:59:00Z' : null,
    }));
    const { blind, conflictYears, aggregation, revision } = setup.config;
    const configured = await call(OPERATOR, 'PUT', '/api/v1/review/calls/specialized-fm/2025-call/config', {
      blind,
      conflictYears,
      aggregation,
      rounds,
      expectedRevision: revision,
      reason: '평가 마감일 지정',
    });
    expect(configured.status).toBe(200);
    expect((await call(OPERATOR, 'GET', '/api/v1/review/calls/specialized-fm/2025-call')).body.rounds[0].dueAt).toBe('2026-12-20T08:59:00.000Z');
    const res = await call(OPERATOR, 'POST', '/api/v1/review/calls/specialized-fm/2025-call/reviewers', { email: 'invited.expert@example.kr', name: '한초대' });
    expect(res.status).toBe(200);
    const link = res.body.invitationUrl as string;
    const callOutbox = (await call(OPERATOR, 'GET', '/api/v1/review/calls/specialized-fm/2025-call/outbox')).body.messages;
    expect(callOutbox.find((m: { toEmail: string }) => m.toEmail === 'invited.expert@example.kr').body).toContain(link);
    await drain();
    const mail = inbox.mails.find((m) => m.to.includes('invited.expert@example.kr'))!;
    expect(mail.subject).toMatch(/^\[Stagegate\] .+ 선정 평가위원 위촉 요청$/);
    expect(mail.text).toContain('한초대 님께');
    expect(mail.text).toContain(link);
    // the text names the link where it asks; the mailer does not add it a second time
    expect(mail.text.split(link)).toHaveLength(2);
    expect(mail.text).toContain('평가 마감: 2026년 12월 20일 17:59 (한국 시간)');
    // nobody has this address yet: the mail alone carries the invitation
    const [row] = await t.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toEmail, 'invited.expert@example.kr'));
    expect(row).toMatchObject({ status: 'sent', notificationId: null });
  });
});

describe('reminders', () => {
  it('remind an organisation of its unsubmitted draft before the call closes, once', async () => {
    const [draft] = await t.ctx.db.select().from(applications).where(eq(applications.status, 'draft')).limit(1);
    const englishId = await idOf(ENGLISH_MEMBER);
    await t.ctx.db.insert(organisationMembers).values({ organisationId: draft!.organisationId, userId: englishId, role: 'member' }).onConflictDoNothing();
    const resolved = (await resolveCall(t.ctx.db, draft!.programSlug, draft!.callKey))!;
    const closes = draft!.extendedUntil && draft!.extendedUntil > resolved.closes ? draft!.extendedUntil : resolved.closes;
    const early = await sweepReminders(t.ctx.db, { now: new Date(closes.getTime() - 4 * 24 * 3_600_000) });
    expect(early.sent).toBe(0);
    const due = await sweepReminders(t.ctx.db, { now: new Date(closes.getTime() - 24 * 3_600_000) });
    expect(due.sent).toBeGreaterThan(0);
    const again = await sweepReminders(t.ctx.db, { now: new Date(closes.getTime() - 23 * 3_600_000) });
    expect(again.sent).toBe(0);
    const reminders = await t.ctx.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toEmail, ENGLISH_MEMBER), eq(mailOutbox.kind, 'reminder-call-closing')));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.subject).toBe(`[Stagegate] ${resolved.call.name.en} closes soon`);
    expect(reminders[0]!.body).toContain('KST; nothing can be submitted after that');
    const inApp = (await call(ENGLISH_MEMBER, 'GET', '/api/v1/me/notifications')).body.notifications.filter(
      (n: { kind: string }) => n.kind === 'reminder-call-closing',
    );
    expect(inApp).toHaveLength(1);
  });

  it('remind a reviewer of sheets not yet submitted before the round is due', async () => {
    const [round] = await t.ctx.db
      .select()
      .from(reviewRounds)
      .where(and(eq(reviewRounds.programSlug, 'specialized-fm'), eq(reviewRounds.callKey, '2025-call'), isNotNull(reviewRounds.dueAt)));
    const [entry] = await t.ctx.db
      .select()
      .from(reviewerPool)
      .where(and(eq(reviewerPool.email, REVIEWER), eq(reviewerPool.programSlug, 'specialized-fm')));
    const [submitted] = await t.ctx.db
      .select()
      .from(applications)
      .where(and(eq(applications.status, 'submitted'), eq(applications.programSlug, 'specialized-fm')))
      .limit(1);
    await t.ctx.db.insert(reviewAssignments).values({ roundId: round!.id, applicationId: submitted!.id, reviewerId: entry!.id });
    const res = await sweepReminders(t.ctx.db, { now: new Date(round!.dueAt!.getTime() - 24 * 3_600_000) });
    expect(res.sent).toBe(1);
    const [mail] = await t.ctx.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toEmail, REVIEWER), eq(mailOutbox.kind, 'reminder-review-due')));
    // the reviewer chose English above
    expect(mail!.body).toContain('You have 1 review(s) not yet submitted');
    expect(mail!.body).toContain('Reviews are due on 20 December 2026, 17:59 KST');
  });
});

describe('password reset', () => {
  it('mails a link to the web’s reset page, keeps the link from the office, and the new password works', async () => {
    const ask = (email: string) => t.app.inject({ method: 'POST', url: '/api/auth/request-password-reset', payload: { email } });
    expect((await ask(APPLICANT)).statusCode).toBe(200);
    // an unknown address is answered alike, and nothing is sent
    expect((await ask('nobody.here@demo.stagegate.kr')).statusCode).toBe(200);
    const [row] = await t.ctx.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toEmail, APPLICANT), eq(mailOutbox.kind, 'password-reset')));
    expect(row!.link).toMatch(/^\/reset-password\?token=/);
    expect(row!.subject).toBe('[Stagegate] 비밀번호 재설정');
    const seen = (await call(OPERATOR, 'GET', '/api/v1/outbox')).body.messages.find((m: { id: string }) => m.id === row!.id);
    expect(seen.link).toBeNull();
    expect(JSON.stringify(seen)).not.toContain('token=');
    expect((await t.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toEmail, 'nobody.here@demo.stagegate.kr'))).length).toBe(0);
    expect((await t.ctx.db.select().from(notifications).where(eq(notifications.kind, 'password-reset'))).length).toBe(0);

    await drain();
    const mail = inbox.mails.find((m) => m.to.includes(APPLICANT) && m.subject === '[Stagegate] 비밀번호 재설정')!;
    const url = /http:\/\/localhost:3000\/reset-password\?token=(\S+)/.exec(mail.text);
    expect(url).not.toBeNull();
    const token = decodeURIComponent(url![1]!);
    const reset = await t.app.inject({ method: 'POST', url: '/api/auth/reset-password', payload: { newPassword: 'a-new-password-2026', token } });
    expect(reset.statusCode).toBe(200);
    await expect(signIn(t.app, APPLICANT, 'stagegate-demo')).rejects.toThrow();
    expect(await signIn(t.app, APPLICANT, 'a-new-password-2026')).toMatch(/=/);
    // the link works once
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/reset-password', payload: { newPassword: 'another-password-2026', token } });
    expect(again.statusCode).toBe(400);
  });
});
