import { createRng } from '../shared/random.ts';
import { expectedScore } from './rating-scale.ts';
import type { ArenaVote, ArenaWinner } from './vote.ts';

export interface SyntheticVoteOptions {
  /** true ratings by model (400·log10 scale) */
  ratings: Record<string, number>;
  votes: number;
  seed: number;
  /** share of votes that are ties where the matchup allows it; default 0 */
  tieRate?: number;
  /** share of ties that are "both bad"; default 0.5 */
  bothBadShare?: number;
}

/**
 * Votes from known Bradley–Terry strengths, uniformly random pairs and A/B order. Ties are drawn so
 * the expected score (win = 1, tie = ½) stays exactly the model's win probability p: with tie rate
 * t ≤ 2·min(p, 1−p), A wins with (p − t/2)/(1 − t). The half-tie estimator is then unbiased for the
 * true ratings, which is what tests of recovery and interval coverage need.
 */
export function* syntheticVotes(options: SyntheticVoteOptions): Generator<ArenaVote> {
  const models = Object.keys(options.ratings);
  if (models.length < 2) throw new Error('need at least two models');
  const rng = createRng(options.seed);
  const tieRate = options.tieRate ?? 0;
  const bothBad = options.bothBadShare ?? 0.5;
  for (let v = 0; v < options.votes; v++) {
    const a = rng.int(models.length);
    let b = rng.int(models.length - 1);
    if (b >= a) b++;
    const modelA = models[a],
      modelB = models[b];
    const p = expectedScore(options.ratings[modelA], options.ratings[modelB]);
    const t = Math.min(tieRate, 2 * Math.min(p, 1 - p));
    let winner: ArenaWinner;
    if (rng.next() < t) winner = rng.next() < bothBad ? 'tie (bothbad)' : 'tie';
    else winner = rng.next() < (p - t / 2) / (1 - t) ? 'model_a' : 'model_b';
    yield { model_a: modelA, model_b: modelB, winner };
  }
}
