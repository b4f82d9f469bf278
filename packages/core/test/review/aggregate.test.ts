import { describe, expect, it } from 'vitest';
import { aggregateScores, combineRounds, rankApplications, type ScoreSheet } from '../../src/review/aggregate.ts';

const sheet = (applicationId: string, reviewerId: string, technical: number, goals: number, market: number): ScoreSheet => ({
  applicationId,
  reviewerId,
  groups: { technical, goals, market },
});

describe('aggregateScores', () => {
  it('drops the highest and lowest total with five or more reviewers', () => {
    const sheets = [
      sheet('A', 'r1', 30, 30, 40), // 100
      sheet('A', 'r2', 20, 20, 30), // 70
      sheet('A', 'r3', 25, 25, 30), // 80
      sheet('A', 'r4', 25, 25, 35), // 85
      sheet('A', 'r5', 10, 10, 20), // 40
    ];
    const [trimmed] = aggregateScores(sheets, { method: 'trimmed-mean' });
    expect(trimmed.trimmed).toBe(true);
    expect(trimmed.score).toBeCloseTo((70 + 80 + 85) / 3, 9);
    const [mean] = aggregateScores(sheets, { method: 'mean' });
    expect(mean.score).toBeCloseTo(75, 9);
  });

  it('keeps the plain mean below the configured minimum', () => {
    const sheets = [sheet('A', 'r1', 30, 30, 40), sheet('A', 'r2', 0, 0, 10), sheet('A', 'r3', 20, 20, 20), sheet('A', 'r4', 10, 10, 10)];
    const [a] = aggregateScores(sheets, { method: 'trimmed-mean' });
    expect(a.trimmed).toBe(false);
    expect(a.score).toBeCloseTo((100 + 10 + 60 + 30) / 4, 9);
    const [b] = aggregateScores(sheets, { method: 'trimmed-mean', trimMinimumReviewers: 4 });
    expect(b.trimmed).toBe(true);
    expect(b.score).toBeCloseTo((60 + 30) / 2, 9);
  });

  it('z-score normalisation removes a harsh reviewer’s offset', () => {
    // r2 scores everything 30 points lower than r1 but ranks the same way
    const sheets = [sheet('A', 'r1', 30, 30, 30), sheet('B', 'r1', 20, 20, 20), sheet('A', 'r2', 20, 20, 20), sheet('B', 'r2', 10, 10, 10)];
    const norm = aggregateScores(sheets, { method: 'mean', normalise: 'z-score' });
    const raw = aggregateScores(sheets, { method: 'mean' });
    const gap = (xs: typeof norm) => xs[0].score - xs[1].score;
    expect(raw[0].score).toBeCloseTo(75, 9);
    // after normalisation both reviewers put A one panel standard deviation above B
    const panelSd = Math.sqrt([90, 60, 60, 30].reduce((a, x) => a + (x - 60) ** 2, 0) / 4);
    expect(gap(norm)).toBeCloseTo(2 * panelSd, 9);
    expect((norm[0].score + norm[1].score) / 2).toBeCloseTo(60, 9);
  });
});

describe('rankApplications', () => {
  it('breaks a tie on the highest-weight group and says so', () => {
    const scores = aggregateScores([sheet('A', 'r1', 30, 30, 30), sheet('B', 'r1', 25, 30, 35), sheet('C', 'r1', 30, 30, 35)], { method: 'mean' });
    const ranked = rankApplications(scores, ['market', 'technical', 'goals']);
    expect(ranked.map((r) => r.applicationId)).toEqual(['C', 'B', 'A']);
    expect(ranked[0].tieBreak).toBeUndefined();
    expect(ranked[1].tieBreak).toMatchObject({ rule: { kind: 'group', group: 'market' }, over: 'A' });
    expect(ranked[1].tieBreak!.message.en).toContain("higher 'market' score (35 > 30)");
  });

  it('falls back to review count, then id', () => {
    const scores = aggregateScores([sheet('B', 'r1', 10, 10, 10), sheet('A', 'r1', 10, 10, 10), sheet('C', 'r1', 10, 10, 10), sheet('C', 'r2', 10, 10, 10)], {
      method: 'mean',
    });
    const ranked = rankApplications(scores, ['market']);
    expect(ranked.map((r) => [r.applicationId, r.rank, r.tieBreak?.rule.kind])).toEqual([
      ['C', 1, 'review-count'],
      ['A', 2, 'id'],
      ['B', 3, undefined],
    ]);
  });
});

describe('combineRounds', () => {
  it('weights rounds and lists applications missing a round', () => {
    const { combined, incomplete } = combineRounds([
      {
        key: 'documents',
        weight: 0.6,
        scores: [
          { applicationId: 'A', score: 80 },
          { applicationId: 'B', score: 90 },
          { applicationId: 'C', score: 50 },
        ],
      },
      {
        key: 'presentation',
        weight: 0.4,
        scores: [
          { applicationId: 'A', score: 95 },
          { applicationId: 'B', score: 70 },
        ],
      },
    ]);
    expect(combined).toEqual([
      { applicationId: 'A', score: expect.closeTo(86, 9), byRound: { documents: 80, presentation: 95 } },
      { applicationId: 'B', score: expect.closeTo(82, 9), byRound: { documents: 90, presentation: 70 } },
    ]);
    expect(incomplete).toEqual([{ applicationId: 'C', missingRounds: ['presentation'] }]);
    expect(() => combineRounds([{ key: 'x', weight: 0, scores: [] }])).toThrow(/weights/);
  });
});
