// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReactElement } from 'react';
import i18next from 'i18next';
import '../src/i18n/index.ts';
import { EligibilityPanel } from '../src/components/consortium/EligibilityPanel.tsx';
import type { EligibilityAnswer } from '../src/pages/applications/api.ts';

const show = (ui: ReactElement) => render(<MantineProvider>{ui}</MantineProvider>);
afterEach(cleanup);

// a verdict as the API returns it: two rules fail, one passes
const answer = (): EligibilityAnswer => ({
  eligible: false,
  issues: [],
  verdict: {
    eligible: false,
    rules: [
      {
        id: 'lead-type',
        kind: 'allowedLeadTypes',
        passed: false,
        message: { ko: '주관기관은 중소기업이어야 합니다', en: 'the lead must be an SME' },
        members: ['가나다전자'],
      },
      {
        id: 'university-required',
        kind: 'requiredMemberType',
        passed: false,
        message: { ko: '대학이 한 곳 이상 참여해야 합니다', en: 'at least one university' },
        members: [],
      },
      { id: 'excluded', kind: 'excludedOrganisations', passed: true, message: { ko: '참여 제한 기관 없음', en: 'no excluded organisation' }, members: [] },
    ],
  },
});

// issue 20 item 9: the panel carries the eligibility rule's outcome to the applicant
describe('EligibilityPanel', () => {
  it('shows every rule with its outcome, not only the first failure, and names the member to blame', async () => {
    await i18next.changeLanguage('ko');
    show(<EligibilityPanel answer={answer()} />);
    expect(screen.getByTestId('verdict-badge').textContent).toBe('부적격');
    expect(screen.getByTestId('rule-lead-type').dataset.passed).toBe('false');
    expect(screen.getByTestId('rule-university-required').dataset.passed).toBe('false');
    expect(screen.getByTestId('rule-excluded').dataset.passed).toBe('true');
    const lead = within(screen.getByTestId('rule-lead-type'));
    expect(lead.getByText('주관기관은 중소기업이어야 합니다').textContent).toBe('주관기관은 중소기업이어야 합니다');
    expect(lead.getByText('가나다전자').textContent).toBe('가나다전자');
  });

  it("shows the office's override with its reason and the time in Seoul", async () => {
    await i18next.changeLanguage('en');
    const overridden = {
      ...answer(),
      eligible: true,
      override: { eligible: true, reason: 'merger certificate filed', by: 'u1', byLabel: 'operator', at: '2026-01-31T15:30:00Z' },
    };
    show(<EligibilityPanel answer={overridden} />);
    const note = screen.getByTestId('eligibility-override').textContent ?? '';
    expect(note).toContain('merger certificate filed');
    // 15:30 UTC on 31 January is 00:30 on 1 February in Seoul
    expect(note).toContain('01/02/2026, 00:30 KST');
    expect(screen.getByTestId('rule-lead-type').textContent).toContain('the lead must be an SME');
  });
});
