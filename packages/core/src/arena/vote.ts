/** What an evaluator can answer in a blind battle; LMArena's wording, kept so vote files interchange. */
export const arenaWinners = ['model_a', 'model_b', 'tie', 'tie (bothbad)'] as const;
export type ArenaWinner = (typeof arenaWinners)[number];

export interface ArenaVote {
  model_a: string;
  model_b: string;
  winner: ArenaWinner;
}

export function isArenaWinner(value: unknown): value is ArenaWinner {
  return typeof value === 'string' && (arenaWinners as readonly string[]).includes(value);
}
