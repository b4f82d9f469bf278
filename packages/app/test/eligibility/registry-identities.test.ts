import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, signIn } from '../support/test-context.ts';
import { databaseNow } from '../../src/db/clock.ts';
import { api, CALL, completeProposal, createOrganisation, PROGRAM, signUp, university, type Api } from '../applications/support.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let alice: Api;
let operator: Api;
beforeAll(async () => {
  t = await createTestServer();
  alice = api(t.app, await signUp(t, 'alice@registry.test'));
  operator = api(t.app, await signIn(t.app, 'operator@demo.stagegate.kr'));
  const now = await databaseNow(t.ctx.db);
  const at = (m: number) => new Date(now.getTime() + m * 60_000).toISOString();
  expect((await operator.put(`/api/v1/calls/${PROGRAM}/${CALL}/settings`, { opens: at(-60), closes: at(60), reason: 'test window' })).status).toBe(200);
});
afterAll(() => t.dispose());

const rule = (verdict: { rules: { id: string }[] }, id: string) =>
  verdict.rules.find((r) => r.id === id) as unknown as { passed: boolean; pending: string[]; members: string[]; message: { ko: string; en: string } };

async function verify(id: string) {
  const org = (await operator.get(`/api/v1/organisations/${id}`)).body.organisation;
  const res = await operator.post(`/api/v1/organisations/${id}/verification`, {
    verified: true,
    reason: '사업자등록증명과 중소기업확인서 대조',
    expectedRevision: org.revision,
    mode: 'commit',
  });
  expect(res.status).toBe(200);
}

describe('issue 13 item 1: identities from the registry, not free text', () => {
  it('a large enterprise cannot re-type itself as an SME in the draft: typed facts are refused, naming the field', async () => {
    const big = await createOrganisation(alice, { nameKo: '대형전자', nameEn: 'Daehyung Electronics', type: 'large_enterprise' });
    const draft = (await alice.post('/api/v1/applications', { program: PROGRAM, call: CALL, organisationId: big.id })).body.application;
    const retyped = await alice.patch(`/api/v1/applications/${draft.id}`, {
      baseVersion: 1,
      consortium: { lead: { name: '대형전자', type: 'sme', country: 'KR' }, participants: [] },
    });
    expect(retyped.status).toBe(422);
    expect(retyped.body.error.issues.map((i: { field: string }) => i.field)).toEqual(expect.arrayContaining(['consortium.lead.name', 'consortium.lead.type']));
    expect(retyped.body.error.issues.find((i: { field: string }) => i.field === 'consortium.lead.type').message.ko).toContain('기관 등록부');
    // with the record, the lead is what the registry says
    const saved = await alice.patch(`/api/v1/applications/${draft.id}`, {
      baseVersion: 1,
      consortium: { participants: [await university(alice)] },
      proposal: completeProposal(),
    });
    expect(saved.status).toBe(200);
    const verdict = (await alice.get(`/api/v1/applications/${draft.id}/eligibility`)).body.verdict;
    expect(rule(verdict, 'lead-type')).toMatchObject({ passed: false, members: ['대형전자'] });
  });

  it('another organisation’s name cannot be claimed: a second registration under a look-alike name is refused', async () => {
    await createOrganisation(alice, { nameKo: '누리보안', nameEn: 'Nuri Security' });
    const twin = await alice.post('/api/v1/organisations', {
      nameKo: '㈜누리보안',
      nameEn: 'Nuri Sec Holdings',
      type: 'sme',
      country: 'KR',
      registrationNo: '220-81-62517',
    });
    expect(twin.status).toBe(422);
    expect(twin.body.error.issues[0]).toMatchObject({ field: 'nameKo', message: { ko: expect.stringContaining('이미 등록된 기관(누리보안)') } });
    const cyrillic = await alice.post('/api/v1/organisations', {
      nameKo: '다른이름',
      nameEn: 'Nuri Ѕecurity',
      type: 'sme',
      country: 'KR',
      registrationNo: '220-81-62517',
    });
    expect(cyrillic.status).toBe(422);
    expect(cyrillic.body.error.issues.map((i: { field: string }) => i.field)).toContain('nameEn');
  });

  it('an exclusion-list name written with a Greek capital Alpha is caught, and only as lead (specialized-fm bars K-AI team leads)', async () => {
    const lg = await createOrganisation(alice, { nameKo: 'LG ΑI연구원', nameEn: 'Elgee Lab', type: 'research_institute' });
    const uni = await university(alice);
    const asLead = await alice.post('/api/v1/eligibility/check', { program: PROGRAM, call: CALL, organisationId: lg.id, consortium: { participants: [uni] } });
    expect(rule(asLead.body.verdict, 'k-ai-excluded')).toMatchObject({ passed: false, members: ['LG ΑI연구원'] });
    expect(asLead.body.eligible).toBe(false);
    const lead = await createOrganisation(alice, { nameKo: '가온AI', nameEn: 'Gaon AI', type: 'startup' });
    const asParticipant = await alice.post('/api/v1/eligibility/check', {
      program: PROGRAM,
      call: CALL,
      organisationId: lead.id,
      consortium: { participants: [uni, { organisationId: lg.id, role: 'data' }] },
    });
    expect(rule(asParticipant.body.verdict, 'k-ai-excluded').passed).toBe(true);
    expect(rule(asParticipant.body.verdict, 'k-ai-excluded').message.en).toContain('bars leads only');
  });

  it('unverified facts show "pending verification"; submission goes ahead; verification is the office’s, previewed and audited; an edit unverifies', async () => {
    const lead = await createOrganisation(alice, { nameKo: '바다AI', nameEn: 'Bada AI', type: 'sme', evidence: '중소기업확인서 제0000-0000호 (test)' });
    const uni = await university(alice);
    const draft = (await alice.post('/api/v1/applications', { program: PROGRAM, call: CALL, organisationId: lead.id })).body.application;
    const saved = await alice.patch(`/api/v1/applications/${draft.id}`, {
      baseVersion: 1,
      consortium: { participants: [uni] },
      proposal: completeProposal('검증 대기 과제'),
    });
    const live = (await alice.get(`/api/v1/applications/${draft.id}/eligibility`)).body;
    expect(live.eligible).toBe(true);
    expect(live.verdict.pendingVerification.members).toEqual(expect.arrayContaining(['바다AI']));
    expect(live.verdict.pendingVerification.message.ko).toContain('확인 대기');
    expect(rule(live.verdict, 'lead-type').pending).toEqual(['바다AI']);
    const submitted = await alice.post(`/api/v1/applications/${draft.id}/submit`, { version: saved.body.version });
    expect(submitted.status).toBe(201);

    // the applicant cannot verify itself
    expect(
      (await alice.post(`/api/v1/organisations/${lead.id}/verification`, { verified: true, reason: 'me', expectedRevision: 1, mode: 'commit' })).status,
    ).toBe(403);
    const preview = await operator.post(`/api/v1/organisations/${lead.id}/verification`, {
      verified: true,
      reason: '확인서 대조',
      expectedRevision: 1,
      mode: 'preview',
    });
    expect(preview.body).toMatchObject({
      status: 'preview',
      change: { before: 'unverified', after: 'verified', applications: 1, organisation: { type: 'sme', evidence: '중소기업확인서 제0000-0000호 (test)' } },
    });
    expect(preview.body.organisation.verificationStatus).toBe('unverified');
    const stale = await operator.post(`/api/v1/organisations/${lead.id}/verification`, {
      verified: true,
      reason: '확인서 대조',
      expectedRevision: 7,
      mode: 'commit',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.field).toBe('expectedRevision');
    await verify(lead.id);
    await verify(uni.organisationId);
    const audit = (await operator.get(`/api/v1/audit?objectType=organisation&objectId=${lead.id}`)).body;
    expect(JSON.stringify(audit)).toContain('organisation.verify');
    expect(JSON.stringify(audit)).toContain('확인서 대조');
    expect((await alice.get(`/api/v1/applications/${draft.id}/eligibility`)).body.verdict.pendingVerification).toBeNull();

    // re-typing a verified organisation puts it back to unverified
    const current = (await alice.get(`/api/v1/organisations/${lead.id}`)).body.organisation;
    const edited = await alice.patch(`/api/v1/organisations/${lead.id}`, { type: 'startup', expectedRevision: current.revision });
    expect(edited.body.organisation.verificationStatus).toBe('unverified');
    expect((await alice.get(`/api/v1/applications/${draft.id}/eligibility`)).body.verdict.pendingVerification.members).toEqual(['바다AI']);
  });

  it('selection refuses a consortium with unverified members, naming them; verified, that refusal is gone', async () => {
    const lead = await createOrganisation(alice, { nameKo: '하늘AI', nameEn: 'Haneul AI', type: 'startup' });
    const uni = await university(alice);
    const draft = (await alice.post('/api/v1/applications', { program: PROGRAM, call: CALL, organisationId: lead.id })).body.application;
    const saved = await alice.patch(`/api/v1/applications/${draft.id}`, {
      baseVersion: 1,
      consortium: { participants: [uni] },
      proposal: completeProposal('하늘 과제'),
    });
    expect((await alice.post(`/api/v1/applications/${draft.id}/submit`, { version: saved.body.version })).status).toBe(201);
    const select = () =>
      operator.put(`/api/v1/review/calls/${PROGRAM}/${CALL}/selection`, {
        decisions: [{ applicationId: draft.id, outcome: 'selected', reason: '우수' }],
        mode: 'preview',
      });
    const refused = await select();
    expect(refused.status).toBe(422);
    const unverified = refused.body.error.issues.find((i: { message: { en: string } }) => i.message.en.includes('unverified'));
    expect(unverified.field).toBe('decisions.0.outcome');
    expect(unverified.message.ko).toContain('하늘AI');
    expect(unverified.message.ko).toContain('확인되지 않은 기관');
    await verify(lead.id);
    await verify(uni.organisationId);
    const again = await select();
    // still refused for want of reviews, but no longer for identities
    expect(again.body.error.issues.some((i: { message: { en: string } }) => i.message.en.includes('unverified'))).toBe(false);
  });

  it('the directory lists records by name with their verification, for the consortium builder', async () => {
    await createOrganisation(alice, { nameKo: '별빛대학교', nameEn: 'Byeolbit University', type: 'university' });
    const found = await alice.get(`/api/v1/organisations/directory?q=${encodeURIComponent('별빛')}`);
    expect(found.body.organisations).toEqual([expect.objectContaining({ nameKo: '별빛대학교', type: 'university', verified: false })]);
    expect(found.body.organisations[0].registrationNo).toBeUndefined();
  });
});
