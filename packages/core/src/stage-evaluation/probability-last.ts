import { createRng, type Rng } from '../shared/random.ts';

/**
 * Runs `rounds` joint bootstrap replicates: each call of `replicate` resamples everything at once
 * (benchmark items, judges, votes) with the rng it is given and returns every team's total, so
 * the teams' totals stay correlated the way the real evaluation correlates them.
 */
export function jointBootstrap(rounds: number, seed: number, replicate: (rng: Rng) => Record<string, number>): Record<string, number>[] {
  const rng = createRng(seed);
  return Array.from({ length: rounds }, () => replicate(rng));
}

/**
 * Share of replicates in which each team finishes among the `bottom` lowest (default 1: last).
 * Teams tied across the boundary share it evenly, so the probabilities sum to `bottom`.
 */
export function probabilityOfFinishingLast(replicates: readonly Record<string, number>[], bottom = 1): Record<string, number> {
  if (replicates.length === 0) throw new Error('no bootstrap replicates');
  const teams = Object.keys(replicates[0]);
  const tally: Record<string, number> = Object.fromEntries(teams.map((t) => [t, 0]));
  for (const totals of replicates) {
    const sorted = teams.map((t) => totals[t]).sort((a, b) => a - b);
    const threshold = sorted[bottom - 1];
    const below = teams.filter((t) => totals[t] < threshold);
    const at = teams.filter((t) => totals[t] === threshold);
    const share = (bottom - below.length) / at.length;
    for (const t of below) tally[t] += 1;
    for (const t of at) tally[t] += share;
  }
  for (const t of teams) tally[t] /= replicates.length;
  return tally;
}
