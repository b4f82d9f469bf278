// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import '../src/i18n/index.ts';
import { PublishResults } from '../src/pages/final-evaluation/PublishResults.tsx';

afterEach(cleanup);

// the demo's specialized-fm final evaluation (README): sfm-01 excellent, sfm-02 not
const preview = {
  status: 'preview',
  results: [
    {
      taskId: 'a',
      taskKey: 'sfm-01',
      taskName: { ko: '가나다 의료 특화 모델', en: 'Ganada medical model' },
      score: 91.5,
      rank: 1,
      excellent: true,
      reason: null,
    },
    { taskId: 'b', taskKey: 'sfm-02', taskName: { ko: '누리 법률 특화 모델', en: 'Nuri legal model' }, score: 84, rank: 2, excellent: false, reason: null },
  ],
  recipients: [
    { taskId: 'a', taskKey: 'sfm-01', people: [{ name: '이신청', email: 'applicant@demo.stagegate.kr' }] },
    { taskId: 'b', taskKey: 'sfm-02', people: [] },
  ],
  publicBundle: true,
};

let posts: { url: string; body: { mode: string } }[];
beforeEach(() => {
  posts = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: { method: string; body?: string }) => {
      const body = JSON.parse(init.body!) as { mode: string };
      posts.push({ url, body });
      // 00:30 UTC is 09:30 in Seoul
      const answer = body.mode === 'preview' ? preview : { status: 'committed', publishedAt: '2026-09-30T00:30:00.000Z', bundleId: 'bundle-1' };
      return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
});

const show = (onDone = vi.fn()) => {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>
        <PublishResults id="fe-1" onDone={onDone} />
      </MantineProvider>
    </QueryClientProvider>,
  );
  return onDone;
};

describe('publishing a final evaluation', () => {
  it('shows what becomes public and who is mailed, publishes only on confirmation, and says when in Seoul time', async () => {
    await i18next.changeLanguage('ko');
    const user = userEvent.setup();
    const onDone = show();
    await user.click(screen.getByTestId('publish-final'));
    const results = await screen.findByTestId('publish-results');
    expect(results.textContent).toContain('가나다 의료 특화 모델');
    expect(results.textContent).toContain('91.5');
    expect(screen.getByTestId('publish-recipients-count').textContent).toBe('결과를 받는 사람: 1명 (메일과 알림함)');
    const recipients = screen.getByTestId('publish-recipients').textContent!;
    expect(recipients).toContain('이신청 <applicant@demo.stagegate.kr>');
    expect(recipients).toContain('누리 법률 특화 모델: 계정이 있는 팀원이 없습니다');
    expect(posts.map((p) => p.body.mode)).toEqual(['preview']);
    expect(posts[0]!.url).toBe('/api/v1/final-evaluations/fe-1/publish');
    // no commit without the ticked confirmation
    expect((screen.getByTestId('confirm-commit') as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByTestId('confirm-ack'));
    await user.click(screen.getByTestId('confirm-commit'));
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(posts.map((p) => p.body.mode)).toEqual(['preview', 'commit']);
    expect(onDone.mock.calls[0]![0]).toMatch(/^결과를 공개했습니다 \(2026\. ?09\. ?30\. 09:30 KST\)\.$/);
  });
});
