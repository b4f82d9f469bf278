// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import '../src/i18n/index.ts';
import { StageEvaluationNewPage } from '../src/pages/evaluation-setup/StageEvaluationNewPage.tsx';

afterEach(cleanup);

const name = (ko: string, en: string) => ({ ko, en });
const phases = [{ key: 'phase-1', name: name('1단계', 'Phase 1'), start: '2025-11-01', end: '2026-03-31' }];
const program = {
  slug: 'specialized-fm',
  definition: {
    phases,
    stageEvaluation: { totalPoints: 100, components: [], indices: [], gates: [], decisionPolicy: { kind: 'continueIfStageGoalsMet', nextPhase: 'phase-2' } },
  },
};
const task = (key: string, status = 'active') => ({ id: key, key, name: name(`과제 ${key}`, `Task ${key}`), status, members: [] });

let posts: Record<string, unknown>[];
beforeEach(() => {
  posts = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: { method?: string; body?: string }) => {
      const json = (x: unknown) => new Response(JSON.stringify(x), { status: 200, headers: { 'content-type': 'application/json' } });
      if (init?.method === 'POST') {
        const body = JSON.parse(init.body!) as Record<string, unknown>;
        posts.push(body);
        return json({ status: 'preview', teams: ((body.teams as string[]) ?? []).map((k) => task(k)) });
      }
      if (url.startsWith('/api/v1/programs/specialized-fm/allocations'))
        return json({ program: { slug: 'specialized-fm' }, tasks: [task('sfm-01'), task('sfm-2026-01'), task('sfm-02', 'ended')] });
      if (url.startsWith('/api/v1/programs/specialized-fm')) return json(program);
      if (url.startsWith('/api/v1/programs')) return json({ programs: [{ slug: 'specialized-fm', name: name('특화 FM', 'Specialized FM') }] });
      if (url.startsWith('/api/v1/stage-evaluations')) return json({ evaluations: [] });
      return json({ accounts: [] });
    }),
  );
});

describe('StageEvaluationNewPage', () => {
  it("offers the program's active tasks and opens the evaluation for the one the office picks", async () => {
    await i18next.changeLanguage('ko');
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={new QueryClient()}>
        <MantineProvider>
          <MemoryRouter>
            <StageEvaluationNewPage />
          </MemoryRouter>
        </MantineProvider>
      </QueryClientProvider>,
    );
    await user.click(await screen.findByTestId('stage-program'));
    await user.click(await screen.findByRole('option', { name: '특화 FM', hidden: true }));
    await user.click(await screen.findByTestId('stage-phase'));
    await user.click(await screen.findByRole('option', { name: '1단계', hidden: true }));
    await user.click(await screen.findByTestId('stage-teams'));
    // an ended task is not offered
    expect(screen.queryByRole('option', { name: /sfm-02/, hidden: true })).toBeNull();
    await user.click(await screen.findByRole('option', { name: 'sfm-2026-01 · 과제 sfm-2026-01', hidden: true }));
    await user.click(screen.getByTestId('stage-create'));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]).toMatchObject({ program: 'specialized-fm', stageKey: 'phase-1', teams: ['sfm-2026-01'], mode: 'preview' });
    expect((await screen.findByTestId('stage-preview-teams')).textContent).toBe('과제 sfm-2026-01');
  });
});
