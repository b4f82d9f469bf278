import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { arenas, stageEvaluations } from '../db/schema/index.ts';
import { arenaResults } from './arena-ratings.ts';

export interface UserEvaluationComponent {
  componentKey: string;
  arenaId: string;
  kind: 'pairwise' | 'likert';
  fullPoints: number;
  /** per task id: the measured value (arena rating, or Likert mean 1–5) and its points as configured */
  teams: { taskId: string; taskKey: string; value: number; points: number }[];
}

async function stageArenas(db: Db, stageEvaluationId: string) {
  const [evaluation] = await db
    .select({ programSlug: stageEvaluations.programSlug, stageKey: stageEvaluations.stageKey })
    .from(stageEvaluations)
    .where(eq(stageEvaluations.id, stageEvaluationId));
  if (!evaluation) return undefined;
  return db
    .select()
    .from(arenas)
    .where(and(eq(arenas.programSlug, evaluation.programSlug), eq(arenas.stageKey, evaluation.stageKey)));
}

/**
 * The user-evaluation components of a stage evaluation, read from its arenas (matched on program and
 * stage): each team's value and points. Point ratings do not depend on the bootstrap, so this skips
 * it. Undefined when there is no such stage evaluation; an empty list when it has no arena yet.
 */
export async function userEvaluationComponents(db: Db, stageEvaluationId: string): Promise<UserEvaluationComponent[] | undefined> {
  const rows = await stageArenas(db, stageEvaluationId);
  if (!rows) return undefined;
  const out: UserEvaluationComponent[] = [];
  for (const arena of rows) {
    const res = await arenaResults(db, arena, { bootstrap: 0 });
    out.push({
      componentKey: arena.componentKey,
      arenaId: arena.id,
      kind: arena.kind,
      fullPoints: arena.fullPoints,
      teams:
        res.kind === 'pairwise'
          ? res.teams.map((t) => ({ taskId: t.taskId, taskKey: t.taskKey, value: t.rating, points: t.points }))
          : res.teams.map((t) => ({ taskId: t.taskId, taskKey: t.taskKey, value: t.mean, points: t.points })),
    });
  }
  return out;
}

/**
 * Points per task (task id → component key → points), converted as each arena is configured
 * (e.g. the best team gets the component's full points). For the stage-evaluation scoring.
 */
export async function userEvaluationPoints(db: Db, stageEvaluationId: string): Promise<Record<string, Record<string, number>> | undefined> {
  const components = await userEvaluationComponents(db, stageEvaluationId);
  if (!components) return undefined;
  const out: Record<string, Record<string, number>> = {};
  for (const c of components) for (const t of c.teams) (out[t.taskId] ??= {})[c.componentKey] = t.points;
  return out;
}

/**
 * The raw measured values per task (task id → component key → arena rating or Likert mean), for a
 * scorer that applies its own frozen conversion (TeamStageInputs.userEvaluation).
 */
export async function userEvaluationValues(db: Db, stageEvaluationId: string): Promise<Record<string, Record<string, number>> | undefined> {
  const components = await userEvaluationComponents(db, stageEvaluationId);
  if (!components) return undefined;
  const out: Record<string, Record<string, number>> = {};
  for (const c of components) for (const t of c.teams) (out[t.taskId] ??= {})[c.componentKey] = t.value;
  return out;
}
