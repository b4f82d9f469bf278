// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import '../src/i18n/index.ts';
import { OrganisationMembers } from '../src/pages/applications/OrganisationMembers.tsx';

afterEach(cleanup);

const data = (myRole: 'admin' | 'member') =>
  ({
    organisation: {} as never,
    myRole,
    members: [{ userId: 'u1', email: 'admin@ganada.kr', name: '김관리', role: 'admin' as const }],
    offers: myRole === 'admin' ? [{ email: 'waiting@ganada.kr', role: 'member' as const, createdAt: new Date('2026-12-01T01:00:00Z') }] : [],
  }) as const;

let calls: { url: string; body: Record<string, unknown> }[];
beforeEach(() => {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: { body: string }) => {
      const body = JSON.parse(init.body) as Record<string, unknown>;
      calls.push({ url, body });
      const offer = { email: 'new@ganada.kr', name: null, change: 'offer', currentRole: null, role: body.role };
      return new Response(JSON.stringify({ mode: body.mode, offer, members: data('admin').members }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
});

const show = (myRole: 'admin' | 'member') =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>
        <OrganisationMembers id="o1" data={data(myRole) as never} />
      </MantineProvider>
    </QueryClientProvider>,
  );

describe("an organisation's members and its admin's offers (issue 15 item 1)", () => {
  it('the admin sees the offers not yet answered and sends a new one only after its preview', async () => {
    await i18next.changeLanguage('ko');
    show('admin');
    expect(screen.getByTestId('pending-offers').textContent).toContain('waiting@ganada.kr · 구성원');
    await userEvent.type(screen.getByLabelText('추가할 구성원 이메일'), 'new@ganada.kr');
    await userEvent.click(screen.getByTestId('offer-membership'));
    const dialog = await screen.findByRole('dialog');
    await waitFor(() => expect(dialog.textContent).toContain('new@ganada.kr 계정에 구성원으로 가입을 제안합니다.'));
    expect(calls).toEqual([{ url: '/api/v1/organisations/o1/members', body: { email: 'new@ganada.kr', role: 'member', mode: 'preview' } }]);
    await userEvent.click(screen.getByTestId('confirm-ack'));
    await userEvent.click(screen.getByTestId('confirm-commit'));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.body).toEqual({ email: 'new@ganada.kr', role: 'member', mode: 'commit' });
  });

  it('a plain member sees the members but no offers and no form; English is complete', async () => {
    await i18next.changeLanguage('en');
    show('member');
    expect(screen.getByTestId('members-table').textContent).toContain('admin@ganada.kr');
    expect(screen.queryByTestId('pending-offers')).toBeNull();
    expect(screen.queryByTestId('offer-membership')).toBeNull();
  });
});
