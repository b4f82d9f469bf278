// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import '../src/i18n/index.ts';
import { RoundsPanel } from '../src/pages/review/RoundsPanel.tsx';
import type { Overview, RoundSummary } from '../src/pages/review/api.ts';

afterEach(cleanup);

const round = (over: Partial<RoundSummary>): RoundSummary => ({
  id: 'r1',
  key: 'documents',
  name: { ko: '서면 평가', en: 'Document review' },
  weight: 0,
  reviewsPerProposal: 3,
  panel: 3,
  assigned: 45,
  submittedSheets: 45,
  state: 'open',
  shortlist: { kind: 'top' },
  statement: { ko: '상위 10건 통과 (경계 동점은 모두 통과)', en: 'top 10 pass (all tied at the cut pass)' },
  entrants: 15,
  passed: 0,
  left: 0,
  closedAt: null,
  criteria: {
    totalPoints: 100,
    criteria: [
      { key: 'technical-capability', name: { ko: '기술 역량', en: 'Technical capability' }, points: 30, subCriteria: [] },
      { key: 'marketability-impact', name: { ko: '사업성·파급효과', en: 'Marketability and impact' }, points: 70, subCriteria: [] },
    ],
  },
  ownCriteria: false,
  ...over,
});
const presentationCriteria = {
  totalPoints: 100,
  criteria: [
    { key: 'delivery', name: { ko: '발표 전달력', en: 'Delivery' }, points: 20, subCriteria: [] },
    { key: 'feasibility', name: { ko: '실현 가능성', en: 'Feasibility' }, points: 40, subCriteria: [] },
    { key: 'execution-capacity', name: { ko: '수행 역량', en: 'Execution capacity' }, points: 40, subCriteria: [] },
  ],
};
const overview = (rounds: RoundSummary[]) => ({ rounds }) as unknown as Overview;
const line = (n: number, tied = false) => ({ applicationId: `a${n}`, label: `KAI-2025-00${String(n).padStart(2, '0')}`, rank: n, score: 90 - n, tied });
const preview = {
  status: 'preview',
  statement: { ko: '상위 10건 통과 (경계 동점은 모두 통과)', en: 'top 10 pass (all tied at the cut pass)' },
  next: { key: 'presentation', name: { ko: '발표 평가', en: 'Presentation review' } },
  passes: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => line(n)),
  leaves: [11, 12, 13, 14, 15].map((n) => line(n)),
  tie: null,
};
let calls: { url: string; body: Record<string, unknown> }[];
beforeEach(() => {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: { body: string }) => {
      const body = JSON.parse(init.body) as Record<string, unknown>;
      calls.push({ url, body });
      return new Response(JSON.stringify(body.mode === 'commit' ? { ...preview, status: 'committed' } : preview), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
});

const show = (o: Overview) =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>
        <RoundsPanel overview={o} />
      </MantineProvider>
    </QueryClientProvider>,
  );

describe('RoundsPanel (issue 16 item 1)', () => {
  it('lists the rounds with their rule in Korean, previews the shortlist, and closes only with a reason and the confirmation', async () => {
    await i18next.changeLanguage('ko');
    const user = userEvent.setup();
    show(
      overview([
        round({}),
        round({
          id: 'r2',
          key: 'presentation',
          name: { ko: '발표 평가', en: 'Presentation review' },
          weight: 1,
          state: 'waiting',
          shortlist: null,
          statement: null,
          entrants: 0,
          criteria: presentationCriteria,
          ownCriteria: true,
        }),
      ]),
    );
    const panel = screen.getByTestId('selection-rounds');
    // each round says what it is scored on: the presentation has its own criteria, the documents the call's
    expect(screen.getByTestId('round-presentation-criteria').textContent).toBe('발표 전달력 20점 · 실현 가능성 40점 · 수행 역량 40점이 단계만의 평가 항목');
    expect(screen.getByTestId('round-documents-criteria').textContent).toBe('기술 역량 30점 · 사업성·파급효과 70점공모의 평가 항목');
    expect(panel.textContent).toContain('상위 10건 통과 (경계 동점은 모두 통과)');
    expect(panel.textContent).toContain('앞 단계 마감 대기');
    expect(panel.textContent).not.toContain('documents');
    await user.click(screen.getByRole('button', { name: '단계 마감' }));
    expect(await screen.findByText('통과 10건 — 다음 단계: 발표 평가')).toBeTruthy();
    expect(screen.getByText('탈락 5건')).toBeTruthy();
    expect(calls).toEqual([{ url: '/api/v1/review/rounds/r1/close', body: { mode: 'preview' } }]);
    const confirm = screen.getByRole('button', { name: '마감 확정' });
    await user.click(screen.getByRole('checkbox'));
    expect(confirm.hasAttribute('disabled')).toBe(true);
    await user.type(screen.getByRole('textbox'), '서면 평가 완료');
    await user.click(confirm);
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.body).toEqual({ mode: 'commit', reason: '서면 평가 완료' });
  });

  it('shows a closed round with its counts, without the action (English)', async () => {
    await i18next.changeLanguage('en');
    show(
      overview([
        round({ state: 'closed', passed: 10, left: 5, closedAt: '2025-08-10T01:00:00Z' }),
        round({
          id: 'r2',
          key: 'presentation',
          name: { ko: '발표 평가', en: 'Presentation review' },
          weight: 1,
          shortlist: null,
          statement: null,
          entrants: 10,
        }),
      ]),
    );
    const panel = screen.getByTestId('selection-rounds');
    expect(panel.textContent).toContain('10 of 15 passed, 5 left');
    expect(panel.textContent).toContain('No shortlist (everyone goes on)');
    expect(screen.queryByRole('button', { name: 'Close round' })).toBeNull();
  });
});
