import { describe, expect, it } from 'vitest';
import { finalScoreChanges, parseFinalScore } from '../../src/final-evaluation/score-entry.ts';

describe('final score entry', () => {
  it('reads scores out of 100 with up to two decimals; blank is not entered, not zero', () => {
    expect(parseFinalScore('87.25', 'f')).toEqual({ score: 87.25 });
    expect(parseFinalScore('0', 'f')).toEqual({ score: 0 });
    expect(parseFinalScore('  ', 'f')).toEqual({ score: null });
  });

  it('names the field of a bad score in both languages', () => {
    expect(parseFinalScore('100.5', 'scores.1.score').issue).toEqual({
      field: 'scores.1.score',
      message: { ko: '점수는 100점을 넘을 수 없습니다', en: 'a score cannot exceed 100' },
    });
    expect(parseFinalScore('8,5', 'scores.0.score').issue?.field).toBe('scores.0.score');
    expect(parseFinalScore('-3', 'x').issue).toBeDefined();
    expect(parseFinalScore('70.125', 'x').issue).toBeDefined();
  });

  it('lists only what changes, with the score before', () => {
    const current = new Map<string, number | null>([
      ['sfm-01', null],
      ['sfm-02', 80],
      ['sfm-03', 75],
    ]);
    const { changes, issues } = finalScoreChanges(current, [
      { task: 'sfm-01', score: 91 },
      { task: 'sfm-02', score: 80 },
    ]);
    expect(issues).toEqual([]);
    expect(changes).toEqual([{ task: 'sfm-01', before: null, after: 91 }]);
  });

  it('names a task that is not in the evaluation and a score past 100 by their fields', () => {
    const current = new Map<string, number | null>([['a', 80]]);
    expect(finalScoreChanges(current, [{ task: 'b', score: 80 }]).issues.map((i) => i.field)).toEqual(['scores.0.taskId']);
    expect(finalScoreChanges(current, [{ task: 'a', score: 101 }]).issues.map((i) => i.field)).toEqual(['scores.0.score']);
    expect(finalScoreChanges(current, [{ task: 'a', score: 70.001 }]).issues.map((i) => i.field)).toEqual(['scores.0.score']);
  });
});
