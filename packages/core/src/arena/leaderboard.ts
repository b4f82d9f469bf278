import { bootstrapRatings } from './bootstrap.ts';
import { fitBradleyTerry, type BradleyTerryOptions, type MleCutOff } from './bradley-terry.ts';
import type { PairTable } from './pair-table.ts';
import { lmarenaAnchor, toRatings, type RatingAnchor } from './rating-scale.ts';

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
  /** default: LMArena's (mean 1000, or mixtral-8x7b-instruct-v0.1 at 1114 when rated) */
  anchor?: RatingAnchor;
  /** default: the plain MLE (priorGames 0); a prior is an explicit choice */
  fit?: BradleyTerryOptions;
}

export interface Leaderboard {
  models: RatedModel[];
  iterations: number;
  converged: boolean;
  /** the pseudo-games of the prior; 0 = plain maximum likelihood */
  priorGames: number;
  anchor: RatingAnchor;
  /** bootstrap replicates whose first fit did not converge (see refitted and excluded) */
  unconvergedReplicates: number;
  bootstrap: { rounds: number; used: number; refitted: number; excluded: number };
}

/** The plain maximum-likelihood fit does not exist for these votes: some models never lost (or never won) across a split. */
export class NoMaximumLikelihoodError extends Error {
  constructor(readonly cutOff: MleCutOff) {
    const list = (xs: string[]) => `${xs.slice(0, 10).join(', ')}${xs.length > 10 ? ` … (${xs.length})` : ''}`;
    const parts = [
      cutOff.neverLost.length ? `${list(cutOff.neverLost)} never lost` : '',
      cutOff.neverWon.length ? `${list(cutOff.neverWon)} never won` : '',
    ].filter(Boolean);
    super(
      `the plain maximum-likelihood ratings do not exist for these votes: ${parts.join('; ')} against the models outside their group, so their ratings run off to infinity; collect more votes or choose a prior explicitly`,
    );
    this.name = 'NoMaximumLikelihoodError';
  }
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
  const anchor = options.anchor ?? lmarenaAnchor(table.models);
  const fit = fitBradleyTerry(table, options.fit);
  if (!fit.mleExists) throw new NoMaximumLikelihoodError(fit.cutOff!);
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
  const intervals = table.models.map((_, i): [number, number] => (boot.rounds > 0 ? [boot.lower[i], boot.upper[i]] : [ratings[i], ratings[i]]));
  const ranks = rankByIntervals(intervals);
  const models = table.models.map((model, i) => ({
    model,
    rating: ratings[i],
    ci: intervals[i],
    rank: ranks[i],
    battles: table.battles[i],
  }));
  models.sort((a, b) => b.rating - a.rating || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  return {
    models,
    iterations: fit.iterations,
    converged: fit.converged,
    priorGames: options.fit?.priorGames ?? 0,
    anchor,
    unconvergedReplicates: boot.unconverged,
    bootstrap: { rounds: boot.rounds, used: boot.used, refitted: boot.refitted, excluded: boot.excluded },
  };
}
