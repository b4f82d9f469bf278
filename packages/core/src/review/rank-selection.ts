import {
  aggregateScores,
  combineRounds,
  rankApplications,
  type AggregatedScore,
  type AggregationRule,
  type RankedApplication,
  type ScoreSheet,
} from './aggregate.ts';

/** One submitted sheet that counts, tagged with the round it belongs to. */
export interface RoundSheet extends ScoreSheet {
  round: string;
}

export interface SelectionRankingInput {
  rule: AggregationRule;
  /** in the call's order; rounds weighted 0 are aggregated but not combined */
  rounds: readonly { key: string; weight: number }[];
  /** criteria groups that separate equal totals, heaviest first */
  tieBreakGroups: readonly string[];
  sheets: readonly RoundSheet[];
}

export interface SelectionRanking {
  /** per round key: each application's aggregate in that round */
  perRound: Map<string, Map<string, AggregatedScore>>;
  ranked: RankedApplication[];
  /** applications scored in some weighted round but not all of them (not ranked) */
  missing: Map<string, string[]>;
  weighted: string[];
}

/**
 * The selection ranking of one call: each round aggregated by the call's rule, the weighted rounds
 * combined, ranked with the stated tie-breaks. The office's screens and a published bundle's
 * verification both call this, so the two cannot drift apart.
 */
export function rankSelection(input: SelectionRankingInput): SelectionRanking {
  const perRound = new Map<string, Map<string, AggregatedScore>>();
  for (const round of input.rounds) {
    const own = input.sheets.filter((s) => s.round === round.key).map(({ applicationId, reviewerId, groups }) => ({ applicationId, reviewerId, groups }));
    perRound.set(round.key, new Map(aggregateScores(own, input.rule).map((a) => [a.applicationId, a])));
  }
  const weighted = input.rounds.filter((r) => r.weight > 0);
  const missing = new Map<string, string[]>();
  if (weighted.length === 0) return { perRound, ranked: [], missing, weighted: [] };
  const { combined, incomplete } = combineRounds(
    weighted.map((r) => ({
      key: r.key,
      weight: r.weight,
      scores: [...perRound.get(r.key)!.values()].map((a) => ({ applicationId: a.applicationId, score: a.score })),
    })),
  );
  for (const i of incomplete) missing.set(i.applicationId, i.missingRounds);
  const weightSum = weighted.reduce((s, r) => s + r.weight, 0);
  const scores: AggregatedScore[] = combined.map((c) => {
    const parts = weighted.map((r) => ({ w: r.weight / weightSum, a: perRound.get(r.key)!.get(c.applicationId)! }));
    const groups: Record<string, number> = {};
    for (const { w, a } of parts) for (const [g, v] of Object.entries(a.groups)) groups[g] = (groups[g] ?? 0) + w * v;
    return {
      applicationId: c.applicationId,
      score: c.score,
      groups,
      reviewCount: parts.reduce((s, p) => s + p.a.reviewCount, 0),
      trimmed: parts.some((p) => p.a.trimmed),
    };
  });
  return { perRound, ranked: rankApplications(scores, [...input.tieBreakGroups]), missing, weighted: weighted.map((w) => w.key) };
}
