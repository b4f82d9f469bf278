import { issue, type FieldIssue, type LocalizedText } from '../shared/localized.ts';
import { particle } from '../shared/korean-particles.ts';
import type { DecisionOutcome } from './propose-decision.ts';
import type { StageResults } from './stage-results.ts';

/** One team's outcome as the office confirmed it, beside what the scheme proposed. */
export interface SettledOutcome {
  taskId: string;
  taskKey: string;
  outcome: DecisionOutcome;
  proposed: DecisionOutcome;
  reasons: LocalizedText[];
  basis?: string;
  rank: number;
  total: number;
}

/**
 * Each team's outcome as the office confirms it: the scheme's proposal, with the office's overrides
 * where it departs (every override naming a team of the evaluation) and every tie at the boundary
 * settled. One rule for a first decision and for a correction after an upheld appeal.
 */
export function settleOutcomes(
  results: Pick<StageResults, 'issues' | 'proposal'>,
  teams: readonly { id: string; key: string }[],
  overrides: Record<string, DecisionOutcome>,
): { issues: FieldIssue[]; outcomes: SettledOutcome[] } {
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
  const outcomes: SettledOutcome[] = results.proposal.items.map((p) => ({
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
