import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { createTestServer, signIn } from '../support/test-context.ts';
import { applications, auditLog, mailOutbox, notifications, organisations, user } from '../../src/db/schema/index.ts';
import { api, CALL, createOrganisation, PROGRAM, signUp, type Api } from '../applications/support.ts';

// Issue 15 item 6: the office reminds the applicants of drafts that their call closes soon, in bulk:
// it previews who gets the reminder, then sends it (inbox and mail), audited, at most 200 at once.
let t: Awaited<ReturnType<typeof createTestServer>>;
let office: Api;
let applicant: Api;
const email = 'remind@draft-reminders.test';
const ids: Record<'draft' | 'submitted' | 'closed' | 'nobody', string> = { draft: '', submitted: '', closed: '', nobody: '' };
const MISSING = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestServer();
  office = api(t.app, await signIn(t.app, 'operator@demo.stagegate.kr'));
  applicant = api(t.app, await signUp(t, email));
  const org = await createOrganisation(applicant, { nameKo: '알림 테스트AI' });
  const [orphan] = await t.ctx.db
    .insert(organisations)
    .values({ nameKo: '구성원 없는 기관', nameEn: 'No Members', type: 'startup', country: 'KR' })
    .returning();
  const insert = async (over: Partial<typeof applications.$inferInsert>) => {
    const [row] = await t.ctx.db
      .insert(applications)
      .values({
        programSlug: PROGRAM,
        callKey: CALL,
        organisationId: org.id,
        status: 'draft',
        consortium: { lead: { organisationId: org.id, name: org.nameKo }, participants: [] },
        proposal: { title: '알림 받을 과제' },
        ...over,
      })
      .returning();
    return row!.id;
  };
  ids.draft = await insert({});
  ids.submitted = await insert({ status: 'submitted', receiptNo: 'RMD-1', submittedAt: new Date(), proposal: { title: '이미 낸 과제' } });
  // K-AI's 2025 call closed in July 2025
  ids.closed = await insert({ programSlug: 'k-ai', callKey: '2025-call', proposal: { title: '마감된 공모의 과제' } });
  ids.nobody = await insert({ organisationId: orphan!.id, proposal: { title: '받을 사람 없는 과제' } });
}, 120_000);
afterAll(() => t.dispose());

const remind = (body: Record<string, unknown>) => office.post('/api/v1/office/applications/reminders', body);
const applicantId = async () => (await t.ctx.db.select({ id: user.id }).from(user).where(eq(user.email, email)))[0]!.id;

describe('issue 15 item 6: bulk reminders to drafts before the call closes', () => {
  it('previews who gets it, and why the others are left out, without telling anyone', async () => {
    const res = await remind({ applications: [ids.draft, ids.submitted, ids.closed, ids.nobody, MISSING], mode: 'preview' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'preview', applications: 1, recipients: 1 });
    const byId = Object.fromEntries(res.body.items.map((i: { id: string }) => [i.id, i]));
    expect(byId[ids.draft]).toMatchObject({ outcome: 'send', title: '알림 받을 과제', organisationName: '알림 테스트AI', recipients: [{ email }] });
    expect(new Date(byId[ids.draft].closesAt).getTime()).toBeGreaterThan(Date.now());
    expect(byId[ids.submitted].outcome).toBe('not-draft');
    expect(byId[ids.closed].outcome).toBe('call-closed');
    expect(byId[ids.nobody].outcome).toBe('no-recipients');
    expect(byId[MISSING].outcome).toBe('missing');
    expect(
      await t.ctx.db
        .select()
        .from(notifications)
        .where(eq(notifications.userId, await applicantId())),
    ).toHaveLength(0);
  });

  it('sends only with a reason: inbox and mail to each member of the draft’s organisation, one audit entry per application', async () => {
    const noReason = await remind({ applications: [ids.draft], mode: 'commit' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.field).toBe('reason');
    const reason = '마감 사흘 전 일괄 안내';
    const res = await remind({ applications: [ids.draft, ids.submitted, ids.closed], mode: 'commit', reason });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'committed', applications: 1, recipients: 1 });
    const inbox = await t.ctx.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, await applicantId()));
    expect(inbox.map((n) => [n.kind, n.link])).toEqual([['reminder-call-closing', `/applications/${ids.draft}`]]);
    const mail = await t.ctx.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toEmail, email), eq(mailOutbox.kind, 'reminder-call-closing')));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body).toContain('알림 받을 과제');
    const audit = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'application.remind'), inArray(auditLog.objectId, Object.values(ids))));
    expect(audit.map((a) => [a.objectId, a.reason])).toEqual([[ids.draft, reason]]);
  });

  it('takes at most 200 applications at once', async () => {
    const many = Array.from({ length: 201 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const res = await remind({ applications: many, mode: 'preview' });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('body.applications');
  });

  it('is the office’s alone', async () => {
    const res = await applicant.post('/api/v1/office/applications/reminders', { applications: [ids.draft], mode: 'preview' });
    expect(res.status).toBe(403);
  });
});
