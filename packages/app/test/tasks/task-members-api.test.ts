import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { auditLog, mailOutbox, notifications, organisationMembers, taskMembers, tasks, user } from '../../src/db/schema/index.ts';
import { createTestServer, signIn } from '../support/test-context.ts';

// issue 15 item 1: the office manages a task's people (team accounts) through validate → preview →
// commit; a team member reads its own team; the last lead stays; people come from the consortium's records.
let t: Awaited<ReturnType<typeof createTestServer>>;
const cookie: Record<string, string> = {};
let sfm01 = '';
let sfm02 = '';
let applicantOrg = '';
let nuriId = '';

type Who = 'operator' | 'applicant' | 'nuri' | 'reviewer';
async function call(who: Who, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, payload: payload as object | undefined, headers: { cookie: cookie[who]! } });
  return { status: res.statusCode, body: res.json() };
}
const members = (id: string) => `/api/v1/tasks/${id}/members`;
const roles = async (id: string) =>
  Object.fromEntries((await t.ctx.db.select().from(taskMembers).where(eq(taskMembers.taskId, id))).map((m) => [m.clusterUsername, m.role]));

beforeAll(async () => {
  t = await createTestServer();
  for (const who of ['operator', 'applicant', 'nuri', 'reviewer'] as const) cookie[who] = await signIn(t.app, `${who}@demo.stagegate.kr`);
  const byKey = async (key: string) => (await t.ctx.db.select().from(tasks).where(eq(tasks.key, key)))[0]!.id;
  sfm01 = await byKey('sfm-01');
  sfm02 = await byKey('sfm-02');
  const [applicant] = await t.ctx.db.select().from(user).where(eq(user.email, 'applicant@demo.stagegate.kr'));
  applicantOrg = (await t.ctx.db.select().from(organisationMembers).where(eq(organisationMembers.userId, applicant!.id)))[0]!.organisationId;
  nuriId = (await t.ctx.db.select().from(user).where(eq(user.email, 'nuri@demo.stagegate.kr')))[0]!.id;
});
afterAll(() => t.dispose());

describe('task members: who reads', () => {
  it('the office reads a task with its people, roles and the consortium organisations new people come from', async () => {
    const res = await call('operator', 'GET', members(sfm01));
    expect(res.status).toBe(200);
    expect(res.body.task.key).toBe('sfm-01');
    expect(res.body.canManage).toBe(true);
    expect(res.body.members.map((m: { clusterUsername: string; role: string }) => `${m.clusterUsername}:${m.role}`)).toEqual([
      'medi01:lead',
      'medi02:member',
      'medi03:member',
    ]);
    const lead = res.body.members[0];
    expect(lead.email).toBe('applicant@demo.stagegate.kr');
    expect(lead.organisations.map((o: { id: string }) => o.id)).toEqual([applicantOrg]);
    expect(res.body.organisations.map((o: { id: string }) => o.id)).toEqual([applicantOrg]);
  });

  it('a member reads its own team (read-only) and is refused another team and every change', async () => {
    const own = await call('applicant', 'GET', members(sfm01));
    expect(own.status).toBe(200);
    expect(own.body.canManage).toBe(false);
    expect((await call('applicant', 'GET', members(sfm02))).status).toBe(403);
    // the team page names where the team reads its stage result and appeals: kai-naver is a team of K-AI's stage 1
    const kai = (await t.ctx.db.select().from(tasks).where(eq(tasks.key, 'kai-naver')))[0]!.id;
    const team = await call('applicant', 'GET', members(kai));
    expect(team.status).toBe(200);
    expect(team.body.stageEvaluations).toHaveLength(1);
    expect(team.body.stageEvaluations[0].name.ko).toContain('1차');
    expect((await call('nuri', 'GET', members(sfm01))).status).toBe(403);
    expect((await call('reviewer', 'GET', members(sfm01))).status).toBe(403);
    expect((await call('applicant', 'POST', members(sfm01), { email: 'nuri@demo.stagegate.kr', mode: 'preview' })).status).toBe(403);
    expect((await call('applicant', 'PUT', `${members(sfm01)}/medi02/role`, { role: 'lead', mode: 'preview' })).status).toBe(403);
    expect((await call('applicant', 'DELETE', `${members(sfm01)}/medi02`, { mode: 'preview', reason: 'x' })).status).toBe(403);
  });

  it('answers 404 for a task that does not exist', async () => {
    expect((await call('operator', 'GET', members('00000000-0000-4000-8000-000000000000'))).status).toBe(404);
  });
});

describe('task members: adding people bound to the consortium records', () => {
  it('refuses an unknown e-mail and an account of no consortium organisation, naming the field', async () => {
    const unknown = await call('operator', 'POST', members(sfm01), { email: 'nobody@example.org', mode: 'preview' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.field).toBe('email');
    expect(unknown.body.error.issues[0].message.ko).toContain('계정이 없습니다');
    const outsider = await call('operator', 'POST', members(sfm01), { email: 'nuri@demo.stagegate.kr', role: 'member', mode: 'commit' });
    expect(outsider.status).toBe(422);
    expect(outsider.body.error.field).toBe('email');
    expect(outsider.body.error.issues[0].message.en).toContain("none of the task's consortium organisations");
    expect(await roles(sfm01)).not.toHaveProperty('nuri');
  });

  it('refuses someone already in the team', async () => {
    const again = await call('operator', 'POST', members(sfm01), { email: 'applicant@demo.stagegate.kr', mode: 'preview' });
    expect(again.status).toBe(422);
    expect(again.body.error.issues[0].message.en).toContain('already a member');
  });

  it('previews, then commits an account that joined a consortium organisation; audited; the new member reads its team', async () => {
    await t.ctx.db.insert(organisationMembers).values({ organisationId: applicantOrg, userId: nuriId, role: 'member' });
    const preview = await call('operator', 'POST', members(sfm01), { email: 'NURI@demo.stagegate.kr', role: 'member', mode: 'preview' });
    expect(preview.status).toBe(200);
    expect(preview.body.status).toBe('preview');
    expect(preview.body.change).toMatchObject({ kind: 'add', clusterUsername: 'nuri', roleBefore: null, roleAfter: 'member', leadsBefore: 1, leadsAfter: 1 });
    expect(preview.body.change.organisations.map((o: { id: string }) => o.id)).toEqual([applicantOrg]);
    expect(await roles(sfm01)).not.toHaveProperty('nuri');
    const commit = await call('operator', 'POST', members(sfm01), {
      email: 'nuri@demo.stagegate.kr',
      role: 'member',
      mode: 'commit',
      reason: '데이터 담당 합류',
    });
    expect(commit.status).toBe(201);
    expect((await roles(sfm01)).nuri).toBe('member');
    const [row] = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'task.member.add'), eq(auditLog.objectId, sfm01)))
      .orderBy(desc(auditLog.seq))
      .limit(1);
    expect(row!.reason).toBe('데이터 담당 합류');
    expect((await call('nuri', 'GET', members(sfm01))).status).toBe(200);
    // the person added hears it, in the inbox and by mail, with the cluster user name
    const told = await t.ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, nuriId), eq(notifications.kind, 'task-membership-changed')));
    expect(told.map((n) => n.params)).toEqual([expect.objectContaining({ task: 'sfm-01', change: 'added', role: 'member', clusterUsername: 'nuri' })]);
    const mail = await t.ctx.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toEmail, 'nuri@demo.stagegate.kr'), eq(mailOutbox.kind, 'task-membership-changed')));
    expect(mail[0]!.body).toContain('sfm-01 과제에 구성원으로 등록되었습니다');
  });
});

describe('task members: roles and removal keep a lead', () => {
  it('never demotes or removes the last lead', async () => {
    const demote = await call('operator', 'PUT', `${members(sfm01)}/medi01/role`, { role: 'member', mode: 'preview' });
    expect(demote.status).toBe(422);
    expect(demote.body.error.field).toBe('role');
    const remove = await call('operator', 'DELETE', `${members(sfm01)}/medi01`, { mode: 'commit', reason: '퇴사' });
    expect(remove.status).toBe(422);
    expect(remove.body.error.issues[0].message.ko).toContain('마지막 책임자');
    expect((await roles(sfm01)).medi01).toBe('lead');
  });

  it('makes another member lead (preview shows before → after; commit needs a reason), then the first lead may step down', async () => {
    const preview = await call('operator', 'PUT', `${members(sfm01)}/nuri/role`, { role: 'lead', mode: 'preview' });
    expect(preview.body.change).toMatchObject({ kind: 'role', roleBefore: 'member', roleAfter: 'lead', leadsBefore: 1, leadsAfter: 2 });
    expect((await roles(sfm01)).nuri).toBe('member');
    const noReason = await call('operator', 'PUT', `${members(sfm01)}/nuri/role`, { role: 'lead', mode: 'commit' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.field).toBe('reason');
    expect((await call('operator', 'PUT', `${members(sfm01)}/nuri/role`, { role: 'lead', mode: 'commit', reason: '책임자 교체' })).status).toBe(200);
    expect((await call('operator', 'PUT', `${members(sfm01)}/medi01/role`, { role: 'member', mode: 'commit', reason: '책임자 교체' })).status).toBe(200);
    expect(await roles(sfm01)).toMatchObject({ nuri: 'lead', medi01: 'member' });
    const told = await t.ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, nuriId), eq(notifications.kind, 'task-membership-changed')));
    expect(told.map((n) => (n.params as { change: string; role: string }).change + ':' + (n.params as { role: string }).role).sort()).toEqual([
      'added:member',
      'role:lead',
    ]);
  });

  it('removes a member only with a reason, audited with who was removed', async () => {
    const preview = await call('operator', 'DELETE', `${members(sfm01)}/medi03`, { mode: 'preview' });
    expect(preview.body.change).toMatchObject({ kind: 'remove', roleBefore: 'member', roleAfter: null });
    const noReason = await call('operator', 'DELETE', `${members(sfm01)}/medi03`, { mode: 'commit' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.field).toBe('reason');
    expect(await roles(sfm01)).toHaveProperty('medi03');
    expect((await call('operator', 'DELETE', `${members(sfm01)}/medi03`, { mode: 'commit', reason: '과제 종료 전 이탈' })).status).toBe(200);
    expect(await roles(sfm01)).not.toHaveProperty('medi03');
    const [row] = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'task.member.remove'), eq(auditLog.objectId, sfm01)))
      .orderBy(desc(auditLog.seq))
      .limit(1);
    expect(row!.reason).toBe('과제 종료 전 이탈');
    expect(row!.before).toMatchObject({ clusterUsername: 'medi03', role: 'member' });
  });

  it('answers 404 for a person not in the task (also one of another task)', async () => {
    expect((await call('operator', 'DELETE', `${members(sfm01)}/legal01`, { mode: 'preview' })).status).toBe(404);
    expect((await call('operator', 'PUT', `${members(sfm01)}/legal01/role`, { role: 'lead', mode: 'preview' })).status).toBe(404);
  });
});
