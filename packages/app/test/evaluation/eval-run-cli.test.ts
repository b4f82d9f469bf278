import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { startFakeOpenAiServer, type FakeServer } from '../../src/adapters/openai-endpoint/fake-openai-server.ts';

const items = Array.from({ length: 300 }, (_, i) => ({ question: `Pick the colour number ${i}.`, choices: ['red', 'green', 'blue', 'cyan'], answer: i % 4 }));

async function cli(args: string[]) {
  const out: string[] = [],
    err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const servers: FakeServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

describe('stagegate eval run', () => {
  it('runs a suite, reports progress lines, and its output feeds eval compare', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sg-cli-run-'));
    await writeFile(join(dir, 'colours.jsonl'), items.map((x) => JSON.stringify(x)).join('\n'));
    await writeFile(
      join(dir, 'suite.json'),
      JSON.stringify({
        tasks: [{ name: 'colours', kind: 'generate', dataset: 'colours.jsonl', template: '{{question}}\n{{choices}}', pattern: 'answer is ([A-D])' }],
      }),
    );
    const strong = await startFakeOpenAiServer({ items, accuracy: 0.9 });
    const weak = await startFakeOpenAiServer({ items, accuracy: 0.5 });
    servers.push(strong, weak);
    const common = ['--suite', join(dir, 'suite.json'), '--concurrency', '16'];
    const cand = await cli(['eval', 'run', '--endpoint', weak.url, '--model', 'team-model', '--out', join(dir, 'cand'), ...common]);
    expect(cand.code).toBe(0);
    expect(cand.out).toContain('300 items (0 from the journal, 300 asked now)');
    expect(cand.err).toContain('progress: 300/300 items (100 %)');
    const ref = await cli(['eval', 'run', '--endpoint', `${strong.url}/v1/`, '--model', 'frontier', '--out', join(dir, 'ref'), ...common]);
    expect(ref.code).toBe(0);
    const again = await cli(['eval', 'run', '--endpoint', strong.url, '--model', 'frontier', '--out', join(dir, 'ref'), ...common]);
    expect(again.out).toContain('300 items (300 from the journal, 0 asked now)');

    const results = async (d: string) =>
      join(
        d,
        (await readdir(d)).find((f) => f.startsWith('results_'))!,
      );
    const cmp = await cli([
      'eval',
      'compare',
      '--json',
      '--candidate',
      await results(join(dir, 'cand')),
      '--reference',
      await results(join(dir, 'ref')),
      '--candidate-samples',
      join(dir, 'cand'),
      '--reference-samples',
      join(dir, 'ref'),
      // a suite of the office's own has no entry in the benchmark catalog: its metric is named
      '--metric',
      'colours=exact_match,strict-match',
    ]);
    const report = JSON.parse(cmp.out);
    expect(report.tasks[0].metric).toBe('exact_match,strict-match');
    expect(report.tasks[0].ratio).toBeGreaterThan(0.4);
    expect(report.tasks[0].ratio).toBeLessThan(0.75);
    expect(report.aggregate.verdict).toBe('fail');
    expect(cmp.code).toBe(1);
  });

  it('rejects bad options with exit 2 and the reason', async () => {
    expect((await cli(['eval', 'run', '--endpoint', 'localhost:1', '--model', 'm', '--suite', 's', '--out', 'o'])).err).toContain(
      '--endpoint: expected an http(s) URL',
    );
    const missing = await cli(['eval', 'run', '--endpoint', 'http://127.0.0.1:9', '--model', 'm', '--suite', '/nonexistent/suite.json', '--out', '/tmp/x']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('/nonexistent/suite.json: cannot read: ENOENT');
  });
});
