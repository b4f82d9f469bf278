import { describe, expect, it } from 'vitest';
import { computeAffinity, type ProposalExpertise, type ReviewerExpertise } from '../../src/review/affinity.ts';
import { tokenize } from '../../src/review/text-tokens.ts';
import { assignReviewers } from '../../src/review/assign-reviewers.ts';

const proposals: ProposalExpertise[] = [
  { id: 'med', domains: ['medical'], keywords: ['radiology', 'LLM'], text: '의료 영상 판독을 위한 의료 특화 언어모델 개발. Radiology report generation.' },
  { id: 'law', domains: ['legal'], keywords: ['contracts'], text: '법률 문서 검토와 판례 검색을 위한 법률 특화 모델. Contract review.' },
];
const reviewers: ReviewerExpertise[] = [
  { id: 'dr', domains: ['Medical'], keywords: ['radiology'], profile: '의료영상 인공지능 연구, radiology report 생성' },
  { id: 'lawyer', domains: ['legal'], keywords: ['contracts', 'litigation'], profile: '법률 인공지능과 판례 분석, contract analytics' },
  { id: 'chef', domains: ['food'], keywords: ['cooking'], profile: 'culinary arts' },
];

describe('tokenize', () => {
  it('lowercases English and keeps Hangul words with their bigrams', () => {
    expect(tokenize('LLM for 의료영상!')).toEqual(['llm', 'for', '의료영상', '의료', '료영', '영상']);
  });
});

describe('computeAffinity', () => {
  it('scores the matching expert highest and leaves unrelated reviewers out', () => {
    const aff = computeAffinity(proposals, reviewers);
    const best = (p: string) => aff.filter(([q]) => q === p).sort((a, b) => b[2] - a[2])[0][1];
    expect(best('med')).toBe('dr');
    expect(best('law')).toBe('lawyer');
    expect(aff.some(([, r]) => r === 'chef')).toBe(false);
  });

  it('raises a pair with an eager bid, lowers it with an unwilling one, keeps top-K and excludes conflicts', () => {
    const base = computeAffinity(proposals, reviewers);
    const score = (a: typeof base, p: string, r: string) => a.find(([x, y]) => x === p && y === r)?.[2] ?? 0;
    const bid = computeAffinity(proposals, reviewers, {
      bids: [
        ['law', 'dr', 1],
        ['med', 'dr', -1],
      ],
    });
    expect(score(bid, 'law', 'dr')).toBeGreaterThan(score(base, 'law', 'dr'));
    expect(score(bid, 'med', 'dr')).toBeLessThan(score(base, 'med', 'dr'));
    const top1 = computeAffinity(proposals, reviewers, { topK: 1, exclude: [['med', 'dr']] });
    expect(top1.filter(([p]) => p === 'med').length).toBeLessThanOrEqual(1);
    expect(top1.some(([p, r]) => p === 'med' && r === 'dr')).toBe(false);
  });

  it('feeds the assignment directly', () => {
    const affinity = computeAffinity(proposals, reviewers);
    const res = assignReviewers({
      proposals: proposals.map((p) => ({ id: p.id, reviews: 1 })),
      reviewers: reviewers.map((r) => ({ id: r.id, maxLoad: 1 })),
      affinity,
      conflicts: [],
    });
    expect(res.feasible && res.assignments).toEqual([
      ['med', 'dr'],
      ['law', 'lawyer'],
    ]);
  });
});
