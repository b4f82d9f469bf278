import { eq } from 'drizzle-orm';
import { averageTotal, scoreStage, type StageScoring } from '@stagegate/core/stage-evaluation/score-stage';
import { proposeDecision, type DecisionProposal } from '@stagegate/core/stage-evaluation/propose-decision';
import { jointBootstrap, probabilityOfFinishingLast } from '@stagegate/core/stage-evaluation/probability-last';
import type { TeamStageInputs } from '@stagegate/core/stage-evaluation/inputs';
import { aggregateScores, type AggregationRule } from '@stagegate/core/review/aggregate';
import type { Db, Tx } from '../db/connect.ts';
import {
  stageEvaluationExpertScores,
  stageEvaluationGates,
  stageEvaluationGoals,
  stageEvaluationMeasurements,
} from '../db/schema/index.ts';
import type { LoadedEvaluation } from './evaluation-store.ts';
import { leafComponents } from './scheme-components.ts';

export interface RawInputs {
  measurements: (typeof stageEvaluationMeasurements.$inferSelect)[];
  expertScores: (typeof stageEvaluationExpertScores.$inferSelect)[];
  goals: (typeof stageEvaluationGoals.$inferSelect)[];
  gates: (typeof stageEvaluationGates.$inferSelect)[];
}

export async function loadRawInputs(db: Db | Tx, evaluationId: string): Promise<RawInputs> {
  const [measurements, expertScores, goals, gates] = await Promise.all([
    db.select().from(stageEvaluationMeasurements).where(eq(stageEvaluationMeasurements.evaluationId, evaluationId)),
    // a fixed order, so the seeded bootstrap over judges gives the same interval on any database
    db
      .select()
      .from(stageEvaluationExpertScores)
      .where(eq(stageEvaluationExpertScores.evaluationId, evaluationId))
      .orderBy(stageEvaluationExpertScores.taskId, stageEvaluationExpertScores.componentKey, stageEvaluationExpertScores.expert),
    db.select().from(stageEvaluationGoals).where(eq(stageEvaluationGoals.evaluationId, evaluationId)),
    db.select().from(stageEvaluationGates).where(eq(stageEvaluationGates.evaluationId, evaluationId)),
  ]);
  return { measurements, expertScores, goals, gates };
}

/**
 * The panel is aggregated by the review machinery's rule: the trimmed mean, dropping the single
 * highest and lowest score once three or more members scored (one judge's outlier cannot move a
 * team), the plain mean below that.
 */
const PANEL_AGGREGATION: AggregationRule = { method: 'trimmed-mean', trimMinimumReviewers: 3, normalise: 'none' };

function panelScore(taskId: string, componentKey: string, scores: readonly number[]): number {
  const sheets = scores.map((score, i) => ({ applicationId: taskId, reviewerId: String(i), groups: { [componentKey]: score } }));
  return aggregateScores(sheets, PANEL_AGGREGATION)[0]!.score;
}

/**
 * Turns the stored inputs into core's per-team inputs (team = task key). An expert-panel component
 * takes the trimmed mean of its panel members' scores; a panel mean entered as a measurement (from
 * the review machinery) is used only when no individual scores exist. `panelOverride` lets the
 * bootstrap substitute resampled panels.
 */
export function teamInputs(loaded: LoadedEvaluation, raw: RawInputs, panelOverride?: (taskId: string, component: string, scores: number[]) => number[]): TeamStageInputs[] {
  const leaves = leafComponents(loaded.version.scheme);
  return loaded.teams.map((task) => {
    const inputs: Required<Omit<TeamStageInputs, 'team'>> & { team: string } = { team: task.key, benchmarkRatios: {}, expertPanel: {}, userEvaluation: {}, stageGoals: {}, gates: {} };
    for (const c of leaves) {
      const m = raw.measurements.find((x) => x.taskId === task.id && x.componentKey === c.key);
      if (c.kind === 'benchmark' && m) inputs.benchmarkRatios[c.key] = m.value;
      if (c.kind === 'userEvaluation' && m) inputs.userEvaluation[c.key] = m.value;
      if (c.kind === 'expertPanel') {
        let scores = raw.expertScores.filter((s) => s.taskId === task.id && s.componentKey === c.key).map((s) => s.score);
        if (scores.length && panelOverride) scores = panelOverride(task.id, c.key, scores);
        if (scores.length) inputs.expertPanel[c.key] = panelScore(task.id, c.key, scores);
        else if (m) inputs.expertPanel[c.key] = m.value;
      }
      if (c.kind === 'stageGoals') {
        const goals = raw.goals.filter((g) => g.taskId === task.id && g.componentKey === c.key);
        if (goals.length && goals.every((g) => g.met !== null)) inputs.stageGoals[c.key] = { met: goals.filter((g) => g.met).length, declared: goals.length };
      }
    }
    for (const g of loaded.version.scheme.gates) {
      const r = raw.gates.find((x) => x.taskId === task.id && x.gateKey === g.key);
      if (r && r.passed !== null && r.rulingReason) inputs.gates[g.key] = { passed: r.passed, reason: r.rulingReason };
    }
    return inputs;
  });
}

export interface StageResults extends StageScoring {
  proposal: DecisionProposal;
  average: number;
  /** per task key: share of panel-resampled replicates in which the team finishes last */
  probabilityLast: Record<string, number> | null;
  probabilityLastNote: { ko: string; en: string } | null;
}

const BOOTSTRAP_ROUNDS = 400;
const BOOTSTRAP_SEED = 20260115;

/** Scores every team with the current frozen scheme and asks core what the policy implies. */
export function computeResults(loaded: LoadedEvaluation, raw: RawInputs): StageResults {
  const { scheme, rules } = loaded.version;
  const scoring = scoreStage(scheme, rules, teamInputs(loaded, raw));
  const proposal = proposeDecision(scheme.decisionPolicy, scoring.results, scheme, rules);
  let probabilityLast: Record<string, number> | null = null;
  // only the panel is resampled: entered benchmark ratios and user-evaluation scores carry no items or votes.
  // Not while an input is missing: a team scored 0 on a missing input would "finish last" every time.
  if (raw.expertScores.length > 0 && scoring.results.length > 1 && proposal.incomplete.length === 0) {
    const replicates = jointBootstrap(BOOTSTRAP_ROUNDS, BOOTSTRAP_SEED, (rng) => {
      const inputs = teamInputs(loaded, raw, (_t, _c, scores) => scores.map(() => scores[rng.int(scores.length)]!));
      const r = scoreStage(scheme, rules, inputs).results;
      return Object.fromEntries(r.map((x) => [x.team, x.total]));
    });
    probabilityLast = probabilityOfFinishingLast(replicates);
  }
  return {
    ...scoring,
    proposal,
    average: averageTotal(scoring.results, rules.decimals),
    probabilityLast,
    probabilityLastNote: probabilityLast
      ? {
          ko: `전문가 위원을 복원추출한 부트스트랩 ${BOOTSTRAP_ROUNDS}회 (시드 ${BOOTSTRAP_SEED}); 벤치마크 문항·사용자 투표는 입력값 그대로`,
          en: `${BOOTSTRAP_ROUNDS} bootstrap rounds resampling panel members (seed ${BOOTSTRAP_SEED}); benchmark items and user votes held at their entered values`,
        }
      : null,
  };
}
