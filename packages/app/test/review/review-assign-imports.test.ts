import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { buildAssignmentInstance } from '../../src/review/affinity-import/build-instance.ts';
import { parseOpenReviewCsv } from '../../src/review/affinity-import/openreview-csv.ts';
import { parsePreflib, preflibAffinities } from '../../src/review/affinity-import/preflib.ts';
import { readFileSync } from 'node:fs';
// the same LP oracle the core solver tests use: HiGHS on the totally unimodular assignment LP
import { assignmentLp, loadHighs } from '../../../core/test/review/highs-oracle.ts';

const fixtures = join(import.meta.dirname, '../fixtures/review-assignment');
const fx = (name: string) => join(fixtures, name);
const text = (name: string) => readFileSync(fx(name), 'utf8');

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['review', 'assign', ...argv], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function lpOptimum(inst: Parameters<typeof assignmentLp>[0]) {
  const highs = await loadHighs();
  const lp = highs.solve(assignmentLp(inst), { output_flag: false });
  expect(lp.Status).toBe('Optimal');
  return lp.ObjectiveValue;
}

describe('review assign on conference exports', () => {
  it('OpenReview affinities + bids + conflicts: the objective is the LP optimum', async () => {
    const r = await run(
      '--affinities',
      fx('affinity_scores.csv'),
      '--bids',
      fx('bids.csv'),
      '--bid-weight',
      '0.5',
      '--conflicts',
      fx('conflicts.csv'),
      '--reviews-per-paper',
      '2',
      '--max-papers',
      '3',
      '--json',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const got = JSON.parse(r.out);
    const scores = parseOpenReviewCsv(text('affinity_scores.csv'), 'a');
    const bids = parseOpenReviewCsv(text('bids.csv'), 'b');
    const conflicts = parseOpenReviewCsv(text('conflicts.csv'), 'c', false);
    const inst = buildAssignmentInstance(
      [
        { source: 'a', weight: 1, pairs: scores.map((x) => [x.paper, x.reviewer, x.value]) },
        { source: 'b', weight: 0.5, pairs: bids.map((x) => [x.paper, x.reviewer, x.value]) },
      ],
      conflicts,
      { reviewsPerPaper: 2, maxPapers: 3 },
    );
    expect(inst.proposals).toHaveLength(8);
    expect(inst.conflicts).toHaveLength(2);
    expect(got.objective).toBeCloseTo(await lpOptimum(inst), 6);
    expect(got.assignments).toHaveLength(16);
    for (const [p, rv] of inst.conflicts) expect(got.assignments).not.toContainEqual([p, rv]);
    // a bid moves the optimum: the same scores without bids give another objective
    const plain = JSON.parse((await run('--affinities', fx('affinity_scores.csv'), '--reviews-per-paper', '2', '--max-papers', '3', '--json')).out);
    expect(plain.objective).not.toBeCloseTo(got.objective, 6);
  });

  it("reads bid labels with OpenReview's translate map and names a bad cell by line and column", () => {
    expect(parseOpenReviewCsv('paper_id,reviewer_id,bid_str\np1,~A1,Very High\np1,~B1,Low\n', 'b.csv').map((x) => x.value)).toEqual([1, -0.5]);
    expect(() => parseOpenReviewCsv('p1,~A1,0.3\np2,~A1,maybe\n', 'scores.csv')).toThrow('scores.csv:2:3: field score: "maybe" is neither a number nor a bid');
  });

  it.each([
    ['bids.toi', 2, 3],
    ['ranks.soc', 1, 2],
  ])('PrefLib %s: the objective is the LP optimum', async (file, reviews, max) => {
    const r = await run('--affinities', fx(file), '--reviews-per-paper', String(reviews), '--max-papers', String(max), '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const parsed = parsePreflib(text(file), file);
    const inst = buildAssignmentInstance([{ source: file, weight: 1, pairs: preflibAffinities(parsed), papers: parsed.papers }], [], {
      reviewsPerPaper: reviews,
      maxPapers: max,
    });
    const got = JSON.parse(r.out);
    expect(got.objective).toBeCloseTo(await lpOptimum(inst), 6);
    expect(got.assignments).toHaveLength(8 * reviews);
  });

  it('reads PrefLib counts, ties and unranked papers as documented', () => {
    const f = parsePreflib(
      '# DATA TYPE: toi\n# NUMBER ALTERNATIVES: 4\n# ALTERNATIVE NAME 1: a\n# ALTERNATIVE NAME 2: b\n# ALTERNATIVE NAME 3: c\n# ALTERNATIVE NAME 4: d\n2: 3,{1,2}\n',
      'x.toi',
    );
    expect(f.voters.map((v) => v.id)).toEqual(['voter-1', 'voter-2']);
    expect(preflibAffinities(f).filter(([, r]) => r === 'voter-1')).toEqual([
      ['c', 'voter-1', 1],
      ['a', 'voter-1', 0.5],
      ['b', 'voter-1', 0.5],
    ]);
    expect(() => parsePreflib('# DATA TYPE: soc\n# NUMBER ALTERNATIVES: 3\n1: 1,2\n', 'r.soc')).toThrow(
      'r.soc:3: field order: a soc order must rank all 3 alternatives',
    );
    expect(() => parsePreflib('# NUMBER ALTERNATIVES: 3\n1: 1,5,2\n', 'r.toi')).toThrow('alternative 5 is outside 1..3');
  });

  it('exits 2 naming the file and line of a malformed export, and keeps --file working', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'review-import-'));
    const bad = join(dir, 'bad.soi');
    writeFileSync(bad, '# DATA TYPE: soi\n# NUMBER ALTERNATIVES: 2\n1 - 1,2\n');
    const r = await run('--affinities', bad, '--reviews-per-paper', '1', '--max-papers', '1');
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad.soi:3');
    const both = await run('--affinities', bad, '--file', bad);
    expect(both.code).toBe(2);
  });
});
