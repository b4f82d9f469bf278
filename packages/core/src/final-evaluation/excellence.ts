import { z } from 'zod';
import type { LocalizedText } from '../shared/localized.ts';

/**
 * Which tasks the final evaluation designates "excellent" (우수 과제), as configured per final
 * evaluation: the top N by score, everyone at or above a threshold, or the top N of those at or
 * above it. Ties at the N-th place are all included, so equal scores get equal treatment.
 */
export const excellenceRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('topN'), n: z.number().int().positive() }),
  z.object({ kind: z.literal('atLeast'), minScore: z.number() }),
  z.object({ kind: z.literal('topNAtLeast'), n: z.number().int().positive(), minScore: z.number() }),
]);
export type ExcellenceRule = z.infer<typeof excellenceRule>;

export interface ScoredTask {
  task: string;
  /** null while the score is not in yet */
  score: number | null;
}

export interface Designation {
  task: string;
  score: number | null;
  /** 1 + the number of tasks scored strictly higher; null without a score */
  rank: number | null;
  excellent: boolean;
  reason: LocalizedText;
}

const fmt = (x: number) => String(Math.round(x * 100) / 100);

export function describeRule(rule: ExcellenceRule): LocalizedText {
  switch (rule.kind) {
    case 'topN':
      return { ko: `점수 상위 ${rule.n}개 과제`, en: `the top ${rule.n} tasks by score` };
    case 'atLeast':
      return { ko: `${fmt(rule.minScore)}점 이상인 과제`, en: `tasks scoring at least ${fmt(rule.minScore)}` };
    case 'topNAtLeast':
      return { ko: `${fmt(rule.minScore)}점 이상 과제 중 상위 ${rule.n}개`, en: `the top ${rule.n} of the tasks scoring at least ${fmt(rule.minScore)}` };
  }
}

/** Applies the rule; refuses while any task has no score, since a missing score could change the top N. */
export function designateExcellent(tasks: readonly ScoredTask[], rule: ExcellenceRule): { designations: Designation[]; missing: string[] } {
  const missing = tasks.filter((t) => t.score === null || !Number.isFinite(t.score)).map((t) => t.task);
  const scored = tasks.filter((t): t is { task: string; score: number } => t.score !== null && Number.isFinite(t.score));
  const rankOf = (s: number) => 1 + scored.filter((o) => o.score > s).length;
  const eligible = rule.kind === 'topN' ? scored : scored.filter((t) => t.score >= rule.minScore);
  const rankAmongEligible = (s: number) => 1 + eligible.filter((o) => o.score > s).length;
  const designations = tasks.map((t): Designation => {
    if (t.score === null || !Number.isFinite(t.score)) {
      return { task: t.task, score: null, rank: null, excellent: false, reason: { ko: '최종 점수 없음', en: 'no final score' } };
    }
    const score = t.score;
    const rank = rankOf(score);
    const meetsMin = rule.kind === 'topN' || score >= rule.minScore;
    const withinN = rule.kind === 'atLeast' || (meetsMin && rankAmongEligible(score) <= rule.n);
    const excellent = meetsMin && withinN;
    let reason: LocalizedText;
    if (!meetsMin)
      reason = {
        ko: `${fmt(score)}점으로 기준 ${fmt((rule as { minScore: number }).minScore)}점 미만`,
        en: `${fmt(score)} is below the threshold ${fmt((rule as { minScore: number }).minScore)}`,
      };
    else if (!withinN)
      reason = { ko: `${rank}위로 상위 ${(rule as { n: number }).n}개 밖`, en: `rank ${rank} is outside the top ${(rule as { n: number }).n}` };
    else reason = { ko: `${fmt(score)}점, ${rank}위: ${describeRule(rule).ko}에 해당`, en: `${fmt(score)}, rank ${rank}: among ${describeRule(rule).en}` };
    return { task: t.task, score, rank, excellent, reason };
  });
  return { designations, missing };
}
