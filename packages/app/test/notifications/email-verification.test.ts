import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestServer, signIn } from '../support/test-context.ts';
import { startSmtpInbox, type SmtpInbox } from '../support/smtp-inbox.ts';
import { followVerificationLink } from '../support/confirm-email.ts';
import { auditLog, mailOutbox, notifications, signInThrottle, user } from '../../src/db/schema/index.ts';
import { sendDueMail } from '../../src/notifications/mailer.ts';
import { smtpTransport } from '../../src/adapters/smtp/smtp-transport.ts';
import { api, createOrganisation, readyApplication, signUp, type Api } from '../applications/support.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let inbox: SmtpInbox;
const NEWCOMER = 'newcomer@verify.test';
const REVIEWER = 'late.reviewer@verify.test';

/** Sends everything due to the test's SMTP server, as the mailer loop of `serve` would. */
async function drain() {
  const opts = { transport: smtpTransport(inbox.url), from: 'Stagegate <office@stagegate.test>', publicUrl: 'http://localhost:3000' };
  for (let round = 0; round < 20; round++) if ((await sendDueMail(t.ctx.db, opts)).sent === 0) break;
  opts.transport.close?.();
}
const mailsTo = (email: string) => inbox.mails.filter((m) => m.to.includes(email) && /주소 확인|Confirm your e-mail/.test(m.subject));
/** The link as the person reads it in the mail that arrived. */
const linkIn = (text: string) => /http:\/\/localhost:3000(\/verify-email\?token=\S+)/.exec(text)?.[1];

beforeAll(async () => {
  t = await createTestServer();
  inbox = await startSmtpInbox();
}, 60_000);
afterAll(async () => {
  await inbox.close();
  await t.dispose();
});

describe('e-mail verification at sign-up', () => {
  let newcomer: Api;
  let draft: { id: string; version: number };

  it('mails a 24-hour link to the new address only; the office outbox shows it went, never the link', async () => {
    newcomer = api(t.app, await signUp(t, NEWCOMER, { confirm: false }));
    await drain();
    const [mail] = mailsTo(NEWCOMER);
    expect(mail!.subject).toContain('이메일 주소 확인');
    expect(mail!.text).toContain('24시간');
    expect(linkIn(mail!.text)).toMatch(/^\/verify-email\?token=/);
    expect((await t.ctx.db.select().from(notifications).where(eq(notifications.kind, 'email-verification'))).length).toBe(0);
    const office = api(t.app, await signIn(t.app, 'operator@demo.stagegate.kr'));
    const outbox = await office.get('/api/v1/outbox?limit=200');
    const row = outbox.body.messages.find((m: { kind: string; toEmail: string }) => m.kind === 'email-verification' && m.toEmail === NEWCOMER);
    expect(row).toBeTruthy();
    expect(row.link).toBeNull();
    expect(JSON.stringify(outbox.body)).not.toContain('verify-email?token');
  });

  it('seeds demo accounts as confirmed, with no confirmation mail', async () => {
    const [demo] = await t.ctx.db.select().from(user).where(eq(user.email, 'applicant@demo.stagegate.kr'));
    expect(demo!.emailVerified).toBe(true);
    expect(
      (
        await t.ctx.db
          .select()
          .from(mailOutbox)
          .where(and(eq(mailOutbox.toEmail, 'applicant@demo.stagegate.kr'), eq(mailOutbox.kind, 'email-verification')))
      ).length,
    ).toBe(0);
  });

  it('lets an unconfirmed account sign in and read, and refuses its submission with email_unverified', async () => {
    const me = await newcomer.get('/api/v1/me');
    expect(me.body.actor).toMatchObject({ email: NEWCOMER, emailVerified: false });
    const org = await createOrganisation(newcomer);
    draft = await readyApplication(newcomer, org);
    expect((await newcomer.get(`/api/v1/applications/${draft.id}`)).status).toBe(200);
    const res = await newcomer.post(`/api/v1/applications/${draft.id}/submit`, { version: draft.version });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('email_unverified');
    expect(res.body.error.message).toMatch(/verify your e-mail address/);
    expect(res.body.error.issues[0].message.ko).toContain('이메일 주소를 먼저 확인');
    expect((await newcomer.get(`/api/v1/applications/${draft.id}`)).body.application.status).toBe('draft');
  });

  it('resends at most once a minute, counted in the database, and says where it goes in a preview', async () => {
    const preview = await newcomer.post('/api/v1/me/email-verification', { mode: 'preview' });
    expect(preview.body).toMatchObject({ status: 'preview', to: NEWCOMER, validHours: 24 });
    const first = await newcomer.post('/api/v1/me/email-verification', {});
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('sent');
    const second = await newcomer.post('/api/v1/me/email-verification', {});
    expect(second.status).toBe(429);
    expect(Number(second.raw.headers['retry-after'])).toBeGreaterThan(0);
    const [count] = await t.ctx.db
      .select()
      .from(signInThrottle)
      .where(eq(signInThrottle.key, `verify-mail-day:${(await newcomer.get('/api/v1/me')).body.actor.id}`));
    expect(count!.attempts).toBe(2);
    const [audit] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'account.verification-mail'));
    expect(audit!.after).toMatchObject({ to: NEWCOMER });
    await drain();
    expect(mailsTo(NEWCOMER)).toHaveLength(2);
  });

  it('refuses five resends a day even a minute apart', async () => {
    const id = (await newcomer.get('/api/v1/me')).body.actor.id as string;
    // four more minutes pass: the minute window is over each time, the day's count is not
    for (let i = 0; i < 4; i++) {
      await t.ctx.db
        .update(signInThrottle)
        .set({ windowStartedAt: new Date(Date.now() - 120_000) })
        .where(eq(signInThrottle.key, `verify-mail-minute:${id}`));
      const res = await newcomer.post('/api/v1/me/email-verification', {});
      expect(res.status).toBe(i < 3 ? 200 : 429);
    }
  });

  it('confirms the address by the mailed link; then the same account submits', async () => {
    const bad = await followVerificationLink(t.app, '/verify-email?token=not-a-token');
    expect(bad.statusCode).toBe(401);
    const link = linkIn(mailsTo(NEWCOMER)[0]!.text)!;
    const res = await followVerificationLink(t.app, link);
    expect(res.statusCode).toBe(200);
    expect((await newcomer.get('/api/v1/me')).body.actor.emailVerified).toBe(true);
    const again = await newcomer.post('/api/v1/me/email-verification', {});
    expect(again.status).toBe(409);
    const submitted = await newcomer.post(`/api/v1/applications/${draft.id}/submit`, { version: draft.version });
    expect(submitted.status).toBe(201);
  });

  it('refuses an unconfirmed reviewer accepting an invitation, and accepts once confirmed', async () => {
    const cookie = await signUp(t, REVIEWER, { confirm: false });
    await t.ctx.db.update(user).set({ role: 'reviewer' }).where(eq(user.email, REVIEWER));
    const office = api(t.app, await signIn(t.app, 'operator@demo.stagegate.kr'));
    const invited = await office.post('/api/v1/review/calls/specialized-fm/2025-call/reviewers', { email: REVIEWER, name: '늦은위원' });
    expect(invited.status).toBe(200);
    const token = invited.body.invitationUrl.split('/').pop();
    const reviewer = api(t.app, cookie);
    const refused = await reviewer.post(`/api/v1/review/invitations/${token}/response`, { accept: true });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('email_unverified');
    await drain();
    const res = await followVerificationLink(t.app, linkIn(mailsTo(REVIEWER)[0]!.text)!);
    expect(res.statusCode).toBe(200);
    const accepted = await reviewer.post(`/api/v1/review/invitations/${token}/response`, { accept: true });
    expect(accepted.status).toBe(200);
    expect(accepted.body.reviewer.status).toBe('accepted');
  });

  it('asks a signed-out person to sign in before resending', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/email-verification', payload: {} });
    expect(res.statusCode).toBe(401);
  });
});
