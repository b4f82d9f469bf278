import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticVotes } from '@stagegate/core/arena/synthetic-votes';
import { main } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'arena-rate-'));
let fileNo = 0;
function votesFile(text: string): string {
  const path = join(dir, `votes-${fileNo++}.jsonl`);
  writeFileSync(path, text);
  return path;
}
const lines = (votes: object[]) => votes.map((v) => JSON.stringify(v)).join('\n') + '\n';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['arena', 'rate', ...argv], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const truth = { 'kai-alpha': 1180, 'kai-bravo': 1090, 'kai-charlie': 1000, 'kai-delta': 940, 'kai-echo': 790 };

describe('stagegate arena rate', () => {
  const file = votesFile(lines([...syntheticVotes({ ratings: truth, votes: 6_000, seed: 21, tieRate: 0.2 })]));

  it('prints exactly { models: [ { model, rating, ci, rank, battles } ] } sorted by rating', async () => {
    const r = await run(['--file', file, '--bootstrap', '50', '--seed', '3', '--json']);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.out);
    expect(Object.keys(parsed)).toEqual(['models', 'fit', 'bootstrap']);
    // 17.6: the plain MLE on LMArena's scale by default, with what the bootstrap used
    expect(parsed.fit).toEqual({ priorGames: 0, anchor: { kind: 'mean', rating: 1000 } });
    expect(parsed.bootstrap.used + parsed.bootstrap.excluded).toBe(parsed.bootstrap.rounds);
    for (const m of parsed.models) {
      expect(Object.keys(m)).toEqual(['model', 'rating', 'ci', 'rank', 'battles']);
      expect(m.ci).toHaveLength(2);
      expect(m.ci[0]).toBeLessThanOrEqual(m.rating);
      expect(m.ci[1]).toBeGreaterThanOrEqual(m.rating);
    }
    expect(parsed.models.map((m: { model: string }) => m.model)).toEqual(Object.keys(truth));
    expect(parsed.models.reduce((s: number, m: { battles: number }) => s + m.battles, 0)).toBe(12_000);
    const mean = parsed.models.reduce((s: number, m: { rating: number }) => s + m.rating, 0) / 5;
    expect(mean).toBeCloseTo(1000, 1);
    // rank rule: 1 + number of models whose lower bound is above this upper bound
    for (const m of parsed.models) {
      const above = parsed.models.filter((o: { ci: number[] }) => o.ci[0] > m.ci[1]).length;
      expect(m.rank).toBe(1 + above);
    }
    expect(parsed.models[4].rank).toBe(5); // 150 points behind: clearly last
  });

  it('repeats for the same seed and differs for another', async () => {
    const a = await run(['--file', file, '--bootstrap', '30', '--seed', '7', '--json']);
    const b = await run(['--file', file, '--bootstrap', '30', '--seed', '7', '--json']);
    const c = await run(['--file', file, '--bootstrap', '30', '--seed', '8', '--json']);
    expect(a.out).toBe(b.out);
    expect(c.out).not.toBe(a.out);
  });

  it('gives zero-width intervals with --bootstrap 0', async () => {
    const r = await run(['--file', file, '--bootstrap', '0', '--json']);
    for (const m of JSON.parse(r.out).models) expect(m.ci).toEqual([m.rating, m.rating]);
  });

  it('prints a readable table without --json', async () => {
    const r = await run(['--file', file, '--bootstrap', '10']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/rank\s+model\s+rating\s+95% CI\s+battles/);
    expect(r.out).toContain('kai-alpha');
  });

  it('ignores extra fields, blank lines and CRLF line ends', async () => {
    const text =
      '{"model_a":"a","model_b":"b","winner":"model_a","judge":"u1","tstamp":1736900000}\r\n' +
      '\r\n   \n' +
      '{"model_a":"b","model_b":"a","winner":"tie (bothbad)"}\n' +
      '{"model_a":"b","model_b":"a","winner":"model_b","conversation_a":[]}';
    const r = await run(['--file', votesFile(text), '--bootstrap', '0', '--json']);
    expect(r.code).toBe(0);
    const [a, b] = JSON.parse(r.out).models;
    expect([a.model, a.battles, b.model, b.battles]).toEqual(['a', 3, 'b', 3]);
    // a scored 2.5 of 3: odds 5:1 shrunk slightly by the one-game prior
    expect(a.rating - b.rating).toBeGreaterThan(200);
    expect(a.rating - b.rating).toBeLessThan(400 * Math.log10(5));
  });

  const bad: [string, string, RegExp][] = [
    ['invalid JSON', '{"model_a":"a","model_b":"b","winner":"tie"}\n\n{"model_a": "a",\n', /line 3: invalid JSON/],
    ['a missing field', '{"model_a":"a","winner":"tie"}\n', /line 1: field "model_b" is missing/],
    ['an empty model', '{"model_a":"","model_b":"b","winner":"tie"}\n', /line 1: field "model_a" must be a non-empty string/],
    [
      'a model against itself',
      '{"model_a":"a","model_b":"b","winner":"tie"}\n{"model_a":"a","model_b":"a","winner":"tie"}\n',
      /line 2: field "model_b" must differ/,
    ],
    [
      'an unknown winner',
      '{"model_a":"a","model_b":"b","winner":"both"}\n',
      /line 1: field "winner" is "both"; expected one of "model_a", "model_b", "tie", "tie \(bothbad\)"/,
    ],
    ['a non-object line', '["a","b","tie"]\n', /line 1: expected a JSON object/],
    ['no votes at all', '\n\n', /no votes/],
  ];
  for (const [what, text, message] of bad) {
    it(`exits 2 on ${what}, naming the line and field`, async () => {
      const r = await run(['--file', votesFile(text)]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.out).toBe('');
    });
  }

  it('exits 2 on bad options or an unreadable file', async () => {
    expect((await run([])).err).toMatch(/missing required option --file/);
    expect((await run(['--file', join(dir, 'nope.jsonl')])).err).toMatch(/cannot read .*ENOENT/);
    const badRounds = await run(['--file', file, '--bootstrap', 'many']);
    expect(badRounds.code).toBe(2);
    expect(badRounds.err).toMatch(/--bootstrap must be an integer/);
    expect((await run(['--file', file, '--seed', '-1'])).code).toBe(2);
    expect((await run(['--file', file, '--frobnicate'])).code).toBe(2);
  });
});
