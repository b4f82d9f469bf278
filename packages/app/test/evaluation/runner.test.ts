import { appendFile, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHarnessResults } from '../../src/adapters/lm-eval/harness-results.ts';
import { parseHarnessSamples } from '../../src/adapters/lm-eval/harness-samples.ts';
import { JOURNAL_FILE, runSuite, type RunOptions } from '../../src/adapters/openai-endpoint/run-suite.ts';
import { loadSuite } from '../../src/adapters/openai-endpoint/suite.ts';
import { startFakeOpenAiServer, type FakeServer, type FakeServerOptions } from '../../src/adapters/openai-endpoint/fake-openai-server.ts';

const mcItems = Array.from({ length: 24 }, (_, i) => ({
  question: `Which option is right for puzzle ${i}?`,
  choices: ['red', 'green', 'blue', 'yellow'],
  answer: i % 4,
}));
const genItems = Array.from({ length: 16 }, (_, i) => ({
  question: `What is ${i} plus ${i}?`,
  choices: [String(2 * i), String(2 * i + 1), String(2 * i + 2)],
  answer: i % 3,
}));
const allItems = [...mcItems, ...genItems];

async function makeSuite() {
  const dir = await mkdtemp(join(tmpdir(), 'sg-suite-'));
  await writeFile(join(dir, 'mc.jsonl'), mcItems.map((x) => JSON.stringify(x)).join('\n') + '\n');
  await writeFile(join(dir, 'gen.jsonl'), genItems.map((x) => JSON.stringify(x)).join('\n') + '\n');
  const suitePath = join(dir, 'suite.json');
  await writeFile(
    suitePath,
    JSON.stringify({
      name: 'mini',
      tasks: [
        { name: 'mini_mc', kind: 'loglikelihood', dataset: 'mc.jsonl', template: 'Question: {{question}}\nAnswer:' },
        {
          name: 'mini_gen',
          kind: 'generate',
          dataset: 'gen.jsonl',
          template: 'Question: {{question}}\n{{choices}}\nEnd with "The answer is X".',
          pattern: 'answer is \\(?([A-D])',
        },
      ],
    }),
  );
  return { dir, suitePath, suite: await loadSuite(suitePath) };
}

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(options: Partial<FakeServerOptions> = {}) {
  const s = await startFakeOpenAiServer({ items: allItems, accuracy: 0.6, ...options });
  servers.push(s);
  return s;
}

const fixedClock = () => new Date('2026-01-05T10:00:00.000Z');
const fastRetry = { baseDelayMs: 5, maxDelayMs: 50, timeoutMs: 5_000, retries: 3 };

async function run(s: FakeServer, outDir: string, extra: Partial<RunOptions> = {}) {
  const { suite } = await makeSuite();
  return runSuite({
    endpoint: `${s.url}/v1`,
    model: 'test-model',
    suite,
    outDir,
    concurrency: 4,
    retry: fastRetry,
    now: fixedClock,
    outbound: { allowPrivate: true },
    ...extra,
  });
}

async function outputOf(outDir: string) {
  const files = (await readdir(outDir)).filter((f) => f !== JOURNAL_FILE).sort();
  const resultsFile = files.find((f) => f.startsWith('results_'))!;
  const results = JSON.parse(await readFile(join(outDir, resultsFile), 'utf8'));
  const samples = Object.fromEntries(
    await Promise.all(files.filter((f) => f.startsWith('samples_')).map(async (f) => [f, await readFile(join(outDir, f), 'utf8')])),
  );
  return { files, resultsFile, results, samples };
}

describe('runSuite against an OpenAI-compatible server', () => {
  it('writes harness-format results and samples that our importer reads back', async () => {
    const s = await server();
    const out = await mkdtemp(join(tmpdir(), 'sg-run-'));
    const outcome = await run(s, out);
    expect(outcome.status).toBe('complete');
    const { files, resultsFile, results } = await outputOf(out);
    expect(files).toEqual([
      'results_2026-01-05T10-00-00.000000.json',
      'samples_mini_gen_2026-01-05T10-00-00.000000.jsonl',
      'samples_mini_mc_2026-01-05T10-00-00.000000.jsonl',
    ]);
    const table = parseHarnessResults(JSON.stringify(results), resultsFile);
    const mc = table.tasks.find((t) => t.task === 'mini_mc')!;
    const gen = table.tasks.find((t) => t.task === 'mini_gen')!;
    expect(mc.metrics.map((m) => `${m.metric},${m.filter}`)).toEqual(['acc,none', 'acc_norm,none']);
    expect(gen.metrics.map((m) => `${m.metric},${m.filter}`)).toEqual(['exact_match,strict-match']);
    expect(mc.samples).toEqual({ original: 24, effective: 24 });
    for (const item of allItems) expect(s.requestsFor(item.question)).toBe(1);
    const samples = parseHarnessSamples(await readFile(join(out, 'samples_mini_mc_2026-01-05T10-00-00.000000.jsonl'), 'utf8'), 'mc');
    expect(samples.map((x) => x.docId)).toEqual([...Array(24).keys()]);
    expect(mc.metrics[0]!.value).toBeCloseTo(samples.reduce((a, x) => a + x.values.acc!, 0) / 24, 12);
    expect(mc.metrics[0]!.value).toBeGreaterThan(0.2);
    expect(mc.metrics[0]!.value).toBeLessThan(1);
  });

  it('retries 5xx answers and records two attempts per item', async () => {
    const s = await server({ plan: ({ attempt, requestNumber }) => (attempt === 1 ? { status: requestNumber % 2 ? 500 : 503 } : undefined) });
    const out = await mkdtemp(join(tmpdir(), 'sg-run-'));
    expect((await run(s, out)).status).toBe('complete');
    for (const item of allItems) expect(s.requestsFor(item.question)).toBe(2);
    const journal = (await readFile(join(out, JOURNAL_FILE), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(journal.filter((l) => l.kind === 'item').every((l) => l.attempts === 2)).toBe(true);
  });

  it('waits at least as long as a 429 Retry-After says before asking again', async () => {
    const slow = allItems[0]!.question;
    const s = await server({ plan: ({ question, attempt }) => (attempt === 1 ? { status: 429, retryAfter: question === slow ? '1' : '0' } : undefined) });
    const out = await mkdtemp(join(tmpdir(), 'sg-run-'));
    expect((await run(s, out)).status).toBe('complete');
    const times = s.log.filter((l) => l.question === slow).map((l) => l.at);
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
    expect(s.log.filter((l) => l.outcome === '429')).toHaveLength(allItems.length);
  });

  it('times out a hanging request and retries it', async () => {
    const hung = allItems[5]!.question;
    const s = await server({ plan: ({ question, attempt }) => (question === hung && attempt === 1 ? 'hang' : undefined) });
    const out = await mkdtemp(join(tmpdir(), 'sg-run-'));
    const outcome = await run(s, out, { retry: { ...fastRetry, timeoutMs: 300 } });
    expect(outcome.status).toBe('complete');
    expect(s.requestsFor(hung)).toBe(2);
    expect(s.log.filter((l) => l.outcome === 'hang')).toHaveLength(1);
  });

  it('reports items that keep failing, and asks only for them when run again', async () => {
    const broken = allItems[3]!.question;
    let healed = false;
    const s = await server({ plan: ({ question }) => (question === broken && !healed ? { status: 502 } : undefined) });
    const out = await mkdtemp(join(tmpdir(), 'sg-run-'));
    const first = await run(s, out, { retry: { ...fastRetry, retries: 2 } });
    expect(first.status).toBe('incomplete');
    if (first.status !== 'incomplete') return;
    expect(first.failures).toEqual([{ task: 'mini_mc', docId: 3, error: expect.stringContaining('gave up after 3 attempts: ') }]);
    expect(s.requestsFor(broken)).toBe(3);
    expect((await readdir(out)).some((f) => f.startsWith('results_'))).toBe(false);
    healed = true;
    const second = await run(s, out);
    expect(second).toMatchObject({ status: 'complete', requested: 1, resumed: allItems.length - 1 });
    expect(s.requestsFor(broken)).toBe(4);
    for (const item of allItems.filter((x) => x.question !== broken)) expect(s.requestsFor(item.question)).toBe(1);
  });

  it('resumes a stopped run: no item asked twice, same results as an uninterrupted run', async () => {
    const s = await server({ latencyMs: 5 });
    const stopped = await mkdtemp(join(tmpdir(), 'sg-run-'));
    const stop = new AbortController();
    const progress: number[] = [];
    const first = await run(s, stopped, {
      signal: stop.signal,
      onProgress: (p) => {
        progress.push(p.done);
        if (p.done >= 13) stop.abort();
      },
    });
    expect(first.status).toBe('stopped');
    if (first.status !== 'stopped') return;
    expect(first.done).toBeGreaterThanOrEqual(13);
    expect(first.done).toBeLessThan(allItems.length);
    // A crash can leave half a line at the end of the journal: it must not stop the resume.
    await appendFile(join(stopped, JOURNAL_FILE), '{"kind":"item","task":"mini_mc","doc');
    const second = await run(s, stopped);
    expect(second).toMatchObject({ status: 'complete', resumed: first.done, requested: allItems.length - first.done });
    for (const item of allItems) expect(s.requestsFor(item.question)).toBe(1);

    const s2 = await server({ latencyMs: 1 });
    const straight = await mkdtemp(join(tmpdir(), 'sg-run-'));
    expect((await run(s2, straight)).status).toBe('complete');
    const a = await outputOf(stopped),
      b = await outputOf(straight);
    expect(a.results.results).toEqual(b.results.results);
    expect(a.results['n-samples']).toEqual(b.results['n-samples']);
    expect(a.samples).toEqual(b.samples);
  });

  it('refuses to mix answers of another model into a journal', async () => {
    const s = await server();
    const out = await mkdtemp(join(tmpdir(), 'sg-run-'));
    await run(s, out);
    await expect(run(s, out, { model: 'other-model' })).rejects.toThrow(/belongs to another run \(model test-model/);
  });
});

describe('SUITE.json', () => {
  it('names the field of a bad task and resolves datasets next to the suite', async () => {
    const { dir, suite } = await makeSuite();
    expect(suite.tasks[0]!.dataset).toBe(join(dir, 'mc.jsonl'));
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ tasks: [{ name: 'x', kind: 'generate', dataset: 'a.jsonl', template: 't', pattern: '(' }] }, null, 2));
    await expect(loadSuite(bad)).rejects.toThrow(/bad\.json:\d+:\d+: field tasks\.0\.pattern: not a valid regular expression/);
  });
});
