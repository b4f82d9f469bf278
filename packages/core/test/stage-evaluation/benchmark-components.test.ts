import { describe, expect, it } from 'vitest';
import { benchmarkComponentRatios } from '../../src/stage-evaluation/benchmark-components.ts';

const categoryOf = new Map([
  ['nia_kor_bench', 'nia'],
  ['kmmlu_pro', 'common'],
  ['mmlu_pro', 'common'],
  ['aime25', 'common'],
  ['team_domain_qa', 'team-specific'],
]);
const mapping = { 'nia-benchmark': 'nia', 'common-benchmarks': 'common', 'team-benchmarks': 'team-specific' };

describe('benchmark component ratios from a suite comparison', () => {
  it('averages each category with the comparison weights and names the benchmarks used', () => {
    const compared = [
      { name: 'nia_kor_bench', ratio: 0.9, weight: 0.25 },
      { name: 'kmmlu_pro', ratio: 0.8, weight: 0.5 / 3 },
      { name: 'mmlu_pro', ratio: 0.95, weight: 0.5 / 3 },
      { name: 'aime25', ratio: 0.65, weight: 0.5 / 3 },
      { name: 'team_domain_qa', ratio: 1.02, weight: 0.25 },
    ];
    const out = benchmarkComponentRatios(['nia-benchmark', 'common-benchmarks', 'team-benchmarks'], mapping, compared, categoryOf);
    expect(out.map((o) => (o.ok ? +o.ratio.toFixed(6) : null))).toEqual([0.9, 0.8, 1.02]);
    expect(out[1]).toMatchObject({ category: 'common', benchmarks: ['kmmlu_pro', 'mmlu_pro', 'aime25'] });
  });

  it('weighs unequal weights, and falls back to the plain mean for a category weighted 0', () => {
    const weighted = benchmarkComponentRatios(
      ['common-benchmarks'],
      mapping,
      [
        { name: 'kmmlu_pro', ratio: 1, weight: 3 },
        { name: 'mmlu_pro', ratio: 0, weight: 1 },
      ],
      categoryOf,
    );
    expect(weighted[0]).toMatchObject({ ok: true, ratio: 0.75 });
    const zero = benchmarkComponentRatios(
      ['common-benchmarks'],
      mapping,
      [
        { name: 'kmmlu_pro', ratio: 1, weight: 0 },
        { name: 'mmlu_pro', ratio: 0.5, weight: 0 },
      ],
      categoryOf,
    );
    expect(zero[0]).toMatchObject({ ok: true, ratio: 0.75 });
  });

  it('says why a component gets no ratio: no mapping, or nothing of its category compared', () => {
    const out = benchmarkComponentRatios(['nia-benchmark', 'extra'], mapping, [{ name: 'kmmlu_pro', ratio: 0.8, weight: 1 }], categoryOf);
    expect(out.map((o) => o.ok)).toEqual([false, false]);
    expect(!out[0]!.ok && out[0]!.reason.en).toContain('"nia"');
    expect(!out[1]!.ok && out[1]!.reason.en).toContain('"extra"');
  });
});
