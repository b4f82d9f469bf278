import { createHash } from 'node:crypto';

/**
 * The seed of one evaluator's n-th battle, from the arena's seed: the battles an evaluator gets are
 * reproducible (anyone holding the arena's seed can redraw them) yet differ between evaluators.
 */
export function battleSeed(arenaSeed: number, evaluatorId: string, drawNumber: number): number {
  return createHash('sha256').update(`${arenaSeed}:${evaluatorId}:${drawNumber}`).digest().readUInt32LE(0);
}
