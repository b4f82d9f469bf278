// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import '../src/i18n/index.ts';
import { SlurmSyncPanel } from '../src/pages/allocations/SlurmSyncPanel.tsx';

afterEach(cleanup);

const step = (kind: string, destructive: boolean, skipped: boolean, ko: string, argv: string[]) => ({
  kind,
  destructive,
  skipped,
  description: { ko, en: ko },
  argv,
});
// GET /api/v1/slurm/plan as the server answers it: a new task to add, a block, and a removal held back
const plan = {
  source: { kind: 'database', day: '2026-12-06' },
  allowDestructive: false,
  empty: false,
  summary: { create: 1, modify: 1, remove: 1, destructive: 1, skipped: 1, runnable: 2 },
  steps: [
    step('create', false, false, 'QOS sg-specialized-fm-sfm-03 생성', ['sacctmgr', '-i', 'add', 'qos', 'sg-specialized-fm-sfm-03']),
    step('modify', false, false, 'QOS sg-specialized-fm-sfm-02 차단', [
      'sacctmgr',
      '-i',
      'modify',
      'qos',
      'where',
      'name=sg-specialized-fm-sfm-02',
      'set',
      'grpsubmitjobs=0',
    ]),
    step('remove', true, true, '계정 sg-specialized-fm-old 삭제', ['sacctmgr', '-i', 'remove', 'account', 'where', 'name=sg-specialized-fm-old']),
  ],
  digest: 'd'.repeat(64),
};

let posts: Record<string, unknown>[];
let applyAnswer: { status: number; body: unknown };
beforeEach(() => {
  posts = [];
  applyAnswer = { status: 202, body: { status: 'queued', jobId: 'job-1' } };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: { method: string; body?: string }) => {
      const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      if (url.startsWith('/api/v1/slurm/plan')) return json(200, plan);
      if (url === '/api/v1/slurm/apply') {
        posts.push(JSON.parse(init.body!) as Record<string, unknown>);
        return json(applyAnswer.status, applyAnswer.body);
      }
      if (url === '/api/v1/slurm/jobs/job-1')
        return json(200, {
          job: { id: 'job-1', status: 'done', progress: { done: 2, total: 2 }, error: null },
          result: { applied: 2, unchanged: 0, skipped: 1 },
        });
      return json(404, { error: { code: 'not_found', message: url } });
    }),
  );
});

const show = () =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>
        <SlurmSyncPanel />
      </MantineProvider>
    </QueryClientProvider>,
  );

// issue 14 item 3: the office sees what Slurm must change, applies that plan only after confirming, and follows the job
describe('SlurmSyncPanel', () => {
  it('groups the steps by what they do and marks the destructive one, in Korean', async () => {
    await i18next.changeLanguage('ko');
    show();
    const panel = await screen.findByTestId('slurm-plan-diff');
    expect(within(panel).getByText('추가 1건 · 변경 1건 · 삭제 1건')).toBeTruthy();
    expect(within(screen.getByTestId('slurm-steps-create')).getByText('QOS sg-specialized-fm-sfm-03 생성')).toBeTruthy();
    const removals = screen.getByTestId('slurm-steps-remove');
    expect(within(removals).getByText('파괴적')).toBeTruthy();
    expect(within(removals).getByText('보류')).toBeTruthy();
    expect(within(screen.getByTestId('slurm-steps-create')).queryByText('파괴적')).toBeNull();
  });

  it('applies the previewed digest only after the confirmation is ticked, then shows the finished job', async () => {
    await i18next.changeLanguage('ko');
    const user = userEvent.setup();
    show();
    await user.click(await screen.findByRole('button', { name: 'Slurm에 적용' }));
    const dialog = await screen.findByTestId('confirm-preview');
    expect(within(dialog).getByText('계정 sg-specialized-fm-old 삭제')).toBeTruthy();
    expect((screen.getByTestId('confirm-commit') as HTMLButtonElement).disabled).toBe(true);
    expect(posts).toEqual([]);
    await user.click(screen.getByTestId('confirm-ack'));
    await user.click(screen.getByTestId('confirm-commit'));
    await waitFor(() => expect(posts).toEqual([{ digest: plan.digest, allowDestructive: false }]));
    expect(await screen.findByText('적용을 마쳤습니다. 2단계를 실행했습니다.')).toBeTruthy();
    expect(screen.getByTestId('slurm-job-status').textContent).toBe('완료');
  });

  it('says in words that the plan changed when the server finds the preview stale', async () => {
    await i18next.changeLanguage('ko');
    applyAnswer = { status: 409, body: { error: { code: 'stale_plan', message: 'the plan differs', field: 'digest' } } };
    const user = userEvent.setup();
    show();
    await user.click(await screen.findByRole('button', { name: 'Slurm에 적용' }));
    await screen.findByTestId('confirm-preview');
    await user.click(screen.getByTestId('confirm-ack'));
    await user.click(screen.getByTestId('confirm-commit'));
    expect((await screen.findByTestId('confirm-error')).textContent).toBe('미리 본 뒤에 Slurm이나 배정이 바뀌었습니다. 계획을 다시 확인하세요.');
    expect(screen.queryByTestId('slurm-job')).toBeNull();
  });
});
