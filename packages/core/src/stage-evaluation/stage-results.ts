import { aggregateScores, type AggregationRule } from '../review/aggregate.ts';
import type { StageComponent, StageEvaluationScheme } from '../program/definition.ts';
import type { LocalizedText } from '../shared/localized.ts';
import type { TeamStageInputs } from './inputs.ts';
import { jointBootstrap, probabilityOfFinishingLast } from './probability-last.ts';
import { proposeDecision, type DecisionProposal } from './propose-decision.ts';
import { averageTotal, scoreStage, type StageScoring } from './score-stage.ts';
import type { ScoringRules } from './scoring-rules.ts';

/** The stored inputs of one stage evaluation, by team key and component key. */
export interface StageRecords {
  measurements: readonly { team: string; component: string; value: number }[];
  /** each panel member's score; `expert` is a label (a pseudonym in a published bundle) */
  expertScores: readonly { team: string; component: string; expert: string; score: number }[];
  goals: readonly { team: string; component: string; met: boolean | null }[];
  gates: readonly { team: string; gate: string; passed: boolean | null; reason: LocalizedText | null }[];
}

/**
 * How panel members' scores are ordered before the seeded bootstrap resamples them. 'as-given'
 * is how the first computation read them (storage order); 'by-expert' sorts each team's panel by
 * the member's label, so the interval depends neither on storage order nor on a database's
 * collation. Only the probability of finishing last depends on it; points never do.
 */
export type PanelOrder = 'as-given' | 'by-expert';

export interface StageBootstrap {
  rounds: number;
  seed: number;
}

export const STAGE_BOOTSTRAP: StageBootstrap = { rounds: 400, seed: 20260115 };

/**
 * The panel is aggregated by the review machinery's rule: the trimmed mean, dropping the single
 * highest and lowest score once three or more members scored (one judge's outlier cannot move a
 * team), the plain mean below that.
 */
export const PANEL_AGGREGATION: AggregationRule = { method: 'trimmed-mean', trimMinimumReviewers: 3, normalise: 'none' };

function panelScore(team: string, componentKey: string, scores: readonly number[]): number {
  const sheets = scores.map((score, i) => ({ applicationId: team, reviewerId: String(i), groups: { [componentKey]: score } }));
  return aggregateScores(sheets, PANEL_AGGREGATION)[0]!.score;
}

/** The components that take a measurement (groups only add up their children). */
export function leafComponents(scheme: StageEvaluationScheme): StageComponent[] {
  const walk = (list: StageComponent[]): StageComponent[] => list.flatMap((c) => (c.children?.length ? walk(c.children) : [c]));
  return walk(scheme.components);
}

type PanelOverride = (team: string, component: string, scores: number[]) => number[];

function panelOf(records: StageRecords, team: string, component: string, order: PanelOrder): number[] {
  const own = records.expertScores.filter((s) => s.team === team && s.component === component);
  const sorted = order === 'by-expert' ? [...own].sort((a, b) => (a.expert < b.expert ? -1 : a.expert > b.expert ? 1 : 0)) : own;
  return sorted.map((s) => s.score);
}

/**
 * Turns the records into core's per-team inputs. An expert-panel component takes the trimmed mean
 * of its members' scores; a panel mean entered as a measurement is used only when no individual
 * scores exist. A stage-goals component counts once every goal is checked. `panelOverride` lets the
 * bootstrap substitute resampled panels.
 */
export function stageTeamInputs(
  scheme: StageEvaluationScheme,
  teams: readonly string[],
  records: StageRecords,
  order: PanelOrder,
  panelOverride?: PanelOverride,
): TeamStageInputs[] {
  const leaves = leafComponents(scheme);
  return teams.map((team) => {
    const inputs: Required<Omit<TeamStageInputs, 'team'>> & { team: string } = {
      team,
      benchmarkRatios: {},
      expertPanel: {},
      userEvaluation: {},
      stageGoals: {},
      gates: {},
    };
    for (const c of leaves) {
      const m = records.measurements.find((x) => x.team === team && x.component === c.key);
      if (c.kind === 'benchmark' && m) inputs.benchmarkRatios[c.key] = m.value;
      if (c.kind === 'userEvaluation' && m) inputs.userEvaluation[c.key] = m.value;
      if (c.kind === 'expertPanel') {
        let scores = panelOf(records, team, c.key, order);
        if (scores.length && panelOverride) scores = panelOverride(team, c.key, scores);
        if (scores.length) inputs.expertPanel[c.key] = panelScore(team, c.key, scores);
        else if (m) inputs.expertPanel[c.key] = m.value;
      }
      if (c.kind === 'stageGoals') {
        const goals = records.goals.filter((g) => g.team === team && g.component === c.key);
        if (goals.length && goals.every((g) => g.met !== null)) inputs.stageGoals[c.key] = { met: goals.filter((g) => g.met).length, declared: goals.length };
      }
    }
    for (const g of scheme.gates) {
      const r = records.gates.find((x) => x.team === team && x.gate === g.key);
      if (r && r.passed !== null && r.reason) inputs.gates[g.key] = { passed: r.passed, reason: r.reason };
    }
    return inputs;
  });
}

export interface StageResults extends StageScoring {
  proposal: DecisionProposal;
  average: number;
  /** per team key: share of panel-resampled replicates in which the team finishes last */
  probabilityLast: Record<string, number> | null;
  probabilityLastNote: LocalizedText | null;
}

/**
 * Scores every team with the frozen scheme and asks the policy what it implies; with individual
 * panel scores, a seeded bootstrap over panel members gives each team's chance of finishing last.
 * The office's decision and a published bundle's verification both call this.
 */
export function computeStageResults(
  scheme: StageEvaluationScheme,
  rules: ScoringRules,
  teams: readonly string[],
  records: StageRecords,
  order: PanelOrder,
  bootstrap: StageBootstrap = STAGE_BOOTSTRAP,
): StageResults {
  const scoring = scoreStage(scheme, rules, stageTeamInputs(scheme, teams, records, order));
  const proposal = proposeDecision(scheme.decisionPolicy, scoring.results, scheme, rules);
  let probabilityLast: Record<string, number> | null = null;
  // only the panel is resampled: entered benchmark ratios and user-evaluation scores carry no items or votes.
  // Not while an input is missing: a team scored 0 on a missing input would "finish last" every time.
  if (records.expertScores.length > 0 && scoring.results.length > 1 && proposal.incomplete.length === 0) {
    const replicates = jointBootstrap(bootstrap.rounds, bootstrap.seed, (rng) => {
      const inputs = stageTeamInputs(scheme, teams, records, order, (_t, _c, scores) => scores.map(() => scores[rng.int(scores.length)]!));
      return Object.fromEntries(scoreStage(scheme, rules, inputs).results.map((x) => [x.team, x.total]));
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
          ko: `전문가 위원을 복원추출한 부트스트랩 ${bootstrap.rounds}회 (시드 ${bootstrap.seed}); 벤치마크 문항·사용자 투표는 입력값 그대로`,
          en: `${bootstrap.rounds} bootstrap rounds resampling panel members (seed ${bootstrap.seed}); benchmark items and user votes held at their entered values`,
        }
      : null,
  };
}
