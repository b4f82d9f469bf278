import { describe, expect, it } from 'vitest';
import type { BenchmarkRow, SuiteRow } from '../../src/evaluation/catalog.ts';
import { planRun } from '../../src/evaluation/results-import.ts';

const suite: SuiteRow = {
  id: 's',
  programSlug: 'k-ai',
  key: 'stage-1',
  name: { ko: '1차', en: 'Stage 1' },
  evaluationDate: '2026-01-05',
  benchmarkNames: ['gsm8k', 'ko_gsm8k'],
  categoryWeights: {},
  demo: false,
};
const bench = (name: string, metricFilter: string | null): BenchmarkRow => ({
  id: name,
  programSlug: 'k-ai',
  name,
  label: { ko: name, en: name },
  category: 'common',
  metric: 'exact_match',
  metricFilter,
  higherIsBetter: true,
  chance: 0,
  itemCount: null,
  demo: false,
});
// flexible-extract listed first, as the harness writes it for some tasks
const entry = (flex: number, strict: number) => ({
  'exact_match,flexible-extract': flex,
  'exact_match_stderr,flexible-extract': 0.01,
  'exact_match,strict-match': strict,
  'exact_match_stderr,strict-match': 0.01,
  alias: 'x',
});
const file = JSON.stringify({ results: { gsm8k: entry(0.7, 0.6), ko_gsm8k: entry(0.5, 0.4) } });
const req = { results: { fileName: 'results_2026-01-07T10-00-00.000000.json', text: file }, samples: [] };

describe('17.5 import takes the primary metric and filter, never the first key', () => {
  it("uses the filter the program declares, else the default catalog's for that task (gsm8k → strict-match)", () => {
    const { plan, issues } = planRun(suite, [bench('gsm8k', null), bench('ko_gsm8k', 'strict-match')], req);
    expect(issues).toEqual([]);
    expect(plan!.scores.map((s) => [s.benchmark, s.metric, s.filter, s.value])).toEqual([
      ['gsm8k', 'exact_match', 'strict-match', 0.6],
      ['ko_gsm8k', 'exact_match', 'strict-match', 0.4],
    ]);
  });

  it('refuses a metric reported under several filters when nothing says which one', () => {
    const { plan, issues } = planRun(suite, [bench('gsm8k', null), bench('ko_gsm8k', null)], req);
    expect(plan).toBeUndefined();
    expect(issues.map((i) => i.message.en)).toEqual([
      'results_2026-01-07T10-00-00.000000.json: field results["ko_gsm8k"]: ko_gsm8k: the primary metric exact_match is reported under several filters (flexible-extract, strict-match); declare which one',
    ]);
  });
});
