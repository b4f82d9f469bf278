import type { AssignmentInstance } from '@stagegate/core/review/assignment-instance';
import type { PairValue } from './openreview-csv.ts';

export interface ImportedScores {
  /** name of the source, for messages */
  source: string;
  pairs: Array<[paper: string, reviewer: string, score: number]>;
  weight: number;
  /** every paper the file names, ranked by anyone or not (PrefLib's alternatives): each needs its reviews */
  papers?: string[];
}

export interface InstanceLimits {
  reviewsPerPaper: number;
  maxPapers: number;
  minPapers?: number;
}

/**
 * The assignment instance from conference exports, as OpenReview's matcher combines its inputs:
 * a pair's score is the weighted sum of its values in every score file (0 where a file lacks the
 * pair); the candidate pairs are those listed in any score file; conflicts are never assigned.
 * Papers and reviewers are taken in the order they first appear.
 */
export function buildAssignmentInstance(scores: ImportedScores[], conflicts: PairValue[], limits: InstanceLimits): AssignmentInstance {
  const papers: string[] = [],
    reviewers: string[] = [];
  const seenPaper = new Set<string>(),
    seenReviewer = new Set<string>();
  const totals = new Map<string, [string, string, number]>();
  for (const s of scores) {
    for (const p of s.papers ?? []) if (!seenPaper.has(p)) seenPaper.add(p) && papers.push(p);
    for (const [p, r, v] of s.pairs) {
      if (!seenPaper.has(p)) seenPaper.add(p) && papers.push(p);
      if (!seenReviewer.has(r)) seenReviewer.add(r) && reviewers.push(r);
      const key = JSON.stringify([p, r]);
      const t = totals.get(key) ?? [p, r, 0];
      t[2] += s.weight * v;
      totals.set(key, t);
    }
  }
  return {
    proposals: papers.map((id) => ({ id, reviews: limits.reviewsPerPaper })),
    reviewers: reviewers.map((id) => ({ id, maxLoad: limits.maxPapers, ...(limits.minPapers ? { minLoad: limits.minPapers } : {}) })),
    affinity: [...totals.values()],
    // a conflict naming someone outside the scores cannot be assigned anyway
    conflicts: conflicts
      .filter((c) => c.value < 0)
      .filter((c) => seenPaper.has(c.paper) && seenReviewer.has(c.reviewer))
      .map((c) => [c.paper, c.reviewer]),
  };
}
