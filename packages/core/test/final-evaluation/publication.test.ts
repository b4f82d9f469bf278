import { describe, expect, it } from 'vitest';
import { designationIssues, maskResult, publicationIssues, publishedResults, resultsVisible, statusFor } from '@stagegate/core/final-evaluation/publication';
import { renderNotice } from '@stagegate/core/notifications/templates';

const name = (k: string) => ({ ko: `${k} 과제`, en: `task ${k}` });

describe('publishing a final evaluation', () => {
  it('publishes only designated results, once', () => {
    expect(publicationIssues('open').map((i) => i.field)).toEqual(['status']);
    expect(publicationIssues('open')[0]!.message.ko).toBe('우수 과제를 먼저 지정해야 공개할 수 있습니다');
    expect(publicationIssues('designated')).toEqual([]);
    expect(publicationIssues('published')[0]!.message.en).toBe('the results are published already');
    expect(designationIssues('published')).toHaveLength(1);
    expect(designationIssues('designated')).toEqual([]);
  });

  it('a team sees scores and designations only once published; the office always', () => {
    expect(resultsVisible('designated', false)).toBe(false);
    expect(resultsVisible('designated', true)).toBe(true);
    expect(resultsVisible('published', false)).toBe(true);
    expect(statusFor('designated', false)).toBe('open');
    expect(statusFor('published', false)).toBe('published');
    const row = { taskId: 't', score: 91.5, rank: 1, excellent: true, designationReason: { ko: '1위', en: 'rank 1' } };
    expect(maskResult(row, false)).toEqual({ taskId: 't', score: null, rank: null, excellent: null, designationReason: null });
    expect(maskResult(row, true)).toBe(row);
  });

  it('lists what becomes public in rank order, unscored last', () => {
    const rows = [
      { taskId: 'b', taskKey: 'sfm-02', taskName: name('sfm-02'), score: 84, rank: 2, excellent: false, reason: null },
      { taskId: 'c', taskKey: 'sfm-03', taskName: name('sfm-03'), score: null, rank: null, excellent: null, reason: null },
      { taskId: 'a', taskKey: 'sfm-01', taskName: name('sfm-01'), score: 91.5, rank: 1, excellent: true, reason: null },
    ];
    expect(publishedResults(rows).map((r) => r.taskKey)).toEqual(['sfm-01', 'sfm-02', 'sfm-03']);
  });

  it('the mail tells a team its score, rank and whether it may propose extra GPUs, in Korean with the right particle', () => {
    const notice = {
      kind: 'final-evaluation-result' as const,
      params: {
        program: { ko: 'AI 특화 파운데이션 모델', en: 'Specialized FM' },
        evaluation: { ko: '최종 평가', en: 'final evaluation' },
        team: 'sfm-01',
        score: 91.5,
        rank: 1,
        excellent: true,
      },
    };
    const ko = renderNotice(notice, 'ko');
    expect(ko.subject).toBe('최종 평가 결과: sfm-01');
    expect(ko.text).toContain('AI 특화 파운데이션 모델 최종 평가가 공개되었습니다.');
    expect(ko.text).toContain('sfm-01 과제 최종 점수: 91.5점 (1위)');
    expect(ko.text).toContain('sfm-01 과제는 우수 과제로 지정되었습니다.');
    expect(renderNotice({ ...notice, params: { ...notice.params, team: 'sfm-02', excellent: false } }, 'en').text).toContain(
      'sfm-02 was not designated excellent.',
    );
  });
});
