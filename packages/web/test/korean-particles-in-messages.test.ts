import { describe, expect, it } from 'vitest';
import i18n from 'i18next';
import '../src/i18n';

describe('Korean messages attach the particle that fits the word (issue 15 item 7)', () => {
  it('writes 을/를, 은/는 and (으)로 by the final sound of the value', async () => {
    await i18n.changeLanguage('ko');
    expect(i18n.t('applications.org.registered', { name: '가나다AI' })).toContain('가나다AI를 등록했습니다');
    expect(i18n.t('applications.org.registered', { name: '한빛대학교 산학협력단' })).toContain('산학협력단을 등록했습니다');
    expect(i18n.t('allocations.describe.extension', { end: '2026-09-30' })).toBe('종료일을 2026-09-30으로 연장');
    expect(i18n.t('allocations.describe.extension', { end: '2026-09-09' })).toBe('종료일을 2026-09-09로 연장');
  });
});
