import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { designateExcellent } from '../../src/final-evaluation/excellence.ts';

const tasks = [
  { task: 'a', score: 91 },
  { task: 'b', score: 78 },
  { task: 'c', score: 85 },
  { task: 'd', score: 85 },
];
const excellent = (r: ReturnType<typeof designateExcellent>) =>
  r.designations
    .filter((d) => d.excellent)
    .map((d) => d.task)
    .sort();

describe('excellent designation', () => {
  it('top N includes everyone tied at the N-th place', () => {
    expect(excellent(designateExcellent(tasks, { kind: 'topN', n: 1 }))).toEqual(['a']);
    expect(excellent(designateExcellent(tasks, { kind: 'topN', n: 2 }))).toEqual(['a', 'c', 'd']);
  });

  it('a threshold designates everyone at or above it', () => {
    expect(excellent(designateExcellent(tasks, { kind: 'atLeast', minScore: 85 }))).toEqual(['a', 'c', 'd']);
    expect(excellent(designateExcellent(tasks, { kind: 'atLeast', minScore: 95 }))).toEqual([]);
  });

  it('top N above a threshold needs both, and says why a task missed', () => {
    const r = designateExcellent(tasks, { kind: 'topNAtLeast', n: 1, minScore: 80 });
    expect(excellent(r)).toEqual(['a']);
    const c = r.designations.find((d) => d.task === 'c')!;
    expect(c.rank).toBe(2);
    expect(c.reason.en).toContain('outside the top 1');
    expect(r.designations.find((d) => d.task === 'b')!.reason.en).toContain('below the threshold 80');
  });

  it('lists tasks without a score and never designates them', () => {
    const r = designateExcellent([...tasks, { task: 'e', score: null }], { kind: 'topN', n: 10 });
    expect(r.missing).toEqual(['e']);
    expect(r.designations.find((d) => d.task === 'e')!.excellent).toBe(false);
  });

  it('property: a designated task never scores below an undesignated scored one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 100 }),
        (scores, n, minScore) => {
          const r = designateExcellent(
            scores.map((s, i) => ({ task: `t${i}`, score: s })),
            { kind: 'topNAtLeast', n, minScore },
          );
          const yes = r.designations.filter((d) => d.excellent).map((d) => d.score!);
          const no = r.designations.filter((d) => !d.excellent).map((d) => d.score!);
          for (const y of yes) {
            expect(y).toBeGreaterThanOrEqual(minScore);
            for (const x of no) expect(y).toBeGreaterThanOrEqual(x);
          }
          // at least min(n, eligible) are designated
          expect(yes.length).toBeGreaterThanOrEqual(Math.min(n, scores.filter((s) => s >= minScore).length));
        },
      ),
    );
  });
});
