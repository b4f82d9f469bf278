import type { ArenaVote, ArenaWinner } from './vote.ts';

/**
 * Votes aggregated per unordered pair of models. Everything downstream (fit, bootstrap) reads only
 * this table, so 1.6 million votes cost O(pairs) per iteration, not O(votes).
 * Pair p compares models `first[p] < second[p]` (indices into `models`).
 * Both kinds of tie are merged: each counts half a win to either side, so they are interchangeable.
 */
export interface PairTable {
  models: string[];
  first: Int32Array;
  second: Int32Array;
  firstWins: Float64Array;
  secondWins: Float64Array;
  ties: Float64Array;
  /** votes each model took part in */
  battles: Float64Array;
  totalVotes: number;
}

const MAX_MODELS = 1 << 20;

/** Streams votes in one at a time (e.g. from a 1.6 M-line file) and keeps only pair counts. */
export class PairTableBuilder {
  private readonly index = new Map<string, number>();
  private readonly models: string[] = [];
  private readonly pairOf = new Map<number, number>();
  private first: number[] = [];
  private second: number[] = [];
  private firstWins: number[] = [];
  private secondWins: number[] = [];
  private ties: number[] = [];
  private total = 0;

  add(vote: ArenaVote): void {
    this.addBattle(vote.model_a, vote.model_b, vote.winner);
  }

  addBattle(modelA: string, modelB: string, winner: ArenaWinner, count = 1): void {
    if (modelA === modelB) throw new Error(`a model cannot battle itself: ${modelA}`);
    const a = this.modelIndex(modelA);
    const b = this.modelIndex(modelB);
    const lo = Math.min(a, b),
      hi = Math.max(a, b);
    const key = lo * MAX_MODELS + hi;
    let p = this.pairOf.get(key);
    if (p === undefined) {
      p = this.first.length;
      this.pairOf.set(key, p);
      this.first.push(lo);
      this.second.push(hi);
      this.firstWins.push(0);
      this.secondWins.push(0);
      this.ties.push(0);
    }
    if (winner === 'model_a' || winner === 'model_b') {
      const winnerIndex = winner === 'model_a' ? a : b;
      if (winnerIndex === lo) this.firstWins[p] += count;
      else this.secondWins[p] += count;
    } else {
      this.ties[p] += count;
    }
    this.total += count;
  }

  get voteCount(): number {
    return this.total;
  }

  build(): PairTable {
    const battles = new Float64Array(this.models.length);
    for (let p = 0; p < this.first.length; p++) {
      const n = this.firstWins[p] + this.secondWins[p] + this.ties[p];
      battles[this.first[p]] += n;
      battles[this.second[p]] += n;
    }
    return {
      models: [...this.models],
      first: Int32Array.from(this.first),
      second: Int32Array.from(this.second),
      firstWins: Float64Array.from(this.firstWins),
      secondWins: Float64Array.from(this.secondWins),
      ties: Float64Array.from(this.ties),
      battles,
      totalVotes: this.total,
    };
  }

  private modelIndex(model: string): number {
    let i = this.index.get(model);
    if (i === undefined) {
      if (this.models.length >= MAX_MODELS) throw new Error(`more than ${MAX_MODELS} models`);
      i = this.models.length;
      this.index.set(model, i);
      this.models.push(model);
    }
    return i;
  }
}

export function buildPairTable(votes: Iterable<ArenaVote>): PairTable {
  const builder = new PairTableBuilder();
  for (const v of votes) builder.add(v);
  return builder.build();
}

/** The same pairs with other counts (a bootstrap replicate); `battles` is recomputed. */
export function withCounts(table: PairTable, firstWins: Float64Array, secondWins: Float64Array, ties: Float64Array): PairTable {
  const battles = new Float64Array(table.models.length);
  let total = 0;
  for (let p = 0; p < table.first.length; p++) {
    const n = firstWins[p] + secondWins[p] + ties[p];
    battles[table.first[p]] += n;
    battles[table.second[p]] += n;
    total += n;
  }
  return { ...table, firstWins, secondWins, ties, battles, totalVotes: total };
}
