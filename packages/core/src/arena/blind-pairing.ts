import type { Rng } from '../shared/random.ts';
import type { ArenaVote } from './vote.ts';

/** A battle as the server keeps it: which model stands behind each side. */
export interface SealedBattle {
  battleId: string;
  prompt: string;
  left: { model: string; answer: string };
  right: { model: string; answer: string };
}

/** What the evaluator is shown: answers only, never a model identity. */
export interface BlindBattleView {
  battleId: string;
  prompt: string;
  left: { answer: string };
  right: { answer: string };
}

export type BlindChoice = 'left' | 'right' | 'tie' | 'bothBad';

/** Two distinct models drawn uniformly, in random order (so a side carries no information). */
export function drawPair(rng: Rng, models: readonly string[]): [string, string] {
  if (models.length < 2) throw new Error('an arena needs at least two models');
  const a = rng.int(models.length);
  let b = rng.int(models.length - 1);
  if (b >= a) b++;
  return [models[a], models[b]];
}

/** Seats two answers on random sides. */
export function sealBattle(
  rng: Rng,
  battleId: string,
  prompt: string,
  answers: [{ model: string; answer: string }, { model: string; answer: string }],
): SealedBattle {
  const [x, y] = rng.next() < 0.5 ? [answers[0], answers[1]] : [answers[1], answers[0]];
  return { battleId, prompt, left: { ...x }, right: { ...y } };
}

export function evaluatorView(battle: SealedBattle): BlindBattleView {
  return {
    battleId: battle.battleId,
    prompt: battle.prompt,
    left: { answer: battle.left.answer },
    right: { answer: battle.right.answer },
  };
}

/** The evaluator's side choice turned into a vote between named models (left is model_a). */
export function recordBlindVote(battle: SealedBattle, choice: BlindChoice): ArenaVote {
  const winner = choice === 'left' ? 'model_a' : choice === 'right' ? 'model_b' : choice === 'tie' ? 'tie' : 'tie (bothbad)';
  return { model_a: battle.left.model, model_b: battle.right.model, winner };
}
