// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import '../src/i18n/index.ts';
import { MakeOffer } from '../src/pages/final-evaluation/MakeOffer.tsx';

afterEach(cleanup);

// the office answers a team's request of 128 GPUs for half a year with 64 for three months
const preview = {
  seq: 2,
  side: 'operator' as const,
  gpus: 64,
  startsOn: '2026-10-01',
  endsOn: '2026-12-31',
  days: 92,
  gpuHours: 64 * 92 * 24,
  answers: { seq: 1, side: 'task' as const, gpus: 128, startsOn: '2026-10-01', endsOn: '2027-03-31' },
  turnAfter: 'task' as const,
};

describe('MakeOffer', () => {
  it('shows the offer beside the one it answers and sends it only once confirmed', async () => {
    await i18next.changeLanguage('ko');
    const user = userEvent.setup();
    const send = vi.fn(async (mode: 'preview' | 'commit') => (mode === 'preview' ? { offer: preview } : {}));
    render(
      <MantineProvider>
        <MakeOffer label="수정 제안 보내기" title="수정 제안" testId="send-counter" error={null} send={send} />
      </MantineProvider>,
    );
    await user.click(screen.getByRole('button', { name: '수정 제안 보내기' }));
    const shown = await screen.findByTestId('offer-preview');
    expect(send.mock.calls.map((c) => c[0])).toEqual(['preview']);
    expect(shown.textContent).toContain('제안 #2: GPU 64장, 2026-10-01 ~ 2026-12-31 (92일, 141,312 GPU시간)');
    expect(shown.textContent).toContain('답하는 제안 #1 (과제): GPU 128장, 2026-10-01 ~ 2027-03-31');
    expect(shown.textContent).toContain('다음은 과제 차례로');
    const dialog = screen.getByRole('dialog');
    // nothing is sent until the box is ticked
    expect((within(dialog).getByTestId('confirm-commit') as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(dialog).getByTestId('confirm-ack'));
    await user.click(within(dialog).getByTestId('confirm-commit'));
    await waitFor(() => expect(send.mock.calls.map((c) => c[0])).toEqual(['preview', 'commit']));
  });

  it('sends nothing when the server refuses the preview, and says why in the dialog', async () => {
    await i18next.changeLanguage('ko');
    const user = userEvent.setup();
    const send = vi.fn(async () => null);
    render(
      <MantineProvider>
        <MakeOffer label="제안 제출" title="제안" testId="propose" error="종료일이 시작일보다 앞섭니다" send={send} />
      </MantineProvider>,
    );
    await user.click(screen.getByRole('button', { name: '제안 제출' }));
    expect(await screen.findByText('종료일이 시작일보다 앞섭니다')).toBeTruthy();
    expect(screen.queryByTestId('offer-preview')).toBeNull();
    expect(send).toHaveBeenCalledTimes(1);
  });
});
