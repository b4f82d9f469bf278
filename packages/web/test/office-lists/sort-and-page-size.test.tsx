// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { useLocation } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../src/i18n/index.ts';
import { ApplicationListPage } from '../../src/pages/office-lists/ApplicationListPage.tsx';
import { UsageListPage } from '../../src/pages/office-lists/UsageListPage.tsx';
import { OrganisationListPage } from '../../src/pages/office-lists/OrganisationListPage.tsx';
import { lastQuery, renderAt, stubApi, type Calls } from './support.tsx';

// Issue 15 item 6: the office sorts a list by clicking a column's header and picks how many rows a
// page holds; both stay in the address, so a link or a reload shows the same rows.
afterEach(cleanup);

/** the address the page keeps its list state in */
function Address() {
  const { search } = useLocation();
  return <output data-testid="address">{search}</output>;
}
const address = () => new URLSearchParams(screen.getByTestId('address').textContent ?? '');

const APPS = '/api/v1/office/applications';
const USAGE = '/api/v1/office/usage';
const application = {
  id: '00000000-0000-4000-8000-000000000001',
  program: 'specialized-fm',
  call: '2025-call',
  receiptNo: 'SFM-2025-0001',
  title: '의료 모델',
  domain: null,
  organisationId: 'o1',
  organisationName: '한빛AI',
  organisationNameEn: 'Hanbit AI',
  participantCount: 0,
  status: 'submitted',
  eligible: true,
  verdictEligible: true,
  overridden: false,
  submittedAt: '2026-03-04T09:00:00.000Z',
  updatedAt: '2026-03-04T09:00:00.000Z',
};
const organisation = {
  id: 'o1',
  nameKo: '한빛AI',
  nameEn: 'Hanbit AI',
  type: 'startup',
  country: 'KR',
  registrationNo: null,
  verificationStatus: 'unverified',
  verifiedAt: null,
  revision: 1,
  createdAt: '2026-02-01T01:00:00.000Z',
};

let calls: Calls;
beforeEach(async () => {
  await i18next.changeLanguage('ko');
  calls = stubApi((url) => {
    if (url.pathname === '/api/v1/programs') return { programs: [{ slug: 'specialized-fm', shortName: { ko: 'AI 특화', en: 'Specialized FM' }, calls: [] }] };
    if (url.pathname === APPS)
      return { applications: [application], total: 120, page: Number(url.searchParams.get('page')), pageSize: Number(url.searchParams.get('pageSize')) };
    if (url.pathname === '/api/v1/office/organisations') return { organisations: [organisation], total: 1, page: 1, pageSize: 25 };
    if (url.pathname === USAGE)
      return {
        usage: [{ day: '2026-04-30', account: 'sg-sfm-01', clusterUsername: 'kim', taskId: 't1', task: 'SFM-01', gpuSeconds: 36000, gpuHours: 10, jobs: 3 }],
        nextCursor: 'next',
        pageSize: Number(url.searchParams.get('pageSize')),
      };
    throw new Error(`unexpected ${url}`);
  });
});

const header = (name: string) => screen.getByRole('button', { name }).closest('th')!;

describe('sorting the office’s lists', () => {
  it('shows the list’s own order on its header, sorts by a clicked header, turns it round on a second click, and keeps it in the address', async () => {
    const user = userEvent.setup();
    renderAt(
      '/office/applications?page=3',
      <>
        <ApplicationListPage />
        <Address />
      </>,
    );
    await screen.findByTestId('applications-table');
    // nothing asked: newest submissions first, and the API is left to its own order
    expect(header('제출 일시').getAttribute('aria-sort')).toBe('descending');
    expect(header('접수번호').getAttribute('aria-sort')).toBe('none');
    expect(lastQuery(calls, APPS).sort).toBeUndefined();

    await user.click(screen.getByRole('button', { name: '접수번호' }));
    await waitFor(() => expect(lastQuery(calls, APPS)).toMatchObject({ sort: 'receiptNo', order: 'asc', page: '1' }));
    expect(header('접수번호').getAttribute('aria-sort')).toBe('ascending');
    expect(header('제출 일시').getAttribute('aria-sort')).toBe('none');
    expect(Object.fromEntries(address())).toEqual({ sort: 'receiptNo', order: 'asc' });

    await user.click(screen.getByRole('button', { name: '접수번호' }));
    await waitFor(() => expect(lastQuery(calls, APPS)).toMatchObject({ sort: 'receiptNo', order: 'desc' }));
    expect(header('접수번호').getAttribute('aria-sort')).toBe('descending');

    // a date column starts with the newest
    await user.click(screen.getByRole('button', { name: '제출 일시' }));
    await waitFor(() => expect(lastQuery(calls, APPS)).toMatchObject({ sort: 'submittedAt', order: 'desc' }));
  }, 30_000);

  it('reads the sort from the address, and never sends a column the API does not know', async () => {
    renderAt('/office/applications?sort=organisation&order=desc', <ApplicationListPage />);
    await screen.findByTestId('applications-table');
    expect(lastQuery(calls, APPS)).toMatchObject({ sort: 'organisation', order: 'desc' });
    expect(header('주관기관').getAttribute('aria-sort')).toBe('descending');
    cleanup();
    renderAt('/office/applications?sort=1%3Bdrop&order=desc', <ApplicationListPage />);
    await screen.findByTestId('applications-table');
    expect(lastQuery(calls, APPS).sort).toBeUndefined();
    expect(lastQuery(calls, APPS).order).toBeUndefined();
  }, 30_000);

  it('sorts usage by GPU-hours from the top again (a cursor belongs to one sort), and shows each row’s task', async () => {
    const user = userEvent.setup();
    renderAt(
      '/office/usage',
      <>
        <UsageListPage />
        <Address />
      </>,
    );
    const table = await screen.findByTestId('usage-table');
    expect(within(table).getByText('SFM-01')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'GPU 시간' }));
    await waitFor(() => expect(lastQuery(calls, USAGE)).toMatchObject({ sort: 'gpuHours', order: 'desc', pageSize: '50' }));
    expect(lastQuery(calls, USAGE).cursor).toBeUndefined();
    expect(address().get('sort')).toBe('gpuHours');
    await user.click(screen.getByTestId('pager-more'));
    await waitFor(() => expect(lastQuery(calls, USAGE)).toMatchObject({ sort: 'gpuHours', order: 'desc', cursor: 'next' }));
  }, 30_000);
});

describe('rows per page', () => {
  it('picks 50 or 100 rows a page, back to the first page, kept in the address beside the sort', async () => {
    const user = userEvent.setup();
    renderAt(
      '/office/applications?sort=status&order=asc&page=2',
      <>
        <ApplicationListPage />
        <Address />
      </>,
    );
    await screen.findByTestId('applications-table');
    expect(screen.getByTestId('pager-range').textContent).toBe('전체 120건 중 26–50');
    await user.click(screen.getAllByLabelText('쪽당 행 수')[0]!);
    await user.click(await screen.findByRole('option', { name: '100행', hidden: true }));
    await waitFor(() => expect(lastQuery(calls, APPS)).toMatchObject({ pageSize: '100', page: '1', sort: 'status', order: 'asc' }));
    expect(Object.fromEntries(address())).toEqual({ sort: 'status', order: 'asc', pageSize: '100' });
    expect((await screen.findByTestId('pager-range')).textContent).toBe('전체 120건 중 1–100');
  }, 30_000);

  it('offers a size the address asked for beside the usual ones, and the reset keeps sort and size', async () => {
    const user = userEvent.setup();
    renderAt(
      '/office/organisations?pageSize=10&sort=createdAt&order=desc&q=%ED%95%9C%EB%B9%9B',
      <>
        <OrganisationListPage />
        <Address />
      </>,
    );
    await screen.findByTestId('organisations-table');
    expect(lastQuery(calls, '/api/v1/office/organisations')).toMatchObject({ pageSize: '10', sort: 'createdAt', order: 'desc', q: '한빛' });
    expect((screen.getByTestId('page-size') as HTMLInputElement).value).toBe('10행');
    expect(header('등록일').getAttribute('aria-sort')).toBe('descending');
    await user.click(screen.getByRole('button', { name: '조건 지우기' }));
    await waitFor(() => expect(Object.fromEntries(address())).toEqual({ pageSize: '10', sort: 'createdAt', order: 'desc' }));
  }, 30_000);
});

describe('creating from a list', () => {
  it('links the applications list to where calls are made, for the program chosen', async () => {
    renderAt('/office/applications?program=specialized-fm', <ApplicationListPage />);
    await screen.findByTestId('applications-table');
    expect(screen.getByRole('link', { name: '새 공고 만들기' }).getAttribute('href')).toBe('/office/program-calls/specialized-fm');
  }, 30_000);

  it('links usage to where it is imported', async () => {
    renderAt('/office/usage', <UsageListPage />);
    await screen.findByTestId('usage-table');
    expect(screen.getByRole('link', { name: '사용량 가져오기' }).getAttribute('href')).toBe('/allocations');
  }, 30_000);
});
