import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { recordBlindVote, type BlindChoice } from '@stagegate/core/arena/blind-pairing';
import type { ArenaVote } from '@stagegate/core/arena/vote';
import type { Db } from '../db/connect.ts';
import { arenaBattles, tasks } from '../db/schema/index.ts';

export interface StoredVote extends ArenaVote {
  evaluator: string;
  battleId: string;
  promptId: string;
  votedAt: Date;
}

const leftTask = alias(tasks, 'left_task');
const rightTask = alias(tasks, 'right_task');

/** Every vote of an arena in submission order, as named-model votes (left is model_a), teams by task key. */
export async function arenaVotes(db: Db, arenaId: string): Promise<StoredVote[]> {
  const rows = await db
    .select({ b: arenaBattles, left: leftTask.key, right: rightTask.key })
    .from(arenaBattles)
    .innerJoin(leftTask, eq(leftTask.id, arenaBattles.leftTaskId))
    .innerJoin(rightTask, eq(rightTask.id, arenaBattles.rightTaskId))
    .where(and(eq(arenaBattles.arenaId, arenaId), isNotNull(arenaBattles.choice)))
    .orderBy(asc(arenaBattles.votedAt), asc(arenaBattles.evaluatorId), asc(arenaBattles.drawNumber));
  return rows.map(({ b, left, right }) => {
    const v = recordBlindVote({ battleId: b.id, prompt: '', left: { model: left, answer: '' }, right: { model: right, answer: '' } }, b.choice as BlindChoice);
    return { ...v, evaluator: b.evaluatorId, battleId: b.id, promptId: b.promptId, votedAt: b.votedAt! };
  });
}

/**
 * The votes as `stagegate arena rate --file` reads them: one JSON object per line with model_a,
 * model_b and winner; the extra fields (battle, prompt, a pseudonymous evaluator number, time) are
 * ignored by the rater but let anyone audit the cap.
 */
export function votesToJsonl(votes: readonly StoredVote[]): string {
  const evaluatorNumber = new Map<string, number>();
  return votes
    .map((v) => {
      if (!evaluatorNumber.has(v.evaluator)) evaluatorNumber.set(v.evaluator, evaluatorNumber.size + 1);
      return JSON.stringify({
        model_a: v.model_a,
        model_b: v.model_b,
        winner: v.winner,
        battle_id: v.battleId,
        prompt_id: v.promptId,
        evaluator: `evaluator-${evaluatorNumber.get(v.evaluator)}`,
        voted_at: v.votedAt.toISOString(),
      });
    })
    .map((l) => l + '\n')
    .join('');
}
