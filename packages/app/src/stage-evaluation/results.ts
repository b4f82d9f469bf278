import { eq } from 'drizzle-orm';
import { computeStageResults, type PanelOrder, type StageRecords, type StageResults } from '@stagegate/core/stage-evaluation/stage-results';
import type { Db, Tx } from '../db/connect.ts';
import { stageEvaluationExpertScores, stageEvaluationGates, stageEvaluationGoals, stageEvaluationMeasurements } from '../db/schema/index.ts';
import type { LoadedEvaluation } from './evaluation-store.ts';
import { readAll } from '../db/read-all.ts';

export interface RawInputs {
  measurements: (typeof stageEvaluationMeasurements.$inferSelect)[];
  expertScores: (typeof stageEvaluationExpertScores.$inferSelect)[];
  goals: (typeof stageEvaluationGoals.$inferSelect)[];
  gates: (typeof stageEvaluationGates.$inferSelect)[];
}

export async function loadRawInputs(db: Db | Tx, evaluationId: string): Promise<RawInputs> {
  const [measurements, expertScores, goals, gates] = await readAll(db, [
    () => db.select().from(stageEvaluationMeasurements).where(eq(stageEvaluationMeasurements.evaluationId, evaluationId)),
    // a fixed order, so the seeded bootstrap over judges gives the same interval on any database
    () =>
      db
        .select()
        .from(stageEvaluationExpertScores)
        .where(eq(stageEvaluationExpertScores.evaluationId, evaluationId))
        .orderBy(stageEvaluationExpertScores.taskId, stageEvaluationExpertScores.componentKey, stageEvaluationExpertScores.expert),
    () => db.select().from(stageEvaluationGoals).where(eq(stageEvaluationGoals.evaluationId, evaluationId)),
    () => db.select().from(stageEvaluationGates).where(eq(stageEvaluationGates.evaluationId, evaluationId)),
  ]);
  return { measurements, expertScores, goals, gates };
}

/** The stored rows by team key, as core reads them. */
export function stageRecords(loaded: LoadedEvaluation, raw: RawInputs): StageRecords {
  const keyOf = new Map(loaded.teams.map((t) => [t.id, t.key]));
  const team = (taskId: string) => keyOf.get(taskId) ?? taskId;
  return {
    measurements: raw.measurements.map((m) => ({ team: team(m.taskId), component: m.componentKey, value: m.value })),
    expertScores: raw.expertScores.map((s) => ({ team: team(s.taskId), component: s.componentKey, expert: s.expert, score: s.score })),
    goals: raw.goals.map((g) => ({ team: team(g.taskId), component: g.componentKey, met: g.met })),
    gates: raw.gates.map((g) => ({ team: team(g.taskId), gate: g.gateKey, passed: g.passed, reason: g.rulingReason })),
  };
}

/** The computation the office runs now; a published bundle names it so it can be rerun as it was. */
export const STAGE_PANEL_ORDER: PanelOrder = 'by-expert';

export type { StageResults };

/** Scores every team with the current frozen scheme and asks core what the policy implies. */
export function computeResults(loaded: LoadedEvaluation, raw: RawInputs): StageResults {
  const { scheme, rules } = loaded.version;
  return computeStageResults(
    scheme,
    rules,
    loaded.teams.map((t) => t.key),
    stageRecords(loaded, raw),
    STAGE_PANEL_ORDER,
  );
}
