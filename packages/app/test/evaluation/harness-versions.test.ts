import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSuite } from '@stagegate/core/evaluation/compare-suite';
import { planComparison } from '../../src/evaluation/compare-results.ts';
import { parseHarnessResults } from '../../src/adapters/lm-eval/harness-results.ts';
import { ImportError } from '../../src/adapters/import-error.ts';
import { main } from '../../src/cli/main.ts';

const dir = new URL('../fixtures/lm-eval/versions/', import.meta.url).pathname;
const text = (name: string) => readFileSync(dir + name, 'utf8');
const table = (name: string) => parseHarnessResults(text(name), name);
const v03 = 'results_v0.3_reference.json';
const v040 = 'results_v0.4.0_candidate.json';
const v048 = 'results_v0.4.8_candidate.json';
const v048ref = 'results_v0.4.8_reference.json';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['eval', 'compare', ...argv], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('17.4 every lm-evaluation-harness results layout since v0.3', () => {
  it('reads v0.3 metric keys without ",filter", their *_stderr and integer versions', () => {
    const t = table(v03);
    const arc = t.tasks.find((x) => x.task === 'arc_challenge')!;
    expect(arc.metrics).toEqual([
      { metric: 'acc', filter: 'none', value: 0.2244, stderr: 0.0122 },
      { metric: 'acc_norm', filter: 'none', value: 0.2398, stderr: 0.0125 },
    ]);
    expect(arc.version).toBe(0);
    expect(arc.higherIsBetter).toEqual({});
    expect(t.tasks.find((x) => x.task === 'mc_taco')!.metrics.map((m) => [m.metric, m.stderr])).toEqual([
      ['em', null],
      ['f1', null],
    ]);
  });

  it('compares a v0.4.0 candidate with a v0.3 reference (today this said "no task in both files")', async () => {
    const plan = await planComparison(table(v040), table(v03));
    expect(plan.inputs.map((i) => [i.name, i.metric, i.candidate.score, i.reference.score])).toEqual([
      ['arc_challenge', 'acc_norm', 0.26, 0.2398],
      ['hellaswag', 'acc_norm', 0.39, 0.3656],
      ['winogrande', 'acc', 0.54, 0.528],
      ['gsm8k', 'exact_match', 0.012, 0.0099],
    ]);
    expect(plan.notes).toContain("gsm8k: candidate exact_match,get-answer compared with reference acc,none (the same score under each harness version's name)");
    // truthfulqa_mc2 (v0.4) and truthfulqa_mc (v0.3) are different tasks: neither side has the other
    expect(plan.notes).toContain('truthfulqa_mc2: only in the candidate results; not compared');
  });

  it('says what it does not understand, and where', () => {
    const bad = '{\n  "results": {\n    "arc_challenge": {"acc": "0.5", "acc_stderr": 0.01}\n  }\n}';
    const e = (() => {
      try {
        parseHarnessResults(bad, 'r.json');
      } catch (x) {
        return x as ImportError;
      }
    })()!;
    expect(e).toBeInstanceOf(ImportError);
    expect(e.message).toBe(
      'r.json:3:23: field results["arc_challenge"]["acc"]: not understood: a v0.3 metric (a key without ",filter") must be a number, got "0.5"',
    );
    const mixed = '{"results": {"t": {"acc,none": 0.5, "acc_norm": 0.4}}}';
    expect(() => parseHarnessResults(mixed, 'm.json')).toThrow(
      'field results["t"]["acc_norm"]: not understood: a number without ",filter" beside metrics that have one',
    );
    expect(() => parseHarnessResults('{"results": {}}', 'e.json')).toThrow('field results: holds no task');
  });
});

describe('17.5 the primary metric, never the first key', () => {
  it('compares each benchmark on its declared metric and filter, and refuses an undeclared one with what the files hold', async () => {
    const plan = await planComparison(table(v048), table(v048ref));
    expect(Object.fromEntries(plan.metricKeys)).toEqual({
      truthfulqa_mc2: 'acc,none',
      arc_challenge: 'acc_norm,none',
      hellaswag: 'acc_norm,none',
      winogrande: 'acc,none',
      lambada_openai: 'acc,none',
      gsm8k: 'exact_match,strict-match',
    });
    expect(plan.refused).toEqual([
      'truthfulqa_gen: no primary metric is declared for this benchmark; the candidate file holds bleu_max,none, rouge2_acc,none, rougeL_max,none, the reference bleu_max,none, rouge2_acc,none, rougeL_max,none; declare it with --metric truthfulqa_gen=METRIC[,FILTER]',
      'cola: no primary metric is declared for this benchmark; the candidate file holds mcc,none, the reference mcc,none; declare it with --metric cola=METRIC[,FILTER]',
      'wikitext: word_perplexity,none has no standard error on the candidate side and no per-item scores, so it has no interval; not compared',
    ]);
  });

  it('turns the ratio round for a lower-is-better metric (perplexity): a lower candidate perplexity is a ratio above 1', async () => {
    const withErrors = (name: string) => text(name).replaceAll('"word_perplexity_stderr,none": "N/A"', '"word_perplexity_stderr,none": 0.5');
    const plan = await planComparison(parseHarnessResults(withErrors(v048), v048), parseHarnessResults(withErrors(v048ref), v048ref));
    const wikitext = plan.inputs.find((i) => i.name === 'wikitext')!;
    expect(wikitext).toMatchObject({ metric: 'word_perplexity', higherIsBetter: false, candidate: { score: 24.3 }, reference: { score: 29.1 } });
    const result = compareSuite([wikitext], { target: 0.95 });
    expect(result.benchmarks[0]!.ratio).toBeCloseTo(29.1 / 24.3, 12);
  });

  it('--metric overrides the catalog, and declares a benchmark it lacks; lower-is-better with ":lower"', async () => {
    const r = await run([
      '--candidate',
      dir + v048,
      '--reference',
      dir + v048ref,
      '--json',
      '--metric',
      'lambada_openai=perplexity,none:lower',
      '--metric',
      'truthfulqa_gen=rougeL_max',
    ]);
    const report = JSON.parse(r.out);
    const lambada = report.tasks.find((t: { task: string }) => t.task === 'lambada_openai');
    expect(lambada).toMatchObject({ metric: 'perplexity,none', higherIsBetter: false, candidate: 5.68, reference: 5.396 });
    expect(lambada.ratio).toBeCloseTo(5.396 / 5.68, 12);
    expect(report.tasks.find((t: { task: string }) => t.task === 'truthfulqa_gen').metric).toBe('rougeL_max,none');
    expect(report.refused).toEqual([
      expect.stringMatching(/^cola: no primary metric is declared/),
      expect.stringMatching(/^wikitext: word_perplexity,none has no standard error/),
    ]);
    const bad = await run(['--candidate', dir + v048, '--reference', dir + v048ref, '--metric', 'cola']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--metric: expected TASK=METRIC[,FILTER][:lower], got "cola"');
  });

  it('reordering the keys of a file (tasks and metrics) changes nothing', async () => {
    const candidate = JSON.parse(text(v048));
    const reference = JSON.parse(text(v048ref));
    const want = await planComparison(table(v048), table(v048ref));
    const shuffle = <T>(xs: T[], keys: number[]) =>
      xs
        .map((x, i) => [keys[i % keys.length]! + i / 1000, x] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([, x]) => x);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- harness documents are untyped JSON here
    const reorder = (doc: Record<string, any>, keys: number[]) => ({
      ...doc,
      results: Object.fromEntries(
        shuffle(Object.entries(doc.results as Record<string, Record<string, unknown>>), keys).map(([t, e]) => [
          t,
          Object.fromEntries(shuffle(Object.entries(e), keys.slice().reverse())),
        ]),
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 12 }), async (keys) => {
        const c = parseHarnessResults(JSON.stringify(reorder(candidate, keys)), v048);
        const r = parseHarnessResults(JSON.stringify(reorder(reference, keys.slice(1).concat(keys[0]!))), v048ref);
        const plan = await planComparison(c, r);
        const byName = <T extends { name: string }>(xs: T[]) => [...xs].sort((a, b) => (a.name < b.name ? -1 : 1));
        expect(byName(plan.inputs)).toEqual(byName(want.inputs));
        expect([...plan.metricKeys].sort()).toEqual([...want.metricKeys].sort());
        expect([...plan.refused].sort()).toEqual([...want.refused].sort());
      }),
      { numRuns: 60 },
    );
  });
});
