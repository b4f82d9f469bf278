// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import i18next from 'i18next';
import '../src/i18n/index.ts';
import { OpennessDeclaration } from '../src/pages/applications/OpennessDeclaration.tsx';
import { proposalFormFrom, proposalPayload, type ProposalForm } from '../src/pages/applications/proposal-form.ts';
import type { CallSummary } from '../src/pages/applications/api.ts';

afterEach(cleanup);

const name = (ko: string, en: string) => ({ ko, en });
const requires = (weights: boolean, code: boolean, data: boolean, osiLicence: boolean) => ({ weights, code, data, osiLicence });
// specialized-fm's call as GET /api/v1/calls/:program/:call answers it (only what the fields read)
const call = {
  form: {
    fields: {
      title: 'required',
      domain: 'optional',
      summary: 'optional',
      developmentGoals: 'optional',
      stageGoals: 'hidden',
      gpuRequest: 'hidden',
      openSourcePlan: 'required',
      attachments: 'hidden',
    },
    maxAttachmentBytes: 1,
    blindReview: false,
  },
  phases: [],
  costShare: {
    tiers: [
      { key: 'weights', name: name('가중치 공개', 'Weights only'), requires: requires(true, false, false, false), teamSharePercent: 30 },
      { key: 'weights-code', name: name('가중치·코드 공개', 'Weights and code'), requires: requires(true, true, false, false), teamSharePercent: 20 },
    ],
  },
} as unknown as CallSummary;

let last: ProposalForm | null = null;
function Form() {
  const [value, setValue] = useState(proposalFormFrom({}));
  last = value;
  return (
    <OpennessDeclaration
      value={value}
      set={(p) => setValue((v) => ({ ...v, ...p }))}
      tiers={call.costShare!.tiers}
      errors={{ 'proposal.opennessTier': '이 사업의 공개 수준이 아닙니다' }}
    />
  );
}

// issue 16 item 2: the consortium declares its tier and budget and sees its own share at once
describe('openness declaration in the proposal form', () => {
  it('shows the team’s own share in won for the chosen tier and budget, and sends both', async () => {
    await i18next.changeLanguage('ko');
    const user = userEvent.setup();
    render(
      <MantineProvider>
        <Form />
      </MantineProvider>,
    );
    expect(screen.getByText('이 사업의 공개 수준이 아닙니다')).toBeTruthy();
    expect(screen.queryByTestId('team-share')).toBeNull();
    await user.click(screen.getAllByLabelText('공개 수준 (자부담 비율)')[0]!);
    await user.click(await screen.findByRole('option', { name: '가중치·코드 공개 — 자부담 20%', hidden: true }));
    await user.type(screen.getByLabelText('총사업비 (원)'), '1234567891');
    expect(screen.getByTestId('team-share').textContent).toBe('팀 자부담: 246,913,578원 (20%)');
    expect(proposalPayload(last!, call.form, [])).toMatchObject({ opennessTier: 'weights-code', budgetWon: 1_234_567_891 });
  });
});
