import { bootstrapRatings } from './bootstrap.ts';
import { fitBradleyTerry, type BradleyTerryOptions } from './bradley-terry.ts';
import type { PairTable } from './pair-table.ts';
import { meanAnchor, toRatings, type RatingAnchor } from './rating-scale.ts';

export interface RatedModel {
  model: string;
  rating: number;
  ci: [number, number];
  rank: number;
  battles: number;
}

export interface RateOptions {
  /** bootstrap rounds; 0 gives zero-width intervals at the point estimate */
  bootstrap?: number;
  seed?: number;
  level?: number;
  anchor?: RatingAnchor;
  fit?: BradleyTerryOptions;
}

export interface Leaderboard {
  models: RatedModel[];
  iterations: number;
  converged: boolean;
  unconvergedReplicates: number;
}

/**
 * rank = 1 + the number of models whose interval lies entirely above this one's (lower bound above
 * this upper bound): models that cannot be told apart share a rank, as on LMArena.
 */
export function rankByIntervals(intervals: ReadonlyArray<readonly [number, number]>): number[] {
  return intervals.map(([, hi]) => 1 + intervals.filter(([lo]) => lo > hi).length);
}

/** Point ratings, bootstrap percentile intervals and interval ranks, sorted by rating (desc). */
export function rateModels(table: PairTable, options: RateOptions = {}): Leaderboard {
  const anchor = options.anchor ?? meanAnchor;
  const fit = fitBradleyTerry(table, options.fit);
  const ratings = toRatings(fit.logStrength, table.models, anchor);
  const rounds = options.bootstrap ?? 100;
  const boot = bootstrapRatings(table, {
    rounds,
    seed: options.seed ?? 1,
    level: options.level,
    anchor,
    fit: options.fit,
    start: fit.strength,
  });
  const intervals = table.models.map((_, i): [number, number] =>
    boot.rounds > 0 ? [boot.lower[i], boot.upper[i]] : [ratings[i], ratings[i]],
  );
  const ranks = rankByIntervals(intervals);
  const models = table.models.map((model, i) => ({
    model,
    rating: ratings[i],
    ci: intervals[i],
    rank: ranks[i],
    battles: table.battles[i],
  }));
  models.sort((a, b) => b.rating - a.rating || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  return { models, iterations: fit.iterations, converged: fit.converged, unconvergedReplicates: boot.unconverged };
}
