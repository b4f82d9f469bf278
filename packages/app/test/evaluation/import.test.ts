import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsvResults } from '../../src/adapters/lm-eval/csv-results.ts';
import { parseHarnessResults } from '../../src/adapters/lm-eval/harness-results.ts';
import { findSamplesFile, loadItemValues, parseHarnessSamples } from '../../src/adapters/lm-eval/harness-samples.ts';
import { ImportError } from '../../src/adapters/import-error.ts';
import { leafTasks, limitedTasks, officialScoringRefusal, topLevelTasks } from '../../src/adapters/lm-eval/score-table.ts';

const fixtures = fileURLToPath(new URL('../fixtures/lm-eval/', import.meta.url));
const candidateResults = `${fixtures}candidate/results_2026-01-05T10-00-00.000000.json`;
const read = (p: string) => readFile(p, 'utf8');

function importError(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected an ImportError');
}

describe('lm-evaluation-harness results_*.json', () => {
  it('reads metrics with filters, "N/A" standard errors, groups, versions, hashes and n-samples', async () => {
    const table = parseHarnessResults(await read(candidateResults), candidateResults);
    expect(table.modelName).toBe('candidate-model');
    const arc = table.tasks.find((t) => t.task === 'arc_easy')!;
    expect(arc.metrics.map((m) => `${m.metric},${m.filter}`)).toEqual(['acc,none', 'acc_norm,none']);
    expect(arc.metrics[0]!.stderr).toBeGreaterThan(0);
    expect(arc.version).toBe(1);
    expect(arc.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(arc.samples).toEqual({ original: 60, effective: 60 });
    const gsm = table.tasks.find((t) => t.task === 'gsm8k')!;
    expect(gsm.metrics.map((m) => m.filter)).toEqual(['strict-match', 'flexible-extract']);
    const anatomy = table.tasks.find((t) => t.task === 'mmlu_anatomy')!;
    expect(anatomy.metrics[0]).toEqual({ metric: 'acc', filter: 'none', value: 0.75, stderr: null });
    const mmlu = table.tasks.find((t) => t.task === 'mmlu')!;
    expect(mmlu.isGroup).toBe(true);
    expect(topLevelTasks(table).map((t) => t.task)).toEqual(['arc_easy', 'gsm8k', 'mmlu']);
    expect(leafTasks(table, 'mmlu')).toEqual(['mmlu_anatomy', 'mmlu_astronomy']);
    expect(officialScoringRefusal(table)).toBeNull();
  });

  it('refuses a limited run for official scoring, saying which task and how many items', async () => {
    const file = `${fixtures}limited/results_2026-01-06T09-00-00.000000.json`;
    const table = parseHarnessResults(await read(file), file);
    expect(limitedTasks(table)).toEqual([{ task: 'gsm8k', original: 1319, effective: 10 }]);
    const refusal = officialScoringRefusal(table)!;
    expect(refusal).toContain('refused for official scoring');
    expect(refusal).toContain('gsm8k (10 of 1319 items)');
    expect(officialScoringRefusal(table, ['arc_easy'])).toBeNull();
  });

  it('points at the line, column and field of a bad value', () => {
    const text = '{\n  "results": {\n    "arc_easy": {\n      "acc,none": "high",\n      "acc_stderr,none": 0.01\n    }\n  }\n}';
    const e = importError(() => parseHarnessResults(text, 'r.json'));
    expect(e.field).toBe('results["arc_easy"]["acc,none"]');
    expect(e.line).toBe(4);
    expect(e.column).toBe(7);
    expect(e.message).toBe('r.json:4:7: field results["arc_easy"]["acc,none"]: expected a number, got "high"');
  });

  it('rejects a stderr that is neither a number nor "N/A", and a bad n-samples', () => {
    const bad = importError(() => parseHarnessResults('{"results":{"t":{"acc,none":0.5,"acc_stderr,none":"n.a."}}}', 'r.json'));
    expect(bad.field).toBe('results["t"]["acc_stderr,none"]');
    const ns = importError(() => parseHarnessResults('{"results":{"t":{"acc,none":0.5}},"n-samples":{"t":{"original":10,"effective":12}}}', 'r.json'));
    expect(ns.field).toBe('n-samples["t"]["effective"]');
    const neg = importError(() => parseHarnessResults('{"results":{"t":{"acc,none":0.5}},"n-samples":{"t":{"original":-1,"effective":0}}}', 'r.json'));
    expect(neg.field).toBe('n-samples["t"]["original"]');
  });

  it('names the position of a JSON syntax error and of a missing results section', () => {
    const e = importError(() => parseHarnessResults('{\n  "results": {\n    "t": {"acc,none": 0.5,}\n  }\n}', 'r.json'));
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/^r\.json:3:\d+: invalid JSON/);
    expect(importError(() => parseHarnessResults('{"result": {}}', 'r.json')).field).toBe('results');
    expect(importError(() => parseHarnessResults('{"results": {}, "group_subtasks": {"g": ["missing"]}}', 'r.json')).message).toContain('lists task "missing"');
  });
});

describe('lm-evaluation-harness samples_*.jsonl', () => {
  it('reads per-item metric values per filter and finds the newest file for a task', async () => {
    const file = (await findSamplesFile(`${fixtures}candidate`, 'gsm8k'))!;
    expect(file).toMatch(/samples_gsm8k_2026-01-05T10-00-00\.000000\.jsonl$/);
    const items = parseHarnessSamples(await read(file), file);
    expect(items).toHaveLength(60);
    expect(new Set(items.map((i) => i.filter))).toEqual(new Set(['strict-match', 'flexible-extract']));
    const strict = items.filter((i) => i.filter === 'strict-match');
    const table = parseHarnessResults(await read(candidateResults), candidateResults);
    const reported = table.tasks.find((t) => t.task === 'gsm8k')!.metrics[0]!.value;
    expect(strict.reduce((s, i) => s + i.values.exact_match!, 0) / strict.length).toBeCloseTo(reported, 12);
    // `mmlu_anatomy` must not pick up `mmlu_anatomy_extra`-style names, and an absent task gives undefined.
    expect(await findSamplesFile(`${fixtures}candidate`, 'mmlu')).toBeUndefined();
  });

  it('pools a group from its leaf tasks, keeping doc ids apart', async () => {
    const values = (await loadItemValues(`${fixtures}candidate`, ['mmlu_anatomy', 'mmlu_astronomy'], 'acc', 'none'))!;
    expect(values.size).toBe(44);
    expect(values.has('mmlu_anatomy:0') && values.has('mmlu_astronomy:0')).toBe(true);
  });

  it('reports the line and field of a malformed row, and duplicates', () => {
    const ok = '{"doc_id": 0, "filter": "none", "metrics": ["acc"], "acc": 1.0}';
    const e1 = importError(() => parseHarnessSamples(`${ok}\n{"doc_id": 1, "acc": 1}\n{"doc_id": "two", "acc": 0}\n`, 's.jsonl'));
    expect([e1.line, e1.field]).toEqual([3, 'doc_id']);
    const e2 = importError(() => parseHarnessSamples(`${ok}\n{"doc_id": 1, "metrics": ["acc"], "acc": "yes"}`, 's.jsonl'));
    expect([e2.line, e2.field]).toEqual([2, 'acc']);
    const e3 = importError(() => parseHarnessSamples(`${ok}\n${ok}`, 's.jsonl'));
    expect(e3.message).toContain('document 0 appears twice');
    const e4 = importError(() => parseHarnessSamples(`${ok}\n{"doc_id": 1,`, 's.jsonl'));
    expect(e4.line).toBe(2);
    expect(e4.message).toContain('invalid JSON');
  });
});

describe('plain CSV', () => {
  it('reads quoted cells, empty and N/A standard errors, and n', async () => {
    const file = `${fixtures}scores.csv`;
    const table = parseCsvResults(await read(file), file);
    expect(table.tasks.map((t) => t.task)).toEqual(['kmmlu-pro', 'team-legal', 'livecodebench']);
    expect(table.tasks[0]).toMatchObject({
      metrics: [{ metric: 'acc', filter: 'none', value: 0.612, stderr: 0.0041 }],
      samples: { original: 14000, effective: 14000 },
    });
    expect(table.tasks[1]!.metrics[0]).toEqual({ metric: 'score, rubric', filter: 'none', value: 0.71, stderr: null });
    expect(table.tasks[2]!.metrics[0]!.stderr).toBeNull();
    expect(table.tasks[2]!.samples).toBeUndefined();
  });

  it('names line, column and field of a bad cell; nothing is returned', () => {
    const e = importError(() => parseCsvResults('benchmark,metric,score,stderr,n\na,acc,0.5,0.01,100\nb,acc,0.4,-0.2,100\n', 'x.csv'));
    expect([e.line, e.column, e.field]).toEqual([3, 4, 'stderr']);
    expect(importError(() => parseCsvResults('benchmark,score\na,0.5\n', 'x.csv')).field).toBe('metric');
    expect(importError(() => parseCsvResults('benchmark,metric,score\na,acc\n', 'x.csv')).message).toBe('x.csv:2: expected 3 cells, found 2');
    expect(importError(() => parseCsvResults('benchmark,metric,score,n\na,acc,0.5,12.5\n', 'x.csv')).field).toBe('n');
    expect(importError(() => parseCsvResults('benchmark,metric,score\n"a,acc,0.5\n', 'x.csv')).message).toContain('never closed');
  });
});
