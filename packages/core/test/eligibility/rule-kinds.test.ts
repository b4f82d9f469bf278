import { describe, expect, it } from 'vitest';
import { checkEligibility } from '../../src/eligibility/check-eligibility.ts';
import { eligibilitySettings } from '../../src/eligibility/rules.ts';
import { leadLimitRefusal, strictestLeadLimit } from '../../src/eligibility/checks/max-applications-per-lead.ts';
import { consortium, member, settingsOf } from './fixtures.ts';

const only = (rule: Record<string, unknown>, lists: Record<string, unknown[]> = {}) => settingsOf([{ id: 'r', ...rule }], lists);
const outcome = (v: ReturnType<typeof checkEligibility>) => v.rules[0]!;

describe('allowedLeadTypes', () => {
  const settings = only({ kind: 'allowedLeadTypes', types: ['sme', 'university'] });
  it('passes a lead of an allowed type', () => {
    const v = checkEligibility(settings, consortium(member('Alpha', 'sme')));
    expect(v.eligible).toBe(true);
    expect(outcome(v)).toMatchObject({ id: 'r', kind: 'allowedLeadTypes', passed: true, members: [] });
  });
  it('fails a lead of another type, naming it and its type', () => {
    const v = checkEligibility(settings, consortium(member('BigCo', 'large_enterprise'), member('Uni', 'university')));
    expect(v.eligible).toBe(false);
    expect(outcome(v).members).toEqual(['BigCo']);
    expect(outcome(v).message.en).toMatch(/BigCo is a large enterprise, which may not lead/);
    expect(outcome(v).message.ko).toContain('대기업');
  });
  it('judges the lead only: an allowed participant type does not help, a disallowed one does not hurt', () => {
    expect(checkEligibility(settings, consortium(member('Alpha', 'sme'), member('BigCo', 'large_enterprise'))).eligible).toBe(true);
  });
});

describe('allowedParticipantTypes', () => {
  const settings = only({ kind: 'allowedParticipantTypes', types: ['sme', 'university'] });
  it('passes when every participant is of an allowed type, and with no participants at all', () => {
    expect(checkEligibility(settings, consortium(member('L', 'public_institution'), member('A', 'sme'), member('U', 'university'))).eligible).toBe(true);
    expect(checkEligibility(settings, consortium(member('L', 'sme'))).eligible).toBe(true);
  });
  it('names every participant of a disallowed type', () => {
    const v = checkEligibility(
      settings,
      consortium(member('L', 'sme'), member('P1', 'public_institution'), member('U', 'university'), member('R', 'research_institute')),
    );
    expect(outcome(v).passed).toBe(false);
    expect(outcome(v).members).toEqual(['P1', 'R']);
    expect(outcome(v).message.en).toContain('P1 (public institution)');
    expect(outcome(v).message.en).toContain('R (research institute)');
  });
});

describe('requiredMemberType', () => {
  const settings = only({ kind: 'requiredMemberType', types: ['university'] });
  it('counts the lead as well as participants', () => {
    expect(checkEligibility(settings, consortium(member('Uni', 'university'))).eligible).toBe(true);
    expect(checkEligibility(settings, consortium(member('Co', 'sme'), member('Uni', 'university'))).eligible).toBe(true);
  });
  it('fails without one, blaming no member but saying what is missing', () => {
    const v = checkEligibility(settings, consortium(member('Co', 'sme'), member('Lab', 'research_institute')));
    expect(outcome(v).passed).toBe(false);
    expect(outcome(v).members).toEqual([]);
    expect(outcome(v).message.en).toMatch(/at least 1 university .* has 0/);
    expect(outcome(v).message.ko).toContain('대학');
  });
  it('honours a minimum above one', () => {
    const two = only({ kind: 'requiredMemberType', types: ['university', 'research_institute'], min: 2 });
    expect(checkEligibility(two, consortium(member('Co', 'sme'), member('Uni', 'university'))).eligible).toBe(false);
    expect(checkEligibility(two, consortium(member('Co', 'sme'), member('Uni', 'university'), member('Lab', 'research_institute'))).eligible).toBe(true);
  });
});

describe('excludedOrganisations', () => {
  const lists = {
    banned: [
      { name: { ko: '업스테이지', en: 'Upstage' }, aliases: ['Upstage AI'], reason: { ko: '정예팀', en: 'selected team' } },
      { name: { ko: '삼성전자', en: 'Samsung Electronics' }, registrationNo: '124-81-00998' },
    ],
  };
  const settings = only({ kind: 'excludedOrganisations', list: 'banned' }, lists);
  it('matches by Korean name, English name or alias, whatever the legal form and spacing', () => {
    for (const name of ['㈜업스테이지', 'UPSTAGE Inc.', 'upstage ai']) {
      const v = checkEligibility(settings, consortium(member('Uni', 'university'), member(name, 'startup')));
      expect(outcome(v).passed, name).toBe(false);
      expect(outcome(v).members).toEqual([name]);
      expect(outcome(v).message.en).toContain('selected team');
    }
  });
  it('applies to the lead as well as participants', () => {
    const v = checkEligibility(settings, consortium(member('Upstage', 'startup'), member('Uni', 'university')));
    expect(outcome(v).members).toEqual(['Upstage']);
  });
  it('matches on the registration number or on the folded name, either one (issue 13 item 1)', () => {
    const renamed = member('SEC AI Lab', 'large_enterprise', { registrationNo: '124-81-00998' });
    expect(outcome(checkEligibility(settings, consortium(member('Uni', 'university'), renamed))).members).toEqual(['SEC AI Lab']);
    // the listed name under another number: a look-alike registration must not slip through (the office may override with a reason)
    const namesake = member('Samsung Electronics', 'sme', { registrationNo: '220-81-62517' });
    expect(outcome(checkEligibility(settings, consortium(member('Uni', 'university'), namesake))).passed).toBe(false);
    // the applicant gives no number: the name decides
    expect(outcome(checkEligibility(settings, consortium(member('Uni', 'university'), member('삼성전자 주식회사', 'large_enterprise')))).passed).toBe(false);
  });
  it('fails closed, saying so, when the list is missing from the program data', () => {
    const broken = only({ kind: 'excludedOrganisations', list: 'nowhere' });
    const v = checkEligibility(broken, consortium(member('Uni', 'university')));
    expect(outcome(v).passed).toBe(false);
    expect(outcome(v).message.en).toContain('"nowhere"');
  });
});

describe('domesticOnly', () => {
  const settings = only({ kind: 'domesticOnly', country: 'KR', foreignAllowedRoles: ['global_service'] });
  it('passes domestic members and foreign participants in an allowed role', () => {
    const v = checkEligibility(settings, consortium(member('Co', 'sme'), member('Acme', 'sme', { country: 'US', role: 'global_service' })));
    expect(v.eligible).toBe(true);
    expect(outcome(v).message.en).toContain('1 foreign participant');
  });
  it('fails foreign participants in other roles or none, naming country and role', () => {
    const v = checkEligibility(
      settings,
      consortium(member('Co', 'sme'), member('Acme', 'sme', { country: 'US', role: 'model_development' }), member('Nord', 'university', { country: 'DE' })),
    );
    expect(outcome(v).members).toEqual(['Acme', 'Nord']);
    expect(outcome(v).message.en).toContain('Acme (US, role model_development)');
    expect(outcome(v).message.en).toContain('Nord (DE, role none)');
  });
  it('never lets a foreign lead through, even in an allowed role', () => {
    const v = checkEligibility(settings, consortium(member('Acme', 'sme', { country: 'US', role: 'global_service' })));
    expect(outcome(v).members).toEqual(['Acme']);
    expect(outcome(v).message.en).toContain('the lead');
  });
  it('allows no foreign member when the program names no role', () => {
    const strict = only({ kind: 'domesticOnly', country: 'KR' });
    expect(checkEligibility(strict, consortium(member('Co', 'sme'), member('Acme', 'sme', { country: 'US', role: 'global_service' }))).eligible).toBe(false);
  });
});

describe('consortiumSize', () => {
  const settings = only({ kind: 'consortiumSize', min: 2, max: 3 });
  const of = (n: number) => consortium(member('L', 'sme'), ...Array.from({ length: n - 1 }, (_, i) => member(`P${i}`, 'sme')));
  it.each([
    [1, false],
    [2, true],
    [3, true],
    [4, false],
  ])('a consortium of %i institutions (lead included) passes: %s', (n, ok) => {
    const v = checkEligibility(settings, of(n as number));
    expect(outcome(v).passed).toBe(ok);
    expect(outcome(v).message.en).toContain(`${n} institution`);
  });
  it('has no upper bound without max', () => {
    expect(checkEligibility(only({ kind: 'consortiumSize', min: 1 }), of(60)).eligible).toBe(true);
  });
  it('refuses a program whose max is below its min', () => {
    expect(() => only({ kind: 'consortiumSize', min: 3, max: 2 })).toThrow(/max must not be below min/);
  });
});

describe('maxApplicationsPerLead', () => {
  const settings = only({ kind: 'maxApplicationsPerLead', max: 1 });
  const c = consortium(member('Alpha', 'sme'));
  it('passes a first application, also when nothing is known about others', () => {
    const unknown = outcome(checkEligibility(settings, c));
    expect(unknown.passed).toBe(true);
    expect(unknown.message.en).toBe('no other application led by Alpha is on record for this call (at most 1 per lead)');
    expect(checkEligibility(settings, c, { otherApplicationsLedBySameOrg: 0 }).eligible).toBe(true);
  });
  it('fails a lead that already leads the allowed number, naming it', () => {
    const v = checkEligibility(settings, c, { otherApplicationsLedBySameOrg: 1 });
    expect(outcome(v)).toMatchObject({ passed: false, members: ['Alpha'] });
    expect(outcome(v).message.en).toContain('already leads 1 other application');
  });
  it('counts this application against a larger limit', () => {
    const two = only({ kind: 'maxApplicationsPerLead', max: 2 });
    expect(checkEligibility(two, c, { otherApplicationsLedBySameOrg: 1 }).eligible).toBe(true);
    expect(checkEligibility(two, c, { otherApplicationsLedBySameOrg: 2 }).eligible).toBe(false);
  });
  it('a count made again under the call’s queue keeps to the strictest limit and is refused with the rule’s own failure', () => {
    const both = settingsOf([
      { id: 'loose', kind: 'maxApplicationsPerLead', max: 3 },
      { id: 'size', kind: 'consortiumSize', min: 1 },
      { id: 'strict', kind: 'maxApplicationsPerLead', max: 2 },
    ]);
    const rule = strictestLeadLimit(both.rules)!;
    expect(rule).toMatchObject({ id: 'strict', max: 2 });
    expect(leadLimitRefusal(rule, c, both).en).toBe('Alpha already leads 2 other application(s) in this call; with this one that is 3, above the limit of 2');
    expect(strictestLeadLimit(only({ kind: 'consortiumSize', min: 1 }).rules)).toBeUndefined();
  });
});

describe('a verdict', () => {
  it('reports several failures together, each with its own culprits, in the program order', () => {
    const settings = settingsOf(
      [
        { id: 'lead-type', kind: 'allowedLeadTypes', types: ['sme', 'university'] },
        { id: 'university-required', kind: 'requiredMemberType', types: ['university'] },
        { id: 'domestic', kind: 'domesticOnly', country: 'KR' },
        { id: 'size', kind: 'consortiumSize', min: 1, max: 10 },
      ],
      {},
    );
    const v = checkEligibility(settings, consortium(member('BigCo', 'large_enterprise'), member('Acme', 'sme', { country: 'JP' })));
    expect(v.eligible).toBe(false);
    expect(v.rules.map((r) => [r.id, r.passed, r.members])).toEqual([
      ['lead-type', false, ['BigCo']],
      ['university-required', false, []],
      ['domestic', false, ['Acme']],
      ['size', true, []],
    ]);
  });
  it('refuses program data with two rules of one id', () => {
    const r = eligibilitySettings.safeParse({
      rules: [
        { id: 'x', kind: 'consortiumSize', min: 1 },
        { id: 'x', kind: 'maxApplicationsPerLead', max: 1 },
      ],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['rules.1.id', 'duplicate rule id "x"']]);
  });
});
