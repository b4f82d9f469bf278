import { convertToPoints } from '../arena/points-conversion.ts';
import type { StageComponent, StageEvaluationScheme } from '../program/definition.ts';
import { issue, type FieldIssue, type LocalizedText } from '../shared/localized.ts';
import { benchmarkPoints, expertPanelPoints, roundTo, stageGoalsPoints } from './component-points.ts';
import { teamStageInputs, type GateRuling, type TeamStageInputs } from './inputs.ts';
import type { ScoringRules } from './scoring-rules.ts';

export interface ComponentScore {
  key: string;
  name: LocalizedText;
  kind: StageComponent['kind'];
  maxPoints: number;
  points: number;
  /** the measurement the points came from (ratio, panel mean, rating, share of goals met) */
  measured?: number;
  children?: ComponentScore[];
}

export type GateStatus = 'passed' | 'failed' | 'pending';
export interface GateOutcome {
  key: string;
  name: LocalizedText;
  status: GateStatus;
  reason?: LocalizedText;
}

export interface TeamStageResult {
  team: string;
  components: ComponentScore[];
  /** every component at every level, by key */
  pointsByComponent: Record<string, number>;
  total: number;
  indices: Record<string, number>;
  gates: GateOutcome[];
  /** no gate failed (pending gates are not failures, but block a decision) */
  gatesPassed: boolean;
  /** summed over stageGoals components; absent when the scheme has none or a check is missing */
  stageGoals?: { met: number; declared: number };
  /**
   * Leaf components of the scheme with no input for this team. Their points show as 0 in the table,
   * but a missing input is not a zero: no decision may rest on a total that has one.
   */
  missing: string[];
}

export interface StageScoring {
  results: TeamStageResult[];
  /** missing or unusable inputs; each named by team and component */
  issues: FieldIssue[];
}

function leaves(components: StageComponent[], kind: StageComponent['kind']): StageComponent[] {
  return components.flatMap((c) => (c.children?.length ? leaves(c.children, kind) : c.kind === kind ? [c] : []));
}

/**
 * Points per component, totals, indices and gate outcomes for every team of one stage evaluation.
 * Pure and deterministic: the same scheme, rules and inputs give the same table to anyone.
 * User-evaluation conversions may be relative (best team = full points), so all teams are scored
 * together. Missing inputs show 0 points, are reported as issues and listed in `missing` per team:
 * the proposal refuses to decide on them (see proposeDecision).
 */
export function scoreStage(scheme: StageEvaluationScheme, rules: ScoringRules, rawInputs: readonly TeamStageInputs[]): StageScoring {
  const issues: FieldIssue[] = [];
  const inputs = rawInputs.map((r) => teamStageInputs.parse(r));
  const teams = inputs.map((t) => t.team);
  if (new Set(teams).size !== teams.length) throw new Error('each team may appear only once in a stage evaluation');

  // relative conversions need every team's score first
  const userPoints: Record<string, Record<string, number>> = {};
  for (const c of leaves(scheme.components, 'userEvaluation')) {
    const values: Record<string, number> = {};
    for (const t of inputs) {
      const v = t.userEvaluation[c.key];
      if (v === undefined) {
        issues.push(issue(`${t.team}.userEvaluation.${c.key}`, `${t.team} 팀의 사용자 평가 점수가 없습니다`, `no user-evaluation score for ${t.team}`));
      } else values[t.team] = v;
    }
    userPoints[c.key] = convertToPoints(values, c.points, rules.userEvaluation.conversion);
  }

  const results = inputs.map((t): TeamStageResult => {
    const pointsByComponent: Record<string, number> = {};
    const missingKeys: string[] = [];
    let goalsMet = 0,
      goalsDeclared = 0,
      goalsComplete = true,
      hasGoals = false;

    const score = (c: StageComponent): ComponentScore => {
      const base = { key: c.key, name: c.name, kind: c.kind, maxPoints: c.points };
      const missing = (what: string, ko: string) => {
        missingKeys.push(c.key);
        issues.push(issue(`${t.team}.${what}.${c.key}`, `${t.team} 팀의 '${c.name.ko}' ${ko} 없습니다`, `no ${what} input for ${t.team} on '${c.name.en}'`));
      };
      let result: ComponentScore;
      if (c.children?.length) {
        const children = c.children.map(score);
        result = {
          ...base,
          points: roundTo(
            children.reduce((s, x) => s + x.points, 0),
            rules.decimals,
          ),
          children,
        };
      } else {
        let raw = 0;
        let measured: number | undefined;
        switch (c.kind) {
          case 'benchmark':
            measured = t.benchmarkRatios[c.key];
            if (measured === undefined) missing('benchmarkRatios', '벤치마크 결과가');
            else raw = benchmarkPoints(measured, c.points, rules.benchmarkByComponent[c.key] ?? rules.benchmark);
            break;
          case 'expertPanel':
            measured = t.expertPanel[c.key];
            if (measured === undefined) missing('expertPanel', '전문가 평가 점수가');
            else raw = expertPanelPoints(measured, c.points, rules.expertPanel.scaleMax);
            break;
          case 'userEvaluation':
            measured = t.userEvaluation[c.key];
            if (measured === undefined) missingKeys.push(c.key); // named once above, with every team's score
            raw = userPoints[c.key]?.[t.team] ?? 0;
            break;
          case 'stageGoals': {
            const g = t.stageGoals[c.key];
            hasGoals = true;
            if (g === undefined) {
              goalsComplete = false;
              missing('stageGoals', '단계 목표 점검 결과가');
            } else {
              measured = g.met / g.declared;
              raw = stageGoalsPoints(g.met, g.declared, c.points);
              goalsMet += g.met;
              goalsDeclared += g.declared;
            }
            break;
          }
          case 'group':
            issues.push(issue(`scheme.${c.key}`, `'${c.name.ko}' 묶음에 하위 항목이 없습니다`, `group '${c.name.en}' has no children`));
            break;
        }
        result = { ...base, points: roundTo(raw, rules.decimals), ...(measured !== undefined ? { measured } : {}) };
      }
      pointsByComponent[c.key] = result.points;
      return result;
    };

    const components = scheme.components.map(score);
    const total = roundTo(
      components.reduce((s, c) => s + c.points, 0),
      rules.decimals,
    );
    const indices = Object.fromEntries(
      scheme.indices.map((ix) => [
        ix.key,
        roundTo(
          ix.components.reduce((s, k) => s + (pointsByComponent[k] ?? 0), 0),
          rules.decimals,
        ),
      ]),
    );
    const gates = scheme.gates.map((g): GateOutcome => {
      const ruling: GateRuling | undefined = t.gates[g.key];
      if (!ruling) {
        issues.push(issue(`${t.team}.gates.${g.key}`, `${t.team} 팀의 '${g.name.ko}' 심사 결과가 없습니다`, `no ruling on gate '${g.name.en}' for ${t.team}`));
        return { key: g.key, name: g.name, status: 'pending' };
      }
      return { key: g.key, name: g.name, status: ruling.passed ? 'passed' : 'failed', reason: ruling.reason };
    });
    return {
      team: t.team,
      components,
      pointsByComponent,
      total,
      indices,
      gates,
      gatesPassed: gates.every((g) => g.status !== 'failed'),
      missing: missingKeys,
      ...(hasGoals && goalsComplete ? { stageGoals: { met: goalsMet, declared: goalsDeclared } } : {}),
    };
  });
  return { results, issues };
}

/** Mean total over teams, rounded like the totals (the "five-team average" of a press release). */
export function averageTotal(results: readonly TeamStageResult[], decimals: number): number {
  if (results.length === 0) return 0;
  return roundTo(results.reduce((s, r) => s + r.total, 0) / results.length, decimals);
}
