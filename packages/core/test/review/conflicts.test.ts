import { describe, expect, it } from 'vitest';
import { blockingPairs, detectConflicts, type ConflictInput } from '../../src/review/conflicts.ts';

const input = (): ConflictInput => ({
  currentYear: 2026,
  reviewers: [
    { id: 'rev-now', affiliations: [{ organisationId: 'snu', fromYear: 2015 }] },
    { id: 'rev-past2', affiliations: [{ organisationId: 'kaist', fromYear: 2010, toYear: 2024 }] },
    { id: 'rev-past5', affiliations: [{ organisationId: 'kaist', fromYear: 2010, toYear: 2021 }] },
    { id: 'rev-applicant', personId: 'person-9', affiliations: [{ organisationId: 'other', fromYear: 2020 }] },
    { id: 'rev-clear', affiliations: [{ organisationId: 'elsewhere', fromYear: 2000 }] },
  ],
  applications: [
    { id: 'app-1', callId: 'call-fm', organisationIds: ['startup-a', 'snu'], memberPersonIds: ['person-1'] },
    { id: 'app-2', callId: 'call-fm', organisationIds: ['startup-b', 'kaist'], memberPersonIds: ['person-9'] },
    { id: 'app-3', callId: 'call-other', organisationIds: ['startup-c'], memberPersonIds: [] },
  ],
});

const pairs = (cs: ReturnType<typeof detectConflicts>) => cs.map((c) => `${c.applicationId}/${c.reviewerId}/${c.type}/${c.severity}`);

describe('detectConflicts', () => {
  it('finds current, recent-past, competing-application and declared conflicts', () => {
    const cs = detectConflicts({ ...input(), declared: [{ applicationId: 'app-3', reviewerId: 'rev-clear', reason: '공동연구 이력' }] });
    expect(pairs(cs)).toEqual([
      'app-1/rev-applicant/competing-application/high',
      'app-1/rev-now/same-organisation/high',
      'app-2/rev-applicant/competing-application/high',
      'app-2/rev-past2/past-affiliation/medium',
      'app-3/rev-clear/declared/high',
    ]);
    expect(cs.find((c) => c.type === 'declared')!.detail.ko).toContain('공동연구 이력');
  });

  it('honours a configured past-affiliation window', () => {
    const cs = detectConflicts({ ...input(), pastAffiliationYears: 5 });
    expect(pairs(cs)).toContain('app-2/rev-past5/past-affiliation/medium');
    expect(pairs(detectConflicts(input()))).not.toContain('app-2/rev-past5/past-affiliation/medium');
  });

  it('keeps a waived conflict on record but no longer blocks the pair', () => {
    const cs = detectConflicts({
      ...input(),
      waivers: [{ applicationId: 'app-2', reviewerId: 'rev-past2', type: 'past-affiliation', reason: '퇴직 후 교류 없음' }],
    });
    expect(cs.find((c) => c.reviewerId === 'rev-past2')!.waiver).toEqual({ reason: '퇴직 후 교류 없음' });
    const blocked = blockingPairs(cs);
    expect(blocked).not.toContainEqual(['app-2', 'rev-past2']);
    expect(blocked).toContainEqual(['app-1', 'rev-now']);
    expect(blocked).toContainEqual(['app-2', 'rev-applicant']);
  });

  it('issue 20 item 1: waiving one conflict type of a pair leaves its other types blocking', () => {
    // rev-both works at a consortium member of app-1 and is named on app-2 of the same call:
    // two conflicts with app-1 (same-organisation and competing-application)
    const both: ConflictInput = {
      ...input(),
      reviewers: [{ id: 'rev-both', personId: 'person-9', affiliations: [{ organisationId: 'snu', fromYear: 2015 }] }],
    };
    const waiveOrg = { applicationId: 'app-1', reviewerId: 'rev-both', type: 'same-organisation' as const, reason: '겸직 해지 확인' };
    const cs = detectConflicts({ ...both, waivers: [waiveOrg] });
    const ofPair = cs.filter((c) => c.applicationId === 'app-1' && c.reviewerId === 'rev-both');
    expect(ofPair.map((c) => [c.type, c.waiver?.reason ?? null])).toEqual([
      ['competing-application', null],
      ['same-organisation', '겸직 해지 확인'],
    ]);
    expect(blockingPairs(cs)).toContainEqual(['app-1', 'rev-both']);
    // only when every type is waived is the pair free
    const all = detectConflicts({ ...both, waivers: [waiveOrg, { ...waiveOrg, type: 'competing-application', reason: '다른 신청서 철회' }] });
    expect(blockingPairs(all)).not.toContainEqual(['app-1', 'rev-both']);
    expect(blockingPairs(all)).toContainEqual(['app-2', 'rev-both']);
  });
});
