import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestServer, signIn } from '../support/test-context.ts';
import { mailOutbox, notifications } from '../../src/db/schema/index.ts';

// Issue 15 item 3: a team hears when the office changes its GPUs, in the app and by mail.
let t: Awaited<ReturnType<typeof createTestServer>>;
let operator: string;
let applicant: string;

beforeAll(async () => {
  t = await createTestServer();
  operator = await signIn(t.app, 'operator@demo.stagegate.kr');
  applicant = await signIn(t.app, 'applicant@demo.stagegate.kr');
}, 120_000);
afterAll(() => t.dispose());

const call = (cookie: string, method: 'GET' | 'PATCH' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: { cookie } });
const allocationNotices = async () => (await t.ctx.db.select().from(notifications).where(eq(notifications.kind, 'allocation-changed'))).length;

async function sfm01Phase2() {
  const res = await call(operator, 'GET', '/api/v1/programs/specialized-fm/allocations');
  return res.json().allocations.find((a: { taskKey: string; phaseKey: string }) => a.taskKey === 'sfm-01' && a.phaseKey === 'phase-2');
}

describe('allocation changes are told to the team', () => {
  it('says nothing on a preview', async () => {
    const before = await allocationNotices();
    const a = await sfm01Phase2();
    const res = await call(operator, 'PATCH', `/api/v1/allocations/${a.id}`, { mode: 'preview', gpus: a.gpus - 8 });
    expect(res.statusCode).toBe(200);
    expect(await allocationNotices()).toBe(before);
  });

  it('tells each member of the task what it held, what it holds now and why, in the inbox and the mail outbox', async () => {
    const a = await sfm01Phase2();
    const res = await call(operator, 'PATCH', `/api/v1/allocations/${a.id}`, { mode: 'commit', gpus: a.gpus - 8, reason: '노드 1대 점검' });
    expect(res.statusCode).toBe(200);
    const mine = (await call(applicant, 'GET', '/api/v1/me/notifications')).json();
    const notice = mine.notifications.find((n: { kind: string }) => n.kind === 'allocation-changed');
    expect(notice.title.ko).toBe('sfm-01 GPU 배정 변경');
    expect(notice.text.ko).toContain(`배정이 바뀌었습니다: ${a.gpus}장 (${a.start} ~ ${a.end}) → ${a.gpus - 8}장 (${a.start} ~ ${a.end}).`);
    expect(notice.text.ko).toContain('사유: 노드 1대 점검');
    expect(notice.link).toBe('/allocations');
    const mail = await t.ctx.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.kind, 'allocation-changed'), eq(mailOutbox.toEmail, 'applicant@demo.stagegate.kr')));
    const told = mail.filter((m) => m.body.includes('사유: 노드 1대 점검'));
    expect(told).toHaveLength(1);
    expect(told[0]!.subject).toContain('sfm-01 GPU 배정 변경');
    expect(told[0]!.notificationId).toBe(notice.id);
  });

  it('tells no one outside the task', async () => {
    const nuri = await signIn(t.app, 'nuri@demo.stagegate.kr');
    const theirs = (await call(nuri, 'GET', '/api/v1/me/notifications')).json();
    expect(theirs.notifications.filter((n: { kind: string }) => n.kind === 'allocation-changed')).toEqual([]);
  });
});
