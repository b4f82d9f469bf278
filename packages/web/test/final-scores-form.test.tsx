// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import '../src/i18n/index.ts';
import { FinalScoresForm } from '../src/pages/evaluation-setup/FinalScoresForm.tsx';

afterEach(cleanup);

// two of the demo's specialized-fm tasks (README): one scored already, one not yet
const tasks = [
  { taskId: '11111111-1111-4111-8111-111111111111', taskName: { ko: '가나다 의료 특화 모델', en: 'Ganada medical model' }, score: 84 },
  { taskId: '22222222-2222-4222-8222-222222222222', taskName: { ko: '누리 법률 특화 모델', en: 'Nuri legal model' }, score: null },
];

let puts: { mode: string; scores: unknown[] }[];
let published = false;
beforeEach(() => {
  published = false;
  puts = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: { method: string; body?: string }) => {
      const body = JSON.parse(init.body!) as { mode: string; scores: unknown[] };
      puts.push(body);
      const answer =
        body.mode === 'preview'
          ? {
              status: 'preview',
              changes: [{ taskId: tasks[1]!.taskId, taskName: tasks[1]!.taskName, before: null, after: 91.5 }],
              clearsDesignation: true,
              withdrawsPublication: published,
            }
          : { status: 'committed', updated: 2 };
      return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
});

const show = (onDone = vi.fn()) => {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>
        <FinalScoresForm id="fe-1" tasks={tasks} onDone={onDone} />
      </MantineProvider>
    </QueryClientProvider>,
  );
  return onDone;
};

describe('FinalScoresForm', () => {
  it('names a score over 100 beside its field and sends nothing', async () => {
    await i18next.changeLanguage('ko');
    const user = userEvent.setup();
    show();
    await user.type(screen.getByLabelText('누리 법률 특화 모델 점수'), '120');
    expect(await screen.findByText('점수는 100점을 넘을 수 없습니다')).toBeTruthy();
    expect((screen.getByTestId('final-scores-save') as HTMLButtonElement).disabled).toBe(true);
    expect(puts).toEqual([]);
  });

  it('previews each change with the score before, warns that the designation is cancelled, and saves on confirmation', async () => {
    await i18next.changeLanguage('ko');
    const user = userEvent.setup();
    const onDone = show();
    await user.type(screen.getByLabelText('누리 법률 특화 모델 점수'), '91.5');
    await user.click(screen.getByTestId('final-scores-save'));
    expect((await screen.findByTestId('final-scores-changes')).textContent).toBe('누리 법률 특화 모델: 없음 → 91.5');
    expect(screen.getByText('이미 지정된 우수 과제가 취소되며, 새 점수로 다시 지정해야 합니다.')).toBeTruthy();
    expect(puts.map((p) => p.mode)).toEqual(['preview']);
    await user.click(screen.getByTestId('confirm-ack'));
    await user.click(screen.getByTestId('confirm-commit'));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('최종 점수를 저장했습니다.'));
    expect(puts[1]).toEqual({
      mode: 'commit',
      scores: [
        { taskId: tasks[0]!.taskId, score: 84 },
        { taskId: tasks[1]!.taskId, score: 91.5 },
      ],
    });
  });

  it('warns, before saving, that correcting published results withdraws the publication', async () => {
    await i18next.changeLanguage('ko');
    published = true;
    const user = userEvent.setup();
    show();
    await user.type(screen.getByLabelText('누리 법률 특화 모델 점수'), '91.5');
    await user.click(screen.getByTestId('final-scores-save'));
    expect((await screen.findByTestId('final-scores-withdraws')).textContent).toBe(
      '이미 공개된 결과입니다. 저장하면 공개가 취소되고, 다시 지정하고 공개할 때까지 팀은 결과를 볼 수 없습니다.',
    );
    expect(puts.map((p) => p.mode)).toEqual(['preview']);
  });
});
