import { describe, expect, it } from 'vitest';
import type { StageEvaluationScheme } from '../../src/program/definition.ts';
import { proposeDecision } from '../../src/stage-evaluation/propose-decision.ts';
import { scoreStage } from '../../src/stage-evaluation/score-stage.ts';
import { defaultScoringRules } from '../../src/stage-evaluation/scoring-rules.ts';
import { failedOriginality, kaiScheme, passed, specializedScheme } from './fixtures.ts';

// a small scheme with one gate: panel 60 (scored out of 60), benchmark 40 (ratio 0 → 1)
const scheme: StageEvaluationScheme = {
  ...kaiScheme,
  components: [
    { key: 'panel', name: { ko: '전문가', en: 'Panel' }, points: 60, kind: 'expertPanel' },
    { key: 'bench', name: { ko: '벤치마크', en: 'Bench' }, points: 40, kind: 'benchmark' },
  ],
  indices: [],
};
const rules = { ...defaultScoringRules(scheme), benchmark: { floor: 0, target: 1 }, expertPanel: { scaleMax: 60 } };
const team = (name: string, panel: number, bench: number, gate = passed) => ({
  team: name,
  expertPanel: { panel },
  benchmarkRatios: { bench },
  gates: { originality: gate },
});
const outcomes = (p: ReturnType<typeof proposeDecision>) => Object.fromEntries(p.items.map((i) => [i.team, i.outcome]));

describe('eliminateLowest', () => {
  const policy = { kind: 'eliminateLowest', perStage: 1, startTeams: 5, finalTeams: 2 } as const;

  it('separates equal totals by the components in scheme order: higher panel points stay', () => {
    // b and c both total 70; c has the higher panel points
    const { results } = scoreStage(scheme, rules, [team('a', 50, 0.9), team('b', 40, 0.75), team('c', 46, 0.6)]);
    expect(results.map((r) => r.total)).toEqual([86, 70, 70]);
    const p = proposeDecision(policy, results, scheme, rules);
    expect(outcomes(p)).toEqual({ a: 'continue', c: 'continue', b: 'eliminate' });
    expect(p.unresolvedTie).toEqual([]);
  });

  it('follows a configured tie-break order instead', () => {
    const { results } = scoreStage(scheme, rules, [team('a', 50, 0.9), team('b', 40, 0.75), team('c', 46, 0.6)]);
    const p = proposeDecision(policy, results, scheme, { ...rules, tieBreak: ['bench'] });
    expect(outcomes(p)).toEqual({ a: 'continue', b: 'continue', c: 'eliminate' });
  });

  it('leaves a tie on every figure at the boundary to the operator', () => {
    const { results } = scoreStage(scheme, rules, [team('a', 50, 0.9), team('b', 40, 0.75), team('c', 40, 0.75)]);
    const p = proposeDecision(policy, results, scheme, rules);
    expect(p.unresolvedTie.sort()).toEqual(['b', 'c']);
    expect(p.blocking).toHaveLength(1);
    expect(p.items.filter((i) => i.outcome === 'eliminate')).toEqual([]);
  });

  it('never eliminates on points below the final number of teams', () => {
    const { results } = scoreStage(scheme, rules, [team('a', 50, 0.9), team('b', 40, 0.75), team('c', 30, 0.5)]);
    const p = proposeDecision({ ...policy, perStage: 2 }, results, scheme, rules);
    expect(outcomes(p)).toEqual({ a: 'continue', b: 'continue', c: 'eliminate' });
  });

  it('eliminates a gate failure even when it is the best on points', () => {
    const { results } = scoreStage(scheme, rules, [team('a', 60, 1, failedOriginality), team('b', 40, 0.75), team('c', 30, 0.5), team('d', 35, 0.5)]);
    const p = proposeDecision(policy, results, scheme, rules);
    expect(outcomes(p)).toEqual({ a: 'eliminate', b: 'continue', c: 'eliminate', d: 'continue' });
    expect(p.items.map((i) => i.team)).toEqual(['b', 'd', 'c', 'a']);
  });
});

describe('advanceAtThreshold', () => {
  const policy = { kind: 'advanceAtThreshold', minPoints: 70 } as const;
  it('continues every team at or above the threshold and no gate failure', () => {
    const { results } = scoreStage(scheme, rules, [
      team('at', 46, 0.6),
      team('above', 50, 0.9),
      team('below', 40, 0.7),
      team('gate', 60, 1, failedOriginality),
    ]);
    const p = proposeDecision(policy, results, scheme, rules);
    expect(outcomes(p)).toEqual({ above: 'continue', at: 'continue', below: 'eliminate', gate: 'eliminate' });
    const below = p.items.find((i) => i.team === 'below')!;
    expect(below.basis).toBe('threshold');
    expect(below.reasons[0].en).toBe('68 points, below the threshold of 70');
  });
});

describe('continueIfStageGoalsMet (AI Specialized FM, phase 2)', () => {
  const sfmRules = defaultScoringRules(specializedScheme);
  const t = (name: string, met: number, declared: number) => ({
    team: name,
    stageGoals: { 'stage-goals': { met, declared } },
    expertPanel: { 'expert-panel': 80 },
  });

  it('continues the teams that met their declared stage goals into phase 2', () => {
    const { results, issues } = scoreStage(specializedScheme, sfmRules, [t('med', 4, 4), t('law', 3, 4)]);
    expect(issues).toEqual([]);
    expect(results.map((r) => r.pointsByComponent['stage-goals'])).toEqual([70, 52.5]);
    expect(results[0].total).toBe(94);
    const p = proposeDecision(specializedScheme.decisionPolicy, results, specializedScheme, sfmRules);
    expect(outcomes(p)).toEqual({ med: 'continue', law: 'eliminate' });
    expect(p.items[0].reasons[0].en).toBe('met 4 of 4 stage goals; continues to the next phase');
    expect(p.items[0].reasons[0].ko).toBe('단계 목표 4개 중 4개 달성 — 다음 단계 진행');
  });

  it('applies a lower required share when the program sets one', () => {
    const lenient = { ...sfmRules, stageGoals: { requiredShare: 0.75 } };
    const { results } = scoreStage(specializedScheme, lenient, [t('med', 4, 4), t('law', 3, 4)]);
    expect(outcomes(proposeDecision(specializedScheme.decisionPolicy, results, specializedScheme, lenient))).toEqual({ med: 'continue', law: 'continue' });
  });

  it('blocks the proposal while a stage-goal check is missing', () => {
    const { results, issues } = scoreStage(specializedScheme, sfmRules, [t('med', 4, 4), { team: 'fin', expertPanel: { 'expert-panel': 70 } }]);
    expect(issues.map((i) => i.field)).toEqual(['fin.stageGoals.stage-goals']);
    const p = proposeDecision(specializedScheme.decisionPolicy, results, specializedScheme, sfmRules);
    expect(p.items).toEqual([]);
    expect(p.blocking.map((b) => b.en)).toEqual(["fin has no input for 'Stage goals met'"]);
  });
});
