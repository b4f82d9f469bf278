import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, signIn } from '../support/test-context.ts';
import { api, createOrganisation, freshRegistrationNo, signUp, type Api } from './support.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let alice: Api;
let bob: Api;
let operator: Api;
beforeAll(async () => {
  t = await createTestServer();
  alice = api(t.app, await signUp(t, 'alice@org.test'));
  bob = api(t.app, await signUp(t, 'bob@org.test'));
  operator = api(t.app, await signIn(t.app, 'operator@demo.stagegate.kr'));
});
afterAll(() => t.dispose());

describe('organisations', () => {
  it('an applicant who registers an organisation becomes its admin; the action is audited', async () => {
    const reg = freshRegistrationNo();
    const res = await alice.post('/api/v1/organisations', {
      nameKo: 'LG AI연구원 협력사',
      nameEn: 'Partner of LG AI Research',
      type: 'sme',
      country: 'kr',
      registrationNo: reg.replace(/-/g, ''),
    });
    expect(res.status).toBe(201);
    expect(res.body.organisation).toMatchObject({ country: 'KR', registrationNo: reg, nameKo: 'LG AI연구원 협력사' });
    const one = await alice.get(`/api/v1/organisations/${res.body.organisation.id}`);
    expect(one.body.myRole).toBe('admin');
    expect(one.body.members.map((m: { email: string }) => m.email)).toEqual(['alice@org.test']);
    const audit = await operator.get(`/api/v1/audit?objectType=organisation&objectId=${res.body.organisation.id}`);
    expect(JSON.stringify(audit.body)).toContain('organisation.create');
  });

  it('refuses a registration number whose check digit is wrong, naming the field', async () => {
    const good = freshRegistrationNo();
    const bad = good.slice(0, -1) + String((Number(good.at(-1)) + 1) % 10);
    const res = await alice.post('/api/v1/organisations', { nameKo: '가', nameEn: 'Ga', type: 'sme', country: 'KR', registrationNo: bad });
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe('registrationNo');
    expect(res.body.error.issues[0].message.ko).toContain('검증번호');
  });

  it('refuses an English name written in mixed scripts (Hangul, or a Cyrillic look-alike) but keeps mixed Korean names', async () => {
    const hangul = await alice.post('/api/v1/organisations', {
      nameKo: '업스테이지랩',
      nameEn: 'Upstage 랩',
      type: 'startup',
      country: 'KR',
      registrationNo: freshRegistrationNo(),
    });
    expect(hangul.status).toBe(422);
    expect(hangul.body.error.field).toBe('nameEn');
    const cyrillic = await alice.post('/api/v1/organisations', {
      nameKo: '네이버랩',
      nameEn: 'Nаver Lab',
      type: 'startup',
      country: 'KR',
      registrationNo: freshRegistrationNo(),
    }); // 'а' is Cyrillic
    expect(cyrillic.status).toBe(422);
    expect(cyrillic.body.error.field).toBe('nameEn');
    const zeroWidth = await alice.post('/api/v1/organisations', {
      nameKo: '네이\u200b버랩',
      nameEn: 'Naver Lab',
      type: 'startup',
      country: 'KR',
      registrationNo: freshRegistrationNo(),
    });
    expect(zeroWidth.body.error.field).toBe('nameKo');
  });

  it('names every wrong type at once', async () => {
    const res = await alice.post('/api/v1/organisations', { nameKo: 12, nameEn: ['x'], type: 'company', country: 'Korea', registrationNo: 1234567890 });
    expect(res.status).toBe(422);
    expect(res.body.error.issues.map((i: { field: string }) => i.field)).toEqual(['nameKo', 'nameEn', 'type', 'country', 'registrationNo']);
  });

  it('rejects malformed JSON from a signed-in applicant with 400 and a message', async () => {
    const cookie = await signUp(t, 'carol@org.test');
    const raw = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      payload: '{"nameKo": "가",',
      headers: { cookie, 'content-type': 'application/json' },
    });
    expect(raw.statusCode).toBe(400);
    expect(raw.json().error.message).toMatch(/JSON/i);
  });

  it('one registration number, one organisation', async () => {
    const reg = freshRegistrationNo();
    await createOrganisation(alice, { registrationNo: reg });
    const twin = await bob.post('/api/v1/organisations', { nameKo: '다른 이름', nameEn: 'Other', type: 'sme', country: 'KR', registrationNo: reg });
    expect(twin.status).toBe(422);
    expect(twin.body.error.message).toContain('already registered');
  });

  it('applicants see only their own organisations; the office sees all; a stranger cannot read or edit one', async () => {
    const mine = await createOrganisation(bob, { nameKo: '밥의 회사', nameEn: 'Bob Co' });
    const bobs = await bob.get('/api/v1/organisations');
    const alices = await alice.get('/api/v1/organisations');
    expect(bobs.body.organisations.map((o: { id: string }) => o.id)).toContain(mine.id);
    expect(alices.body.organisations.map((o: { id: string }) => o.id)).not.toContain(mine.id);
    expect((await operator.get('/api/v1/organisations')).body.organisations.map((o: { id: string }) => o.id)).toContain(mine.id);
    expect((await alice.get(`/api/v1/organisations/${mine.id}`)).status).toBe(403);
    expect((await alice.patch(`/api/v1/organisations/${mine.id}`, { expectedRevision: 1, nameEn: 'Mine now' })).status).toBe(403);
  });

  it('an admin edits with optimistic revisions and adds members who then see the organisation', async () => {
    const org = await createOrganisation(bob, { nameKo: '편집 회사', nameEn: 'Edit Co' });
    const ok = await bob.patch(`/api/v1/organisations/${org.id}`, { expectedRevision: 1, nameEn: 'Edit Company' });
    expect(ok.body.organisation).toMatchObject({ nameEn: 'Edit Company', revision: 2 });
    const stale = await bob.patch(`/api/v1/organisations/${org.id}`, { expectedRevision: 1, nameEn: 'Lost' });
    expect(stale.status).toBe(409);
    const added = await bob.post(`/api/v1/organisations/${org.id}/members`, { email: 'alice@org.test', role: 'member' });
    expect(added.status).toBe(200);
    // the offer is announced in alice's inbox, pointing at the page where she answers it
    const inbox = (await alice.get('/api/v1/me/notifications')).body.notifications as { kind: string; link: string | null; title: { ko: string } }[];
    expect(inbox.find((n) => n.kind === 'organisation-invitation')).toMatchObject({ link: '/invitations', title: { ko: '편집 회사 기관 가입 초대' } });
    const [offer] = (await alice.get('/api/v1/organisation-invitations')).body.invitations;
    expect((await alice.post(`/api/v1/organisation-invitations/${offer.id}/response`, { accept: true })).status).toBe(200);
    expect((await alice.get(`/api/v1/organisations/${org.id}`)).body.myRole).toBe('member');
    // a plain member cannot add members
    expect((await alice.post(`/api/v1/organisations/${org.id}/members`, { email: 'bob@org.test', role: 'admin' })).status).toBe(403);
  });

  it('issue 12 item 7: adding a person is an offer they accept signed in; members leave, admins remove, all audited', async () => {
    const carol = api(t.app, await signUp(t, 'erin@org.test'));
    const org = await createOrganisation(bob, { nameKo: '초대 회사', nameEn: 'Invite Co' });
    expect((await bob.post(`/api/v1/organisations/${org.id}/members`, { email: 'erin@org.test', role: 'member' })).status).toBe(200);
    // until she accepts: no access, not a member (so no conflict of interest derives from it)
    expect((await carol.get(`/api/v1/organisations/${org.id}`)).status).toBe(403);
    expect((await bob.get(`/api/v1/organisations/${org.id}`)).body.members.map((m: { email: string }) => m.email)).toEqual(['bob@org.test']);
    const [offer] = (await carol.get('/api/v1/organisation-invitations')).body.invitations;
    expect(offer).toMatchObject({ organisationId: org.id, role: 'member' });
    // nobody else answers her offer, not even the admin who made it
    expect((await bob.post(`/api/v1/organisation-invitations/${offer.id}/response`, { accept: true })).status).toBe(403);
    expect((await alice.post(`/api/v1/organisation-invitations/${offer.id}/response`, { accept: true })).status).toBe(403);
    expect((await carol.post(`/api/v1/organisation-invitations/${offer.id}/response`, { accept: true })).status).toBe(200);
    expect((await carol.get(`/api/v1/organisations/${org.id}`)).body.myRole).toBe('member');
    // a member cannot remove another; she can leave; the admin can remove; the last admin cannot leave
    const carolId = (await bob.get(`/api/v1/organisations/${org.id}`)).body.members.find((m: { email: string }) => m.email === 'erin@org.test').userId;
    const bobId = (await bob.get(`/api/v1/organisations/${org.id}`)).body.members.find((m: { email: string }) => m.email === 'bob@org.test').userId;
    expect((await carol.del(`/api/v1/organisations/${org.id}/members/${bobId}`)).status).toBe(403);
    expect((await bob.del(`/api/v1/organisations/${org.id}/members/${bobId}`)).status).toBe(422);
    expect((await carol.del(`/api/v1/organisations/${org.id}/members/${carolId}`)).status).toBe(200);
    expect((await carol.get(`/api/v1/organisations/${org.id}`)).status).toBe(403);
    await bob.post(`/api/v1/organisations/${org.id}/members`, { email: 'erin@org.test', role: 'member' });
    const [again] = (await carol.get('/api/v1/organisation-invitations')).body.invitations;
    await carol.post(`/api/v1/organisation-invitations/${again.id}/response`, { accept: true });
    expect((await bob.del(`/api/v1/organisations/${org.id}/members/${carolId}`)).status).toBe(200);
    const audit = await operator.get(`/api/v1/audit?objectType=organisation&objectId=${org.id}`);
    const actions = audit.body.entries.map((e: { action: string }) => e.action);
    for (const a of ['organisation.member.invite', 'organisation.member.accept', 'organisation.member.leave', 'organisation.member.remove'])
      expect(actions).toContain(a);
  });

  it("an admin's offer and the person's answer are previewed first; the previews write nothing, a second answer finds the offer gone", async () => {
    const dave = api(t.app, await signUp(t, 'dave@org.test'));
    const org = await createOrganisation(bob, { nameKo: '미리보기 회사', nameEn: 'Preview Co' });
    const audit = async () => (await operator.get(`/api/v1/audit?objectType=organisation&objectId=${org.id}`)).body.entries.length;
    const inbox = async () => (await dave.get('/api/v1/me/notifications')).body.notifications.length;
    const [auditBefore, inboxBefore] = [await audit(), await inbox()];

    const preview = await bob.post(`/api/v1/organisations/${org.id}/members`, { email: 'Dave@org.test', role: 'admin', mode: 'preview' });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ mode: 'preview', offer: { email: 'dave@org.test', name: null, change: 'offer', currentRole: null, role: 'admin' } });
    expect((await dave.get('/api/v1/organisation-invitations')).body.invitations).toEqual([]);
    expect((await bob.get(`/api/v1/organisations/${org.id}`)).body.offers).toEqual([]);
    expect([await audit(), await inbox()]).toEqual([auditBefore, inboxBefore]);

    expect((await bob.post(`/api/v1/organisations/${org.id}/members`, { email: 'dave@org.test', role: 'admin', mode: 'commit' })).body.offer.change).toBe(
      'offer',
    );
    // the admin sees who has not answered yet; the same offer again changes nothing and tells nobody twice
    expect((await bob.get(`/api/v1/organisations/${org.id}`)).body.offers).toEqual([{ email: 'dave@org.test', role: 'admin', createdAt: expect.any(String) }]);
    const again = await bob.post(`/api/v1/organisations/${org.id}/members`, { email: 'dave@org.test', role: 'admin', mode: 'commit' });
    expect(again.body.offer.change).toBe('unchanged');
    expect(await inbox()).toBe(inboxBefore + 1);

    const [offer] = (await dave.get('/api/v1/organisation-invitations')).body.invitations;
    const answerPreview = await dave.post(`/api/v1/organisation-invitations/${offer.id}/response`, { accept: true, mode: 'preview' });
    expect(answerPreview.body).toMatchObject({
      mode: 'preview',
      answer: { organisation: { id: org.id, name: { ko: '미리보기 회사' } }, role: 'admin', accept: true },
    });
    expect((await dave.get(`/api/v1/organisations/${org.id}`)).status).toBe(403);
    expect((await dave.post(`/api/v1/organisation-invitations/${offer.id}/response`, { accept: true, mode: 'commit' })).status).toBe(200);
    expect((await dave.get(`/api/v1/organisations/${org.id}`)).body.myRole).toBe('admin');
    expect((await dave.post(`/api/v1/organisation-invitations/${offer.id}/response`, { accept: false, mode: 'commit' })).status).toBe(404);
    expect((await dave.get(`/api/v1/organisations/${org.id}`)).body.myRole).toBe('admin');

    // for a member, the preview names the role change
    const change = await bob.post(`/api/v1/organisations/${org.id}/members`, { email: 'dave@org.test', role: 'member', mode: 'preview' });
    expect(change.body.offer).toMatchObject({ name: 'dave@org.test', change: 'role', currentRole: 'admin', role: 'member' });
    expect((await bob.get(`/api/v1/organisations/${org.id}`)).body.members.find((m: { email: string }) => m.email === 'dave@org.test').role).toBe('admin');
  });
});
