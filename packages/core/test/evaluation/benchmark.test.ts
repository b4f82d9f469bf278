import { describe, expect, it } from 'vitest';
import { benchmarkWeights, frontierReference, monthsBefore, referencesInWindow, type Benchmark, type ReferenceModel } from '../../src/evaluation/benchmark.ts';

const model = (name: string, releaseDate: string, scores: [string, number][] = []): ReferenceModel => ({
  name,
  vendor: 'v',
  releaseDate,
  scores: scores.map(([benchmark, score]) => ({ benchmark, score, source: `${name} card` })),
});

describe('reference window', () => {
  it('counts calendar months back and clamps the day to the month', () => {
    expect(monthsBefore('2026-01-05', 6)).toBe('2025-07-05');
    expect(monthsBefore('2026-08-31', 6)).toBe('2026-02-28');
    expect(monthsBefore('2024-08-31', 6)).toBe('2024-02-29');
    expect(monthsBefore('2026-03-15', 15)).toBe('2024-12-15');
  });

  it('keeps models released in the last 6 months up to the evaluation date, boundary included', () => {
    const models = [
      model('too-old', '2025-07-04'),
      model('boundary', '2025-07-05'),
      model('recent', '2025-12-01'),
      model('same-day', '2026-01-05'),
      model('after-evaluation', '2026-01-06'),
    ];
    expect(referencesInWindow(models, '2026-01-05', 6).map((m) => m.name)).toEqual(['boundary', 'recent', 'same-day']);
  });

  it('takes the best in-window score per benchmark, lowest when lower is better', () => {
    const benchmarks: Benchmark[] = [
      { name: 'mmlu-pro', category: 'common', metric: 'acc', higherIsBetter: true, chance: 0.1 },
      { name: 'ppl', category: 'common', metric: 'word_perplexity', higherIsBetter: false, chance: 0 },
    ];
    const models = [
      model('a', '2025-09-01', [
        ['mmlu-pro', 0.7],
        ['ppl', 9],
      ]),
      model('b', '2025-10-01', [
        ['mmlu-pro', 0.8],
        ['ppl', 11],
      ]),
      model('old-but-best', '2024-01-01', [
        ['mmlu-pro', 0.95],
        ['ppl', 2],
      ]),
    ];
    const f = frontierReference(models, benchmarks, '2026-01-05', 6);
    expect(f.get('mmlu-pro')).toMatchObject({ model: 'b', score: 0.8, source: 'b card' });
    expect(f.get('ppl')).toMatchObject({ model: 'a', score: 9 });
  });
});

describe('benchmarkWeights', () => {
  it('splits a category weight equally among its benchmarks and normalises', () => {
    const w = benchmarkWeights(
      [
        { name: 'nia', category: 'nia' },
        { name: 'kmmlu-pro', category: 'common' },
        { name: 'mmlu-pro', category: 'common' },
        { name: 'team', category: 'team-specific' },
      ],
      { nia: 10, common: 20, 'team-specific': 10 },
    );
    expect(w.get('nia')).toBeCloseTo(0.25);
    expect(w.get('kmmlu-pro')).toBeCloseTo(0.25);
    expect(w.get('mmlu-pro')).toBeCloseTo(0.25);
    expect(w.get('team')).toBeCloseTo(0.25);
    const w2 = benchmarkWeights(
      [
        { name: 'a', category: 'x' },
        { name: 'b', category: 'y' },
      ],
      { x: 3, y: 1 },
    );
    expect(w2.get('a')).toBeCloseTo(0.75);
  });
});
