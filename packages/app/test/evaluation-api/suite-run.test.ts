import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestServer, signIn } from '../support/test-context.ts';
import { evaluationRunItems, evaluationRuns, tasks } from '../../src/db/schema/index.ts';
import { runNextJob } from '../../src/jobs/worker.ts';
import { startFakeOpenAiServer, type FakeServer } from '../../src/adapters/openai-endpoint/fake-openai-server.ts';

const items = Array.from({ length: 40 }, (_, i) => ({ question: `Which option fits case ${i}?`, choices: ['a', 'b', 'c', 'd'], answer: i % 4 }));

let t: Awaited<ReturnType<typeof createTestServer>>;
let fake: FakeServer;
let suites: string;
let operator: string;
const previous = process.env.STAGEGATE_EVAL_SUITES;

beforeAll(async () => {
  suites = await mkdtemp(join(tmpdir(), 'sg-suites-'));
  process.env.STAGEGATE_EVAL_SUITES = suites;
  await writeFile(join(suites, 'gpqa.jsonl'), items.map((x) => JSON.stringify(x)).join('\n') + '\n');
  await writeFile(
    join(suites, 'suite.json'),
    JSON.stringify({
      name: 'stage-1-subset',
      tasks: [{ name: 'gpqa_diamond', kind: 'loglikelihood', dataset: 'gpqa.jsonl', template: 'Question: {{question}}\nAnswer:' }],
    }),
  );
  fake = await startFakeOpenAiServer({ items, accuracy: 0.9 });
  t = await createTestServer();
  operator = await signIn(t.app, 'operator@demo.stagegate.kr');
  // the fake team server is on loopback: the office registers it and allows that (issue 12 item 6)
  const reg = await t.app.inject({
    method: 'POST',
    url: '/api/v1/programs/k-ai/model-endpoints',
    headers: { cookie: operator },
    payload: { url: fake.url, label: 'fake team', allowPrivate: true, mode: 'commit' },
  });
  if (reg.statusCode !== 201) throw new Error(`register endpoint: ${reg.statusCode} ${reg.body}`);
});
afterAll(async () => {
  await fake.close();
  await t.dispose();
  if (previous === undefined) delete process.env.STAGEGATE_EVAL_SUITES;
  else process.env.STAGEGATE_EVAL_SUITES = previous;
  await rm(suites, { recursive: true, force: true });
});

describe("running a suite against a team's endpoint as a job", () => {
  it('refuses a suite file outside the suites folder and a bad endpoint, naming the fields', async () => {
    const [task] = await t.ctx.db.select().from(tasks).where(eq(tasks.programSlug, 'k-ai')).limit(1);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/evaluation/tasks/${task!.id}/suite-runs`,
      headers: { cookie: operator },
      payload: { suite: 'stage-1', endpoint: 'ftp://x', model: 'm', suiteFile: '../etc/passwd', mode: 'preview' },
    });
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .error.issues.map((i: { field: string }) => i.field)
        .sort(),
    ).toEqual(['endpoint', 'suiteFile']);
  });

  it('runs the items, then imports the results with per-item scores and a comparison', async () => {
    const [task] = await t.ctx.db.select().from(tasks).where(eq(tasks.programSlug, 'k-ai')).limit(1);
    const body = { suite: 'stage-1', endpoint: `${fake.url}/v1`, model: 'team-model', suiteFile: 'suite.json', concurrency: 4 };
    const preview = await t.app.inject({
      method: 'POST',
      url: `/api/v1/evaluation/tasks/${task!.id}/suite-runs`,
      headers: { cookie: operator },
      payload: { ...body, mode: 'preview' },
    });
    expect(preview.json()).toMatchObject({ status: 'preview', tasks: [{ name: 'gpqa_diamond', kind: 'loglikelihood' }] });
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/v1/evaluation/tasks/${task!.id}/suite-runs`,
      headers: { cookie: operator },
      payload: { ...body, mode: 'commit' },
    });
    expect(started.statusCode).toBe(202);
    const { jobId } = started.json();
    const before = await t.ctx.db.select().from(evaluationRuns).where(eq(evaluationRuns.taskId, task!.id));
    expect(await runNextJob(t.ctx, 'suite-worker', { progressEveryMs: 0 })).toBe('done');
    const job = (await t.app.inject({ method: 'GET', url: `/api/v1/evaluation/jobs/${jobId}`, headers: { cookie: operator } })).json().job;
    expect(job.status).toBe('done');
    expect(job.progress).toMatchObject({ total: 40, done: 40 });
    const after = await t.ctx.db.select().from(evaluationRuns).where(eq(evaluationRuns.taskId, task!.id));
    expect(after.length).toBe(before.length + 1);
    const run = after.find((r) => !before.some((b) => b.id === r.id))!;
    expect(run.source).toBe('runner');
    expect(run.scores.map((s) => s.benchmark)).toEqual(['gpqa_diamond']);
    const [stored] = await t.ctx.db.select().from(evaluationRunItems).where(eq(evaluationRunItems.runId, run.id));
    expect(stored!.docKeys).toHaveLength(40);
    const page = (await t.app.inject({ method: 'GET', url: `/api/v1/evaluation/tasks/${task!.id}`, headers: { cookie: operator } })).json();
    const s1 = page.suites.find((s: { key: string }) => s.key === 'stage-1');
    expect(s1.latest.runId).toBe(run.id);
    expect(s1.latest.comparison.missing).toHaveLength(14);
    expect(page.suiteRuns[0]).toMatchObject({ id: jobId, status: 'done', suite: 'stage-1' });
  });
});
