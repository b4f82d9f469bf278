// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import '../src/i18n/index.ts';
import { SettingsPanel } from '../src/pages/review/SettingsPanel.tsx';
import type { Overview } from '../src/pages/review/api.ts';

afterEach(cleanup);

// a call's review settings as GET …/review answers them (only what the panel reads)
const overview = {
  program: 'specialized-fm',
  call: '2025-1',
  config: { blind: true, conflictYears: 3, aggregation: { method: 'mean' }, revision: 4 },
  rounds: [{ key: 'documents', name: { ko: '서면 평가', en: 'Document review' }, weight: 0.6, reviewsPerProposal: 3 }],
} as unknown as Overview;

let saved: Record<string, unknown>[];
beforeEach(() => {
  saved = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: { body: string }) => {
      saved.push(JSON.parse(init.body) as Record<string, unknown>);
      return new Response(JSON.stringify({ status: 'saved' }), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
});

// The English messages are fetched only when needed; a new round's name is kept in both languages,
// so adding one must bring them in first, or the English name would be the Korean one.
describe('review settings: a new round', () => {
  it('is named in both languages even when the office works in Korean and English was never loaded', async () => {
    await i18next.changeLanguage('ko');
    expect(i18next.hasResourceBundle('en', 'translation')).toBe(false);
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={new QueryClient()}>
        <MantineProvider>
          <SettingsPanel overview={overview} />
        </MantineProvider>
      </QueryClientProvider>,
    );
    await user.click(screen.getByRole('button', { name: '평가 단계 추가' }));
    await waitFor(() => expect(screen.getByDisplayValue('Presentation')).toBeTruthy());
    expect(screen.getByDisplayValue('발표 평가')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '설정 저장' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const rounds = saved[0]!.rounds as { key: string; name: { ko: string; en: string } }[];
    expect(rounds.map((r) => r.name)).toEqual([
      { ko: '서면 평가', en: 'Document review' },
      { ko: '발표 평가', en: 'Presentation' },
    ]);
  });
});
