// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../src/i18n/index.ts';
import { ApplicationListPage } from '../../src/pages/office-lists/ApplicationListPage.tsx';
import { lastQuery, renderAt, stubApi, type Calls } from './support.tsx';

afterEach(cleanup);

const LIST = '/api/v1/office/applications';
const row = (i: number, status: 'draft' | 'submitted') => ({
  id: `00000000-0000-4000-8000-00000000000${i}`,
  program: 'specialized-fm',
  call: '2025-call',
  receiptNo: status === 'draft' ? null : `SFM-2025-000${i}`,
  title: `의료 모델 ${i}`,
  organisationName: `한빛AI ${i}`,
  organisationNameEn: `Hanbit AI ${i}`,
  status,
  eligible: status === 'draft' ? null : true,
  overridden: false,
  submittedAt: status === 'draft' ? null : '2026-03-04T09:00:00.000Z',
  updatedAt: '2026-03-04T09:00:00.000Z',
});
const preview = (mode: string) => ({
  status: mode === 'commit' ? 'committed' : 'preview',
  applications: 1,
  recipients: 1,
  items: [
    {
      id: row(2, 'draft').id,
      title: '의료 모델 2',
      organisationName: '한빛AI 2',
      call: { ko: '2025년 공모', en: '2025 call' },
      closesAt: '2026-03-06T09:00:00.000Z',
      outcome: 'send',
      recipients: [{ name: '김신청', email: 'kim@hanbit.kr' }],
    },
  ],
});

let calls: Calls;
beforeEach(async () => {
  await i18next.changeLanguage('ko');
  calls = stubApi((url, _method, body) => {
    if (url.pathname === '/api/v1/programs')
      return {
        programs: [
          {
            slug: 'specialized-fm',
            shortName: { ko: 'AI 특화', en: 'Specialized FM' },
            calls: [{ key: '2025-call', name: { ko: '2025년 공모', en: '2025 call' } }],
          },
        ],
      };
    if (url.pathname === LIST)
      return { applications: [row(1, 'submitted'), row(2, 'draft')], total: 60, page: Number(url.searchParams.get('page')), pageSize: 25 };
    if (url.pathname === '/api/v1/office/applications/reminders') return preview(String(body!.mode));
    throw new Error(`unexpected ${url}`);
  });
});

describe('the office’s list of applications', () => {
  it('shows statuses as Korean words and times in Seoul, searches on Enter and pages with the total', async () => {
    const user = userEvent.setup();
    renderAt('/office/applications', <ApplicationListPage />);
    const table = await screen.findByTestId('applications-table');
    expect(within(table).getByText('작성 중')).toBeTruthy();
    expect(within(table).getByText('제출 완료')).toBeTruthy();
    expect(within(table).queryByText('draft')).toBeNull();
    expect(within(table).getByText(/2026\. 03\. 04\. 18:00 KST/)).toBeTruthy();
    expect(screen.getByTestId('pager-range').textContent).toBe('전체 60건 중 1–25');

    await user.type(screen.getByTestId('list-search'), '한빛{Enter}');
    await waitFor(() => expect(lastQuery(calls, LIST)).toMatchObject({ q: '한빛', page: '1', pageSize: '25' }));

    await user.click(await screen.findByRole('button', { name: '2쪽' }));
    await waitFor(() => expect(lastQuery(calls, LIST)).toMatchObject({ q: '한빛', page: '2' }));
    expect((await screen.findByTestId('pager-range')).textContent).toBe('전체 60건 중 26–50');
  });

  it('reminds only the chosen drafts, after showing who gets it and a ticked confirmation', async () => {
    const user = userEvent.setup();
    renderAt('/office/applications?status=draft', <ApplicationListPage />);
    await screen.findByTestId('applications-table');
    expect(lastQuery(calls, LIST)).toMatchObject({ status: 'draft' });
    // only a draft can be chosen
    expect(screen.queryByRole('checkbox', { name: '의료 모델 1 선택' })).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: '의료 모델 2 선택' }));
    await user.click(screen.getByRole('button', { name: '마감 안내 보내기 (1건)' }));
    const shown = await screen.findByTestId('confirm-preview');
    expect(calls.posts).toEqual([{ url: '/api/v1/office/applications/reminders', body: { applications: [row(2, 'draft').id], mode: 'preview' } }]);
    expect(within(shown).getByTestId('remind-summary').textContent).toBe('신청서 1건의 1명에게 알림함과 메일로 마감 안내를 보냅니다.');
    expect(within(shown).getByText('김신청 (kim@hanbit.kr)')).toBeTruthy();
    expect(within(shown).getByText('2026. 03. 06. 18:00 KST')).toBeTruthy();
    expect((screen.getByTestId('confirm-commit') as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByTestId('confirm-ack'));
    await user.click(screen.getByTestId('confirm-commit'));
    await waitFor(() => expect(calls.posts).toHaveLength(2));
    expect(calls.posts[1]!.body).toEqual({ applications: [row(2, 'draft').id], mode: 'commit', reason: '접수 마감 전 제출 안내' });
  });
});
