import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'stagegate-review-assign-'));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}
async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['review', 'assign', ...argv], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const small = {
  proposals: [
    { id: 'p1', reviews: 2 },
    { id: 'p2', reviews: 1 },
  ],
  reviewers: [
    { id: 'r1', maxLoad: 2 },
    { id: 'r2', maxLoad: 1 },
    { id: 'r3', maxLoad: 2, minLoad: 1 },
  ],
  affinity: [
    ['p1', 'r1', 0.9],
    ['p1', 'r2', 0.8],
    ['p1', 'r3', 0.1],
    ['p2', 'r1', 0.7],
    ['p2', 'r3', 0.2],
  ],
  conflicts: [['p1', 'r2']],
};

describe('stagegate review assign', () => {
  it('prints the optimal assignment as exact JSON and exits 0', async () => {
    // p1 cannot have r2 (conflict) so it takes r1 and r3; p2 takes r1 (0.7 beats 0.2)
    const r = await run('--file', file('small.json', small), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      feasible: true,
      objective: 1.7,
      assignments: [
        ['p1', 'r1'],
        ['p1', 'r3'],
        ['p2', 'r1'],
      ],
    });
  });

  it('with --balance caps the busiest reviewer and reports the affinity obtained', async () => {
    const spread = { ...small, reviewers: small.reviewers.map(({ id }) => ({ id, maxLoad: 2 })), conflicts: [] };
    const plain = JSON.parse((await run('--file', file('spread.json', spread), '--json')).out);
    const r = await run('--file', file('spread.json', spread), '--balance', '--json');
    expect(r.code).toBe(0);
    const balanced = JSON.parse(r.out);
    const maxLoad = (a: [string, string][]) => Math.max(...['r1', 'r2', 'r3'].map((id) => a.filter(([, x]) => x === id).length));
    expect(maxLoad(plain.assignments)).toBe(2);
    expect(maxLoad(balanced.assignments)).toBe(1);
    expect(balanced.objective).toBeCloseTo(0.9 + 0.8 + 0.2, 9);
  });

  it('prints a readable summary without --json', async () => {
    const r = await run('--file', file('small.json', small));
    expect(r.code).toBe(0);
    expect(r.out).toContain('3 assignments, total affinity 1.7');
  });

  it('exits 2 with the reasons when no assignment exists', async () => {
    const infeasible = {
      ...small,
      conflicts: [
        ['p1', 'r2'],
        ['p1', 'r3'],
      ],
    };
    const r = await run('--file', file('infeasible.json', infeasible), '--json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('proposal "p1" needs 2 reviews but has only 1 eligible');
    const body = JSON.parse(r.out);
    expect(body.feasible).toBe(false);
    expect(body.reasons).toContainEqual(expect.objectContaining({ kind: 'proposal-lacks-eligible-reviewers', proposalId: 'p1', needed: 2, eligible: 1 }));
  });

  it('exits 2 naming the field of invalid input', async () => {
    const bad = {
      ...small,
      affinity: [...small.affinity, ['p7', 'r1', 1]],
      proposals: [
        { id: 'p1', reviews: -2 },
        { id: 'p2', reviews: 1 },
      ],
    };
    const r = await run('--file', file('bad.json', bad), '--json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('proposals.0.reviews');
    expect(JSON.parse(r.out)).toMatchObject({ feasible: false, reasons: [expect.objectContaining({ kind: 'invalid-input', field: 'proposals.0.reviews' })] });
    const unknown = await run('--file', file('unknown.json', { ...small, affinity: [...small.affinity, ['p7', 'r1', 1]] }));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('affinity.5.0: unknown proposal id "p7"');
    expect(unknown.out).toBe('');
  });

  it('exits 2 on malformed JSON with line and column, and on a missing --file', async () => {
    const r = await run('--file', file('broken.json', '{\n  "proposals": [,]\n}'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/line 2, column \d+/);
    const missing = await run('--json');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--file');
  });
});
