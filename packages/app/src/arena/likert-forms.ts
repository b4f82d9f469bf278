import { and, asc, eq, sql } from 'drizzle-orm';
import { createRng } from '@stagegate/core/shared/random';
import type { FieldIssue } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import { arenaAnswers, arenaLikertResponses, arenaPrompts } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import type { ArenaRow } from './arena-store.ts';
import type { LikertCriterion } from '../db/schema/index.ts';
import { battleSeed } from './battle-seed.ts';
import { particle } from '@stagegate/core/shared/korean-particles';

export interface LikertItem {
  /** 1-based position in this evaluator's own shuffled list; means nothing to anyone else */
  item: number;
  samples: { prompt: string; answer: string }[];
  /** this evaluator's answers so far, per criterion */
  scores: Record<string, number>;
}

const SAMPLES_PER_ITEM = 3;

/** The teams with answers, in an order shuffled per evaluator from the arena's seed (so "1" is no team in particular). */
async function shuffledTeams(db: Db, arena: ArenaRow, evaluatorId: string): Promise<string[]> {
  const teams = (
    await db.selectDistinct({ taskId: arenaAnswers.taskId }).from(arenaAnswers).where(eq(arenaAnswers.arenaId, arena.id)).orderBy(asc(arenaAnswers.taskId))
  ).map((r) => r.taskId);
  const rng = createRng(battleSeed(arena.seed, evaluatorId, 0));
  for (let i = teams.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [teams[i], teams[j]] = [teams[j]!, teams[i]!];
  }
  return teams;
}

/** The Likert form as one evaluator sees it: anonymous items with a few sample answers each. */
export async function likertForm(db: Db, arena: ArenaRow, evaluatorId: string): Promise<{ criteria: LikertCriterion[]; items: LikertItem[] }> {
  const teams = await shuffledTeams(db, arena, evaluatorId);
  const mine = await db
    .select()
    .from(arenaLikertResponses)
    .where(and(eq(arenaLikertResponses.arenaId, arena.id), eq(arenaLikertResponses.evaluatorId, evaluatorId)));
  const items: LikertItem[] = [];
  for (const [i, taskId] of teams.entries()) {
    const samples = await db
      .select({ prompt: arenaPrompts.prompt, answer: arenaAnswers.answer })
      .from(arenaAnswers)
      .innerJoin(arenaPrompts, and(eq(arenaPrompts.arenaId, arenaAnswers.arenaId), eq(arenaPrompts.promptId, arenaAnswers.promptId)))
      .where(and(eq(arenaAnswers.arenaId, arena.id), eq(arenaAnswers.taskId, taskId)))
      .orderBy(asc(arenaPrompts.position))
      .limit(SAMPLES_PER_ITEM);
    const scores = Object.fromEntries(mine.filter((r) => r.taskId === taskId).map((r) => [r.criterion, r.score]));
    items.push({ item: i + 1, samples, scores });
  }
  return { criteria: arena.likertCriteria, items };
}

/** Saves one evaluator's 1–5 scores for one anonymous item; a later answer replaces the earlier one. */
export async function saveLikert(
  db: Db,
  actor: Actor,
  arena: ArenaRow,
  item: number,
  scores: Record<string, number>,
): Promise<{ status: 'saved' } | { status: 'invalid'; issues: FieldIssue[] } | { status: 'closed' }> {
  if (arena.kind !== 'likert')
    return { status: 'invalid', issues: [{ field: 'arena', message: { ko: '리커트 평가가 아닙니다', en: 'not a Likert evaluation' } }] };
  if (arena.status !== 'open') return { status: 'closed' };
  const teams = await shuffledTeams(db, arena, actor.id);
  const taskId = teams[item - 1];
  const issues: FieldIssue[] = [];
  if (!taskId) issues.push({ field: 'item', message: { ko: `항목 ${item}${particle(item, '이/가')} 없습니다`, en: `no item ${item}` } });
  const known = new Set(arena.likertCriteria.map((c) => c.key));
  for (const [criterion, score] of Object.entries(scores)) {
    if (!known.has(criterion))
      issues.push({
        field: `scores.${criterion}`,
        message: { ko: `평가 기준 "${criterion}"${particle(criterion, '이/가')} 없습니다`, en: `no criterion "${criterion}"` },
      });
    else if (!Number.isInteger(score) || score < 1 || score > 5)
      issues.push({ field: `scores.${criterion}`, message: { ko: '1–5 사이의 정수여야 합니다', en: 'must be an integer from 1 to 5' } });
  }
  if (issues.length) return { status: 'invalid', issues };
  await db.transaction(async (tx) => {
    for (const [criterion, score] of Object.entries(scores)) {
      await tx
        .insert(arenaLikertResponses)
        .values({ arenaId: arena.id, evaluatorId: actor.id, taskId: taskId!, criterion, score })
        .onConflictDoUpdate({
          target: [arenaLikertResponses.arenaId, arenaLikertResponses.evaluatorId, arenaLikertResponses.taskId, arenaLikertResponses.criterion],
          set: { score: sql`excluded.score`, answeredAt: new Date() },
        });
    }
    await appendAudit(tx, actor, { action: 'arena.likert', objectType: 'arena', objectId: arena.id, after: { item, scores } });
  });
  return { status: 'saved' };
}
