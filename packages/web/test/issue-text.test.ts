import { afterAll, describe, expect, it } from 'vitest';
import i18next from 'i18next';
import '../src/i18n/index.ts';
import { issueText } from '../src/api/issue-text.ts';

// issue 13 item 6: a Korean page never shows a field path such as `decisions.0.outcome`
describe('issueText', () => {
  afterAll(() => i18next.changeLanguage('ko'));
  const domain = { field: 'call', message: { ko: '공모가 마감되어 제출할 수 없습니다', en: 'the call is closed' } };
  const generic = { field: 'decisions.0.outcome', message: { ko: '잘못된 값: Invalid option', en: 'Invalid option' } };
  const unknown = { field: 'body.weird.3.thing', message: { ko: '잘못된 값: Required', en: 'Required' } };

  it('shows a domain message alone in Korean, without its field path', async () => {
    await i18next.changeLanguage('ko');
    expect(issueText(domain, i18next)).toBe('공모가 마감되어 제출할 수 없습니다');
  });
  it('names a generic refusal by its Korean label, never by its path', async () => {
    await i18next.changeLanguage('ko');
    expect(issueText(generic, i18next)).toBe('결정: 잘못된 값: Invalid option');
    expect(issueText(unknown, i18next)).toBe('잘못된 값: Required');
    expect(issueText(unknown, i18next)).not.toContain('body.weird');
  });
  it('keeps the label or the path in English', async () => {
    await i18next.changeLanguage('en');
    expect(issueText(generic, i18next)).toBe('Decision: Invalid option');
    expect(issueText(unknown, i18next)).toBe('body.weird.3.thing: Required');
  });
});
