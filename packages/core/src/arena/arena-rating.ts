import { NoMaximumLikelihoodError, rateModels, type Leaderboard } from './leaderboard.ts';
import type { PairTable } from './pair-table.ts';

/**
 * An arena's ratings as the program computes them: the plain Bradley–Terry MLE (LMArena's), and,
 * where none exists (a small team arena where one team never lost), the explicit one-game prior,
 * reported in the board's `priorGames`, never silently. The live table and a published bundle's
 * point ratings both go through this.
 */
export function rateArena(table: PairTable, options: { bootstrap: number; seed: number }): Leaderboard {
  try {
    return rateModels(table, options);
  } catch (e) {
    if (!(e instanceof NoMaximumLikelihoodError)) throw e;
    return rateModels(table, { ...options, fit: { priorGames: 1 } });
  }
}
