// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import '../src/i18n/index.ts';
import { DecisionPanel } from '../src/pages/stage-evaluation/DecisionPanel.tsx';
import type { EvaluationView } from '../src/pages/stage-evaluation/api.ts';

afterEach(cleanup);

const name = (ko: string, en: string) => ({ ko, en });

// a stage ready to decide, as GET /api/v1/stage-evaluations/:id answers it (only what the panel reads)
const view = (over: Partial<EvaluationView> = {}): EvaluationView =>
  ({
    evaluation: { id: 'ev-1', revision: 7 },
    today: '2026-12-05',
    defaultDecidedOn: '2026-12-05',
    teams: [
      { key: 'kai-a', name: name('가팀', 'Team A') },
      { key: 'kai-b', name: name('나팀', 'Team B') },
    ],
    proposal: {
      items: [
        { team: 'kai-a', outcome: 'continue', reasons: [name('상위 팀', 'top team')] },
        { team: 'kai-b', outcome: 'eliminate', reasons: [name('최하위', 'last place')] },
      ],
      blocking: [],
      incomplete: [],
    },
    decision: null,
    redistribution: { rule: 'equal-split' },
    gpuPools: [{ key: 'b200', name: name('B200 풀', 'B200 pool'), gpusPerNode: 8 }],
    ...over,
  }) as unknown as EvaluationView;

// the server's preview: kai-b is eliminated, 256 GPUs go back to the pool, the appeal window is stated
const preview = {
  status: 'preview',
  decidedOn: '2026-12-05',
  outcomes: [
    { taskKey: 'kai-a', outcome: 'continue', proposed: 'continue', reasons: [] },
    { taskKey: 'kai-b', outcome: 'eliminate', proposed: 'eliminate', reasons: [] },
  ],
  departures: [],
  enforcement: {
    gpusReturned: { b200: 256 },
    freeBefore: { b200: 0 },
    freeAfter: { b200: 0 },
    redistribution: [
      {
        poolKey: 'b200',
        rule: 'equal-split',
        effectiveFrom: '2026-12-06',
        returned: 256,
        keptInPool: 0,
        shares: [{ team: 'kai-a', before: 256, gpus: 256 }],
        explanation: name('남은 팀에 똑같이 나눕니다.', 'split equally among the remaining teams.'),
      },
    ],
    slurmPlan: { ko: ['kai-b: 새 작업 차단'], en: ['kai-b: block new jobs'] },
    records: [],
  },
  appealDays: 14,
  appealClosesIfPublishedToday: '2026-12-19T14:59:59Z',
  retroactive: null,
};

let calls: { method: string; body: Record<string, unknown> }[];
beforeEach(() => {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: { method: string; body: string }) => {
      const body = JSON.parse(init.body) as Record<string, unknown>;
      calls.push({ method: init.method, body });
      const answer = body.mode === 'commit' ? { ...preview, status: 'committed' } : preview;
      return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
});

const show = (v: EvaluationView) =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>
        <DecisionPanel view={v} canDecide />
      </MantineProvider>
    </QueryClientProvider>,
  );

// issue 20 item 9 (and issue 13 item 6): the decision panel previews, then commits only on an explicit confirmation
describe('DecisionPanel', () => {
  it('previews who is eliminated, the GPUs returned and the appeal window, and commits only after the box is ticked', async () => {
    await i18next.changeLanguage('en');
    const user = userEvent.setup();
    show(view());
    expect(within(screen.getByTestId('proposal-kai-b')).getByText('last place').textContent).toBe('last place');

    await user.click(screen.getByTestId('confirm-decision'));
    const shown = await screen.findByTestId('decision-preview');
    expect(shown.textContent).toContain('Team B: eliminated');
    expect(screen.getByTestId('appeal-window').textContent).toContain('14 days');
    expect(screen.getByTestId('preview-slurm-plan').textContent).toBe('kai-b: block new jobs');
    // issue 16 item 3: the returned GPUs and where they go, by pool name and team name
    expect(shown.textContent).toContain('B200 pool: 256 GPUs of the eliminated teams go back to the pool (free 0 → 0 after redistribution)');
    expect(screen.getByTestId('redistribution').textContent).toContain('Team A: 256 more GPUs (256 → 512)');
    // the first click only asked for a preview, dated today in Seoul, at the revision the page shows
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body).toMatchObject({ mode: 'preview', decidedOn: '2026-12-05', expectedRevision: 7 });

    const apply = screen.getByRole('button', { name: 'Confirm and apply' });
    expect(apply.hasAttribute('disabled')).toBe(true);
    await user.click(apply);
    expect(calls).toHaveLength(1);

    await user.click(screen.getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: 'Confirm and apply' }));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.body).toMatchObject({ mode: 'commit', decidedOn: '2026-12-05' });
    expect(calls[1]!.body.retroactiveReason).toBeUndefined();
  });

  it('a past effective date warns, and the commit carries the written reason for the retroactive date', async () => {
    await i18next.changeLanguage('en');
    const user = userEvent.setup();
    show(view({ defaultDecidedOn: '2026-11-20' } as Partial<EvaluationView>));
    expect(screen.getByTestId('retroactive-warning').textContent).toContain('already past');

    await user.click(screen.getByTestId('confirm-decision'));
    await screen.findByTestId('decision-preview');
    await user.click(screen.getByRole('checkbox'));
    const apply = screen.getByRole('button', { name: 'Confirm and apply' });
    // a reason is recorded for a past date: without ten characters of it nothing is sent
    expect(apply.hasAttribute('disabled')).toBe(true);
    await user.type(screen.getByRole('textbox', { name: /Reason for the retroactive date/ }), 'panel met on 20 November');
    await user.click(screen.getByRole('button', { name: 'Confirm and apply' }));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.body).toMatchObject({ mode: 'commit', decidedOn: '2026-11-20', retroactiveReason: 'panel met on 20 November' });
  });

  it('where the office decides the redistribution, sends the typed amounts per pool and continuing team, and shows the refusal by the field', async () => {
    await i18next.changeLanguage('ko');
    const user = userEvent.setup();
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: { method: string; body: string }) => {
        const body = JSON.parse(init.body) as Record<string, unknown>;
        calls.push({ method: init.method, body });
        const error = {
          error: {
            code: 'invalid',
            message: 'invalid',
            field: 'redistribution.amounts.b200.kai-a',
            issues: [
              {
                field: 'redistribution.amounts.b200.kai-a',
                message: { ko: 'GPU 수는 노드 단위(8의 배수)여야 합니다', en: 'GPUs must be whole nodes (a multiple of 8)' },
              },
            ],
          },
        };
        return new Response(JSON.stringify(error), { status: 422, headers: { 'content-type': 'application/json' } });
      }),
    );
    show(view({ redistribution: { rule: 'office-decides' } } as Partial<EvaluationView>));
    const amounts = screen.getByTestId('redistribution-amounts');
    // only the team that continues gets a field; the eliminated one gives its GPUs back
    expect(within(amounts).queryByLabelText(/나팀/)).toBeNull();
    await user.type(within(amounts).getByLabelText('가팀 · B200 풀'), '100');
    await user.click(screen.getByTestId('confirm-decision'));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.body.redistribution).toEqual({ amounts: { b200: { 'kai-a': 100 } } });
    expect(await within(amounts).findByText('GPU 수는 노드 단위(8의 배수)여야 합니다')).toBeTruthy();
  });

  // issue 16 item 4: an upheld appeal reopens the decision; the panel re-proposes it and previews the difference
  it('while reopened: a banner names the appeal, and the preview shows who changes outcome and the GPUs restored and taken back', async () => {
    await i18next.changeLanguage('ko');
    const correction = {
      status: 'preview',
      kind: 'correction',
      effectiveFrom: '2026-12-05',
      replacesVersion: 1,
      changes: [{ taskKey: 'kai-b', before: 'eliminate', after: 'continue' }],
      restored: [{ taskKey: 'kai-b', poolKey: 'b200', gpus: 256, start: '2026-12-05' }],
      takenBack: [{ taskKey: 'kai-a', poolKey: 'b200', gpus: 256, from: '2026-12-05' }],
      slurmPlan: { ko: ['kai-b 차단 해제'], en: ['unblock kai-b'] },
      retroactive: null,
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: { method: string; body: string }) => {
        calls.push({ method: init.method, body: JSON.parse(init.body) as Record<string, unknown> });
        return new Response(JSON.stringify(correction), { status: 200, headers: { 'content-type': 'application/json' } });
      }),
    );
    const user = userEvent.setup();
    show(
      view({
        evaluation: { id: 'ev-1', revision: 9, status: 'reopened' },
        defaultDecidedOn: '2026-11-20',
        decision: { version: 1, outcomes: [], enforcement: [], slurmPlan: [], correction: null },
        reopenedFor: { id: 'ap-1', team: 'kai-b', grounds: '...', resolution: '관문 판정 근거를 다시 확인했습니다' },
      } as unknown as Partial<EvaluationView>),
    );
    expect(screen.getByTestId('reopened-banner').textContent).toContain('나팀 팀의 이의 신청이 인용되었습니다(사유: 관문 판정 근거를 다시 확인했습니다)');
    await user.click(screen.getByTestId('confirm-decision'));
    const shown = await screen.findByTestId('correction-preview');
    expect(shown.textContent).toContain('버전 1 결정을 대체합니다');
    expect(shown.textContent).toContain('나팀 팀이 B200 풀에서');
    expect(shown.textContent).toContain('GPU 256장을 다시 받습니다');
    expect(shown.textContent).toContain('가팀 팀이 B200 풀에서');
    expect(shown.textContent).toContain('재배분으로 받은 GPU 256장을 반납합니다');
    // a correction holds from today unless dated back: no retroactive reason asked for
    expect(calls[0]!.body).toMatchObject({ mode: 'preview', decidedOn: '2026-12-05', expectedRevision: 9 });
  });

  it('a correction that newly eliminates a team: the preview shows its allocations ending, the GPUs handed on and its own appeal window', async () => {
    await i18next.changeLanguage('ko');
    const correction = {
      status: 'preview',
      kind: 'correction',
      effectiveFrom: '2026-12-05',
      replacesVersion: 1,
      changes: [
        { taskKey: 'kai-b', before: 'eliminate', after: 'continue' },
        { taskKey: 'kai-a', before: 'continue', after: 'eliminate' },
      ],
      restored: [{ taskKey: 'kai-b', poolKey: 'b200', gpus: 256, start: '2026-12-05' }],
      takenBack: [],
      ended: [{ taskKey: 'kai-a', poolKey: 'b200', gpus: 320, from: '2026-12-05' }],
      given: [{ taskKey: 'kai-b', poolKey: 'b200', gpus: 64, from: '2026-12-05' }],
      appealWindows: [{ taskKey: 'kai-a', lastDay: '2026-12-12', closesAt: '2026-12-12T14:59:59.999Z' }],
      slurmPlan: { ko: ['kai-a 차단'], en: ['block kai-a'] },
      retroactive: null,
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(correction), { status: 200, headers: { 'content-type': 'application/json' } })),
    );
    const user = userEvent.setup();
    show(
      view({
        evaluation: { id: 'ev-1', revision: 9, status: 'reopened' },
        defaultDecidedOn: '2026-11-20',
        decision: { version: 1, outcomes: [], enforcement: [], slurmPlan: [], correction: null },
        reopenedFor: { id: 'ap-1', team: 'kai-b', grounds: '...', resolution: '점수 집계 오류를 바로잡았습니다' },
      } as unknown as Partial<EvaluationView>),
    );
    await user.click(screen.getByTestId('confirm-decision'));
    const shown = await screen.findByTestId('correction-preview');
    expect(shown.textContent).toContain('가팀 팀은');
    expect(shown.textContent).toContain('배분이 끝나 GPU 320장을 반납합니다');
    expect(shown.textContent).toContain('재배분으로 GPU 64장을 더 받습니다');
    expect(shown.textContent).toContain('새로 탈락하는 가팀 팀은 이 정정에 대해');
    expect(shown.textContent).toContain('2026. 12. 12. 23:59 KST까지 이의를 신청할 수 있습니다');
  });
});
