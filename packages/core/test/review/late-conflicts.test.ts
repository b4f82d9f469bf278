import { describe, expect, it } from 'vitest';
import type { Conflict } from '../../src/review/conflicts.ts';
import { proposeReplacement, withdrawalsForLateConflicts } from '../../src/review/late-conflicts.ts';

const conflict = (applicationId: string, reviewerId: string, waived = false): Conflict => ({
  applicationId,
  reviewerId,
  type: 'same-organisation',
  severity: 'high',
  detail: { ko: `${reviewerId}의 소속이 신청 기관과 같습니다`, en: `${reviewerId} works at the applicant` },
  ...(waived ? { waiver: { reason: 'committee approved' } } : {}),
});

describe('conflicts found after assignment', () => {
  const assignments = [
    { roundId: 'r1', applicationId: 'A', reviewerId: 'R1', sheet: 'submitted' as const },
    { roundId: 'r1', applicationId: 'A', reviewerId: 'R2', sheet: 'none' as const },
    { roundId: 'r1', applicationId: 'B', reviewerId: 'R1', sheet: 'draft' as const },
  ];
  it('withdraws exactly the assignments an unwaived conflict now covers, setting aside any sheet', () => {
    const out = withdrawalsForLateConflicts(assignments, [conflict('A', 'R1'), conflict('B', 'R3'), conflict('B', 'R1', true)]);
    expect(out).toEqual([{ roundId: 'r1', applicationId: 'A', reviewerId: 'R1', detail: conflict('A', 'R1').detail, setAsideSheet: true }]);
    expect(withdrawalsForLateConflicts(assignments, [conflict('A', 'R2')])[0]!.setAsideSheet).toBe(false);
    expect(withdrawalsForLateConflicts(assignments, [])).toEqual([]);
  });

  it('proposes the best-fitting free, unconflicted reviewer not already on the application', () => {
    const panel = [
      { id: 'R1', maxLoad: 3, load: 2 },
      { id: 'R2', maxLoad: 3, load: 1 },
      { id: 'R3', maxLoad: 3, load: 3 }, // full
      { id: 'R4', maxLoad: 3, load: 0 },
      { id: 'R5', maxLoad: 3, load: 0 },
    ];
    const affinity: [string, string, number][] = [
      ['A', 'R3', 0.99],
      ['A', 'R4', 0.4],
      ['A', 'R5', 0.7],
      ['A', 'R2', 0.95],
    ];
    // R1 withdrawn, R2 already reviews A, R3 is full, R5 conflicts: R4 it is
    expect(
      proposeReplacement({
        applicationId: 'A',
        withdrawnReviewerId: 'R1',
        panel,
        alreadyAssigned: ['R2'],
        conflicts: [conflict('A', 'R1'), conflict('A', 'R5')],
        affinity,
      }),
    ).toEqual({ ok: true, reviewerId: 'R4', score: 0.4 });
    // waive R5's conflict: the better fit R5 is proposed
    expect(
      proposeReplacement({
        applicationId: 'A',
        withdrawnReviewerId: 'R1',
        panel,
        alreadyAssigned: ['R2'],
        conflicts: [conflict('A', 'R1'), conflict('A', 'R5', true)],
        affinity,
      }),
    ).toMatchObject({ ok: true, reviewerId: 'R5' });
  });

  it('says why when nobody can take the review', () => {
    const out = proposeReplacement({
      applicationId: 'A',
      withdrawnReviewerId: 'R1',
      panel: [
        { id: 'R1', maxLoad: 3, load: 1 },
        { id: 'R2', maxLoad: 1, load: 1 },
      ],
      alreadyAssigned: [],
      conflicts: [conflict('A', 'R1')],
      affinity: [],
    });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.reasons[0]!.message.en).toContain('no panel reviewer');
  });
});
