import { beforeAll, describe, expect, it } from 'vitest';
import { checkEligibility } from '@stagegate/core/eligibility/check-eligibility';
import type { ConsortiumMember } from '@stagegate/core/eligibility/consortium';
import type { ProgramDefinition } from '@stagegate/core/program/definition';
import { findSeedProgram, readSeedPrograms } from '../../src/programs/seed-catalog.ts';

// The article's cases, judged by the rules as seeded (program data), not by rules written in the test.
let sfm: ProgramDefinition;
let kai: ProgramDefinition;
beforeAll(async () => {
  sfm = (await findSeedProgram('specialized-fm'))!;
  kai = (await findSeedProgram('k-ai'))!;
});

const m = (name: string, type: ConsortiumMember['type'], extra: Partial<ConsortiumMember> = {}): ConsortiumMember => ({ name, type, country: 'KR', ...extra });
const startup = m('메디브레인', 'startup');
const university = m('서울대학교', 'university');
const verdictOf = (p: ProgramDefinition, lead: ConsortiumMember, ...participants: ConsortiumMember[]) =>
  checkEligibility(p.eligibility, { lead, participants });
const failed = (v: ReturnType<typeof verdictOf>) => v.rules.filter((r) => !r.passed).map((r) => [r.id, r.members]);

describe('seed catalog', () => {
  it('reads and validates every seed program, and finds one by slug', async () => {
    const all = await readSeedPrograms();
    expect(all.map((p) => p.slug)).toEqual(expect.arrayContaining(['k-ai', 'specialized-fm']));
    expect(sfm.slug).toBe('specialized-fm');
    expect(await findSeedProgram('no-such-program')).toBeUndefined();
  });
});

describe('specialized-fm eligibility as the article states it', () => {
  it('accepts a start-up leading with a university', () => {
    const v = verdictOf(sfm, startup, university);
    expect(failed(v)).toEqual([]);
    expect(v.eligible).toBe(true);
  });

  it('accepts a solo university', () => {
    expect(verdictOf(sfm, university).eligible).toBe(true);
  });

  it('excludes LG AI Research as lead under its Korean name, naming the member as written', () => {
    for (const name of ['LG AI연구원', '엘지 AI 연구원', 'LG AI Research', 'LG ΑI연구원']) {
      const v = verdictOf(sfm, m(name, 'research_institute'), university);
      expect(failed(v), name).toEqual([['k-ai-excluded', [name]]]);
      expect(v.rules.find((r) => r.id === 'k-ai-excluded')!.message.ko).toContain('정예팀');
    }
  });

  it('issue 16 item 6: bars each of the five K-AI selected teams as lead only; as participants they may take part', () => {
    for (const name of ['LG AI연구원', 'SK텔레콤', '업스테이지', '네이버클라우드', '엔씨AI']) {
      expect(failed(verdictOf(sfm, startup, university, m(name, 'large_enterprise')))).toEqual([]);
      expect(failed(verdictOf(sfm, m(`㈜${name}`, 'sme'), university))).toEqual([['k-ai-excluded', [`㈜${name}`]]]);
    }
  });

  it("issue 16 item 6: the exclusion bars K-AI teams' lead institutions only; companies that merely take part in a K-AI team may lead", () => {
    const rule = sfm.eligibility.rules.find((r) => r.id === 'k-ai-excluded')!;
    expect(rule).toMatchObject({ kind: 'excludedOrganisations', scope: 'lead', teamScope: 'leads' });
    const listed = sfm.eligibility.exclusionLists['k-ai-selected-teams']!;
    expect(listed.filter((e) => e.teamRole === 'lead').map((e) => e.name.ko)).toEqual(['LG AI연구원', 'SK텔레콤', '업스테이지', '네이버클라우드', '엔씨AI']);
    expect(listed.some((e) => e.teamRole === 'member')).toBe(true);
    for (const e of listed.filter((x) => x.teamRole === 'member')) {
      const v = verdictOf(sfm, m(e.name.ko, 'startup'), university);
      expect(failed(v), e.name.ko).toEqual([]);
      expect(v.rules.find((r) => r.id === 'k-ai-excluded')!.message.ko).toContain(`${e.name.ko}(정예팀 참여기관)`);
    }
    const barred = verdictOf(sfm, m('업스테이지', 'startup'), university).rules.find((r) => r.id === 'k-ai-excluded')!;
    expect(barred.message.ko).toContain('정예팀의 주관기관은 지원할 수 없고');
    expect(barred.message.en).toContain('lead institutions may not apply');
  });

  it('lets a large enterprise participate but not lead', () => {
    expect(verdictOf(sfm, startup, university, m('대한전자', 'large_enterprise')).eligible).toBe(true);
    const v = verdictOf(sfm, m('대한전자', 'large_enterprise'), university);
    expect(failed(v)).toEqual([['lead-type', ['대한전자']]]);
    expect(v.rules[0]!.message.ko).toContain('대기업');
  });

  it('takes only companies, universities and research institutes as participants', () => {
    expect(failed(verdictOf(sfm, startup, university, m('한국지능정보사회진흥원', 'public_institution')))).toEqual([
      ['participant-type', ['한국지능정보사회진흥원']],
    ]);
  });

  it('requires a university, as lead or participant', () => {
    const v = verdictOf(sfm, startup, m('한국전자통신연구원', 'research_institute'));
    expect(failed(v)).toEqual([['university-required', []]]);
    expect(v.rules.find((r) => r.id === 'university-required')!.message.en).toContain('university');
  });

  it('takes a foreign firm only for global service, with its purpose declared', () => {
    const global = m('Global Health Inc.', 'sme', { country: 'US', role: 'global_service', purpose: '북미 병원 대상 다국어 상담 서비스 개발' });
    const v = verdictOf(sfm, startup, university, global);
    expect(v.eligible).toBe(true);
    expect(v.rules.find((r) => r.id === 'domestic')!.message.ko).toContain('북미 병원 대상 다국어 상담 서비스 개발');
    const undeclared = verdictOf(sfm, startup, university, { ...global, purpose: undefined });
    expect(failed(undeclared)).toEqual([['domestic', ['Global Health Inc.']]]);
    expect(undeclared.rules.find((r) => r.id === 'domestic')!.message.ko).toContain('Global Health Inc.(US)는 참여 목적을 밝히지 않았습니다');
    expect(undeclared.rules.find((r) => r.id === 'domestic')!.message.ko).toContain('글로벌 서비스 개발 목적으로만');
    const builder = { ...global, role: 'model_development' };
    expect(failed(verdictOf(sfm, startup, university, builder))).toEqual([['domestic', ['Global Health Inc.']]]);
    expect(failed(verdictOf(sfm, { ...global, type: 'startup' }, university))).toEqual([['domestic', ['Global Health Inc.']]]);
  });

  it('accepts a consortium of 22 institutions, like the largest selected one', () => {
    const participants = Array.from({ length: 21 }, (_, i) => m(`참여기관 ${i + 1}`, i % 3 === 0 ? 'university' : i % 3 === 1 ? 'sme' : 'research_institute'));
    const v = verdictOf(sfm, startup, ...participants);
    expect(v.eligible).toBe(true);
    expect(v.rules.find((r) => r.id === 'consortium-size')!.message.en).toContain('22 institution');
  });

  it('reports every failure together: a large enterprise leading, no university, an excluded team, a foreign developer', () => {
    const v = verdictOf(sfm, m('SK텔레콤', 'large_enterprise'), m('업스테이지', 'startup'), m('Acme', 'sme', { country: 'JP', role: 'model_development' }));
    expect(v.eligible).toBe(false);
    expect(failed(v)).toEqual([
      ['lead-type', ['SK텔레콤']],
      ['university-required', []],
      ['k-ai-excluded', ['SK텔레콤']],
      ['domestic', ['Acme']],
    ]);
  });

  it('allows one application per lead per call', () => {
    const v = checkEligibility(sfm.eligibility, { lead: startup, participants: [university] }, { otherApplicationsLedBySameOrg: 1 });
    expect(failed(v)).toEqual([['one-per-lead', ['메디브레인']]]);
  });

  it('caps a consortium at 200 participants (program data)', () => {
    expect(sfm.eligibility.maxParticipants).toBe(200);
    expect(kai.eligibility.maxParticipants).toBe(200);
  });
});

describe('k-ai eligibility (its own, simpler set)', () => {
  it('lets a large enterprise lead alone, with no university and no exclusion list', () => {
    expect(verdictOf(kai, m('대한전자', 'large_enterprise')).eligible).toBe(true);
    expect(kai.eligibility.rules.some((r) => r.kind === 'excludedOrganisations')).toBe(false);
  });
  it('takes no foreign member in any role', () => {
    expect(failed(verdictOf(kai, startup, m('Acme', 'sme', { country: 'US', role: 'global_service' })))).toEqual([['domestic', ['Acme']]]);
  });
});
