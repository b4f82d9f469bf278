import type { AggregationRule } from '../review/aggregate.ts';
import { schemeForRound, type SelectionScheme } from './selection-scheme.ts';

/**
 * The criteria the final ranking breaks ties by: those of the heaviest round (the one that
 * decides), the call's when no single round weighs most.
 */
export function rankingScheme(
  program: Parameters<typeof schemeForRound>[0],
  callKey: string,
  rounds: readonly { key: string; weight: number }[],
): SelectionScheme {
  const heaviest = [...rounds].sort((a, b) => b.weight - a.weight)[0];
  return heaviest && rounds.filter((r) => r.weight === heaviest.weight).length === 1 ? schemeForRound(program, callKey, heaviest.key) : program.selectionScheme;
}

/** How the office configures a call's aggregation (trimmed mean or mean, z-scores or not). */
export interface AggregationSetting {
  method: 'mean' | 'trimmed';
  /** the trimmed mean drops the highest and lowest score only with at least this many reviewers */
  trimMinReviewers: number;
  /** normalise each reviewer's totals to their own mean and spread before averaging */
  zScore: boolean;
}

/** A call's configured aggregation in the aggregation rule's terms. */
export function aggregationRuleOf(setting: AggregationSetting): AggregationRule {
  return {
    method: setting.method === 'trimmed' ? 'trimmed-mean' : 'mean',
    trimMinimumReviewers: setting.trimMinReviewers,
    normalise: setting.zScore ? 'z-score' : 'none',
  };
}
