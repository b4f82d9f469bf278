import { describe, expect, it } from 'vitest';
import { benchmarkPoints, roundTo } from '../../src/stage-evaluation/component-points.ts';
import { scoreStage } from '../../src/stage-evaluation/score-stage.ts';
import { defaultScoringRules } from '../../src/stage-evaluation/scoring-rules.ts';
import { kaiScheme, passed } from './fixtures.ts';

describe('benchmark ratio to points', () => {
  const scale = { floor: 0.5, target: 0.95 };
  it('is 0 at or below the floor, full at or above the target, linear between', () => {
    expect(benchmarkPoints(0.4, 10, scale)).toBe(0);
    expect(benchmarkPoints(0.5, 10, scale)).toBe(0);
    expect(benchmarkPoints(0.725, 10, scale)).toBeCloseTo(5, 12);
    expect(benchmarkPoints(0.95, 10, scale)).toBe(10);
    expect(benchmarkPoints(1.2, 10, scale)).toBe(10);
  });
  it('defaults to the program’s performance target (K-AI: 95 % of recent global models)', () => {
    expect(defaultScoringRules(kaiScheme).benchmark).toEqual({ floor: 0, target: 0.95 });
  });
});

describe('stage scoring', () => {
  const rules = { ...defaultScoringRules(kaiScheme), decimals: 2 };
  const full = {
    benchmarkRatios: { 'nia-benchmark': 0.95, 'common-benchmarks': 0.95, 'team-benchmarks': 0.95 },
    expertPanel: { 'expert-panel': 100 },
    gates: { originality: passed },
  };

  it('uses a per-component benchmark scale where configured', () => {
    const own = { ...rules, benchmarkByComponent: { 'team-benchmarks': { floor: 0, target: 1.9 } } };
    const { results } = scoreStage(kaiScheme, own, [{ team: 'a', ...full, userEvaluation: { 'user-evaluation': 4 } }]);
    expect(results[0].pointsByComponent['team-benchmarks']).toBe(5);
    expect(results[0].pointsByComponent['nia-benchmark']).toBe(10);
  });

  it('scores a missing measurement 0 and names it as an issue', () => {
    const { results, issues } = scoreStage(kaiScheme, rules, [
      { team: 'a', ...full, userEvaluation: { 'user-evaluation': 4 } },
      { team: 'b', ...full, benchmarkRatios: { 'nia-benchmark': 0.95 }, userEvaluation: { 'user-evaluation': 2 } },
    ]);
    expect(issues.map((i) => i.field)).toEqual(['b.benchmarkRatios.common-benchmarks', 'b.benchmarkRatios.team-benchmarks']);
    expect(results[1].pointsByComponent.benchmarks).toBe(10);
    expect(results[1].pointsByComponent['user-evaluation']).toBe(12.5);
    expect(results[0].total).toBe(100);
  });

  it('converts arena ratings with the configured conversion', () => {
    const arena = { ...rules, userEvaluation: { conversion: { kind: 'expectedScoreVsBest' as const } } };
    const { results } = scoreStage(kaiScheme, arena, [
      { team: 'a', ...full, userEvaluation: { 'user-evaluation': 1100 } },
      { team: 'b', ...full, userEvaluation: { 'user-evaluation': 1000 } },
    ]);
    expect(results[0].pointsByComponent['user-evaluation']).toBe(25);
    expect(results[1].pointsByComponent['user-evaluation']).toBe(roundTo(50 / (1 + 10 ** 0.25), 2));
  });

  it('refuses the same team twice', () => {
    expect(() => scoreStage(kaiScheme, rules, [{ team: 'a' }, { team: 'a' }])).toThrow(/once/);
  });
});
