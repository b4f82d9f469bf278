// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import '../src/i18n/index.ts';
import { RegisterModelEndpoint } from '../src/pages/evaluation-setup/RegisterModelEndpoint.tsx';

afterEach(cleanup);

let calls: { url: string; method: string; body: Record<string, unknown> }[];
let refuse: boolean;
beforeEach(() => {
  calls = [];
  refuse = false;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: { method?: string; body?: string } = {}) => {
      const body = init.body ? (JSON.parse(init.body) as Record<string, unknown>) : {};
      calls.push({ url, method: init.method ?? 'GET', body });
      const json = (x: unknown, status = 200) => new Response(JSON.stringify(x), { status, headers: { 'content-type': 'application/json' } });
      if (url === '/api/v1/programs/k-ai/model-endpoints' && init.method === 'POST') {
        if (refuse)
          return json(
            {
              error: {
                code: 'invalid',
                message: 'invalid',
                issues: [{ field: 'url', message: { ko: '이미 등록된 엔드포인트입니다', en: 'this endpoint is already registered' } }],
              },
            },
            422,
          );
        const endpoint = { programSlug: 'k-ai', url: 'https://models.team.example', label: body.label, allowPrivate: body.allowPrivate };
        return body.mode === 'preview' ? json({ status: 'preview', endpoint }) : json({ status: 'committed', endpoint: { ...endpoint, id: 'e1' } }, 201);
      }
      return json({ error: { code: 'not_found', message: 'no' } }, 404);
    }),
  );
});

const show = () =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>
        <RegisterModelEndpoint slug="k-ai" />
      </MantineProvider>
    </QueryClientProvider>,
  );

describe('RegisterModelEndpoint', () => {
  it('previews the address as the server will store it and registers only after the confirmation', async () => {
    await i18next.changeLanguage('ko');
    const user = userEvent.setup();
    show();
    const start = screen.getByTestId('endpoint-register-start');
    expect(start.hasAttribute('disabled')).toBe(true);
    await user.type(screen.getByTestId('endpoint-label'), '팀 A 모델');
    await user.type(screen.getByTestId('endpoint-url'), 'https://models.team.example/v1/');
    await user.click(start);
    const preview = await screen.findByTestId('endpoint-preview');
    expect(preview.textContent).toBe('이름: 팀 A 모델저장할 주소: https://models.team.example공개 주소로만 요청을 보냅니다.');
    expect(calls).toEqual([
      {
        url: '/api/v1/programs/k-ai/model-endpoints',
        method: 'POST',
        body: { label: '팀 A 모델', url: 'https://models.team.example/v1/', allowPrivate: false, mode: 'preview' },
      },
    ]);
    const confirm = screen.getByRole('button', { name: '엔드포인트 등록' });
    expect(confirm.hasAttribute('disabled')).toBe(true);
    await user.click(screen.getByTestId('confirm-ack'));
    await user.click(confirm);
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.body).toEqual({ label: '팀 A 모델', url: 'https://models.team.example/v1/', allowPrivate: false, mode: 'commit' });
    await waitFor(() => expect((screen.getByTestId('endpoint-url') as HTMLInputElement).value).toBe(''));
  });

  it('says in words why the server refused, beside the address and in the dialog, and commits nothing', async () => {
    await i18next.changeLanguage('ko');
    refuse = true;
    const user = userEvent.setup();
    show();
    await user.type(screen.getByTestId('endpoint-label'), '내부 서버');
    await user.type(screen.getByTestId('endpoint-url'), 'http://10.0.0.5:8000');
    await user.click(screen.getByTestId('endpoint-allow-private'));
    await user.click(screen.getByTestId('endpoint-register-start'));
    expect((await screen.findByTestId('confirm-error')).textContent).toBe('이미 등록된 엔드포인트입니다');
    expect(screen.getAllByText('이미 등록된 엔드포인트입니다')).toHaveLength(2);
    expect(screen.queryByTestId('endpoint-preview')).toBeNull();
    expect(calls.map((c) => c.body)).toEqual([{ label: '내부 서버', url: 'http://10.0.0.5:8000', allowPrivate: true, mode: 'preview' }]);
  });
});
