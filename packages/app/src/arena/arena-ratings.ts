import { eq, inArray } from 'drizzle-orm';
import { capVotesPerEvaluator } from '@stagegate/core/arena/evaluator-cap';
import { rateArena } from '@stagegate/core/arena/arena-rating';
import { buildPairTable } from '@stagegate/core/arena/pair-table';
import { convertToPoints } from '@stagegate/core/arena/points-conversion';
import { summariseLikert } from '@stagegate/core/arena/likert';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import { arenaLikertResponses, tasks } from '../db/schema/index.ts';
import type { ArenaRow } from './arena-store.ts';
import { arenaVotes } from './arena-votes.ts';

export interface TeamRating {
  taskId: string;
  taskKey: string;
  taskName: LocalizedText;
  rating: number;
  ci: [number, number];
  rank: number;
  battles: number;
  points: number;
}

export interface PairwiseResults {
  kind: 'pairwise';
  votes: { counted: number; droppedOverCap: number };
  bootstrap: { rounds: number; seed: number; unconvergedReplicates: number; excluded?: number; priorGames?: number };
  teams: TeamRating[];
}

export interface LikertTeamResult {
  taskId: string;
  taskKey: string;
  taskName: LocalizedText;
  mean: number;
  byCriterion: Record<string, number>;
  responses: number;
  points: number;
}
export interface LikertResults {
  kind: 'likert';
  teams: LikertTeamResult[];
}

async function tasksByKey(db: Db, keys: string[]) {
  if (keys.length === 0) return new Map<string, typeof tasks.$inferSelect>();
  const rows = await db.select().from(tasks).where(inArray(tasks.key, keys));
  return new Map(rows.map((t) => [t.key, t]));
}

/**
 * Bradley–Terry ratings of the arena's teams from its votes (each evaluator's first `cap` counting),
 * with bootstrap intervals, computed afresh from the stored votes each time: the same votes, seed
 * and rounds always give the same table, and the export reproduces it through `stagegate arena rate`.
 */
export async function pairwiseResults(db: Db, arena: ArenaRow, opts: { bootstrap?: number; seed?: number } = {}): Promise<PairwiseResults> {
  const votes = await arenaVotes(db, arena.id);
  const { kept, dropped } = capVotesPerEvaluator(votes, arena.capPerEvaluator);
  const rounds = opts.bootstrap ?? arena.bootstrapRounds;
  const seed = opts.seed ?? arena.seed;
  const table = buildPairTable(kept);
  if (table.models.length < 2)
    return {
      kind: 'pairwise',
      votes: { counted: kept.length, droppedOverCap: dropped.length },
      bootstrap: { rounds: 0, seed, unconvergedReplicates: 0 },
      teams: [],
    };
  // the plain MLE, else the one-game prior, reported in bootstrap.priorGames (core's rule)
  const board = rateArena(table, { bootstrap: rounds, seed });
  const points = convertToPoints(Object.fromEntries(board.models.map((m) => [m.model, m.rating])), arena.fullPoints, arena.conversion);
  const byKey = await tasksByKey(
    db,
    board.models.map((m) => m.model),
  );
  return {
    kind: 'pairwise',
    votes: { counted: kept.length, droppedOverCap: dropped.length },
    bootstrap: { rounds, seed, unconvergedReplicates: board.unconvergedReplicates, excluded: board.bootstrap.excluded, priorGames: board.priorGames },
    teams: board.models.map((m) => {
      const t = byKey.get(m.model)!;
      return { taskId: t.id, taskKey: m.model, taskName: t.name, rating: m.rating, ci: m.ci, rank: m.rank, battles: m.battles, points: points[m.model]! };
    }),
  };
}

/** Per team: the mean over criteria of each criterion's mean (1–5), and its points. */
export async function likertResults(db: Db, arena: ArenaRow): Promise<LikertResults> {
  const rows = await db
    .select({ r: arenaLikertResponses, key: tasks.key, name: tasks.name })
    .from(arenaLikertResponses)
    .innerJoin(tasks, eq(tasks.id, arenaLikertResponses.taskId))
    .where(eq(arenaLikertResponses.arenaId, arena.id));
  if (rows.length === 0) return { kind: 'likert', teams: [] };
  const summary = summariseLikert(rows.map(({ r, key }) => ({ team: key, evaluator: r.evaluatorId, criterion: r.criterion, score: r.score })));
  const points = convertToPoints(Object.fromEntries(summary.map((s) => [s.team, s.mean])), arena.fullPoints, arena.conversion);
  const info = new Map(rows.map(({ r, key, name }) => [key, { id: r.taskId, name }]));
  return {
    kind: 'likert',
    teams: summary
      .map((s) => ({
        taskId: info.get(s.team)!.id,
        taskKey: s.team,
        taskName: info.get(s.team)!.name,
        mean: s.mean,
        byCriterion: s.byCriterion,
        responses: s.responses,
        points: points[s.team]!,
      }))
      .sort((a, b) => b.mean - a.mean || (a.taskKey < b.taskKey ? -1 : 1)),
  };
}

export async function arenaResults(db: Db, arena: ArenaRow, opts: { bootstrap?: number; seed?: number } = {}): Promise<PairwiseResults | LikertResults> {
  return arena.kind === 'pairwise' ? pairwiseResults(db, arena, opts) : likertResults(db, arena);
}
