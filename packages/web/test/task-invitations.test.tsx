// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import '../src/i18n/index.ts';
import { TaskMembersView } from '../src/pages/tasks/TaskMembersPage.tsx';
import type { TaskMembers } from '../src/pages/tasks/api.ts';

afterEach(cleanup);

const ganada = { id: 'o1', name: { ko: '가나다AI', en: 'Ganada AI' } };
const mirae = { id: 'o2', name: { ko: '미래의료AI', en: 'Mirae Medical AI' } };
const pending = {
  id: 'i1',
  email: 'late.joiner@example.kr',
  organisation: mirae,
  role: 'member' as const,
  createdAt: '2025-11-02T00:00:00Z',
  hasAccount: true,
  confirmed: false,
};
const data = (over: Partial<TaskMembers> = {}): TaskMembers => ({
  task: {
    id: 't1',
    key: 'sfm-01',
    programSlug: 'specialized-fm',
    name: { ko: '데모 의료 특화 모델 컨소시엄', en: 'Demo medical domain model consortium' },
    status: 'active',
    leadOrganisationName: { ko: '가나다AI', en: 'Ganada AI' },
  },
  members: [
    {
      clusterUsername: 'medi01',
      userId: 'u1',
      name: '김가나',
      email: 'applicant@demo.stagegate.kr',
      role: 'lead',
      addedAt: '2025-11-01T00:00:00Z',
      organisations: [ganada],
    },
  ],
  organisations: [ganada, mirae],
  organisationsFrom: 'application',
  stageEvaluations: [],
  canManage: true,
  invitations: [pending],
  ...over,
});

let calls: { url: string; method: string; body: Record<string, unknown> }[];
beforeEach(() => {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: { method: string; body: string }) => {
      const body = JSON.parse(init.body) as Record<string, unknown>;
      calls.push({ url, method: init.method, body });
      const invitation =
        init.method === 'DELETE'
          ? pending
          : { id: null, email: 'new.person@example.kr', organisation: ganada, role: body.role, createdAt: null, hasAccount: false, confirmed: false };
      return new Response(JSON.stringify({ status: body.mode === 'commit' ? 'committed' : 'preview', invitation }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
});

const show = (d: TaskMembers) =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>
        <MemoryRouter>
          <TaskMembersView data={d} />
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );

describe('task people page: inviting before sign-up (issue 15 item 1)', () => {
  it('shows the pending invitations with organisation, role and what they wait for, in Korean', async () => {
    await i18next.changeLanguage('ko');
    show(data());
    const row = screen.getByTestId('invitation-late.joiner@example.kr');
    expect(row.textContent).toContain('미래의료AI');
    expect(row.textContent).toContain('구성원');
    expect(row.textContent).toContain('주소 확인 대기');
    expect(screen.getByTestId('invite-member').textContent).toContain('과제로 초대');
  });

  it('invites an e-mail for an organisation picked from the task’s records, previewing what happens first', async () => {
    await i18next.changeLanguage('ko');
    show(data({ invitations: [] }));
    expect(screen.getByTestId('pending-invitations').textContent).toContain('대기 중인 초대가 없습니다');
    await userEvent.type(screen.getByTestId('invite-email'), 'new.person@example.kr');
    const submit = screen.getByTestId('invite-submit') as HTMLButtonElement;
    expect(submit.disabled).toBe(true); // no organisation chosen yet
    await userEvent.click(screen.getByTestId('invite-organisation'));
    await userEvent.click(await screen.findByRole('option', { name: '가나다AI', hidden: true }));
    expect(submit.disabled).toBe(false);
    await userEvent.click(submit);
    const preview = await screen.findByTestId('invitation-preview');
    expect(preview.textContent).toContain('new.person@example.kr');
    expect(preview.textContent).toContain('가나다AI');
    expect(preview.textContent).toContain('계정이 없는 주소입니다');
    expect(calls).toEqual([
      { url: '/api/v1/tasks/t1/invitations', method: 'POST', body: { email: 'new.person@example.kr', organisationId: 'o1', role: 'member', mode: 'preview' } },
    ]);
    await userEvent.click(screen.getByTestId('confirm-ack'));
    await userEvent.type(screen.getByLabelText(/초대 사유/), '새 연구원');
    await userEvent.click(screen.getByTestId('confirm-commit'));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.body).toEqual({ email: 'new.person@example.kr', organisationId: 'o1', role: 'member', reason: '새 연구원', mode: 'commit' });
  });

  it('withdraws a pending invitation only after the preview and a reason', async () => {
    await i18next.changeLanguage('ko');
    show(data());
    await userEvent.click(within(screen.getByTestId('invitation-late.joiner@example.kr')).getByTestId('withdraw-late.joiner@example.kr'));
    await screen.findByTestId('invitation-preview');
    expect(calls).toEqual([{ url: '/api/v1/tasks/t1/invitations/i1', method: 'DELETE', body: { mode: 'preview' } }]);
    await userEvent.click(screen.getByTestId('confirm-ack'));
    await userEvent.type(screen.getByLabelText(/철회 사유/), '잘못 보냄');
    await userEvent.click(screen.getByTestId('confirm-commit'));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]).toEqual({ url: '/api/v1/tasks/t1/invitations/i1', method: 'DELETE', body: { reason: '잘못 보냄', mode: 'commit' } });
  });

  it('a team member sees neither the invitation form nor pending invitations; English is complete', async () => {
    await i18next.changeLanguage('en');
    show(data({ canManage: false, invitations: [] }));
    expect(screen.queryByTestId('invite-member')).toBeNull();
    expect(screen.queryByTestId('pending-invitations')).toBeNull();
    cleanup();
    show(data());
    expect(screen.getByTestId('invite-member').textContent).toContain('Invite into the task');
    expect(screen.getByTestId('invitation-late.joiner@example.kr').textContent).toContain('awaiting address confirmation');
  });
});
