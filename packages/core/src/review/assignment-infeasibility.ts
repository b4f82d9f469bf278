import type { LocalizedText } from '../shared/localized.ts';
import type { EntityId, IndexedInstance } from './assignment-instance.ts';

/** Why no assignment exists. Every reason is a proof on its own, with the numbers behind it. */
export type InfeasibilityReason =
  | { kind: 'capacity-below-demand'; demand: number; capacity: number; message: LocalizedText }
  | { kind: 'proposal-lacks-eligible-reviewers'; proposalId: EntityId; needed: number; eligible: number; message: LocalizedText }
  | { kind: 'min-load-above-demand'; totalMinLoad: number; demand: number; message: LocalizedText }
  | { kind: 'reviewer-min-load-unreachable'; reviewerId: EntityId; minLoad: number; eligible: number; message: LocalizedText }
  | {
      kind: 'proposals-share-too-few-reviewers';
      proposalIds: EntityId[];
      demand: number;
      /** the reviewers that are full with these proposals */
      reviewerIds: EntityId[];
      /** what all eligible reviewers can give them: the full reviewers' maxLoad, plus one per pair with any other */
      capacity: number;
      message: LocalizedText;
    }
  | { kind: 'reviewer-min-load-unmet'; reviewerId: EntityId; minLoad: number; reachable: number; message: LocalizedText }
  | { kind: 'min-loads-crowd-out'; proposalIds: EntityId[]; message: LocalizedText };

/** Eligible = a listed candidate pair, not conflicted, on a reviewer who can take at least one. */
export function countEligible(ix: IndexedInstance): { perProposal: Int32Array; perReviewer: Int32Array } {
  const perProposal = new Int32Array(ix.proposalCount);
  const perReviewer = new Int32Array(ix.reviewerCount);
  for (let i = 0; i < ix.pairProposal.length; i++) {
    if (ix.pairConflicted[i]) continue;
    const p = ix.pairProposal[i],
      r = ix.pairReviewer[i];
    if (ix.maxLoad[r] > 0) perProposal[p]++;
    if (ix.reviews[p] > 0) perReviewer[r]++;
  }
  return { perProposal, perReviewer };
}

/**
 * Counting arguments that rule an instance out before any search: not enough capacity in all, a
 * proposal with too few eligible reviewers, minimum loads that exceed the demand or a reviewer's
 * eligible proposals. Empty when none applies (the instance may still be infeasible; see the solver).
 */
export function countingObstacles(ix: IndexedInstance): InfeasibilityReason[] {
  const { proposals, reviewers } = ix.instance;
  const out: InfeasibilityReason[] = [];
  let demand = 0,
    capacity = 0,
    totalMin = 0;
  for (let p = 0; p < ix.proposalCount; p++) demand += ix.reviews[p];
  for (let r = 0; r < ix.reviewerCount; r++) {
    capacity += ix.maxLoad[r];
    totalMin += ix.minLoad[r];
  }
  if (capacity < demand) {
    out.push({
      kind: 'capacity-below-demand',
      demand,
      capacity,
      message: {
        ko: `필요한 평가 수(${demand})가 평가위원 전체 최대 배정 수의 합(${capacity})보다 많습니다`,
        en: `the proposals need ${demand} reviews in all but the reviewers can take at most ${capacity}`,
      },
    });
  }
  if (totalMin > demand) {
    out.push({
      kind: 'min-load-above-demand',
      totalMinLoad: totalMin,
      demand,
      message: {
        ko: `평가위원 최소 배정 수의 합(${totalMin})이 필요한 평가 수(${demand})보다 많습니다`,
        en: `the reviewers' minimum loads add up to ${totalMin}, more than the ${demand} reviews needed`,
      },
    });
  }
  const { perProposal, perReviewer } = countEligible(ix);
  for (let p = 0; p < ix.proposalCount; p++) {
    if (perProposal[p] < ix.reviews[p]) {
      const id = proposals[p].id;
      out.push({
        kind: 'proposal-lacks-eligible-reviewers',
        proposalId: id,
        needed: ix.reviews[p],
        eligible: perProposal[p],
        message: {
          ko: `제안서 "${id}"는 평가 ${ix.reviews[p]}건이 필요하지만 이해충돌이 없는 후보 평가위원이 ${perProposal[p]}명뿐입니다`,
          en: `proposal "${id}" needs ${ix.reviews[p]} reviews but has only ${perProposal[p]} eligible (candidate, non-conflicted) reviewers`,
        },
      });
    }
  }
  for (let r = 0; r < ix.reviewerCount; r++) {
    if (perReviewer[r] < ix.minLoad[r]) {
      const id = reviewers[r].id;
      out.push({
        kind: 'reviewer-min-load-unreachable',
        reviewerId: id,
        minLoad: ix.minLoad[r],
        eligible: perReviewer[r],
        message: {
          ko: `평가위원 "${id}"의 최소 배정 수는 ${ix.minLoad[r]}건이지만 배정 가능한 제안서가 ${perReviewer[r]}건뿐입니다`,
          en: `reviewer "${id}" must take at least ${ix.minLoad[r]} proposals but only ${perReviewer[r]} are eligible`,
        },
      });
    }
  }
  return out;
}

/**
 * A Hall-type certificate: proposals A need more reviews than the reviewers B can give (their
 * maxLoad) plus what every other eligible reviewer can give (one review per pair outside B).
 */
export function groupShortfall(ix: IndexedInstance, proposalIdx: number[], reviewerIdx: number[]): InfeasibilityReason {
  const inA = new Uint8Array(ix.proposalCount);
  const inB = new Uint8Array(ix.reviewerCount);
  for (const p of proposalIdx) inA[p] = 1;
  for (const r of reviewerIdx) inB[r] = 1;
  let outside = 0;
  for (let k = 0; k < ix.pairProposal.length; k++) {
    const r = ix.pairReviewer[k];
    if (!ix.pairConflicted[k] && inA[ix.pairProposal[k]] && !inB[r] && ix.maxLoad[r] > 0) outside++;
  }
  const demand = proposalIdx.reduce((s, p) => s + ix.reviews[p], 0);
  const capacity = reviewerIdx.reduce((s, r) => s + ix.maxLoad[r], 0) + outside;
  const proposalIds = proposalIdx.map((p) => ix.instance.proposals[p].id);
  const reviewerIds = reviewerIdx.map((r) => ix.instance.reviewers[r].id);
  const list = (ids: EntityId[]) => (ids.length > 10 ? `${ids.slice(0, 10).join(', ')} …(+${ids.length - 10})` : ids.join(', '));
  return {
    kind: 'proposals-share-too-few-reviewers',
    proposalIds,
    demand,
    reviewerIds,
    capacity,
    message: {
      ko: `제안서 ${proposalIds.length}건(${list(proposalIds)})은 합계 ${demand}건의 평가가 필요하지만, 배정 가능한 평가위원이 줄 수 있는 평가는 최대 ${capacity}건입니다(평가위원 ${list(reviewerIds)}의 최대 배정 수 합 + 그 밖의 후보 쌍 ${outside}건)`,
      en: `${proposalIds.length} proposals (${list(proposalIds)}) need ${demand} reviews together, but their eligible reviewers can give at most ${capacity} (the maxLoad of ${list(reviewerIds)}, plus ${outside} other candidate pairs)`,
    },
  };
}

export function minLoadUnmet(ix: IndexedInstance, r: number, reachable: number): InfeasibilityReason {
  const id = ix.instance.reviewers[r].id;
  return {
    kind: 'reviewer-min-load-unmet',
    reviewerId: id,
    minLoad: ix.minLoad[r],
    reachable,
    message: {
      ko: `평가위원 "${id}"의 최소 배정 수 ${ix.minLoad[r]}건을 다른 제약(제안서별 평가 수, 다른 위원의 최소 배정)과 함께 채울 수 없습니다(최대 ${reachable}건)`,
      en: `reviewer "${id}" cannot reach the minimum load of ${ix.minLoad[r]} together with the other constraints (reviews per proposal, other reviewers' minimums); reached ${reachable}`,
    },
  };
}

export function minLoadsCrowdOut(ix: IndexedInstance, proposalIdx: number[]): InfeasibilityReason {
  const proposalIds = proposalIdx.map((p) => ix.instance.proposals[p].id);
  const list = proposalIds.slice(0, 10).join(', ') + (proposalIds.length > 10 ? ` …(+${proposalIds.length - 10})` : '');
  return {
    kind: 'min-loads-crowd-out',
    proposalIds,
    message: {
      ko: `평가위원 최소 배정 수를 채우면 제안서 ${list}에 필요한 평가위원이 부족합니다(최소 배정 없이는 배정 가능)`,
      en: `meeting the reviewers' minimum loads leaves proposals ${list} without enough reviewers (they could be served without the minimums)`,
    },
  };
}
