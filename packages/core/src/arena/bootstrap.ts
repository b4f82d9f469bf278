import { createRng } from '../shared/random.ts';
import { multinomial } from './multinomial.ts';
import { BT_DEFAULTS, fitBradleyTerry, type BradleyTerryOptions } from './bradley-terry.ts';
import { withCounts, type PairTable } from './pair-table.ts';
import { quantileSorted } from './percentile.ts';
import { meanAnchor, toRatings, type RatingAnchor } from './rating-scale.ts';

export interface BootstrapOptions {
  rounds: number;
  seed: number;
  /** two-sided coverage of the percentile interval; default 0.95 */
  level?: number;
  anchor?: RatingAnchor;
  fit?: BradleyTerryOptions;
  /** point-estimate strengths to warm-start every replicate (saves most iterations) */
  start?: Float64Array;
}

export interface BootstrapResult {
  /** used × models, row-major: ratings of each replicate used, anchored like the point estimate */
  samples: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /** replicates drawn */
  rounds: number;
  /** replicates whose first fit did not converge (or whose resampled votes have no MLE) */
  unconverged: number;
  /** of those, refitted from a cold start with ten times the iterations and then converged */
  refitted: number;
  /** of those, left out of the interval: still not converged, or no MLE for the resample */
  excluded: number;
  /** replicates the interval is computed from (rounds − excluded) */
  used: number;
}

/**
 * Percentile bootstrap over votes. Resampling N votes with replacement and then aggregating gives
 * exactly a multinomial(N, counts/N) draw over the table's cells (pair × {first wins, second wins,
 * tie}), so we draw that multinomial directly by conditional binomials: the same distribution,
 * no need to keep the 1.6 M votes in memory, and O(cells) per round instead of O(votes).
 */
export function bootstrapRatings(table: PairTable, options: BootstrapOptions): BootstrapResult {
  const m = table.models.length;
  const pairs = table.first.length;
  const rounds = options.rounds;
  const level = options.level ?? 0.95;
  const anchor = options.anchor ?? meanAnchor;
  const samples = new Float64Array(rounds * m);
  const lower = new Float64Array(m);
  const upper = new Float64Array(m);
  let unconverged = 0,
    refitted = 0,
    excluded = 0,
    used = 0;
  if (rounds === 0 || table.totalVotes === 0) {
    return { samples, lower, upper, rounds: 0, unconverged, refitted, excluded, used };
  }

  const weights = new Float64Array(3 * pairs);
  for (let p = 0; p < pairs; p++) {
    weights[3 * p] = table.firstWins[p];
    weights[3 * p + 1] = table.secondWins[p];
    weights[3 * p + 2] = table.ties[p];
  }
  const rng = createRng(options.seed);
  const counts = new Float64Array(3 * pairs);
  const n = Math.round(table.totalVotes);

  for (let r = 0; r < rounds; r++) {
    multinomial(rng, n, weights, counts);
    const firstWins = new Float64Array(pairs),
      secondWins = new Float64Array(pairs),
      ties = new Float64Array(pairs);
    for (let p = 0; p < pairs; p++) {
      firstWins[p] = counts[3 * p];
      secondWins[p] = counts[3 * p + 1];
      ties[p] = counts[3 * p + 2];
    }
    const resampled = withCounts(table, firstWins, secondWins, ties);
    let fit = fitBradleyTerry(resampled, { ...options.fit, start: options.start ?? options.fit?.start });
    if (!fit.converged) {
      unconverged++;
      // a warm start can stall; one cold refit with ten times the iterations, then give up on it
      if (fit.mleExists) {
        const maxIterations = 10 * (options.fit?.maxIterations ?? BT_DEFAULTS.maxIterations);
        fit = fitBradleyTerry(resampled, { ...options.fit, start: undefined, maxIterations });
      }
      if (fit.converged) refitted++;
      else {
        excluded++;
        continue;
      }
    }
    samples.set(toRatings(fit.logStrength, table.models, anchor), used * m);
    used++;
  }

  if (used > 0) {
    const column = new Float64Array(used);
    const tail = (1 - level) / 2;
    for (let i = 0; i < m; i++) {
      for (let r = 0; r < used; r++) column[r] = samples[r * m + i];
      column.sort();
      lower[i] = quantileSorted(column, tail);
      upper[i] = quantileSorted(column, 1 - tail);
    }
  }
  return { samples: samples.slice(0, used * m), lower, upper, rounds, unconverged, refitted, excluded, used };
}
