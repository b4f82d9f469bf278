import { describe, expect, it } from 'vitest';
import { checkScoreSheet, reviewForm, sheetTotal } from '../../src/selection/score-sheet.ts';
import type { SelectionScheme } from '../../src/program/definition.ts';

const scheme: SelectionScheme = {
  totalPoints: 100,
  groups: [
    { key: 'tech', name: { ko: '기술력', en: 'Technical' }, points: 30, subCriteria: [{ ko: '경험', en: 'Experience' }] },
    { key: 'goals', name: { ko: '개발 목표', en: 'Goals' }, points: 30, subCriteria: [] },
    { key: 'market', name: { ko: '시장성', en: 'Market' }, points: 40, subCriteria: [] },
  ],
};
const full = { tech: { score: 28, comment: 'a' }, goals: { score: 22.5, comment: 'b' }, market: { score: 40, comment: 'c' } };

describe('score sheets', () => {
  it('accepts a complete sheet on submission and totals it', () => {
    expect(checkScoreSheet(scheme, full, 'submit')).toEqual([]);
    expect(sheetTotal(scheme, full)).toBe(90.5);
  });

  it('lets a draft leave criteria empty but never out of range', () => {
    expect(checkScoreSheet(scheme, { tech: { score: 10 } }, 'draft')).toEqual([]);
    const over = checkScoreSheet(scheme, { market: { score: 40.5 } }, 'draft');
    expect(over.map((i) => i.field)).toEqual(['market.score'].map((f) => `scores.${f}`));
    expect(over[0]!.message.en).toBe('the score for "Market" must be between 0 and 40 (got 40.5)');
    expect(checkScoreSheet(scheme, { tech: { score: -1 } }, 'draft')[0]!.field).toBe('scores.tech.score');
    expect(sheetTotal(scheme, { tech: { score: 10 } })).toBeUndefined();
  });

  it('needs every score and every comment on submission, and refuses criteria the scheme does not have', () => {
    const issues = checkScoreSheet(scheme, { tech: { score: 20, comment: ' ' }, goals: { score: 20, comment: 'ok' }, other: { score: 1 } }, 'submit');
    expect(issues.map((i) => i.field).sort()).toEqual(['scores.market.comment', 'scores.market.score', 'scores.other', 'scores.tech.comment']);
  });

  it('takes scores to one decimal', () => {
    expect(checkScoreSheet(scheme, { tech: { score: 12.25 } }, 'draft')[0]!.message.en).toContain('at most one decimal');
  });

  it('builds the form from the scheme: groups with points and sub-criteria, in order', () => {
    const form = reviewForm(scheme);
    expect(form.criteria.map((c) => [c.key, c.points])).toEqual([
      ['tech', 30],
      ['goals', 30],
      ['market', 40],
    ]);
    expect(form.criteria[0]!.subCriteria[0]!.ko).toBe('경험');
  });
});
