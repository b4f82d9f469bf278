import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { createTestServer, signIn } from '../support/test-context.ts';
import { evaluationComparisons, evaluationRunItems, evaluationRuns, taskMembers, user } from '../../src/db/schema/index.ts';
import { listBenchmarks, type BenchmarkRow } from '../../src/evaluation/catalog.ts';
import { decodeItemValues } from '../../src/evaluation/item-values.ts';
import { demoFrontier, demoHarnessResults } from '../../src/seed/demo-evaluation.ts';
import { multipart, type Part } from './multipart.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
const cookie: Record<string, string> = {};
let benchmarks: BenchmarkRow[];
let frontier: Map<string, number>;
let ownTaskId: string;
let otherTaskId: string;

beforeAll(async () => {
  t = await createTestServer();
  for (const who of ['operator', 'applicant', 'evaluator', 'reviewer']) cookie[who] = await signIn(t.app, `${who}@demo.stagegate.kr`);
  benchmarks = await listBenchmarks(t.ctx.db, 'k-ai');
  frontier = await demoFrontier(t.ctx, '2026-01-05');
  const [applicant] = await t.ctx.db.select().from(user).where(eq(user.email, 'applicant@demo.stagegate.kr'));
  const mine = await t.ctx.db.select().from(taskMembers).where(eq(taskMembers.userId, applicant!.id));
  const all = (await get('/api/v1/evaluation/tasks', 'operator')).json().tasks as { id: string; programSlug: string }[];
  const kai = all.filter((x) => x.programSlug === 'k-ai');
  ownTaskId = kai.find((x) => mine.some((m) => m.taskId === x.id))!.id;
  otherTaskId = kai.find((x) => x.id !== ownTaskId)!.id;
});
afterAll(() => t.dispose());

function get(url: string, who: string) {
  return t.app.inject({ method: 'GET', url, headers: cookie[who] ? { cookie: cookie[who] } : {} });
}

function upload(taskId: string, who: string, parts: Part[]) {
  const { payload, headers } = multipart(parts);
  return t.app.inject({ method: 'POST', url: `/api/v1/evaluation/tasks/${taskId}/imports`, payload, headers: { ...headers, cookie: cookie[who]! } });
}

const harness = (level: number, seed: number, extra: { limit?: number } = {}) =>
  demoHarnessResults(benchmarks, frontier, { level, seed, model: `team-model-${seed}`, ...extra });
const results = (text: string, fileName = 'results_2026-01-07T10-00-00.000000.json'): Part => ({ name: 'results', value: text, fileName });
const runsOf = async (taskId: string) => (await t.ctx.db.select({ n: count() }).from(evaluationRuns).where(eq(evaluationRuns.taskId, taskId)))[0]!.n;

describe('importing benchmark results for a task', () => {
  it('previews what will be stored, with the verdict, without storing anything', async () => {
    const before = await runsOf(otherTaskId);
    const res = await upload(otherTaskId, 'operator', [{ name: 'suite', value: 'stage-1' }, { name: 'mode', value: 'preview' }, results(harness(1.02, 5))]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('preview');
    expect(body.run.scores).toHaveLength(15);
    expect(body.comparison.ok).toBe(true);
    expect(['pass', 'fail', 'inconclusive']).toContain(body.comparison.detail.suite.aggregate.verdict);
    expect(await runsOf(otherTaskId)).toBe(before);
  });

  it('commits a strong run as pass and a weak one as fail, judged on the interval, with an audit row', async () => {
    const strongText = harness(1.08, 6);
    const strong = await upload(otherTaskId, 'operator', [{ name: 'suite', value: 'stage-1' }, { name: 'mode', value: 'commit' }, results(strongText)]);
    expect(strong.statusCode).toBe(201);
    expect(strong.json().verdict).toBe('pass');
    const page = (await get(`/api/v1/evaluation/tasks/${otherTaskId}`, 'operator')).json();
    const stage1 = page.suites.find((s: { key: string }) => s.key === 'stage-1');
    const c = stage1.latest.comparison;
    expect(c.verdict).toBe('pass');
    expect(c.aggregate.ci[0]).toBeGreaterThanOrEqual(c.target);
    expect(c.target).toBe(0.95);
    expect(c.seed).toBeTypeOf('number');
    // every benchmark carries an interval around its ratio, never a bare point
    for (const b of c.benchmarks) {
      expect(b.ci[0]).toBeLessThanOrEqual(b.ratio);
      expect(b.ci[1]).toBeGreaterThanOrEqual(b.ratio);
    }
    // issue 20 item 11: the audit row says who imported which file into which task, and what came of it
    const entries = (await get(`/api/v1/audit?objectType=task&objectId=${otherTaskId}`, 'operator')).json().entries;
    const audit = entries.find((e: { action: string }) => e.action === 'evaluation.run.import');
    expect(audit).toMatchObject({
      action: 'evaluation.run.import',
      objectType: 'task',
      objectId: otherTaskId,
      after: {
        runId: strong.json().runId,
        comparisonId: strong.json().comparisonId ?? 'missing from the response',
        suite: 'stage-1',
        file: 'results_2026-01-07T10-00-00.000000.json',
        sha256: createHash('sha256').update(strongText).digest('hex'),
        verdict: 'pass',
        aggregate: { ratio: c.aggregate.ratio, ci: c.aggregate.ci },
      },
    });
    expect(audit.actorLabel).toContain('operator@demo.stagegate.kr');
    expect(audit.after.benchmarks).toHaveLength(15);
    expect(audit.after.benchmarks).toContain(`gpqa_diamond=${JSON.parse(strongText).results.gpqa_diamond['acc,none']}`);

    const weak = await upload(otherTaskId, 'evaluator', [{ name: 'suite', value: 'stage-1' }, { name: 'mode', value: 'commit' }, results(harness(0.8, 7))]);
    expect(weak.statusCode).toBe(201);
    expect(weak.json().verdict).toBe('fail');
    const again = (await get(`/api/v1/evaluation/tasks/${otherTaskId}`, 'operator')).json().suites.find((s: { key: string }) => s.key === 'stage-1');
    expect(again.latest.comparison.aggregate.ci[1]).toBeLessThan(0.95);
    expect(again.runs).toHaveLength(2);
  });

  it('counts only reference models released within 6 months before the evaluation date, and says which are left out', async () => {
    const page = (await get(`/api/v1/evaluation/tasks/${otherTaskId}`, 'operator')).json();
    const s1 = page.suites.find((s: { key: string }) => s.key === 'stage-1');
    expect(s1.window.windowFrom).toBe('2025-07-05');
    const counted = s1.latest.comparison.counted.map((m: { name: string }) => m.name);
    const excluded = Object.fromEntries(s1.latest.comparison.excluded.map((m: { name: string; why: string }) => [m.name, m.why]));
    for (const m of counted) expect(excluded[m]).toBeUndefined();
    const released = (await get('/api/v1/evaluation/catalog?program=k-ai', 'operator')).json().referenceModels as { name: string; releaseDate: string }[];
    for (const m of released) {
      if (m.releaseDate < '2025-07-05') expect(excluded[m.name]).toBe('too-old');
      else if (m.releaseDate > '2026-01-05') expect(excluded[m.name]).toBe('after-date');
      else expect(counted).toContain(m.name);
    }
    // common benchmarks are held against a counted model, team-specific ones against the declared target
    for (const [name, ref] of Object.entries(s1.latest.comparison.referenceOf) as [string, { model: string; role: string }][]) {
      if (name === 'team_domain_qa') expect(ref).toMatchObject({ role: 'target', model: page.task.targetModel });
      else expect(counted).toContain(ref.model);
    }
  });

  it('recognises the same file twice and stores nothing new', async () => {
    const text = harness(0.99, 8);
    const first = await upload(otherTaskId, 'operator', [{ name: 'suite', value: 'stage-1' }, { name: 'mode', value: 'commit' }, results(text)]);
    expect(first.statusCode).toBe(201);
    const n = await runsOf(otherTaskId);
    const second = await upload(otherTaskId, 'operator', [{ name: 'suite', value: 'stage-1' }, { name: 'mode', value: 'commit' }, results(text)]);
    expect(second.json()).toEqual({ status: 'unchanged', runId: first.json().runId });
    expect(await runsOf(otherTaskId)).toBe(n);
  });

  it('refuses a limited run for official scoring with the reason, storing nothing', async () => {
    const n = await runsOf(otherTaskId);
    const res = await upload(otherTaskId, 'operator', [
      { name: 'suite', value: 'stage-1' },
      { name: 'mode', value: 'commit' },
      results(harness(1.0, 9, { limit: 10 })),
    ]);
    expect(res.statusCode).toBe(422);
    const err = res.json().error;
    expect(err.field).toBe('results');
    expect(err.message).toContain('refused for official scoring');
    expect(err.message).toMatch(/kmmlu_pro \(10 of 2822 items\)/);
    expect(err.issues[0].message.ko).toContain('공식 채점');
    expect(await runsOf(otherTaskId)).toBe(n);
  });

  it('names the line, column and field of a malformed results file, storing nothing', async () => {
    const n = await runsOf(otherTaskId);
    const bad = harness(1.0, 10).replace(/("acc,none": )[0-9.]+/, '$1"high"');
    const res = await upload(otherTaskId, 'operator', [
      { name: 'suite', value: 'stage-1' },
      { name: 'mode', value: 'commit' },
      results(bad, 'results_bad.json'),
    ]);
    expect(res.statusCode).toBe(422);
    const err = res.json().error;
    const line = bad.split('\n').findIndex((l) => l.includes('"high"')) + 1;
    expect(err.field).toBe('results');
    expect(err.message).toContain(`results_bad.json:${line}:`);
    expect(err.message).toContain('["acc,none"]');
    expect(err.message).toContain('expected a number');

    const broken = harness(1.0, 11).replace('"results": {', '"results": {,');
    const syntax = await upload(otherTaskId, 'operator', [
      { name: 'suite', value: 'stage-1' },
      { name: 'mode', value: 'commit' },
      results(broken, 'results_broken.json'),
    ]);
    expect(syntax.statusCode).toBe(422);
    expect(syntax.json().error.message).toMatch(/results_broken\.json:2:\d+: invalid JSON/);

    const csv = 'benchmark,metric,score,stderr,n\nkmmlu_pro,acc,0.61,0.009,2822\nmmlu_pro,acc,abc,,12032\n';
    const csvRes = await upload(otherTaskId, 'operator', [{ name: 'suite', value: 'stage-1' }, { name: 'mode', value: 'commit' }, results(csv, 'scores.csv')]);
    expect(csvRes.statusCode).toBe(422);
    expect(csvRes.json().error.message).toContain('scores.csv:3:3: field score: expected a number, got "abc"');
    expect(await runsOf(otherTaskId)).toBe(n);
  });

  it('stores per-item scores compactly from samples files, and refuses samples that disagree with the results', async () => {
    const text = harness(1.0, 12);
    const gpqa = JSON.parse(text).results.gpqa_diamond['acc,none'] as number;
    const n = 198;
    const correct = Math.round(gpqa * n);
    const lines = Array.from({ length: n }, (_, i) => JSON.stringify({ doc_id: i, filter: 'none', metrics: ['acc'], acc: i < correct ? 1 : 0 })).join('\n');
    const samples = { name: 'samples', value: lines, fileName: 'samples_gpqa_diamond_2026-01-07T10-00-00.000000.jsonl' };
    const ok = await upload(otherTaskId, 'operator', [{ name: 'suite', value: 'stage-1' }, { name: 'mode', value: 'commit' }, results(text), samples]);
    expect(ok.statusCode).toBe(201);
    const [items] = await t.ctx.db.select().from(evaluationRunItems).where(eq(evaluationRunItems.runId, ok.json().runId));
    expect(items!.benchmarkName).toBe('gpqa_diamond');
    expect(items!.values.byteLength).toBe(n * 8);
    expect(items!.docKeys).toEqual(Array.from({ length: n }, (_, i) => String(i)));
    // each stored value reads back as the sample's score, in doc order
    expect([...decodeItemValues(items!.values)]).toEqual(Array.from({ length: n }, (_, i) => (i < correct ? 1 : 0)));

    const short = lines.split('\n').slice(0, 150).join('\n');
    const runs = await runsOf(otherTaskId);
    const bad = await upload(otherTaskId, 'operator', [
      { name: 'suite', value: 'stage-1' },
      { name: 'mode', value: 'commit' },
      results(harness(1.0, 13)),
      { ...samples, value: short },
    ]);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.field).toBe('samples.0');
    expect(bad.json().error.message).toContain('150 items');
    expect(await runsOf(otherTaskId)).toBe(runs);
  });

  it('refuses an unknown suite and a request without a file', async () => {
    const noSuite = await upload(otherTaskId, 'operator', [{ name: 'suite', value: 'stage-9' }, { name: 'mode', value: 'commit' }, results(harness(1, 14))]);
    expect(noSuite.statusCode).toBe(422);
    expect(noSuite.json().error.field).toBe('suite');
    const noFile = await upload(otherTaskId, 'operator', [
      { name: 'suite', value: 'stage-1' },
      { name: 'mode', value: 'commit' },
    ]);
    expect(noFile.statusCode).toBe(422);
    expect(noFile.json().error.field).toBe('results');
  });
});

describe('who sees which results', () => {
  it('shows an applicant their own team only', async () => {
    const list = (await get('/api/v1/evaluation/tasks', 'applicant')).json().tasks as { id: string }[];
    const [applicant] = await t.ctx.db.select().from(user).where(eq(user.email, 'applicant@demo.stagegate.kr'));
    const memberOf = (await t.ctx.db.select().from(taskMembers).where(eq(taskMembers.userId, applicant!.id))).map((m) => m.taskId);
    expect(list.map((x) => x.id).sort()).toEqual([...new Set(memberOf)].sort());
    expect(list.map((x) => x.id)).toContain(ownTaskId);
    expect(list.map((x) => x.id)).not.toContain(otherTaskId);
    expect((await get(`/api/v1/evaluation/tasks/${ownTaskId}`, 'applicant')).statusCode).toBe(200);
    const other = await get(`/api/v1/evaluation/tasks/${otherTaskId}`, 'applicant');
    expect(other.statusCode).toBe(403);
  });

  it('lets the office and evaluators read every team, and never lets an applicant import', async () => {
    const all = (await get('/api/v1/evaluation/tasks', 'evaluator')).json().tasks as { id: string }[];
    expect(all.map((x) => x.id)).toEqual(expect.arrayContaining([ownTaskId, otherTaskId]));
    const res = await upload(ownTaskId, 'applicant', [{ name: 'suite', value: 'stage-1' }, { name: 'mode', value: 'commit' }, results(harness(1.2, 15))]);
    expect(res.statusCode).toBe(403);
    expect((await get('/api/v1/evaluation/tasks', 'reviewer')).statusCode).toBe(403);
  });

  it("shows the seeded demo run on the applicant's own page with a verdict", async () => {
    const page = (await get(`/api/v1/evaluation/tasks/${ownTaskId}`, 'applicant')).json();
    const s1 = page.suites.find((s: { key: string }) => s.key === 'stage-1');
    expect(['pass', 'fail', 'inconclusive']).toContain(s1.latest.comparison.verdict);
    const stored = await t.ctx.db.select().from(evaluationComparisons).where(eq(evaluationComparisons.taskId, ownTaskId));
    expect(stored).toHaveLength(1);
  });
});
