import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aggregationRuleOf, rankingScheme } from '../../src/selection/ranking-scheme.ts';
import { schemeForRound } from '../../src/selection/selection-scheme.ts';
import { validateProgram } from '../../src/program/validate-program.ts';

const seed = (slug: string) => JSON.parse(readFileSync(new URL(`../../../app/seed/programs/${slug}.json`, import.meta.url), 'utf8'));

describe('the criteria the final ranking breaks ties by', () => {
  const { program } = validateProgram(seed('specialized-fm'));
  const presentation = schemeForRound(program!, '2025-call', 'presentation');

  it('are the heaviest round’s own criteria when one round weighs most', () => {
    const rounds = [
      { key: 'documents', weight: 0.4 },
      { key: 'presentation', weight: 0.6 },
    ];
    expect(rankingScheme(program!, '2025-call', rounds)).toBe(presentation);
    expect(rankingScheme(program!, '2025-call', [rounds[1]!, rounds[0]!])).toBe(presentation);
    expect(rankingScheme(program!, '2025-call', [{ key: 'documents', weight: 2 }, rounds[1]!])).toBe(program!.selectionScheme);
  });

  it('are the call’s when the heaviest rounds weigh alike, or there are no rounds', () => {
    const alike = [
      { key: 'documents', weight: 1 },
      { key: 'presentation', weight: 1 },
    ];
    expect(rankingScheme(program!, '2025-call', alike)).toBe(program!.selectionScheme);
    expect(rankingScheme(program!, '2025-call', [])).toBe(program!.selectionScheme);
  });
});

describe('a call’s aggregation setting in the rule’s terms', () => {
  it('maps trimmed to the trimmed mean with its minimum, and z-scores to normalisation', () => {
    expect(aggregationRuleOf({ method: 'trimmed', trimMinReviewers: 5, zScore: false })).toEqual({
      method: 'trimmed-mean',
      trimMinimumReviewers: 5,
      normalise: 'none',
    });
    expect(aggregationRuleOf({ method: 'mean', trimMinReviewers: 3, zScore: true })).toEqual({ method: 'mean', trimMinimumReviewers: 3, normalise: 'z-score' });
  });
});
