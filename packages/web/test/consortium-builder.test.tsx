// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import '../src/i18n/index.ts';
import { ConsortiumBuilder } from '../src/components/consortium/ConsortiumBuilder.tsx';
import type { ConsortiumDraft } from '../src/pages/applications/api.ts';
import { consortiumFrom, consortiumPayload, emptyMember } from '../src/components/consortium/consortium-draft.ts';

beforeAll(() => i18next.changeLanguage('ko'));
afterEach(cleanup);
// the participant picker searches the organisation directory; an empty one is enough here
beforeEach(() =>
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify({ organisations: [] }), { status: 200, headers: { 'content-type': 'application/json' } })),
  ),
);

const show = (ui: ReactElement) =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>{ui}</MantineProvider>
    </QueryClientProvider>,
  );
const removeLabel = () => new RegExp(i18next.t('applications.consortium.remove'));

const draft = (): ConsortiumDraft => ({
  lead: { organisationId: '', name: '가나다AI', type: 'sme', country: 'KR', registrationNo: '', verified: false, role: 'model_development', purpose: '' },
  participants: [
    {
      organisationId: '7f0c2a3e-8a51-4a55-9d1e-2b8f0d6c1a11',
      name: '한국대학교',
      type: 'university',
      country: 'KR',
      registrationNo: '',
      verified: true,
      role: 'data',
      purpose: '',
    },
  ],
});

// issue 20 item 9: the consortium builder keeps one lead and edits participants, showing the
// API's field errors on the row they belong to
describe('ConsortiumBuilder', () => {
  it("shows an error the API keyed by field on that member's row, not another's", () => {
    show(
      <ConsortiumBuilder value={draft()} errors={{ 'participants[0].role': '대학만 참여할 수 있습니다', 'participants[0]': '같은 기관이 두 번 있습니다' }} />,
    );
    const participant = screen.getByTestId('member-participants[0]');
    expect(participant.textContent).toContain('대학만 참여할 수 있습니다');
    expect(participant.textContent).toContain('같은 기관이 두 번 있습니다');
    expect(screen.getByTestId('member-lead').textContent).not.toContain('대학만 참여할 수 있습니다');
  });

  it('adds an empty participant and removes one, leaving the lead as it was', () => {
    const onChange = vi.fn();
    show(<ConsortiumBuilder value={draft()} onChange={onChange} />);
    fireEvent.click(screen.getByRole('button', { name: i18next.t('applications.consortium.add') }));
    expect(onChange).toHaveBeenLastCalledWith({ lead: draft().lead, participants: [draft().participants[0], emptyMember()] });
    fireEvent.click(within(screen.getByTestId('member-participants[0]')).getByRole('button', { name: removeLabel() }));
    expect(onChange).toHaveBeenLastCalledWith({ lead: draft().lead, participants: [] });
    // the lead has no remove button: a consortium always has its lead
    expect(within(screen.getByTestId('member-lead')).queryAllByRole('button', { name: removeLabel() })).toHaveLength(0);
  });

  it("issue 16 item 6: takes a participant's declared purpose, shows its error on its row, and sends it trimmed", () => {
    const onChange = vi.fn();
    show(<ConsortiumBuilder value={draft()} onChange={onChange} errors={{ 'participants[0].purpose': '참여기관 1의 참여 목적은 500자 이내로 적습니다' }} />);
    const row = screen.getByTestId('member-participants[0]');
    expect(row.textContent).toContain('참여기관 1의 참여 목적은 500자 이내로 적습니다');
    const input = within(row).getByRole('textbox', {
      name: `${i18next.t('applications.consortium.participantN', { n: 1 })} ${i18next.t('applications.consortium.purpose')}`,
    });
    fireEvent.change(input, { target: { value: '  미국 법률 서비스 개발 ' } });
    const next = onChange.mock.lastCall![0] as ConsortiumDraft;
    expect(next.participants[0]!.purpose).toBe('  미국 법률 서비스 개발 ');
    expect(consortiumPayload(next).participants[0]).toEqual({
      organisationId: '7f0c2a3e-8a51-4a55-9d1e-2b8f0d6c1a11',
      role: 'data',
      purpose: '미국 법률 서비스 개발',
    });
    // a stored consortium gives the purpose back to the form; a member without one sends none
    expect(consortiumFrom({ participants: [{ organisationId: 'x', purpose: '목적' }] }).participants[0]!.purpose).toBe('목적');
    expect(consortiumPayload(draft()).lead).toEqual({ role: 'model_development' });
  });
});
