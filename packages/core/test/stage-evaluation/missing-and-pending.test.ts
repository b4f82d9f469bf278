import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StageEvaluationScheme } from '../../src/program/definition.ts';
import { proposeDecision } from '../../src/stage-evaluation/propose-decision.ts';
import { scoreStage } from '../../src/stage-evaluation/score-stage.ts';
import { defaultScoringRules } from '../../src/stage-evaluation/scoring-rules.ts';
import { failedOriginality, kaiScheme, passed } from './fixtures.ts';

// panel 60 (scored out of 60), benchmark 40 (ratio 0 → 1), one gate; K-AI's policy: eliminate the lowest
const scheme: StageEvaluationScheme = {
  ...kaiScheme,
  components: [
    { key: 'panel', name: { ko: '전문가', en: 'Panel' }, points: 60, kind: 'expertPanel' },
    { key: 'bench', name: { ko: '벤치마크', en: 'Bench' }, points: 40, kind: 'benchmark' },
  ],
  indices: [],
};
const rules = { ...defaultScoringRules(scheme), benchmark: { floor: 0, target: 1 }, expertPanel: { scaleMax: 60 } };
const lowest = { kind: 'eliminateLowest', perStage: 1, startTeams: 5, finalTeams: 2 } as const;
const threshold = { kind: 'advanceAtThreshold', minPoints: 70 } as const;

const teamArb = fc.record({ panel: fc.integer({ min: 0, max: 60 }), bench: fc.double({ min: 0, max: 1, noNaN: true }) });

describe('issue 13 item 5: missing is not zero', () => {
  it('a team with no benchmark result is neither ranked nor eliminated; the proposal lists what is missing', () => {
    // the team with no benchmark would total 55 if the missing input counted as 0 — the lowest by far
    const { results } = scoreStage(scheme, rules, [
      { team: 'a', expertPanel: { panel: 50 }, benchmarkRatios: { bench: 0.9 }, gates: { originality: passed } },
      { team: 'b', expertPanel: { panel: 40 }, benchmarkRatios: { bench: 0.75 }, gates: { originality: passed } },
      { team: 'c', expertPanel: { panel: 55 }, gates: { originality: passed } },
    ]);
    expect(results.find((r) => r.team === 'c')!.missing).toEqual(['bench']);
    const p = proposeDecision(lowest, results, scheme, rules);
    expect(p.items).toEqual([]);
    expect(p.incomplete).toEqual([{ ko: "c 팀의 '벤치마크' 입력이 없습니다", en: "c has no input for 'Bench'" }]);
    expect(p.blocking[0]).toEqual(p.incomplete[0]);
  });

  it('property: whenever any input is missing, no team is eliminated and every missing (team, component) is listed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ scores: teamArb, dropPanel: fc.boolean(), dropBench: fc.boolean() }), { minLength: 2, maxLength: 7 }),
        fc.constantFrom(lowest, threshold),
        (teams, policy) => {
          const inputs = teams.map((t, i) => ({
            team: `t${i}`,
            expertPanel: (t.dropPanel ? {} : { panel: t.scores.panel }) as Record<string, number>,
            benchmarkRatios: (t.dropBench ? {} : { bench: t.scores.bench }) as Record<string, number>,
            gates: { originality: passed },
          }));
          const expected = teams.flatMap((t, i) => [
            ...(t.dropPanel ? [`t${i} has no input for 'Panel'`] : []),
            ...(t.dropBench ? [`t${i} has no input for 'Bench'`] : []),
          ]);
          const p = proposeDecision(policy, scoreStage(scheme, rules, inputs).results, scheme, rules);
          expect(p.incomplete.map((m) => m.en)).toEqual(expected);
          if (expected.length) expect(p.items).toEqual([]);
          else expect(p.items).toHaveLength(teams.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('issue 20 item 2: a pending gate is not a failed gate', () => {
  it('the best team with an unruled gate is not eliminated; the pending ruling blocks the confirmation', () => {
    const { results } = scoreStage(scheme, rules, [
      { team: 'best', expertPanel: { panel: 60 }, benchmarkRatios: { bench: 1 } }, // no ruling on originality yet
      { team: 'mid', expertPanel: { panel: 45 }, benchmarkRatios: { bench: 0.8 }, gates: { originality: passed } },
      { team: 'low', expertPanel: { panel: 30 }, benchmarkRatios: { bench: 0.5 }, gates: { originality: passed } },
    ]);
    const best = results.find((r) => r.team === 'best')!;
    expect(best.gates[0].status).toBe('pending');
    expect(best.gatesPassed).toBe(true);
    const p = proposeDecision({ ...lowest, finalTeams: 1 }, results, scheme, rules);
    expect(Object.fromEntries(p.items.map((i) => [i.team, i.outcome]))).toEqual({ best: 'continue', mid: 'continue', low: 'eliminate' });
    expect(p.items.find((i) => i.team === 'low')!.basis).toBe('points');
    expect(p.blocking.map((b) => b.en)).toContain("the 'Originality' gate is not yet ruled for best".replace('Originality', kaiScheme.gates[0].name.en));
  });

  it('property: a team whose gates are pending is never eliminated on a gate; only a failed ruling does that', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ scores: teamArb, gate: fc.constantFrom('passed', 'failed', 'pending') }), { minLength: 2, maxLength: 7 }),
        fc.constantFrom(lowest, threshold),
        (teams, policy) => {
          const inputs = teams.map((t, i) => ({
            team: `t${i}`,
            expertPanel: { panel: t.scores.panel },
            benchmarkRatios: { bench: t.scores.bench },
            gates: (t.gate === 'pending' ? {} : { originality: t.gate === 'passed' ? passed : failedOriginality }) as Record<string, typeof passed>,
          }));
          const p = proposeDecision(policy, scoreStage(scheme, rules, inputs).results, scheme, rules);
          teams.forEach((t, i) => {
            const item = p.items.find((x) => x.team === `t${i}`)!;
            if (t.gate === 'failed') expect([item.outcome, item.basis]).toEqual(['eliminate', 'gate']);
            else expect(item.basis).not.toBe('gate');
          });
          expect(p.blocking.length).toBeGreaterThanOrEqual(teams.filter((t) => t.gate === 'pending').length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
