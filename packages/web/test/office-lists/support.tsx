import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { vi } from 'vitest';

/** What the page asked the API, in order: each GET's address and each POST's body. */
export interface Calls {
  gets: URL[];
  posts: { url: string; body: Record<string, unknown> }[];
}

/** Stubs fetch with an answer per request, recording each one. */
export function stubApi(answer: (url: URL, method: string, body: Record<string, unknown> | null) => unknown): Calls {
  const calls: Calls = { gets: [], posts: [] };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: { method?: string; body?: string } = {}) => {
      const url = new URL(path, 'http://localhost');
      const method = init.method ?? 'GET';
      const body = init.body ? (JSON.parse(init.body) as Record<string, unknown>) : null;
      if (method === 'GET') calls.gets.push(url);
      else calls.posts.push({ url: url.pathname, body: body! });
      return new Response(JSON.stringify(answer(url, method, body)), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
  return calls;
}

export const renderAt = (path: string, page: ReactNode) =>
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MantineProvider>
        <MemoryRouter initialEntries={[path]}>{page}</MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );

/** The API's query of the last list request. */
export const lastQuery = (calls: Calls, pathname: string) => Object.fromEntries(calls.gets.filter((u) => u.pathname === pathname).at(-1)!.searchParams);
