import { issue, type FieldIssue } from '@stagegate/core/shared/localized';
import type { DecisionOutcomeRecord } from '../db/schema/index.ts';
import type { LoadedEvaluation } from './evaluation-store.ts';
import type { StageResults } from './results.ts';
import { particle } from '@stagegate/core/shared/korean-particles';

/**
 * Each team's outcome as the office confirms it: the scheme's proposal, with the office's overrides
 * where it departs (every override naming a team of the evaluation) and every tie at the boundary
 * settled. One rule for a first decision and for a correction after an upheld appeal.
 */
export function settleOutcomes(
  results: StageResults,
  teams: LoadedEvaluation['teams'],
  overrides: Record<string, DecisionOutcomeRecord['outcome']>,
): { issues: FieldIssue[]; outcomes: DecisionOutcomeRecord[] } {
  // missing inputs and unruled gates must be settled first: a decision rests on a complete table
  const issues: FieldIssue[] = results.issues.map((i) => ({ field: `inputs.${i.field}`, message: i.message }));
  for (const key of Object.keys(overrides)) {
    if (!teams.some((t) => t.key === key))
      issues.push(issue(`overrides.${key}`, `"${key}"${particle(key, '은/는')} 이 평가의 팀이 아닙니다`, `"${key}" is not a team of this evaluation`));
  }
  for (const team of results.proposal.unresolvedTie) {
    if (!overrides[team])
      issues.push(issue(`overrides.${team}`, `동점인 ${team} 팀의 결과를 운영자가 정해야 합니다`, `the operator must decide ${team}, tied at the boundary`));
  }
  const taskOf = new Map(teams.map((t) => [t.key, t]));
  const outcomes: DecisionOutcomeRecord[] = results.proposal.items.map((p) => ({
    taskId: taskOf.get(p.team)!.id,
    taskKey: p.team,
    proposed: p.outcome,
    outcome: overrides[p.team] ?? p.outcome,
    reasons: p.reasons,
    ...(p.basis ? { basis: p.basis } : {}),
    rank: p.rank,
    total: p.total,
  }));
  return { issues, outcomes };
}
