import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkEligibility } from '../../src/eligibility/check-eligibility.ts';
import { consortiumFromRecords, parseConsortiumRefs } from '../../src/eligibility/consortium-refs.ts';
import { parseConsortium } from '../../src/eligibility/consortium.ts';
import { normaliseOrganisationName } from '../../src/organisation/name-normalisation.ts';
import { lookAlikesOf } from '../../src/organisation/confusables.ts';
import type { OrganisationRecord } from '../../src/organisation/registry-record.ts';
import { consortium, member, settingsOf } from './fixtures.ts';

const teams = [
  { name: { ko: 'LG AI연구원', en: 'LG AI Research' }, aliases: ['엘지AI연구원'] },
  { name: { ko: '업스테이지', en: 'Upstage' }, aliases: [] },
];
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const record = (n: number, over: Partial<OrganisationRecord> = {}): OrganisationRecord => ({
  id: uuid(n),
  nameKo: `기관${n}`,
  nameEn: `Org ${n}`,
  type: 'university',
  country: 'KR',
  registrationNo: null,
  verified: true,
  ...over,
});

describe('issue 13 item 1: exclusion names folded (NFKC, look-alikes, spacing)', () => {
  it('catches the Greek capital Alpha, Cyrillic letters, full-width forms and zero-width spaces', () => {
    const settings = settingsOf([{ id: 'x', kind: 'excludedOrganisations', list: 'teams' }], { teams });
    for (const name of ['LG ΑI연구원', 'LG АI연구원', 'ＬＧ ＡＩ 연구원', 'L\u200bG AI 연구원', 'Ｕpstage', 'UРSTAGE']) {
      const v = checkEligibility(settings, consortium(member(name, 'sme')));
      expect(v.rules[0]!.passed, name).toBe(false);
      expect(v.rules[0]!.members).toEqual([name]);
    }
  });

  it('property: any listed name disguised with look-alike letters, spaces and width still folds to the same key', () => {
    const names = ['LG AI Research', 'Upstage', 'SK Telecom', 'NC AI', 'Naver Cloud'];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.array(fc.nat(), { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 4 }), (name, picks, spaces) => {
        let disguised = [...name]
          .map((ch, i) => {
            const alikes = lookAlikesOf(ch);
            const p = picks[i % Math.max(1, picks.length)];
            return alikes.length && p !== undefined && p % 2 === 0 ? alikes[p % alikes.length]! : ch;
          })
          .join('');
        for (const s of spaces) {
          const at = s % (disguised.length + 1);
          disguised = disguised.slice(0, at) + (s % 3 === 0 ? '\u200b' : ' ') + disguised.slice(at);
        }
        expect(normaliseOrganisationName(disguised)).toBe(normaliseOrganisationName(name));
      }),
    );
  });

  it('bars only the lead when the program says the list covers leads (K-AI teams in specialized-fm)', () => {
    const settings = settingsOf([{ id: 'x', kind: 'excludedOrganisations', list: 'teams', scope: 'lead' }], { teams });
    const asParticipant = checkEligibility(settings, consortium(member('가나다AI', 'startup'), member('업스테이지', 'sme')));
    expect(asParticipant.rules[0]!.passed).toBe(true);
    expect(asParticipant.rules[0]!.message.ko).toContain('주관기관에만 적용');
    const asLead = checkEligibility(settings, consortium(member('㈜업스테이지', 'sme'), member('가나다AI', 'startup')));
    expect(asLead.rules[0]!.passed).toBe(false);
    expect(asLead.rules[0]!.message.en).toContain('may take part only as a participant');
    const everyone = settingsOf([{ id: 'x', kind: 'excludedOrganisations', list: 'teams', scope: 'all' }], { teams });
    expect(checkEligibility(everyone, consortium(member('가나다AI', 'startup'), member('업스테이지', 'sme'))).rules[0]!.passed).toBe(false);
  });
});

describe('issue 13 item 1: identities are organisation records, facts pending until verified', () => {
  it('refuses typed names and types in a draft, naming the field', () => {
    const { issues } = parseConsortiumRefs({ participants: [{ name: '삼성전자', type: 'sme', country: 'KR' }] });
    expect(issues.map((i) => i.field)).toEqual(expect.arrayContaining(['participants[0].name', 'participants[0].type', 'participants[0].organisationId']));
    expect(issues.find((i) => i.field === 'participants[0].type')!.message.ko).toContain('기관 등록부');
  });

  it('takes every fact from the records; the lead is the applying organisation', () => {
    const lead = record(1, { type: 'large_enterprise', nameKo: '대한전자' });
    const uni = record(2);
    const { refs } = parseConsortiumRefs({ lead: { role: 'model_development' }, participants: [{ organisationId: uni.id, role: 'data' }] });
    const { consortium: c } = consortiumFromRecords(refs!, lead, new Map([[uni.id, uni]]));
    expect(c!.lead).toMatchObject({ name: '대한전자', type: 'large_enterprise', organisationId: lead.id, role: 'model_development' });
    expect(c!.participants[0]).toMatchObject({ name: '기관2', type: 'university', role: 'data' });
  });

  it('names an unknown record and the lead listed again', () => {
    const lead = record(1);
    const { refs } = parseConsortiumRefs({ participants: [{ organisationId: uuid(9) }, { organisationId: lead.id }] });
    const { issues } = consortiumFromRecords(refs!, lead, new Map());
    expect(issues.map((i) => i.field)).toEqual(['participants[0].organisationId', 'participants[1]']);
  });

  it('a pass on unverified facts is "pending verification"; a failure is a failure; verified facts are not pending', () => {
    const settings = settingsOf([
      { id: 'lead-type', kind: 'allowedLeadTypes', types: ['sme', 'startup'] },
      { id: 'size', kind: 'consortiumSize', min: 1 },
    ]);
    const declared = checkEligibility(settings, consortium(member('가나다AI', 'startup', { verified: false })));
    expect(declared.eligible).toBe(true);
    expect(declared.rules[0]!.pending).toEqual(['가나다AI']);
    expect(declared.rules[1]!.pending).toEqual([]);
    expect(declared.pendingVerification!.message.ko).toContain('확인 대기');
    expect(declared.pendingVerification!.message.en).toContain('pending verification');
    const verified = checkEligibility(settings, consortium(member('가나다AI', 'startup', { verified: true })));
    expect(verified.pendingVerification).toBeNull();
    const large = checkEligibility(settings, consortium(member('대한전자', 'large_enterprise', { verified: false })));
    expect(large.eligible).toBe(false);
    expect(large.rules[0]!.pending).toEqual([]);
  });
});

describe('issue 12 item 2: the consortium check is linear and capped', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `참여기관 ${i}`, type: 'sme', country: 'KR' }));

  it('refuses more participants than the cap before reading them, naming the field', () => {
    const input = { lead: { name: 'A', type: 'sme', country: 'KR' }, participants: many(100_000) };
    const started = performance.now();
    const { consortium: c, issues } = parseConsortium(input, { maxParticipants: 200 });
    expect(c).toBeUndefined();
    expect(issues).toEqual([
      { field: 'participants', message: { ko: expect.stringContaining('최대 200곳'), en: 'at most 200 participants per consortium (got 100,000)' } },
    ]);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('judges 15,000 participants (with duplicates found) in well under a second when a program allows that many', () => {
    const list = many(15_000);
    list.push({ name: '참여기관 7', type: 'sme', country: 'KR' });
    const started = performance.now();
    // a pairwise scan took about a minute here; the indexed one takes tens of milliseconds (bound kept loose for a busy machine)
    const { issues } = parseConsortium({ lead: { name: 'A', type: 'sme', country: 'KR' }, participants: list }, { maxParticipants: 20_000 });
    expect(issues.map((i) => i.field)).toEqual(['participants[15000]']);
    expect(issues[0]!.message.ko).toContain('참여기관 8과 같은 기관');
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('refs are capped too', () => {
    const { issues } = parseConsortiumRefs({ participants: Array.from({ length: 201 }, (_, i) => ({ organisationId: uuid(i) })) });
    expect(issues[0]!.field).toBe('participants');
  });
});
