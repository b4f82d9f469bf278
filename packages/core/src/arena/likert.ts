/** One evaluator's 1–5 answer on one criterion for one team. */
export interface LikertRating {
  team: string;
  evaluator: string;
  criterion: string;
  score: number;
}

export interface LikertSummary {
  team: string;
  /** mean over criteria of each criterion's mean over evaluators */
  mean: number;
  byCriterion: Record<string, number>;
  responses: number;
}

/**
 * Per-team Likert means. Averaging per criterion first keeps a criterion that fewer evaluators
 * answered from weighing less than the others.
 */
export function summariseLikert(ratings: readonly LikertRating[], scale: [number, number] = [1, 5]): LikertSummary[] {
  const byTeam = new Map<string, Map<string, number[]>>();
  for (const r of ratings) {
    if (!Number.isFinite(r.score) || r.score < scale[0] || r.score > scale[1]) {
      throw new Error(`score ${r.score} for ${r.team}/${r.criterion} is outside ${scale[0]}–${scale[1]}`);
    }
    const criteria = byTeam.get(r.team) ?? new Map<string, number[]>();
    byTeam.set(r.team, criteria);
    const list = criteria.get(r.criterion) ?? [];
    criteria.set(r.criterion, list);
    list.push(r.score);
  }
  return [...byTeam].map(([team, criteria]) => {
    const byCriterion: Record<string, number> = {};
    let responses = 0;
    for (const [criterion, scores] of criteria) {
      byCriterion[criterion] = scores.reduce((s, x) => s + x, 0) / scores.length;
      responses += scores.length;
    }
    const means = Object.values(byCriterion);
    return { team, mean: means.reduce((s, x) => s + x, 0) / means.length, byCriterion, responses };
  });
}
