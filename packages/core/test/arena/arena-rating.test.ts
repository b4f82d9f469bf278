import { describe, expect, it } from 'vitest';
import { rateArena } from '../../src/arena/arena-rating.ts';
import { NoMaximumLikelihoodError, rateModels } from '../../src/arena/leaderboard.ts';
import { buildPairTable } from '../../src/arena/pair-table.ts';
import type { ArenaVote } from '../../src/arena/vote.ts';

const times = (n: number, v: ArenaVote): ArenaVote[] => Array.from({ length: n }, () => v);

describe('an arena’s ratings', () => {
  it('are the plain maximum-likelihood ratings when every team won and lost somewhere', () => {
    const table = buildPairTable([
      ...times(6, { model_a: 'A', model_b: 'B', winner: 'model_a' }),
      ...times(3, { model_a: 'A', model_b: 'B', winner: 'model_b' }),
      ...times(5, { model_a: 'B', model_b: 'C', winner: 'model_a' }),
      ...times(2, { model_a: 'C', model_b: 'A', winner: 'model_a' }),
      ...times(4, { model_a: 'C', model_b: 'A', winner: 'model_b' }),
    ]);
    const board = rateArena(table, { bootstrap: 20, seed: 7 });
    expect(board.priorGames).toBe(0);
    expect(board).toEqual(rateModels(table, { bootstrap: 20, seed: 7 }));
    expect(board.models.map((m) => m.model)).toEqual(['A', 'B', 'C']);
  });

  it('fall back to the one-game prior, and say so, when a team never lost (no MLE exists)', () => {
    const table = buildPairTable([
      ...times(4, { model_a: 'A', model_b: 'B', winner: 'model_a' }),
      ...times(3, { model_a: 'A', model_b: 'C', winner: 'model_a' }),
      ...times(2, { model_a: 'B', model_b: 'C', winner: 'model_a' }),
      { model_a: 'B', model_b: 'C', winner: 'model_b' },
    ]);
    expect(() => rateModels(table, { bootstrap: 0, seed: 1 })).toThrow(NoMaximumLikelihoodError);
    const board = rateArena(table, { bootstrap: 0, seed: 1 });
    expect(board.priorGames).toBe(1);
    expect(board.models[0]!.model).toBe('A');
  });
});
