import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkEligibility } from '../../src/eligibility/check-eligibility.ts';
import type { Consortium, ConsortiumMember } from '../../src/eligibility/consortium.ts';
import { MAX_PURPOSE_LENGTH, parseConsortium } from '../../src/eligibility/consortium.ts';
import { parseConsortiumRefs } from '../../src/eligibility/consortium-refs.ts';
import { consortium, member, settingsOf } from './fixtures.ts';

// Issue 16 item 6: who may take part — which listed teams' institutions an exclusion bars, and
// foreign participants only for a declared purpose in an allowed role.

const teams = [
  { name: { ko: '업스테이지', en: 'Upstage' }, teamRole: 'lead', reason: { ko: '정예팀 주관기관', en: "a selected team's lead" } },
  { name: { ko: '래블업', en: 'Lablup' }, teamRole: 'member', reason: { ko: '정예팀 참여기관', en: "a selected team's participant" } },
  { name: { ko: '노타', en: 'Nota' }, teamRole: 'member' },
  { name: { ko: 'SK텔레콤', en: 'SK Telecom' }, teamRole: 'lead' },
];
const reason = { ko: '중복 지원 방지', en: 'no double support' };
const exclusion = (teamScope: 'leads' | 'all', scope: 'lead' | 'all' = 'all') =>
  settingsOf([{ id: 'k-ai', kind: 'excludedOrganisations', list: 'teams', scope, teamScope, reason }], { teams });
const rule = (v: ReturnType<typeof checkEligibility>) => v.rules[0]!;

describe('excludedOrganisations: which listed institutions are barred (teamScope)', () => {
  it("with 'leads', bars a listed team's lead institution but lets its participants apply, naming them as looked at", () => {
    const barredLead = checkEligibility(exclusion('leads'), consortium(member('스타트업', 'startup'), member('㈜업스테이지', 'startup')));
    expect(rule(barredLead)).toMatchObject({ passed: false, members: ['㈜업스테이지'] });
    expect(rule(barredLead).message.ko).toContain('정예팀 주관기관');
    expect(rule(barredLead).message.ko).toContain('(사유: 중복 지원 방지)');
    expect(rule(barredLead).message.en).toContain('(reason: no double support)');

    const members = checkEligibility(exclusion('leads'), consortium(member('Lablup Inc.', 'sme'), member('노타', 'startup')));
    expect(rule(members).passed).toBe(true);
    expect(rule(members).message.ko).toContain('명단에 있으나 제한되지 않는 기관: Lablup Inc.(정예팀 참여기관); 노타(정예팀 참여기관)');
    expect(rule(members).message.en).toContain('their participants may apply');
  });

  it("with 'all', bars every listed institution, participants of a team too", () => {
    const v = checkEligibility(exclusion('all'), consortium(member('스타트업', 'startup'), member('래블업', 'sme'), member('노타', 'startup')));
    expect(rule(v)).toMatchObject({ passed: false, members: ['래블업', '노타'] });
    expect(rule(v).message.ko).toContain('래블업(래블업, 정예팀 참여기관)');
  });

  it('combines with scope: a listed lead barred from leading may still take part as a participant', () => {
    const s = exclusion('leads', 'lead');
    expect(rule(checkEligibility(s, consortium(member('스타트업', 'startup'), member('SK텔레콤', 'large_enterprise')))).passed).toBe(true);
    expect(rule(checkEligibility(s, consortium(member('SK Telecom', 'large_enterprise')))).members).toEqual(['SK Telecom']);
  });

  it('reads an older list without teamRole as leads, and an older rule without teamScope as barring every listed entry', () => {
    const s = settingsOf([{ id: 'x', kind: 'excludedOrganisations', list: 'old' }], { old: [{ name: { ko: '래블업', en: 'Lablup' } }] });
    expect(s.exclusionLists.old![0]!.teamRole).toBe('lead');
    expect(s.rules[0]).toMatchObject({ teamScope: 'all' });
    expect(checkEligibility(s, consortium(member('A', 'sme'), member('래블업', 'sme'))).eligible).toBe(false);
  });

  const entryArb = fc.record({
    name: fc.constantFrom('업스테이지', '래블업', '노타', 'SK텔레콤', '크래프톤', '리벨리온'),
    teamRole: fc.constantFrom('lead', 'member'),
  });
  const memberArb: fc.Arbitrary<ConsortiumMember> = fc.record({
    name: fc.constantFrom('업스테이지', '㈜래블업', 'Nota', '노타', 'SK텔레콤', '크래프톤', '리벨리온', '가나다AI', '한빛대학교'),
    type: fc.constantFrom('sme', 'startup', 'university'),
    country: fc.constant('KR'),
  });
  const consortiumArb: fc.Arbitrary<Consortium> = fc.record({
    lead: memberArb,
    participants: fc.uniqueArray(memberArb, { maxLength: 5, selector: (m) => m.name }),
  });

  it('narrowing to leads never bars more, and bars exactly the members matched by a lead entry', () => {
    fc.assert(
      fc.property(fc.uniqueArray(entryArb, { selector: (e) => e.name, maxLength: 6 }), consortiumArb, fc.constantFrom('lead', 'all'), (entries, c, scope) => {
        const list = entries.map((e) => ({ name: { ko: e.name, en: e.name }, teamRole: e.teamRole }));
        const of = (teamScope: string) =>
          rule(checkEligibility(settingsOf([{ id: 'x', kind: 'excludedOrganisations', list: 't', scope, teamScope }], { t: list }), c));
        const leads = of('leads');
        const all = of('all');
        if (all.passed) expect(leads.passed).toBe(true);
        for (const m of leads.members) expect(all.members).toContain(m);
        const onlyLeads = rule(
          checkEligibility(
            settingsOf([{ id: 'x', kind: 'excludedOrganisations', list: 't', scope, teamScope: 'all' }], { t: list.filter((e) => e.teamRole === 'lead') }),
            c,
          ),
        );
        expect(leads.members).toEqual(onlyLeads.members);
      }),
    );
  });
});

describe('domesticOnly with a declared purpose', () => {
  const settings = settingsOf([
    {
      id: 'domestic',
      kind: 'domesticOnly',
      country: 'KR',
      foreignAllowedRoles: ['global_service'],
      purposeRequired: true,
      reason: { ko: '해외 기업은 글로벌 서비스 개발 목적으로만', en: 'foreign firms only for global services' },
    },
  ]);
  const lead = member('가나다AI', 'startup');

  it('lets a foreign participant in the allowed role take part with its purpose declared, quoting it', () => {
    const v = checkEligibility(
      settings,
      consortium(lead, member('Global Lingua', 'sme', { country: 'US', role: 'global_service', purpose: '북미 법률 서비스 현지화' })),
    );
    expect(rule(v).passed).toBe(true);
    expect(rule(v).message.ko).toContain('Global Lingua(US, 목적: 북미 법률 서비스 현지화)');
    expect(rule(v).message.ko).toContain('(사유: 해외 기업은 글로벌 서비스 개발 목적으로만)');
  });

  it('refuses it without a purpose, naming the institution with the right particle and the reason', () => {
    const v = checkEligibility(
      settings,
      consortium(
        lead,
        member('글로벌링구아', 'sme', { country: 'US', role: 'global_service' }),
        member('Acme Labs', 'sme', { country: 'JP', role: 'global_service' }),
      ),
    );
    expect(rule(v)).toMatchObject({ passed: false, members: ['글로벌링구아', 'Acme Labs'] });
    expect(rule(v).message.ko).toContain('글로벌링구아(US)는 참여 목적을 밝히지 않았습니다');
    // "Acme Labs(JP)" is read 제이피: no final consonant, so 는
    expect(rule(v).message.ko).toContain('Acme Labs(JP)는');
    expect(rule(v).message.en).toContain('(reason: foreign firms only for global services)');
  });

  it('refuses a foreign participant in another role whatever its purpose, in words rather than codes', () => {
    const v = checkEligibility(settings, consortium(lead, member('Acme', 'sme', { country: 'US', role: 'model_development', purpose: '모델 학습' })));
    expect(rule(v).members).toEqual(['Acme']);
    expect(rule(v).message.ko).toContain('역할이 모델 개발로, 해외 기관에 허용된 역할(글로벌 서비스 개발)이 아닙니다');
    expect(rule(v).message.ko).not.toContain('model_development');
  });

  const foreignArb: fc.Arbitrary<ConsortiumMember> = fc.record(
    {
      name: fc.constantFrom('Acme', 'Nord', '글로벌링구아', 'Beta'),
      type: fc.constantFrom('sme', 'university'),
      country: fc.constantFrom('KR', 'US', 'DE'),
      role: fc.constantFrom('global_service', 'data'),
      purpose: fc.string({ minLength: 1, maxLength: 20 }),
    },
    { requiredKeys: ['name', 'type', 'country'] },
  );
  it('requiring a purpose only ever narrows, and declaring one for every foreign participant undoes the difference', () => {
    fc.assert(
      fc.property(fc.array(foreignArb, { maxLength: 6 }), fc.string({ minLength: 1, maxLength: 10 }), (participants, declared) => {
        const c = consortium(lead, ...participants);
        const without = settingsOf([{ id: 'd', kind: 'domesticOnly', country: 'KR', foreignAllowedRoles: ['global_service'] }]);
        const strict = checkEligibility(settings, c);
        if (strict.eligible) expect(checkEligibility(without, c).eligible).toBe(true);
        const declaredAll = consortium(lead, ...participants.map((p) => ({ ...p, purpose: p.purpose ?? declared })));
        expect(checkEligibility(settings, declaredAll).eligible).toBe(checkEligibility(without, declaredAll).eligible);
      }),
    );
  });
});

describe('a declared purpose in the forms', () => {
  const id = '00000000-0000-4000-8000-000000000001';
  it('is read, trimmed, from a draft and from a file', () => {
    expect(parseConsortiumRefs({ participants: [{ organisationId: id, role: 'global_service', purpose: '  북미 서비스  ' }] }).refs!.participants[0]).toEqual({
      organisationId: id,
      role: 'global_service',
      purpose: '북미 서비스',
    });
    const file = parseConsortium({
      lead: { name: 'A', type: 'sme', country: 'KR' },
      participants: [{ name: 'B', type: 'sme', country: 'US', role: 'global_service', purpose: 'US service' }],
    });
    expect(file.consortium!.participants[0]!.purpose).toBe('US service');
  });
  it('is refused when too long or not text, naming the participant in Korean and the field in English', () => {
    const long = parseConsortiumRefs({ participants: [{ organisationId: id, purpose: '가'.repeat(MAX_PURPOSE_LENGTH + 1) }] });
    expect(long.issues).toEqual([
      { field: 'participants[0].purpose', message: expect.objectContaining({ ko: expect.stringContaining('참여기관 1의 참여 목적은 500자 이내') }) },
    ]);
    const notText = parseConsortiumRefs({ participants: [{ organisationId: id, purpose: 42 }] });
    expect(notText.issues[0]!.field).toBe('participants[0].purpose');
    expect(parseConsortiumRefs({ participants: [{ organisationId: id, purpose: 'a\u0007b' }] }).issues[0]!.message.en).toContain('control characters');
  });
});
