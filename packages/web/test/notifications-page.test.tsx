// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import '../src/i18n/index.ts';
import { NotificationsPage } from '../src/pages/notifications/NotificationsPage.tsx';
import { NotificationBell } from '../src/components/NotificationBell.tsx';

afterEach(cleanup);

// GET /api/v1/me/notifications as the server answers it: one unread receipt, one read verdict
const inbox = (readAll: boolean) => ({
  unread: readAll ? 0 : 1,
  notifications: [
    {
      id: 'n-1',
      kind: 'submission-receipt',
      title: { ko: '2025년 공모 신청 접수 완료 (SFM-2026-0007)', en: 'Application received for 2025 call (SFM-2026-0007)' },
      text: { ko: '「의료 영상 모델」이 접수되었습니다.', en: 'Your application “의료 영상 모델” has been received.' },
      link: '/applications/a-1/receipt',
      createdAt: '2026-03-04T09:00:00.000Z',
      readAt: readAll ? '2026-03-04T10:00:00.000Z' : null,
    },
    {
      id: 'n-2',
      kind: 'eligibility-verdict',
      title: { ko: '자격 검토 결과 (SFM-2026-0007)', en: 'Eligibility verdict (SFM-2026-0007)' },
      text: { ko: '자격 요건을 충족합니다.', en: 'meets the eligibility rules.' },
      link: null,
      createdAt: '2026-03-04T09:00:00.000Z',
      readAt: '2026-03-04T09:30:00.000Z',
    },
  ],
});

let posted: string[];
beforeEach(() => {
  posted = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: { method?: string }) => {
      if (init.method === 'POST') posted.push(url);
      const body = init.method === 'POST' ? { marked: 1 } : inbox(posted.length > 0);
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
});

const show = () =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>
        <MemoryRouter>
          <NotificationBell />
          <NotificationsPage />
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );

describe('NotificationsPage', () => {
  it('shows each notice in Korean with its time in Seoul, the unread count on the bell, and marks all read', async () => {
    await i18next.changeLanguage('ko');
    const user = userEvent.setup();
    show();
    expect(await screen.findByText('2025년 공모 신청 접수 완료 (SFM-2026-0007)')).toBeTruthy();
    expect(screen.getByText('「의료 영상 모델」이 접수되었습니다.')).toBeTruthy();
    expect(screen.getAllByText(/2026\. 03\. 04\. 18:00 KST/).length).toBe(2);
    expect(screen.getByLabelText('읽지 않은 알림 1건')).toBeTruthy();
    expect(screen.getAllByTestId('notification').filter((n) => n.dataset.unread === 'true')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: '모두 읽음으로 표시' }));
    await waitFor(() => expect(posted).toEqual(['/api/v1/me/notifications/read-all']));
    await waitFor(() => expect(screen.getByLabelText('알림')).toBeTruthy());
    expect(screen.queryByRole('button', { name: '모두 읽음으로 표시' })).toBeNull();
  });

  it('reads in English when the interface is in English', async () => {
    await i18next.changeLanguage('en');
    show();
    expect(await screen.findByText('Application received for 2025 call (SFM-2026-0007)')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Mark all read' })).toBeTruthy();
    expect(screen.getAllByText(/04\/03\/2026, 18:00 KST/).length).toBe(2);
  });
});
