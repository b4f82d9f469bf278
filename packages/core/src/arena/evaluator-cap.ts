/**
 * At most `cap` votes per evaluator count, so a handful of prolific evaluators cannot steer the
 * ratings. The votes kept are each evaluator's first `cap` in the order given (pass them in
 * submission order); the rest are returned separately so the drop can be shown and audited.
 */
export function capVotesPerEvaluator<V extends { evaluator: string }>(votes: readonly V[], cap: number): { kept: V[]; dropped: V[] } {
  if (!Number.isInteger(cap) || cap < 0) throw new Error('cap must be a non-negative integer');
  const seen = new Map<string, number>();
  const kept: V[] = [];
  const dropped: V[] = [];
  for (const v of votes) {
    const n = seen.get(v.evaluator) ?? 0;
    if (n < cap) kept.push(v);
    else dropped.push(v);
    seen.set(v.evaluator, n + 1);
  }
  return { kept, dropped };
}
