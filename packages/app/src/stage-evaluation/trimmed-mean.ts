/**
 * The panel's trimmed mean: with three or more scores the single highest and lowest are dropped
 * (one judge's outlier cannot move a team), otherwise the plain mean. The review machinery's own
 * trimmed mean, once it exists in core, should replace this one so the rule lives in one place.
 */
export function trimmedMean(scores: readonly number[]): number {
  if (scores.length === 0) throw new Error('no scores');
  const sorted = [...scores].sort((a, b) => a - b);
  const kept = sorted.length >= 3 ? sorted.slice(1, -1) : sorted;
  return kept.reduce((s, x) => s + x, 0) / kept.length;
}
