import { describe, expect, it } from 'vitest';
import { proposeDecision } from '../../src/stage-evaluation/propose-decision.ts';
import { averageTotal, scoreStage } from '../../src/stage-evaluation/score-stage.ts';
import { defaultScoringRules, type ScoringRules } from '../../src/stage-evaluation/scoring-rules.ts';
import type { TeamStageInputs } from '../../src/stage-evaluation/inputs.ts';
import { failedOriginality, kaiScheme, passed } from './fixtures.ts';

// K-AI first stage evaluation, 5–15 January 2026, as reported: top team 90.2 = 33.6 + 31.6 + 25.0,
// five-team average 79.7, one top-four team out on the originality gate, the lowest out on points.
const rules: ScoringRules = {
  ...defaultScoringRules(kaiScheme),
  benchmark: { floor: 0.5, target: 0.95 }, // 0 points at half the reference, full at the 95 % target
  userEvaluation: { conversion: { kind: 'proportionalToBest' } }, // Likert means, best team = full
};

const team = (name: string, [nia, common, own]: [number, number, number], panel: number, likert: number, originality = passed): TeamStageInputs => ({
  team: name,
  benchmarkRatios: { 'nia-benchmark': nia, 'common-benchmarks': common, 'team-benchmarks': own },
  expertPanel: { 'expert-panel': panel },
  userEvaluation: { 'user-evaluation': likert },
  gates: { originality },
});

const inputs = [
  team('alpha', [0.86, 0.8735, 0.905], 90.3, 4.41),
  team('bravo', [0.8375, 0.8375, 0.86], 88.57, 3.99),
  team('charlie', [0.8825, 0.842, 0.8375], 80, 3.72, failedOriginality),
  team('delta', [0.815, 0.7925, 0.815], 78, 3.76),
  team('echo', [0.77, 0.77, 0.77], 70, 3.49),
];

describe('K-AI stage evaluation, January 2026', () => {
  const { results, issues } = scoreStage(kaiScheme, rules, inputs);
  const by = Object.fromEntries(results.map((r) => [r.team, r]));

  it('scores the top team 90.2 = 33.6 + 31.6 + 25.0 and the five teams 79.7 on average', () => {
    expect(issues).toEqual([]);
    const top = by.alpha;
    expect(top.components.map((c) => c.points)).toEqual([33.6, 31.6, 25]);
    expect(top.components[0].children!.map((c) => c.points)).toEqual([8, 16.6, 9]);
    expect(top.total).toBe(90.2);
    expect(averageTotal(results, 1)).toBe(79.7);
    expect(results.map((r) => r.total)).toEqual([90.2, 84.1, 80.3, 75.6, 68.3]);
  });

  it('reports the Frontier and Diffusion indices as sums of their components', () => {
    expect(by.alpha.indices).toEqual({ 'frontier-index': 33.6, 'diffusion-index': 56.6 });
    for (const r of results) {
      expect(r.indices['frontier-index']).toBe(r.pointsByComponent.benchmarks);
      expect(r.indices['diffusion-index']).toBeCloseTo(r.pointsByComponent['expert-panel'] + r.pointsByComponent['user-evaluation'], 9);
    }
  });

  it('eliminates the originality failure and, separately, the lowest on points: three advance', () => {
    const proposal = proposeDecision(kaiScheme.decisionPolicy, results, kaiScheme, rules);
    expect(proposal.blocking).toEqual([]);
    const outcome = Object.fromEntries(proposal.items.map((i) => [i.team, i]));
    expect(outcome.charlie.outcome).toBe('eliminate');
    expect(outcome.charlie.basis).toBe('gate');
    expect(outcome.charlie.rank).toBe(3); // a top-four team on points
    expect(outcome.charlie.reasons[0].en).toContain('reused an external vision/audio encoder');
    expect(outcome.charlie.reasons[0].ko).toContain('독자성');
    expect(outcome.echo.outcome).toBe('eliminate');
    expect(outcome.echo.basis).toBe('points');
    expect(proposal.items.filter((i) => i.outcome === 'continue').map((i) => i.team)).toEqual(['alpha', 'bravo', 'delta']);
  });

  it('counts the gate elimination against k when the program says so', () => {
    const strict = { ...rules, eliminateLowest: { gateEliminationsCountTowardK: true } };
    const proposal = proposeDecision(kaiScheme.decisionPolicy, results, kaiScheme, strict);
    expect(proposal.items.filter((i) => i.outcome === 'eliminate').map((i) => i.team)).toEqual(['charlie']);
  });

  it('waits for every gate ruling before the proposal can be confirmed', () => {
    const pending = inputs.map((t) => (t.team === 'delta' ? { ...t, gates: {} } : t));
    const scored = scoreStage(kaiScheme, rules, pending);
    expect(scored.issues.map((i) => i.field)).toEqual(['delta.gates.originality']);
    const proposal = proposeDecision(kaiScheme.decisionPolicy, scored.results, kaiScheme, rules);
    expect(proposal.blocking).toHaveLength(1);
    expect(proposal.blocking[0].en).toContain('delta');
  });
});
