import { describe, expect, it } from 'vitest';
import { selectionLetterPage, type SelectionLetterFacts } from '../../src/selection/selection-letter.ts';

const facts: SelectionLetterFacts = {
  program: { ko: 'AI 특화 파운데이션 모델 프로젝트', en: 'AI Specialized Foundation Model Project' },
  call: { ko: '2025년 공모', en: '2025 call' },
  receiptNo: 'SFM-2025-0003',
  title: '금융 상담·심사 특화 언어모델',
  lead: '누리금융AI',
  outcome: 'selected',
  rank: 1,
  score: 87.456,
  task: 'sfm-01',
  reason: '종합 1위, 사업화 계획 구체적',
  // 2025-08-29 15:00 UTC is 2025-08-30 00:00 in Seoul: the letter's date is Seoul's
  publishedAt: '2025-08-29T15:00:00.000Z',
};

describe('selectionLetterPage', () => {
  it('states the result, rank, score, task and the Seoul date in Korean, with particles that follow the word', () => {
    const ko = selectionLetterPage(facts, 'ko');
    expect(ko.title).toBe('2025년 공모 선정 결과 통지서');
    expect(Object.fromEntries(ko.rows)).toMatchObject({
      결과: '선정',
      '최종 순위 · 점수': '1위 · 87.46점',
      '배정 과제': 'sfm-01',
      통지일: expect.stringContaining('2025년 8월 30일'),
    });
    expect(ko.closing).toContain("SFM-2025-0003 신청은 '선정'으로 결정되었음을 알립니다.");
    expect(ko.reasons).toEqual(['종합 1위, 사업화 계획 구체적']);
  });

  it('leaves out what an unranked, unselected application does not have, and translates the page', () => {
    const en = selectionLetterPage({ ...facts, outcome: 'rejected', rank: null, score: null, task: null }, 'en');
    const rows = Object.fromEntries(en.rows);
    expect(rows.Result).toBe('not selected');
    expect(rows).not.toHaveProperty('Task');
    expect(rows).not.toHaveProperty('Final rank · score');
    expect(en.closing).toContain('application SFM-2025-0003 was not selected');
    expect(selectionLetterPage({ ...facts, outcome: 'reserve' }, 'ko').closing).toContain("'예비 선정'으로");
  });
});
