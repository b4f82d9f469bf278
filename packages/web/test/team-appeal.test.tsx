// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import '../src/i18n/index.ts';
import { TeamPage } from '../src/pages/stage-evaluation/TeamPage.tsx';

afterEach(cleanup);

// a published decision as GET /api/v1/stage-evaluations/:id/teams/:team answers it (only what the page reads)
const view = {
  evaluation: { id: 'e1', name: { ko: 'K-AI 1차 단계 평가', en: 'K-AI stage 1 evaluation' }, status: 'published' },
  team: { id: 't1', key: 'kai-naver', name: { ko: '네이버클라우드 컨소시엄', en: 'Naver Cloud consortium' } },
  gates: [],
  goals: [],
  result: null,
  outcome: null,
  appealClosesAt: '2026-01-29T14:59:00Z',
  appeals: [],
};
const grounds = '독창성 판정에서 우리 팀이 제출한 학습 로그가 검토되지 않았습니다.';

let posts: Record<string, unknown>[];
beforeEach(() => {
  posts = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: { method?: string; body?: string }) => {
      const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      if (!init?.method || init.method === 'GET') return json(view);
      const body = JSON.parse(init.body!) as Record<string, unknown>;
      posts.push({ url, ...body });
      return json(
        body.mode === 'commit' ? { status: 'committed', appealId: 'a1', closesAt: view.appealClosesAt } : { status: 'preview', closesAt: view.appealClosesAt },
      );
    }),
  );
});

describe('a team member appeals a published stage decision (issue 15 item 1)', () => {
  it('previews the appeal with its grounds and the window’s end, and files it only after the confirmation', async () => {
    await i18next.changeLanguage('ko');
    render(
      <QueryClientProvider client={new QueryClient()}>
        <MantineProvider>
          <MemoryRouter initialEntries={['/stage-evaluations/e1/teams/kai-naver']}>
            <Routes>
              <Route path="/stage-evaluations/:id/teams/:team" element={<TeamPage />} />
            </Routes>
          </MemoryRouter>
        </MantineProvider>
      </QueryClientProvider>,
    );
    await screen.findByTestId('appeal-form');
    await userEvent.type(screen.getByLabelText('이의 신청 사유'), grounds);
    await userEvent.click(screen.getByTestId('file-appeal'));
    const closes = await screen.findByTestId('appeal-closes');
    expect(closes.textContent).toContain('2026. 01. 29. 23:59 KST');
    expect(posts).toEqual([{ url: '/api/v1/stage-evaluations/e1/appeals', team: 'kai-naver', grounds, mode: 'preview' }]);
    const commit = screen.getByTestId('confirm-commit') as HTMLButtonElement;
    expect(commit.disabled).toBe(true);
    await userEvent.click(screen.getByTestId('confirm-ack'));
    await userEvent.click(commit);
    await waitFor(() => expect(posts).toHaveLength(2));
    expect(posts[1]).toMatchObject({ team: 'kai-naver', grounds, mode: 'commit' });
    expect(await screen.findByText('이의 신청을 접수했습니다.')).toBeTruthy();
  });
});
