import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const fx = fileURLToPath(new URL('../fixtures/lm-eval/', import.meta.url));
const candidate = `${fx}candidate/results_2026-01-05T10-00-00.000000.json`;
const reference = `${fx}reference/results_2025-12-20T08-30-15.123456.json`;
const withSamples = ['--candidate-samples', `${fx}candidate`, '--reference-samples', `${fx}reference`];

async function run(args: string[]) {
  const out: string[] = [],
    err: string[] = [];
  const code = await main(['eval', 'compare', ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('stagegate eval compare', () => {
  it('prints exactly the documented JSON, with ratios from the files and a verdict matching the exit code', async () => {
    const r = await run(['--candidate', candidate, '--reference', reference, ...withSamples, '--json']);
    const report = JSON.parse(r.out);
    expect(Object.keys(report)).toEqual(['tasks', 'aggregate', 'refused']);
    expect(report.refused).toEqual([]);
    expect(Object.keys(report.aggregate)).toEqual(['ratio', 'ci', 'pAtLeastTarget', 'verdict']);
    expect(report.tasks.map((t: { task: string }) => t.task)).toEqual(['arc_easy', 'gsm8k', 'mmlu']);
    for (const t of report.tasks) {
      expect(Object.keys(t)).toEqual(['task', 'metric', 'higherIsBetter', 'candidate', 'reference', 'ratio', 'ci']);
      expect(t.ratio).toBeCloseTo(t.candidate / t.reference, 12);
      expect(t.ci[0]).toBeLessThan(t.ratio);
      expect(t.ci[1]).toBeGreaterThan(t.ratio);
    }
    // 17.5: each on its primary metric, not on the first key of the file (arc_easy lists acc first)
    expect(report.tasks.map((t: { metric: string }) => t.metric)).toEqual(['acc_norm,none', 'exact_match,strict-match', 'acc,none']);
    const mean = report.tasks.reduce((s: number, t: { ratio: number }) => s + t.ratio, 0) / 3;
    expect(report.aggregate.ratio).toBeCloseTo(mean, 12);
    expect(report.aggregate.verdict).toBe(report.aggregate.ci[1] < 0.95 ? 'fail' : report.aggregate.ci[0] >= 0.95 ? 'pass' : 'inconclusive');
    expect(r.code).toBe(report.aggregate.verdict === 'pass' ? 0 : 1);
  });

  it('gives the same intervals for the same seed, other ones for another seed', async () => {
    const args = ['--candidate', candidate, '--reference', reference, ...withSamples, '--json', '--resamples', '2000'];
    const a = JSON.parse((await run(args)).out);
    const b = JSON.parse((await run(args)).out);
    const c = JSON.parse((await run([...args, '--seed', '7'])).out);
    expect(b).toEqual(a);
    expect(c.aggregate.ci).not.toEqual(a.aggregate.ci);
  });

  it('without samples uses the standard errors, filling "N/A" only where a binomial error is valid', async () => {
    const r = await run(['--candidate', candidate, '--reference', reference, '--json', '--target', '0.5']);
    const report = JSON.parse(r.out);
    expect(report.tasks).toHaveLength(3);
    expect(report.aggregate.verdict).toBe('pass');
    expect(r.code).toBe(0);
    expect(report.aggregate.pAtLeastTarget).toBeGreaterThan(0.99);
  });

  it('chance-corrects a multiple-choice task when told its chance level', async () => {
    const raw = JSON.parse((await run(['--candidate', candidate, '--reference', reference, '--json'])).out);
    const corrected = JSON.parse((await run(['--candidate', candidate, '--reference', reference, '--json', '--chance', 'arc_easy=0.25'])).out);
    const t = corrected.tasks[0];
    expect(t.ratio).toBeCloseTo((t.candidate - 0.25) / (t.reference - 0.25), 12);
    expect(t.ratio).toBeLessThan(raw.tasks[0].ratio);
  });

  it('refuses a limited run unless told it is unofficial', async () => {
    const limited = `${fx}limited/results_2026-01-06T09-00-00.000000.json`;
    const refused = await run(['--candidate', limited, '--reference', reference]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('refused for official scoring');
    expect(refused.err).toContain('gsm8k (10 of 1319 items)');
    const allowed = await run(['--candidate', limited, '--reference', reference, '--allow-limited', '--json']);
    expect([0, 1]).toContain(allowed.code);
    expect(allowed.err).toContain('not for official scoring');
  });

  it('compares CSV files and reports a malformed file with its position', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sg-eval-'));
    await writeFile(join(dir, 'c.csv'), 'benchmark,metric,score,stderr\na,acc,0.70,0.01\nb,acc,0.50,0.01\n');
    await writeFile(join(dir, 'r.csv'), 'benchmark,metric,score,stderr\na,acc,0.70,0.01\nb,acc,0.52,0.01\n');
    await writeFile(join(dir, 'bad.json'), '{\n  "results": {\n    "a": {"acc,none": null}\n  }\n}\n');
    const ok = await run(['--candidate', join(dir, 'c.csv'), '--reference', join(dir, 'r.csv'), '--json']);
    const report = JSON.parse(ok.out);
    expect(report.tasks.map((t: { metric: string }) => t.metric)).toEqual(['acc,none', 'acc,none']);
    expect(report.aggregate.ratio).toBeCloseTo((1 + 0.5 / 0.52) / 2, 12);
    const bad = await run(['--candidate', join(dir, 'bad.json'), '--reference', join(dir, 'r.csv')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('bad.json:3:11: field results["a"]["acc,none"]: expected a number, got null');
    const missing = await run(['--reference', join(dir, 'r.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--candidate');
  });
});
