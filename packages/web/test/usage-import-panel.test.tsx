// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import '../src/i18n/index.ts';
import { UsageImportPanel } from '../src/pages/allocations/UsageImportPanel.tsx';

afterEach(cleanup);

const previewResult = {
  mode: 'preview',
  source: 'upload august.json',
  firstDay: '2026-08-01',
  lastDay: '2026-08-02',
  jobsRead: 16,
  rowsToWrite: 4,
  changes: [
    { taskId: 't1', task: 'sfm-01', program: 'specialized-fm', beforeGpuHours: 2450.5, afterGpuHours: 384 },
    { taskId: 't2', task: 'sfm-02', program: 'specialized-fm', beforeGpuHours: 1200, afterGpuHours: 0 },
  ],
  unmappedAccounts: ['lab-x'],
  unmappedCount: 1,
  notCharged: { count: 0, byReason: {} },
};
let calls: { url: string; method: string; body: unknown }[];
beforeEach(() => {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: { method?: string; body?: unknown } = {}) => {
      const method = init.method ?? 'GET';
      const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body instanceof FormData ? 'form' : undefined;
      calls.push({ url, method, body });
      const json = (x: unknown, status = 200) => new Response(JSON.stringify(x), { status, headers: { 'content-type': 'application/json' } });
      if (url === '/api/v1/usage/uploads') return json({ upload: { sha256: 'a'.repeat(64), sizeBytes: 1234, fileName: 'august.json' } }, 201);
      if (url === '/api/v1/usage/import-jobs') {
        const b = body as { mode: string };
        return json({ job: { id: b.mode === 'preview' ? 'p1' : 'c1', status: 'queued', mode: b.mode, progress: null, error: null, result: null } }, 202);
      }
      if (url === '/api/v1/usage/import-jobs/p1')
        return json({ job: { id: 'p1', status: 'done', mode: 'preview', progress: null, error: null, result: previewResult } });
      if (url === '/api/v1/usage/import-jobs/c1')
        return json({
          job: { id: 'c1', status: 'done', mode: 'commit', progress: null, error: null, result: { ...previewResult, mode: 'commit', rowsReplaced: 9 } },
        });
      return json({ error: { code: 'not_found', message: 'no' } }, 404);
    }),
  );
});

const show = () =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>
        <UsageImportPanel />
      </MantineProvider>
    </QueryClientProvider>,
  );

describe('UsageImportPanel', () => {
  it('uploads, previews each task’s GPU-hours before and after, and imports only after a reason and the confirmation', async () => {
    await i18next.changeLanguage('ko');
    const user = userEvent.setup();
    show();
    const start = screen.getByTestId('usage-import-preview-start');
    expect(start.hasAttribute('disabled')).toBe(true);
    await user.upload(document.querySelector('input[type=file]') as HTMLInputElement, new File(['{"jobs":[]}'], 'august.json', { type: 'application/json' }));
    await user.type(screen.getByTestId('usage-import-first'), '2026-08-01');
    await user.type(screen.getByTestId('usage-import-last'), '2026-08-02');
    await user.click(start);
    const preview = await screen.findByTestId('usage-import-preview');
    // the last day is included: the window sent ends at the next Seoul midnight
    expect(calls.find((c) => c.url === '/api/v1/usage/import-jobs')!.body).toEqual({
      mode: 'preview',
      source: { kind: 'upload', sha256: 'a'.repeat(64), fileName: 'august.json' },
      start: '2026-08-01',
      end: '2026-08-03',
    });
    expect(screen.getByTestId('usage-change-sfm-01').textContent).toBe('sfm-012,450.5 GPU시간384 GPU시간');
    expect(preview.textContent).toContain('과제와 연결되지 않은 Slurm 계정 1개: lab-x');
    expect(calls.filter((c) => c.body && (c.body as { mode?: string }).mode === 'commit')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: '가져오기…' }));
    const confirm = await screen.findByRole('button', { name: '가져오기 확정' });
    await user.click(screen.getByRole('checkbox'));
    expect(confirm.hasAttribute('disabled')).toBe(true);
    await user.type(screen.getByRole('textbox', { name: /가져오는 사유/ }), '8월 정산');
    await user.click(confirm);
    await waitFor(() => expect(screen.getByTestId('usage-import-done').textContent).toBe('가져왔습니다: 4행을 저장하고 기존 9행을 바꿨습니다.'));
    expect(calls.find((c) => (c.body as { mode?: string } | undefined)?.mode === 'commit')!.body).toEqual({
      mode: 'commit',
      previewJobId: 'p1',
      reason: '8월 정산',
    });
  });

  it('asks for the days before pulling from the cluster, and says a malformed day in words', async () => {
    await i18next.changeLanguage('ko');
    const user = userEvent.setup();
    show();
    await user.click(screen.getByText('클러스터에서 가져오기'));
    const start = screen.getByTestId('usage-import-preview-start');
    expect(start.hasAttribute('disabled')).toBe(true);
    await user.type(screen.getByTestId('usage-import-first'), '2026-8-1');
    expect(screen.getByText('날짜를 2026-04-01처럼 적어 주세요.')).toBeTruthy();
    expect(start.hasAttribute('disabled')).toBe(true);
  });
});
