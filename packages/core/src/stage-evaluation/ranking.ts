import type { StageEvaluationScheme } from '../program/definition.ts';
import type { TeamStageResult } from './score-stage.ts';

// totals are rounded to at most 6 decimals, so anything closer than this is the same published figure
const SAME = 1e-9;

/** The components that separate equal totals: the rule's list, else the scheme's top-level order. */
export function tieBreakKeys(scheme: StageEvaluationScheme, tieBreak?: string[]): string[] {
  return tieBreak ?? scheme.components.map((c) => c.key);
}

/**
 * Orders teams best first: higher total, then higher points on each tie-break component in turn.
 * Returns 0 only when every figure is equal — a tie no published rule separates.
 */
export function compareStanding(a: TeamStageResult, b: TeamStageResult, keys: readonly string[]): number {
  const d = b.total - a.total;
  if (Math.abs(d) > SAME) return d;
  for (const k of keys) {
    const dk = (b.pointsByComponent[k] ?? 0) - (a.pointsByComponent[k] ?? 0);
    if (Math.abs(dk) > SAME) return dk;
  }
  return 0;
}

/** Competition ranks on total points alone (1, 2, 2, 4), as a results table prints them. */
export function rankOnPoints(results: readonly TeamStageResult[]): Map<string, number> {
  return new Map(results.map((r) => [r.team, 1 + results.filter((o) => o.total - r.total > SAME).length]));
}
