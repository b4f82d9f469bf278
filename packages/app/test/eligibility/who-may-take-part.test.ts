import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, signIn } from '../support/test-context.ts';
import { databaseNow } from '../../src/db/clock.ts';
import { api, CALL, completeProposal, createOrganisation, PROGRAM, signUp, university, type Api } from '../applications/support.ts';

// Issue 16 item 6 through the API and the CLI: a foreign participant takes part in specialized-fm
// only for global service development with its purpose declared; K-AI's exclusion bars the teams'
// lead institutions only. Facts come from the registry records, the purpose from the applicant.
// `programs show` is tried in programs-cli.test.ts.

let t: Awaited<ReturnType<typeof createTestServer>>;
let alice: Api;
beforeAll(async () => {
  t = await createTestServer();
  alice = api(t.app, await signUp(t, 'alice@take-part.test'));
  const operator = api(t.app, await signIn(t.app, 'operator@demo.stagegate.kr'));
  const now = await databaseNow(t.ctx.db);
  const at = (m: number) => new Date(now.getTime() + m * 60_000).toISOString();
  expect((await operator.put(`/api/v1/calls/${PROGRAM}/${CALL}/settings`, { opens: at(-60), closes: at(60), reason: 'test window' })).status).toBe(200);
});
afterAll(() => t.dispose());

type Rule = { id: string; passed: boolean; members: string[]; message: { ko: string; en: string } };
const rule = (verdict: { rules: Rule[] }, id: string) => verdict.rules.find((r) => r.id === id)!;

describe('who may take part (issue 16 item 6)', () => {
  it('a foreign participant needs the global-service role and a declared purpose; the draft keeps the purpose', async () => {
    const lead = await createOrganisation(alice, { nameKo: '누리헬스AI', nameEn: 'Nuri Health AI', type: 'startup' });
    const foreign = await createOrganisation(alice, { nameKo: '글로벌케어', nameEn: 'GlobalCare Inc.', type: 'sme', country: 'US' });
    const uni = await university(alice);
    const draft = (await alice.post('/api/v1/applications', { program: PROGRAM, call: CALL, organisationId: lead.id })).body.application;

    const undeclared = await alice.patch(`/api/v1/applications/${draft.id}`, {
      baseVersion: 1,
      consortium: { participants: [uni, { organisationId: foreign.id, role: 'global_service' }] },
      proposal: completeProposal('해외 서비스 과제'),
    });
    expect(undeclared.status).toBe(200);
    const v1 = (await alice.get(`/api/v1/applications/${draft.id}/eligibility`)).body.verdict;
    expect(rule(v1, 'domestic')).toMatchObject({ passed: false, members: ['글로벌케어'] });
    expect(rule(v1, 'domestic').message.ko).toContain('글로벌케어(US)는 참여 목적을 밝히지 않았습니다');
    expect(rule(v1, 'domestic').message.ko).toContain('해외 기업은 글로벌 서비스 개발 목적으로만');

    const purpose = '미국 원격진료 플랫폼과 연동한 영어 의료 상담 서비스 개발';
    const declared = await alice.patch(`/api/v1/applications/${draft.id}`, {
      baseVersion: undeclared.body.version,
      consortium: { participants: [uni, { organisationId: foreign.id, role: 'global_service', purpose }] },
    });
    expect(declared.status).toBe(200);
    const v2 = (await alice.get(`/api/v1/applications/${draft.id}/eligibility`)).body.verdict;
    expect(rule(v2, 'domestic').passed).toBe(true);
    expect(rule(v2, 'domestic').message.ko).toContain(purpose);
    const stored = (await alice.get(`/api/v1/applications/${draft.id}`)).body.application.consortium;
    expect(stored.participants[1]).toMatchObject({ organisationId: foreign.id, name: '글로벌케어', country: 'US', role: 'global_service', purpose });

    // the purpose does not make a builder of a foreign firm
    const builder = await alice.post('/api/v1/eligibility/check', {
      program: PROGRAM,
      call: CALL,
      organisationId: lead.id,
      consortium: { participants: [uni, { organisationId: foreign.id, role: 'model_development', purpose }] },
    });
    expect(rule(builder.body.verdict, 'domestic')).toMatchObject({ passed: false, members: ['글로벌케어'] });
    expect(rule(builder.body.verdict, 'domestic').message.ko).toContain('역할이 모델 개발로');
  });

  it('refuses a purpose that is too long, naming the field: the live check lists it, saving a draft is refused', async () => {
    const lead = await createOrganisation(alice, { nameKo: '다온AI', nameEn: 'Daon AI', type: 'startup' });
    const participants = [{ ...(await university(alice)), purpose: 'x'.repeat(501) }];
    const live = await alice.post('/api/v1/eligibility/check', { program: PROGRAM, call: CALL, organisationId: lead.id, consortium: { participants } });
    expect(live.status).toBe(200);
    expect(live.body.verdict).toBeNull();
    expect(live.body.issues).toEqual([
      expect.objectContaining({
        field: 'consortium.participants[0].purpose',
        message: expect.objectContaining({ ko: expect.stringContaining('참여기관 1의 참여 목적은 500자 이내') }),
      }),
    ]);
    const draft = (await alice.post('/api/v1/applications', { program: PROGRAM, call: CALL, organisationId: lead.id })).body.application;
    const saved = await alice.patch(`/api/v1/applications/${draft.id}`, { baseVersion: 1, consortium: { participants } });
    expect(saved.status).toBe(422);
    expect(saved.body.error.issues.map((i: { field: string }) => i.field)).toContain('consortium.participants[0].purpose');
  });

  it("a company that merely took part in a K-AI team may lead; a K-AI team's lead may not", async () => {
    const uni = await university(alice);
    const member = await createOrganisation(alice, { nameKo: '래블업', nameEn: 'Lablup Inc.', type: 'sme' });
    const asLead = await alice.post('/api/v1/eligibility/check', {
      program: PROGRAM,
      call: CALL,
      organisationId: member.id,
      consortium: { participants: [uni] },
    });
    expect(rule(asLead.body.verdict, 'k-ai-excluded').passed).toBe(true);
    expect(rule(asLead.body.verdict, 'k-ai-excluded').message.ko).toContain('래블업(정예팀 참여기관)');
    const teamLead = await createOrganisation(alice, { nameKo: '업스테이지', nameEn: 'Upstage AI', type: 'startup' });
    const barred = await alice.post('/api/v1/eligibility/check', {
      program: PROGRAM,
      call: CALL,
      organisationId: teamLead.id,
      consortium: { participants: [uni] },
    });
    expect(rule(barred.body.verdict, 'k-ai-excluded')).toMatchObject({ passed: false, members: ['업스테이지'] });
    expect(rule(barred.body.verdict, 'k-ai-excluded').message.ko).toContain('정예팀 주관기관');
  });
});
