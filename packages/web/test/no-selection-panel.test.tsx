// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import '../src/i18n/index.ts';
import { NoSelectionPanel } from '../src/pages/review/NoSelectionPanel.tsx';
import type { Ranking } from '../src/pages/review/api.ts';

afterEach(cleanup);

// K-AI's additional call as GET …/ranking answers it (only what the panel reads)
const ranking = (over: Partial<Ranking> = {}): Ranking =>
  ({
    rows: [],
    publishedAt: null,
    additional: {
      fills: { call: '2025-call', slots: 1, name: { ko: '2025년 정예팀 공모', en: '2025 call for selected teams' } },
      gpuOffer: [{ pool: 'b200-pool', gpus: 768 }],
      decisionRule: { kind: 'majority', of: 'experts', recommendAtPoints: 70 },
      allowNoSelection: true,
    },
    noSelection: null,
    ...over,
  }) as unknown as Ranking;

const preview = {
  status: 'preview',
  reason: '',
  rejected: [{ applicationId: 'a1', label: 'KAI-2026-0001' }],
  offerReturned: [{ pool: 'b200-pool', gpus: 768 }],
};
let calls: Record<string, unknown>[];
beforeEach(() => {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: { body: string }) => {
      const body = JSON.parse(init.body) as Record<string, unknown>;
      calls.push(body);
      return new Response(JSON.stringify(body.mode === 'commit' ? { ...preview, status: 'committed', reason: body.reason } : preview), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
});

const show = (r: Ranking) =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>
        <NoSelectionPanel program="k-ai" call="2026-additional-call" ranking={r} />
      </MantineProvider>
    </QueryClientProvider>,
  );

describe('NoSelectionPanel (issue 16 item 5)', () => {
  it('states the terms in Korean, previews what "선정 없음" does, and commits only with a reason and the confirmation', async () => {
    await i18next.changeLanguage('ko');
    const user = userEvent.setup();
    show(ranking());
    const card = screen.getByTestId('additional-call');
    expect(card.textContent).toContain('2025년 정예팀 공모의 빈 자리 1개를 채웁니다 · 제공 GPU 768장');
    expect(card.textContent).not.toContain('2025-call');
    expect(card.textContent).toContain('총점 70점 이상을 추천으로');

    await user.click(screen.getByRole('button', { name: '선정 없음으로 기록' }));
    expect(await screen.findByText('결정이 없는 신청 1건이 미선정으로 기록됩니다')).toBeTruthy();
    expect(screen.getByText('과제를 만들지 않으며, 제공하려던 GPU 768장은 풀에 남습니다')).toBeTruthy();
    expect(calls).toEqual([{ reason: '', mode: 'preview' }]);

    const confirm = screen.getByRole('button', { name: '선정 없음 기록' });
    await user.click(screen.getByRole('checkbox'));
    expect(confirm.hasAttribute('disabled')).toBe(true);
    await user.type(screen.getByRole('textbox'), '전문가 과반 추천 없음');
    await user.click(confirm);
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]).toEqual({ reason: '전문가 과반 추천 없음', mode: 'commit' });
  });

  it('shows a recorded "no selection" with its reason instead of the action (English)', async () => {
    await i18next.changeLanguage('en');
    show(ranking({ noSelection: { label: { ko: '선정 없음', en: 'no selection' }, reason: 'no majority', at: null } }));
    expect(screen.getByTestId('no-selection-recorded').textContent).toContain('no selection');
    expect(screen.getByTestId('no-selection-recorded').textContent).toContain('no majority');
    expect(screen.queryByRole('button', { name: 'Record no selection' })).toBeNull();
  });
});
