// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import '../src/i18n/index.ts';
import { StageGoalsPanel } from '../src/pages/stage-evaluation/StageGoalsPanel.tsx';
import type { EvaluationView } from '../src/pages/stage-evaluation/api.ts';

afterEach(cleanup);

const name = (ko: string, en: string) => ({ ko, en });

// an open specialized-fm evaluation whose team declared one stage goal in its proposal (only what the panel reads)
const view = (status = 'open'): EvaluationView =>
  ({
    evaluation: { id: 'ev-1', status, revision: 3 },
    scheme: {
      components: [
        { key: 'stage-goals', name: name('단계 목표 달성도', 'Stage goals met'), points: 70, kind: 'stageGoals' },
        { key: 'expert-panel', name: name('전문가 평가', 'Expert panel'), points: 30, kind: 'expertPanel' },
      ],
    },
    teams: [{ key: 'sfm-2026-01', name: name('해양 기상 예측 모델', 'Marine weather model') }],
    inputs: { goals: [], declaredGoals: [{ team: 'sfm-2026-01', metric: '태풍 진로 오차', target: '≤ 80 km', dueDate: null }] },
  }) as unknown as EvaluationView;

let calls: { method: string; url: string; body: Record<string, unknown> }[];
beforeEach(() => {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: { method: string; body: string }) => {
      const body = JSON.parse(init.body) as Record<string, unknown>;
      calls.push({ method: init.method, url, body });
      const goals = body.goals as { met: boolean | null }[];
      const answer = { status: body.mode === 'commit' ? 'committed' : 'preview', met: goals.filter((g) => g.met).length, declared: goals.length };
      return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
});

const show = (v: EvaluationView, canCheck = true) =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>
        <StageGoalsPanel view={v} canCheck={canCheck} />
      </MantineProvider>
    </QueryClientProvider>,
  );

describe('StageGoalsPanel', () => {
  it("starts from the team's declared goals, previews the check goal by goal and saves only after the confirmation", async () => {
    await i18next.changeLanguage('ko');
    const user = userEvent.setup();
    show(view());
    const card = screen.getByTestId('goals-sfm-2026-01');
    expect((within(card).getByLabelText('목표 1') as HTMLInputElement).value).toBe('태풍 진로 오차 ≤ 80 km');
    await user.click(within(card).getByLabelText('목표 1 달성'));
    await user.type(within(card).getByLabelText('목표 1 근거'), '검증 자료 기준 오차 72 km');
    await user.click(within(card).getByRole('button', { name: '목표 추가' }));
    await user.type(within(card).getByLabelText('목표 2'), '해양 관측 자료 1TB 학습');
    await user.click(within(card).getByLabelText('목표 2 미달'));
    await user.type(within(card).getByLabelText('목표 2 근거'), '학습 자료 0.6TB에 그침');

    await user.click(screen.getByTestId('goals-save-sfm-2026-01'));
    expect((await screen.findByTestId('goals-summary')).textContent).toBe('단계 목표 2개 중 1개 달성으로 기록합니다.');
    expect(screen.getByTestId('goals-preview').textContent).toContain('미달');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('/api/v1/stage-evaluations/ev-1/teams/sfm-2026-01/goals');
    expect(calls[0]!.body).toEqual({
      component: 'stage-goals',
      goals: [
        { goal: '태풍 진로 오차 ≤ 80 km', met: true, evidence: '검증 자료 기준 오차 72 km' },
        { goal: '해양 관측 자료 1TB 학습', met: false, evidence: '학습 자료 0.6TB에 그침' },
      ],
      mode: 'preview',
    });
    const save = screen.getByRole('button', { name: '점검 결과 저장' });
    expect(save.hasAttribute('disabled')).toBe(true);
    await user.click(screen.getByTestId('confirm-ack'));
    await user.click(save);
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.body.mode).toBe('commit');
  });

  it('shows a decided check read-only, and nothing at all to a scheme without stage goals', async () => {
    await i18next.changeLanguage('en');
    show(view('decided'));
    expect(screen.queryByTestId('goals-save-sfm-2026-01')).toBeNull();
    expect((screen.getByLabelText('Goal 1') as HTMLInputElement).readOnly).toBe(true);
    cleanup();
    const kai = { ...view(), scheme: { components: [{ key: 'bench', name: name('벤치마크', 'Benchmarks'), points: 40, kind: 'benchmark' }] } };
    show(kai as unknown as EvaluationView);
    expect(screen.queryByText(/stage goal/i)).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
  });
});
