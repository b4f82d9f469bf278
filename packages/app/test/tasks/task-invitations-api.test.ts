import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import {
  auditLog,
  mailOutbox,
  notifications,
  organisationMembers,
  organisations,
  taskInvitations,
  taskMembers,
  tasks,
  user,
} from '../../src/db/schema/index.ts';
import { createTestServer, signIn } from '../support/test-context.ts';
import { signUp } from '../applications/support.ts';
import { confirmEmail } from '../support/confirm-email.ts';
import { completeTaskInvitations } from '../../src/tasks/task-invitations.ts';

// issue 15 item 1: the office invites a person without an account into a task (e-mail, one of the
// task's consortium organisations, role); signing up with that address and confirming it makes them
// a member of the organisation and of the task; the office sees and may withdraw pending invitations.
let t: Awaited<ReturnType<typeof createTestServer>>;
const cookie: Record<string, string> = {};
let sfm01 = '';
let applicantOrg = '';
let otherOrg = '';

type Who = 'operator' | 'applicant' | 'nuri';
async function call(who: Who | string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, payload: payload as object | undefined, headers: { cookie: cookie[who] ?? who } });
  return { status: res.statusCode, body: res.json() };
}
const invitations = (id: string) => `/api/v1/tasks/${id}/invitations`;
const audits = (action: string) =>
  t.ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.objectId, sfm01)))
    .orderBy(desc(auditLog.seq));
const accountOf = async (email: string) => (await t.ctx.db.select().from(user).where(eq(user.email, email)))[0]!;

beforeAll(async () => {
  t = await createTestServer();
  for (const who of ['operator', 'applicant', 'nuri'] as const) cookie[who] = await signIn(t.app, `${who}@demo.stagegate.kr`);
  sfm01 = (await t.ctx.db.select().from(tasks).where(eq(tasks.key, 'sfm-01')))[0]!.id;
  const applicant = await accountOf('applicant@demo.stagegate.kr');
  applicantOrg = (await t.ctx.db.select().from(organisationMembers).where(eq(organisationMembers.userId, applicant.id)))[0]!.organisationId;
  otherOrg = (await t.ctx.db.select().from(organisations)).find((o) => o.id !== applicantOrg)!.id;
}, 60_000);
afterAll(() => t.dispose());

describe('task invitations: who may', () => {
  it('refuses a team member (403) and a reader who is not signed in', async () => {
    const body = { email: 'new.person@invite.test', organisationId: applicantOrg, role: 'member', mode: 'preview' };
    expect((await call('applicant', 'POST', invitations(sfm01), body)).status).toBe(403);
    const anon = await t.app.inject({ method: 'POST', url: invitations(sfm01), payload: body });
    expect(anon.statusCode).toBe(401);
  });

  it('the team reads its people without the pending invitations', async () => {
    const own = await call('applicant', 'GET', `/api/v1/tasks/${sfm01}/members`);
    expect(own.status).toBe(200);
    expect(own.body.invitations).toEqual([]);
  });
});

describe('task invitations: validate → preview → commit', () => {
  it('names the field: a malformed address, an organisation that is not the task’s, a member already', async () => {
    const bad = await call('operator', 'POST', invitations(sfm01), { email: 'not-an-address', organisationId: applicantOrg, mode: 'preview' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('email');
    expect(bad.body.error.issues[0].message.ko).toContain('형식');
    const foreign = await call('operator', 'POST', invitations(sfm01), { email: 'new.person@invite.test', organisationId: otherOrg, mode: 'preview' });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.field).toBe('organisationId');
    expect(foreign.body.error.issues[0].message.en).toContain("task's consortium organisations");
    const member = await call('operator', 'POST', invitations(sfm01), { email: 'applicant@demo.stagegate.kr', organisationId: applicantOrg, mode: 'preview' });
    expect(member.status).toBe(422);
    expect(member.body.error.issues[0].message.en).toContain('already a member');
  });

  it('the add path now points to the invitation for an address without an account', async () => {
    const res = await call('operator', 'POST', `/api/v1/tasks/${sfm01}/members`, { email: 'new.person@invite.test', mode: 'preview' });
    expect(res.status).toBe(422);
    expect(res.body.error.issues[0].message.ko).toContain('계정이 없습니다');
    expect(res.body.error.issues[0].message.en).toContain('invite them below');
  });

  it('previews what happens without recording anything, then commits: pending, audited, mailed', async () => {
    const body = { email: ' New.Person@Invite.test ', organisationId: applicantOrg, role: 'lead', mode: 'preview' };
    const preview = await call('operator', 'POST', invitations(sfm01), body);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      status: 'preview',
      invitation: { id: null, email: 'new.person@invite.test', role: 'lead', hasAccount: false, confirmed: false, organisation: { id: applicantOrg } },
    });
    expect(await t.ctx.db.select().from(taskInvitations)).toHaveLength(0);
    const commit = await call('operator', 'POST', invitations(sfm01), { ...body, mode: 'commit', reason: '새 연구원 합류' });
    expect(commit.status).toBe(201);
    expect(commit.body.status).toBe('committed');
    const [audit] = await audits('task.member.invite');
    expect(audit!.reason).toBe('새 연구원 합류');
    expect(audit!.after).toMatchObject({ email: 'new.person@invite.test', organisationId: applicantOrg, role: 'lead' });
    const mails = await t.ctx.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toEmail, 'new.person@invite.test'), eq(mailOutbox.kind, 'task-invitation')));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('sfm-01 과제 참여 초대');
    expect(mails[0]!.body).toContain('가입하고 주소를 확인하면');
    expect(mails[0]!.link).toBe('/sign-up');
    // the pending invitation shows on the task page, and a second one for the same address is refused
    const page = await call('operator', 'GET', `/api/v1/tasks/${sfm01}/members`);
    expect(page.body.invitations).toEqual([expect.objectContaining({ email: 'new.person@invite.test', role: 'lead', hasAccount: false })]);
    const again = await call('operator', 'POST', invitations(sfm01), { ...body, mode: 'preview' });
    expect(again.status).toBe(422);
    expect(again.body.error.issues[0].message.en).toContain('already invited');
  });

  it('signing up and confirming the address makes them a member of the organisation and of the task, once, audited', async () => {
    await signUp(t, 'new.person@invite.test', { confirm: false });
    const account = await accountOf('new.person@invite.test');
    // not before the address is confirmed
    expect((await t.ctx.db.select().from(taskMembers).where(eq(taskMembers.userId, account.id))).length).toBe(0);
    await confirmEmail(t, 'new.person@invite.test');
    const joined = await t.ctx.db.select().from(taskMembers).where(eq(taskMembers.userId, account.id));
    expect(joined.map((m) => [m.taskId, m.role, m.clusterUsername])).toEqual([[sfm01, 'lead', 'new_person']]);
    const orgs = await t.ctx.db.select().from(organisationMembers).where(eq(organisationMembers.userId, account.id));
    expect(orgs.map((o) => [o.organisationId, o.role])).toEqual([[applicantOrg, 'member']]);
    expect(await t.ctx.db.select().from(taskInvitations)).toHaveLength(0);
    const [accepted] = await audits('task.member.invite.accept');
    expect(accepted!.actorId).toBe(account.id);
    const told = await t.ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, account.id), eq(notifications.kind, 'task-membership-changed')));
    expect(told.map((n) => n.params)).toEqual([expect.objectContaining({ task: 'sfm-01', change: 'added', role: 'lead', clusterUsername: 'new_person' })]);
    // once: running the completion again changes nothing
    expect(await completeTaskInvitations(t.ctx.db, { id: account.id, email: account.email, name: account.name })).toBe(0);
    expect(await t.ctx.db.select().from(taskMembers).where(eq(taskMembers.userId, account.id))).toHaveLength(1);
    // the new member reads its team
    const own = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tasks/${sfm01}/members`,
      headers: { cookie: await signIn(t.app, 'new.person@invite.test', 'applicant-pass-1') },
    });
    expect(own.statusCode).toBe(200);
  });

  it('an unconfirmed account is invited too: told in the app and by mail, and joins when it confirms', async () => {
    await signUp(t, 'slow.confirmer@invite.test', { confirm: false });
    const account = await accountOf('slow.confirmer@invite.test');
    const commit = await call('operator', 'POST', invitations(sfm01), {
      email: 'slow.confirmer@invite.test',
      organisationId: applicantOrg,
      role: 'member',
      mode: 'commit',
    });
    expect(commit.status).toBe(201);
    expect(commit.body.invitation.hasAccount).toBe(true);
    const inbox = await t.ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, account.id), eq(notifications.kind, 'task-invitation')));
    expect(inbox).toHaveLength(1);
    await confirmEmail(t, 'slow.confirmer@invite.test');
    const joined = await t.ctx.db.select().from(taskMembers).where(eq(taskMembers.userId, account.id));
    expect(joined.map((m) => m.role)).toEqual(['member']);
  });
});

describe('task invitations: withdraw', () => {
  it('previews, needs a reason at commit, then withdraws (audited); the address no longer joins', async () => {
    const made = await call('operator', 'POST', invitations(sfm01), {
      email: 'changed.mind@invite.test',
      organisationId: applicantOrg,
      role: 'member',
      mode: 'commit',
    });
    const id = made.body.invitation.id as string;
    const preview = await call('operator', 'DELETE', `${invitations(sfm01)}/${id}`, { mode: 'preview' });
    expect(preview.status).toBe(200);
    expect(preview.body.invitation.email).toBe('changed.mind@invite.test');
    expect((await call('applicant', 'DELETE', `${invitations(sfm01)}/${id}`, { mode: 'preview' })).status).toBe(403);
    const noReason = await call('operator', 'DELETE', `${invitations(sfm01)}/${id}`, { mode: 'commit' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.field).toBe('reason');
    const done = await call('operator', 'DELETE', `${invitations(sfm01)}/${id}`, { mode: 'commit', reason: '잘못 보낸 초대' });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('committed');
    const [audit] = await audits('task.member.invite.withdraw');
    expect(audit!.reason).toBe('잘못 보낸 초대');
    expect((await call('operator', 'GET', `/api/v1/tasks/${sfm01}/members`)).body.invitations).toEqual([]);
    expect((await call('operator', 'DELETE', `${invitations(sfm01)}/${id}`, { mode: 'preview' })).status).toBe(404);
    await signUp(t, 'changed.mind@invite.test');
    const account = await accountOf('changed.mind@invite.test');
    expect(await t.ctx.db.select().from(taskMembers).where(eq(taskMembers.userId, account.id))).toHaveLength(0);
  });
});

describe('task invitations: a confirmed account accepts or declines, signed in', () => {
  const answer = (who: Who | string, id: string, body: object) => call(who, 'POST', `/api/v1/task-invitations/${id}/response`, body);
  const nuriAccount = () => accountOf('nuri@demo.stagegate.kr');

  it('the office invites a confirmed account that is not in the task; the person is told where to accept', async () => {
    const nuri = await nuriAccount();
    expect(
      await t.ctx.db
        .select()
        .from(taskMembers)
        .where(and(eq(taskMembers.userId, nuri.id), eq(taskMembers.taskId, sfm01))),
    ).toHaveLength(0);
    const commit = await call('operator', 'POST', invitations(sfm01), {
      email: 'nuri@demo.stagegate.kr',
      organisationId: applicantOrg,
      role: 'member',
      mode: 'commit',
      reason: '협력 연구원',
    });
    expect(commit.status).toBe(201);
    expect(commit.body.invitation).toMatchObject({ hasAccount: true, confirmed: true });
    const [inbox] = await t.ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, nuri.id), eq(notifications.kind, 'task-invitation')));
    expect(inbox!.link).toBe('/invitations');
    const [mail] = await t.ctx.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toEmail, 'nuri@demo.stagegate.kr'), eq(mailOutbox.kind, 'task-invitation')));
    expect(mail!.body).toContain("'받은 초대' 화면에서 초대를 수락하면");
    // nothing changes until the person answers
    expect(await t.ctx.db.select().from(taskMembers).where(eq(taskMembers.userId, nuri.id))).toHaveLength(0);
  });

  it('only the addressed account reads and answers it; to others it does not exist', async () => {
    const mine = await call('nuri', 'GET', '/api/v1/task-invitations');
    expect(mine.status).toBe(200);
    expect(mine.body.invitations).toEqual([
      expect.objectContaining({
        task: expect.objectContaining({ key: 'sfm-01' }),
        role: 'member',
        organisation: expect.objectContaining({ id: applicantOrg }),
      }),
    ]);
    const id = mine.body.invitations[0].id as string;
    expect((await call('applicant', 'GET', '/api/v1/task-invitations')).body.invitations).toEqual([]);
    expect((await answer('applicant', id, { accept: true, mode: 'commit' })).status).toBe(404);
    expect((await answer('operator', id, { accept: true, mode: 'preview' })).status).toBe(404);
    const anon = await t.app.inject({ method: 'POST', url: `/api/v1/task-invitations/${id}/response`, payload: { accept: true, mode: 'preview' } });
    expect(anon.statusCode).toBe(401);
  });

  it('an unconfirmed account with the address sees nothing: an unconfirmed address proves nothing', async () => {
    await signUp(t, 'unsure.owner@invite.test', { confirm: false });
    await call('operator', 'POST', invitations(sfm01), { email: 'unsure.owner@invite.test', organisationId: applicantOrg, role: 'member', mode: 'commit' });
    const session = await signIn(t.app, 'unsure.owner@invite.test', 'applicant-pass-1');
    const read = await call(session, 'GET', '/api/v1/task-invitations');
    expect(read.status).toBe(200);
    expect(read.body.invitations).toEqual([]);
  });

  it('the preview says what accepting changes and records nothing; the commit joins organisation and task, audited', async () => {
    const nuri = await nuriAccount();
    const id = (await call('nuri', 'GET', '/api/v1/task-invitations')).body.invitations[0].id as string;
    const preview = await answer('nuri', id, { accept: true, mode: 'preview' });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      status: 'preview',
      answer: { accept: true, joinsOrganisation: true, clusterUsername: 'nuri', alreadyInTask: false, taskFull: false },
    });
    expect(await t.ctx.db.select().from(taskMembers).where(eq(taskMembers.userId, nuri.id))).toHaveLength(0);
    const commit = await answer('nuri', id, { accept: true, mode: 'commit' });
    expect(commit.status).toBe(200);
    expect(commit.body.answer.clusterUsername).toBe('nuri');
    const joined = await t.ctx.db
      .select()
      .from(taskMembers)
      .where(and(eq(taskMembers.userId, nuri.id), eq(taskMembers.taskId, sfm01)));
    expect(joined.map((m) => [m.role, m.clusterUsername])).toEqual([['member', 'nuri']]);
    const orgs = await t.ctx.db
      .select()
      .from(organisationMembers)
      .where(and(eq(organisationMembers.userId, nuri.id), eq(organisationMembers.organisationId, applicantOrg)));
    expect(orgs).toHaveLength(1);
    const [audit] = await audits('task.member.invite.accept');
    expect(audit!.actorId).toBe(nuri.id);
    expect(audit!.after).toMatchObject({ invitationId: id, joined: true, clusterUsername: 'nuri' });
    // answered once: a second answer finds nothing
    expect((await answer('nuri', id, { accept: true, mode: 'commit' })).status).toBe(404);
    expect((await call('nuri', 'GET', '/api/v1/task-invitations')).body.invitations).toEqual([]);
  });

  it('declining clears the invitation without joining, audited', async () => {
    await signUp(t, 'says.no@invite.test');
    const account = await accountOf('says.no@invite.test');
    await call('operator', 'POST', invitations(sfm01), { email: 'says.no@invite.test', organisationId: applicantOrg, role: 'lead', mode: 'commit' });
    const session = await signIn(t.app, 'says.no@invite.test', 'applicant-pass-1');
    const id = (await call(session, 'GET', '/api/v1/task-invitations')).body.invitations[0].id as string;
    const preview = await answer(session, id, { accept: false, mode: 'preview' });
    expect(preview.body.answer).toMatchObject({ accept: false, joinsOrganisation: false, clusterUsername: null });
    expect((await answer(session, id, { accept: false, mode: 'commit' })).status).toBe(200);
    expect(await t.ctx.db.select().from(taskMembers).where(eq(taskMembers.userId, account.id))).toHaveLength(0);
    expect(await t.ctx.db.select().from(organisationMembers).where(eq(organisationMembers.userId, account.id))).toHaveLength(0);
    const [audit] = await audits('task.member.invite.decline');
    expect(audit!.actorId).toBe(account.id);
    expect(audit!.before).toMatchObject({ invitationId: id, role: 'lead' });
    expect((await call('operator', 'GET', `/api/v1/tasks/${sfm01}/members`)).body.invitations.map((i: { email: string }) => i.email)).not.toContain(
      'says.no@invite.test',
    );
  });

  it('an address confirmed before the invitation came (as after a completion that failed) accepts it on the invitations page', async () => {
    // the confirmation ran while the invitation did not exist yet (the office invited later, or the
    // completion failed): the invitation waits for the now-confirmed person instead of being lost
    await signUp(t, 'late.invite@invite.test');
    await call('operator', 'POST', invitations(sfm01), { email: 'late.invite@invite.test', organisationId: applicantOrg, role: 'member', mode: 'commit' });
    const session = await signIn(t.app, 'late.invite@invite.test', 'applicant-pass-1');
    const [pending] = (await call(session, 'GET', '/api/v1/task-invitations')).body.invitations;
    expect(pending).toBeDefined();
    expect((await answer(session, pending.id, { accept: true, mode: 'commit' })).body.answer.clusterUsername).toBe('late_invite');
  });
});
