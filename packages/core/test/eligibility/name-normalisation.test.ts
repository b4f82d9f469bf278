import { describe, expect, it } from 'vitest';
import { normaliseOrganisationName } from '../../src/organisation/name-normalisation.ts';

const same = (a: string, b: string) => normaliseOrganisationName(a) === normaliseOrganisationName(b);

describe('organisation name normalisation', () => {
  it.each([
    ['업스테이지', '㈜업스테이지'],
    ['업스테이지', '(주) 업스테이지'],
    ['업스테이지', '업스테이지 주식회사'],
    ['업스테이지', '주식회사 업스테이지'],
    ['SK Telecom', 'SK Telecom Co., Ltd.'],
    ['SK Telecom', 'sk telecom co.,ltd'],
    ['SK Telecom', 'SKTELECOM'],
    ['Naver Cloud', 'NAVER Cloud Corp.'],
    ['Upstage', 'Upstage, Inc.'],
    ['LG AI Research', 'ＬＧ　ＡＩ　Ｒｅｓｅａｒｃｈ'], // full-width letters and space (NFKC)
    ['LG AI연구원', 'LG AI 연구원'],
    ['한국과학기술원', '재단법인 한국과학기술원'],
  ])('%s and %s are the same organisation', (a, b) => {
    expect(same(a, b)).toBe(true);
  });

  it.each([
    ['Upstage', 'Upstream'],
    ['Incheon National University', 'Cheon National University'],
    ['Naver Cloud', 'Naver'],
    ['SK Telecom', 'SK Telecom Labs'],
  ])('%s and %s stay different', (a, b) => {
    expect(same(a, b)).toBe(false);
  });

  it('keeps legal-form words that are not trailing, and never empties a name', () => {
    expect(normaliseOrganisationName('Company Labs')).toBe('companylabs');
    expect(normaliseOrganisationName('Inc.')).not.toBe('');
  });

  it('gives the same key however often and however many names were folded before (the kept keys start over when full)', () => {
    const first = normaliseOrganisationName('㈜업스테이지');
    for (let i = 0; i < 5000; i++) normaliseOrganisationName(`기관 ${i} 주식회사`);
    expect(normaliseOrganisationName('㈜업스테이지')).toBe(first);
    expect(normaliseOrganisationName('기관 4999 주식회사')).toBe('기관4999');
    const long = `${'가'.repeat(300)} 주식회사`;
    expect(normaliseOrganisationName(long)).toBe('가'.repeat(300));
    expect(normaliseOrganisationName(long)).toBe('가'.repeat(300));
  });
});
