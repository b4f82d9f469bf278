import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { drawPair, evaluatorView, sealBattle, type BlindBattleView, type BlindChoice, type SealedBattle } from '@stagegate/core/arena/blind-pairing';
import { createRng } from '@stagegate/core/shared/random';
import type { Db } from '../db/connect.ts';
import { arenaAnswers, arenaBattles, arenaPrompts, tasks } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import type { ArenaRow } from './arena-store.ts';
import { battleSeed } from './battle-seed.ts';
import type { NotFound } from '@stagegate/core/shared/mutation';

export interface EvaluatorProgress {
  voted: number;
  cap: number;
}

export type NextBattle =
  | { status: 'battle'; battle: BlindBattleView; progress: EvaluatorProgress }
  | { status: 'capReached'; progress: EvaluatorProgress }
  | { status: 'closed'; progress: EvaluatorProgress }
  | { status: 'noBattles'; progress: EvaluatorProgress };

export async function evaluatorProgress(db: Db, arena: ArenaRow, evaluatorId: string): Promise<EvaluatorProgress> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(arenaBattles)
    .where(and(eq(arenaBattles.arenaId, arena.id), eq(arenaBattles.evaluatorId, evaluatorId), isNotNull(arenaBattles.choice)));
  return { voted: row?.n ?? 0, cap: arena.capPerEvaluator };
}

type BattleRow = typeof arenaBattles.$inferSelect;

/** The battle as the server holds it (sides with their task keys); never sent to an evaluator. */
async function sealed(db: Db, b: BattleRow): Promise<SealedBattle> {
  const [prompt] = await db
    .select()
    .from(arenaPrompts)
    .where(and(eq(arenaPrompts.arenaId, b.arenaId), eq(arenaPrompts.promptId, b.promptId)));
  const side = async (taskId: string) => {
    const [a] = await db
      .select({ answer: arenaAnswers.answer, key: tasks.key })
      .from(arenaAnswers)
      .innerJoin(tasks, eq(tasks.id, arenaAnswers.taskId))
      .where(and(eq(arenaAnswers.arenaId, b.arenaId), eq(arenaAnswers.taskId, taskId), eq(arenaAnswers.promptId, b.promptId)));
    return { model: a!.key, answer: a!.answer };
  };
  return { battleId: b.id, prompt: prompt!.prompt, left: await side(b.leftTaskId), right: await side(b.rightTaskId) };
}

/**
 * The evaluator's next blind battle: the one they have not voted on yet, else a new one drawn from
 * the arena's seed (prompt uniformly among those at least two teams answered, then two of those
 * teams uniformly, on random sides). Nothing about the teams leaves the server.
 */
export async function nextBattle(db: Db, arena: ArenaRow, evaluatorId: string): Promise<NextBattle> {
  const progress = await evaluatorProgress(db, arena, evaluatorId);
  if (arena.status !== 'open') return { status: 'closed', progress };
  const [pending] = await db
    .select()
    .from(arenaBattles)
    .where(and(eq(arenaBattles.arenaId, arena.id), eq(arenaBattles.evaluatorId, evaluatorId), isNull(arenaBattles.choice)))
    .orderBy(asc(arenaBattles.drawNumber))
    .limit(1);
  // the cap wins over a battle drawn before the cap was lowered
  if (progress.voted >= arena.capPerEvaluator) return { status: 'capReached', progress };
  if (pending) return { status: 'battle', battle: evaluatorView(await sealed(db, pending)), progress };

  const answered = await db
    .select({ promptId: arenaAnswers.promptId, taskId: arenaAnswers.taskId })
    .from(arenaAnswers)
    .where(eq(arenaAnswers.arenaId, arena.id))
    .orderBy(asc(arenaAnswers.promptId), asc(arenaAnswers.taskId));
  const teamsByPrompt = new Map<string, string[]>();
  for (const r of answered) teamsByPrompt.set(r.promptId, [...(teamsByPrompt.get(r.promptId) ?? []), r.taskId]);
  const prompts = [...teamsByPrompt].filter(([, teams]) => teams.length >= 2);
  if (prompts.length === 0) return { status: 'noBattles', progress };

  const [{ drawn }] = (await db
    .select({ drawn: sql<number>`coalesce(max(${arenaBattles.drawNumber}), 0)::int` })
    .from(arenaBattles)
    .where(and(eq(arenaBattles.arenaId, arena.id), eq(arenaBattles.evaluatorId, evaluatorId)))) as [{ drawn: number }];
  const drawNumber = drawn + 1;
  const rng = createRng(battleSeed(arena.seed, evaluatorId, drawNumber));
  const [promptId, teams] = prompts[rng.int(prompts.length)]!;
  const [a, b] = drawPair(rng, teams);
  const seat = sealBattle(rng, '', '', [
    { model: a, answer: '' },
    { model: b, answer: '' },
  ]);
  // two tabs asking at once draw the same number; the unique index lets one insert, both then read it
  await db
    .insert(arenaBattles)
    .values({ arenaId: arena.id, evaluatorId, drawNumber, promptId, leftTaskId: seat.left.model, rightTaskId: seat.right.model })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(arenaBattles)
    .where(and(eq(arenaBattles.arenaId, arena.id), eq(arenaBattles.evaluatorId, evaluatorId), eq(arenaBattles.drawNumber, drawNumber)));
  return { status: 'battle', battle: evaluatorView(await sealed(db, row!)), progress };
}

export type VoteResult =
  | { status: 'recorded'; progress: EvaluatorProgress }
  | NotFound
  | { status: 'notYours' }
  | { status: 'alreadyVoted' }
  | { status: 'capReached'; progress: EvaluatorProgress }
  | { status: 'closed' };

/** Records the evaluator's choice on their own battle, once, within the cap, while the arena is open. */
export async function castVote(db: Db, actor: Actor, arena: ArenaRow, battleId: string, choice: BlindChoice): Promise<VoteResult> {
  const [b] = await db
    .select()
    .from(arenaBattles)
    .where(and(eq(arenaBattles.id, battleId), eq(arenaBattles.arenaId, arena.id)));
  if (!b) return { status: 'not_found' };
  if (b.evaluatorId !== actor.id) return { status: 'notYours' };
  if (arena.status !== 'open') return { status: 'closed' };
  if (b.choice) return { status: 'alreadyVoted' };
  return db.transaction(async (tx) => {
    // serialise one evaluator's votes so two tabs cannot both slip under the cap
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`arena-vote:${arena.id}:${actor.id}`}))`);
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(arenaBattles)
      .where(and(eq(arenaBattles.arenaId, arena.id), eq(arenaBattles.evaluatorId, actor.id), isNotNull(arenaBattles.choice)));
    const voted = row?.n ?? 0;
    if (voted >= arena.capPerEvaluator) return { status: 'capReached' as const, progress: { voted, cap: arena.capPerEvaluator } };
    const [updated] = await tx
      .update(arenaBattles)
      .set({ choice, votedAt: new Date() })
      .where(and(eq(arenaBattles.id, battleId), isNull(arenaBattles.choice)))
      .returning();
    if (!updated) return { status: 'alreadyVoted' as const };
    // the audit row names the battle and choice, not the teams: the record stays blind too
    await appendAudit(tx, actor, { action: 'arena.vote', objectType: 'arena', objectId: arena.id, after: { battleId, choice } });
    return { status: 'recorded' as const, progress: { voted: voted + 1, cap: arena.capPerEvaluator } };
  });
}
