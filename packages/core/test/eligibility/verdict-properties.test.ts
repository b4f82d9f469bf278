import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkEligibility } from '../../src/eligibility/check-eligibility.ts';
import type { Consortium, ConsortiumMember } from '../../src/eligibility/consortium.ts';
import { organisationTypes } from '../../src/organisation/organisation-type.ts';
import { settingsOf } from './fixtures.ts';

const excludedList = [
  { name: { ko: '업스테이지', en: 'Upstage' }, aliases: ['Upstage AI'] },
  { name: { ko: 'LG AI연구원', en: 'LG AI Research' }, aliases: ['엘지AI연구원'] },
];
const excludedSpellings = ['업스테이지', '㈜업스테이지', 'Upstage, Inc.', 'UPSTAGE AI', 'LG AI 연구원', 'lg ai research', '엘지 AI 연구원 주식회사'];

const typeArb = fc.constantFrom(...organisationTypes);
const memberArb: fc.Arbitrary<ConsortiumMember> = fc.record(
  {
    name: fc.oneof(fc.constantFrom('알파', 'Beta Labs', '서울대학교', 'KAIST', ...excludedSpellings), fc.string({ minLength: 1, maxLength: 8 })),
    type: typeArb,
    country: fc.constantFrom('KR', 'KR', 'US', 'JP'),
    role: fc.constantFrom('global_service', 'model_development', 'data'),
  },
  { requiredKeys: ['name', 'type', 'country'] },
);
const consortiumArb: fc.Arbitrary<Consortium> = fc.record({ lead: memberArb, participants: fc.array(memberArb, { maxLength: 8 }) });

const ruleArbs = [
  fc.uniqueArray(typeArb, { minLength: 1 }).map((types) => ({ kind: 'allowedLeadTypes', types })),
  fc.uniqueArray(typeArb, { minLength: 1 }).map((types) => ({ kind: 'allowedParticipantTypes', types })),
  fc.record({ types: fc.uniqueArray(typeArb, { minLength: 1 }), min: fc.integer({ min: 1, max: 3 }) }).map((r) => ({ kind: 'requiredMemberType', ...r })),
  fc.constant({ kind: 'excludedOrganisations', list: 'teams' }),
  fc.subarray(['global_service', 'data']).map((foreignAllowedRoles) => ({ kind: 'domesticOnly', country: 'KR', foreignAllowedRoles })),
  fc
    .record({ min: fc.integer({ min: 1, max: 4 }), extra: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }) })
    .map(({ min, extra }) => (extra === undefined ? { kind: 'consortiumSize', min } : { kind: 'consortiumSize', min, max: min + extra })),
  fc.integer({ min: 1, max: 3 }).map((max) => ({ kind: 'maxApplicationsPerLead', max })),
];
const settingsArb = fc.array(fc.oneof(...ruleArbs), { maxLength: 10 }).map((rules) =>
  settingsOf(
    rules.map((r, i) => ({ id: `rule-${i}`, ...r })),
    { teams: excludedList },
  ),
);
/** programs that exclude the listed organisations, with any other rules around that rule */
const excludingSettingsArb = fc.tuple(fc.array(fc.oneof(...ruleArbs), { maxLength: 8 }), fc.nat()).map(([rules, at]) => {
  const all = [...rules];
  all.splice(at % (rules.length + 1), 0, { kind: 'excludedOrganisations', list: 'teams' });
  return settingsOf(
    all.map((r, i) => ({ id: `rule-${i}`, ...r })),
    { teams: excludedList },
  );
});
const contextArb = fc.record({ otherApplicationsLedBySameOrg: fc.integer({ min: 0, max: 3 }) }, { requiredKeys: [] });

const namesOf = (c: Consortium) => [c.lead, ...c.participants].map((m) => m.name);

describe('verdict properties', () => {
  it('lists every rule exactly once, in order; eligible exactly when all pass; culprits only on failures and only members', () => {
    fc.assert(
      fc.property(settingsArb, consortiumArb, contextArb, (settings, c, ctx) => {
        const v = checkEligibility(settings, c, ctx);
        expect(v.rules.map((r) => r.id)).toEqual(settings.rules.map((r) => r.id));
        expect(v.eligible).toBe(v.rules.every((r) => r.passed));
        const names = namesOf(c);
        for (const r of v.rules) {
          if (r.passed) expect(r.members).toEqual([]);
          for (const m of r.members) expect(names).toContain(m);
          expect(r.message.ko.length).toBeGreaterThan(0);
          expect(r.message.en.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('in a program that excludes it, adding an excluded organisation never makes a consortium eligible, and the rule names it', () => {
    fc.assert(
      fc.property(excludingSettingsArb, consortiumArb, contextArb, fc.constantFrom(...excludedSpellings), typeArb, (settings, c, ctx, name, type) => {
        const added = { ...c, participants: [...c.participants, { name, type, country: 'KR' }] };
        const after = checkEligibility(settings, added, ctx);
        expect(after.eligible).toBe(false);
        for (const r of after.rules.filter((x) => x.kind === 'excludedOrganisations')) {
          expect(r.passed).toBe(false);
          expect(r.members).toContain(name);
        }
      }),
    );
  });

  it('a failure of a per-member rule survives adding any participant', () => {
    const perMember = new Set(['allowedLeadTypes', 'allowedParticipantTypes', 'excludedOrganisations', 'domesticOnly', 'maxApplicationsPerLead']);
    fc.assert(
      fc.property(settingsArb, consortiumArb, contextArb, memberArb, (settings, c, ctx, extra) => {
        const before = checkEligibility(settings, c, ctx).rules;
        const after = checkEligibility(settings, { ...c, participants: [...c.participants, extra] }, ctx).rules;
        before.forEach((r, i) => {
          if (perMember.has(r.kind) && !r.passed) expect(after[i]!.passed).toBe(false);
        });
      }),
    );
  });

  it('does not depend on the order participants are listed in', () => {
    fc.assert(
      fc.property(settingsArb, consortiumArb, contextArb, (settings, c, ctx) => {
        const a = checkEligibility(settings, c, ctx);
        const b = checkEligibility(settings, { ...c, participants: [...c.participants].reverse() }, ctx);
        expect(b.eligible).toBe(a.eligible);
        expect(b.rules.map((r) => [r.id, r.passed, [...r.members].sort()])).toEqual(a.rules.map((r) => [r.id, r.passed, [...r.members].sort()]));
      }),
    );
  });
});
