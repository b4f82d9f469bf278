import type { LocalizedText } from '../shared/localized.ts';
import { assignReviewers } from './assign-reviewers.ts';
import { blockingPairs, type Conflict } from './conflicts.ts';

/** A reviewer's assignment to an application in one round, and whether a score sheet exists for it. */
export interface HeldAssignment {
  roundId: string;
  applicationId: string;
  reviewerId: string;
  sheet: 'none' | 'draft' | 'submitted';
}

/** What a conflict found after assignment does to one assignment. */
export interface LateConflictWithdrawal {
  roundId: string;
  applicationId: string;
  reviewerId: string;
  /** why: the conflict's own words */
  detail: LocalizedText;
  /** a sheet exists: it is kept, flagged and no longer counted in the ranking (never deleted) */
  setAsideSheet: boolean;
}

/**
 * A conflict of interest that holds now (detected, declared or recorded by the office, and not
 * waived) between a reviewer and an application already assigned to them: the assignment is
 * withdrawn and any score sheet is set aside — kept for the record, excluded from the ranking.
 * The office is then asked to reassign (see `proposeReplacement`).
 */
export function withdrawalsForLateConflicts(assignments: readonly HeldAssignment[], conflicts: readonly Conflict[]): LateConflictWithdrawal[] {
  const blocked = new Set(blockingPairs([...conflicts]).map(([a, r]) => `${a}\u0000${r}`));
  const detailOf = new Map<string, LocalizedText>();
  for (const c of conflicts)
    if (!c.waiver && !detailOf.has(`${c.applicationId}\u0000${c.reviewerId}`)) detailOf.set(`${c.applicationId}\u0000${c.reviewerId}`, c.detail);
  return assignments
    .filter((a) => blocked.has(`${a.applicationId}\u0000${a.reviewerId}`))
    .map((a) => ({
      roundId: a.roundId,
      applicationId: a.applicationId,
      reviewerId: a.reviewerId,
      detail: detailOf.get(`${a.applicationId}\u0000${a.reviewerId}`)!,
      setAsideSheet: a.sheet !== 'none',
    }));
}

export interface ReplacementInput {
  applicationId: string;
  /** the reviewer whose assignment was withdrawn: never proposed again for this application */
  withdrawnReviewerId: string;
  /** the round's panel: accepted reviewers with their most and current load */
  panel: { id: string; maxLoad: number; load: number }[];
  /** reviewers already assigned to the application in this round */
  alreadyAssigned: string[];
  /** unwaived conflicts of the call */
  conflicts: Conflict[];
  /** [applicationId, reviewerId, score] from the round's affinity; a missing pair scores 0 */
  affinity: [string, string, number][];
}

export type Replacement = { ok: true; reviewerId: string; score: number } | { ok: false; reasons: { kind: string; message: LocalizedText }[] };

/**
 * The solver's proposal for the one review a withdrawal leaves open: the same min-cost-flow
 * assignment as a whole round, over the panel members with load to spare, not in conflict with
 * the application, not already reviewing it and not the withdrawn reviewer. The best affinity wins.
 */
export function proposeReplacement(input: ReplacementInput): Replacement {
  const blocked = new Set(
    blockingPairs(input.conflicts)
      .filter(([a]) => a === input.applicationId)
      .map(([, r]) => r),
  );
  const excluded = new Set([input.withdrawnReviewerId, ...input.alreadyAssigned]);
  const candidates = input.panel.filter((r) => r.load < r.maxLoad && !blocked.has(r.id) && !excluded.has(r.id));
  if (candidates.length === 0) {
    return {
      ok: false,
      reasons: [
        {
          kind: 'no-candidate',
          message: {
            ko: '여유가 있고 이해충돌이 없는 평가위원이 없습니다. 패널에 위원을 추가하거나 최대 배정 수를 늘리세요',
            en: 'no panel reviewer has load to spare and no conflict; add a reviewer or raise a load',
          },
        },
      ],
    };
  }
  const score = new Map(input.affinity.filter(([a]) => a === input.applicationId).map(([, r, s]) => [r, s]));
  const solved = assignReviewers({
    proposals: [{ id: input.applicationId, reviews: 1 }],
    reviewers: candidates.map((r) => ({ id: r.id, maxLoad: r.maxLoad - r.load })),
    affinity: candidates.map((r) => [input.applicationId, r.id, score.get(r.id) ?? 0]),
  });
  if (!solved.feasible) return { ok: false, reasons: solved.reasons };
  const reviewerId = String(solved.assignments[0]![1]);
  return { ok: true, reviewerId, score: score.get(reviewerId) ?? 0 };
}
