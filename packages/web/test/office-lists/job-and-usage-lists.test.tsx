// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../src/i18n/index.ts';
import { JobListPage } from '../../src/pages/office-lists/JobListPage.tsx';
import { UsageListPage } from '../../src/pages/office-lists/UsageListPage.tsx';
import { lastQuery, renderAt, stubApi, type Calls } from './support.tsx';

afterEach(cleanup);

const job = (id: string, kind: string, status: string) => ({
  id,
  kind,
  status,
  progress: null,
  error: status === 'failed' ? 'sacctmgr: exit 1' : null,
  attempts: 1,
  createdAt: '2026-05-01T15:30:00.000Z',
  startedAt: null,
  finishedAt: null,
});
const usage = (day: string, user: string) => ({
  day,
  account: 'sg-specialized-fm-sfm-01',
  clusterUsername: user,
  taskId: 't',
  gpuSeconds: 36000,
  gpuHours: 10,
  jobs: 3,
});

let calls: Calls;
beforeEach(async () => {
  await i18next.changeLanguage('ko');
  calls = stubApi((url) => {
    if (url.pathname === '/api/v1/office/jobs')
      return {
        jobs: [job('j1', 'slurm.apply', 'failed'), job('j2', 'evaluation.run-suite', 'done'), job('j3', 'usage.import', 'running')],
        total: 3,
        page: 1,
        pageSize: 25,
      };
    if (url.pathname === '/api/v1/office/usage')
      return url.searchParams.get('cursor') === 'after-first'
        ? { usage: [usage('2026-04-29', 'lee')], nextCursor: null, pageSize: 50 }
        : { usage: [usage('2026-04-30', 'kim')], nextCursor: 'after-first', pageSize: 50 };
    throw new Error(`unexpected ${url}`);
  });
});

describe('the office’s lists of jobs and usage', () => {
  it('names each job’s kind and state in Korean, with its time in Seoul, and filters by state from the address', async () => {
    renderAt('/office/jobs?state=failed', <JobListPage />);
    const table = await screen.findByTestId('jobs-table');
    expect(lastQuery(calls, '/api/v1/office/jobs')).toMatchObject({ state: 'failed', page: '1' });
    const rows = within(table).getAllByTestId('job-row');
    expect(within(rows[0]!).getByText('Slurm 변경 적용')).toBeTruthy();
    expect(within(rows[0]!).getByText('실패')).toBeTruthy();
    expect(within(rows[1]!).getByText('벤치마크 평가 실행')).toBeTruthy();
    expect(within(rows[1]!).getByText('완료')).toBeTruthy();
    // a usage import is named as one, not as "other work"
    expect(within(rows[2]!).getByText('사용량 가져오기')).toBeTruthy();
    expect(within(table).queryByText('기타 작업')).toBeNull();
    expect(within(table).queryByText('failed')).toBeNull();
    expect(within(rows[0]!).getByText('2026. 05. 02. 00:30 KST')).toBeTruthy();
    expect(screen.getByTestId('pager-range').textContent).toBe('전체 3건 중 1–3');
  });

  it('searches jobs by what the office types, keeping the state it chose', async () => {
    const user = userEvent.setup();
    renderAt('/office/jobs?state=failed', <JobListPage />);
    await screen.findByTestId('jobs-table');
    await user.type(screen.getByTestId('list-search'), 'sacctmgr{Enter}');
    await waitFor(() => expect(lastQuery(calls, '/api/v1/office/jobs')).toMatchObject({ q: 'sacctmgr', state: 'failed', page: '1' }));
  });

  it('reads usage a page at a time after the cursor the API gave, and searches by account', async () => {
    const user = userEvent.setup();
    renderAt('/office/usage', <UsageListPage />);
    await screen.findByTestId('usage-table');
    expect(screen.getAllByTestId('usage-row')).toHaveLength(1);
    await user.click(screen.getByTestId('pager-more'));
    await waitFor(() => expect(screen.getAllByTestId('usage-row')).toHaveLength(2));
    expect(lastQuery(calls, '/api/v1/office/usage')).toMatchObject({ cursor: 'after-first', pageSize: '50' });
    expect(screen.getByText('2026년 4월 29일')).toBeTruthy();
    expect(screen.queryByTestId('pager-more')).toBeNull();
    await user.type(screen.getByTestId('list-search'), 'sg-specialized-fm-sfm-01{Enter}');
    await waitFor(() => expect(lastQuery(calls, '/api/v1/office/usage')).toEqual({ account: 'sg-specialized-fm-sfm-01', pageSize: '50' }));
  });
});
