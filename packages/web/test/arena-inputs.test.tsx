// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import '../src/i18n/index.ts';
import { ArenaResultsPage } from '../src/pages/arena/ArenaResultsPage.tsx';

afterEach(cleanup);

const ID = '11111111-1111-4111-8111-111111111111';
const TEAM_A = '22222222-2222-4222-8222-222222222222';
const TEAM_B = '33333333-3333-4333-8333-333333333333';
const arena = {
  id: ID,
  program: 'k-ai',
  stage: 'stage-2',
  kind: 'pairwise',
  name: { ko: '2차 단계 사용자 평가', en: 'Stage 2 user evaluation' },
  status: 'setup',
  capPerEvaluator: 30,
  likertCriteria: [],
  componentKey: 'user-evaluation',
  seed: 1,
  bootstrapRounds: 200,
  fullPoints: 25,
  conversion: { kind: 'expectedScoreVsBest' },
  revision: 1,
};
// a new arena has answers from nobody yet: the teams offered are the program's tasks, not the coverage
const coverage: unknown[] = [];
const task = (id: string, key: string, programSlug: string, ko: string, targetModel: string | null) => ({
  id,
  key,
  name: { ko, en: ko },
  programSlug,
  status: 'active',
  targetModel,
  leadOrganisationName: null,
  latest: null,
});
const tasks = [
  task(TEAM_A, 'kai-01', 'k-ai', '한빛 언어모델', 'hanbit-7b'),
  task(TEAM_B, 'kai-02', 'k-ai', '누리 모델', null),
  task('44444444-4444-4444-8444-444444444444', 'sfm-01', 'specialized-fm', '다른 사업의 과제', null),
];
const lineIssues = [
  { field: 'jsonl', message: { ko: '2번째 줄: "prompt" 필드가 없거나 비어 있습니다', en: 'line 2: field "prompt" is missing or empty' } },
  { field: 'jsonl', message: { ko: '3번째 줄: JSON으로 읽을 수 없습니다 (Unexpected token)', en: 'line 3: invalid JSON (Unexpected token)' } },
];

let calls: { url: string; method: string; body: Record<string, unknown> | undefined }[];
let prompts: number;
let endpoints: unknown[];
let releaseFetch: (() => void) | null;
beforeEach(() => {
  calls = [];
  prompts = 0;
  releaseFetch = null;
  endpoints = [
    {
      id: 'e1',
      programSlug: 'k-ai',
      url: 'https://models.hanbit.example',
      label: '한빛 서버',
      allowPrivate: false,
      createdBy: 'u',
      createdAt: '2026-12-01T00:00:00Z',
    },
  ];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: { method?: string; body?: string } = {}) => {
      const method = init.method ?? 'GET';
      const body = init.body ? (JSON.parse(init.body) as Record<string, unknown>) : undefined;
      calls.push({ url, method, body });
      const json = (x: unknown, status = 200) => new Response(JSON.stringify(x), { status, headers: { 'content-type': 'application/json' } });
      const refuse = (issues: unknown[]) => json({ error: { code: 'invalid', message: 'invalid', issues } }, 422);
      if (url === `/api/v1/arenas/${ID}`) return json({ arena, prompts, coverage, evaluators: [] });
      if (url.startsWith(`/api/v1/arenas/${ID}/ratings`))
        return json({
          arena,
          results: { kind: 'pairwise', votes: { counted: 0, droppedOverCap: 0 }, bootstrap: { rounds: 200, seed: 1, unconvergedReplicates: 0 }, teams: [] },
        });
      if (url === '/api/v1/programs/k-ai/model-endpoints') return json({ endpoints });
      if (url === '/api/v1/evaluation/tasks') return json({ tasks });
      if (url === `/api/v1/arenas/${ID}/prompts`) {
        const lines = String(body!.jsonl).split('\n').filter(Boolean);
        if (lines.some((l) => !l.includes('"prompt"'))) return refuse(lineIssues);
        prompts = lines.length;
        return json({ status: 'committed', prompts });
      }
      if (url === `/api/v1/arenas/${ID}/answers`) return json({ status: 'committed', answers: String(body!.jsonl).split('\n').filter(Boolean).length });
      if (url === `/api/v1/arenas/${ID}/answers/fetch`) {
        await new Promise<void>((r) => (releaseFetch = r));
        return json({ status: 'committed', answers: 3, failures: [{ promptId: 'q4', error: 'HTTP 500 after 3 retries' }] });
      }
      return json({ error: { code: 'not_found', message: 'no' } }, 404);
    }),
  );
});

const show = () =>
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MantineProvider>
        <MemoryRouter initialEntries={[`/arena/${ID}`]}>
          <Routes>
            <Route path="/arena/:id" element={<ArenaResultsPage />} />
          </Routes>
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
/** Picks an option of one Mantine select: the page has two team selects with the same options. */
async function choose(user: ReturnType<typeof userEvent.setup>, testId: string, name: string) {
  const input = screen.getByTestId(testId);
  await user.click(input);
  await waitFor(() => expect(input.getAttribute('aria-controls')).toBeTruthy());
  const list = document.getElementById(input.getAttribute('aria-controls')!)!;
  await user.click(within(list).getByRole('option', { name, hidden: true }));
}
const fileInputs = () => [...document.querySelectorAll('input[type=file]')] as HTMLInputElement[];
const jsonl = (name: string, lines: unknown[]) => new File([lines.map((l) => JSON.stringify(l)).join('\n')], name, { type: 'application/x-ndjson' });

describe('the arena page: prompts, answers and fetched answers', () => {
  it('names each bad line of a prompts file by its number in words, never the field path, and stores a good file', async () => {
    await i18next.changeLanguage('ko');
    const user = userEvent.setup();
    show();
    await screen.findByTestId('arena-prompts-upload');
    await user.upload(fileInputs()[0]!, jsonl('prompts.jsonl', [{ id: 'a', prompt: 'x' }, { id: 'b' }]));
    await user.click(screen.getByTestId('arena-prompts-upload'));
    const refused = await screen.findByTestId('arena-prompts-refused');
    expect([...refused.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      '2번째 줄: "prompt" 필드가 없거나 비어 있습니다',
      '3번째 줄: JSON으로 읽을 수 없습니다 (Unexpected token)',
    ]);
    expect(refused.textContent).not.toContain('jsonl');
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({ jsonl: '{"id":"a","prompt":"x"}\n{"id":"b"}', fileName: 'prompts.jsonl' });

    await i18next.changeLanguage('en');
    await waitFor(() =>
      expect(screen.getByTestId('arena-prompts-refused').querySelector('li')!.textContent).toBe('line 2: field "prompt" is missing or empty'),
    );
    expect(screen.getByTestId('arena-prompts-refused').textContent).not.toContain('jsonl');
    await i18next.changeLanguage('ko');

    await user.upload(
      fileInputs()[0]!,
      jsonl('prompts.jsonl', [
        { id: 'q1', prompt: '서울의 인구는?' },
        { id: 'q2', prompt: '세금 신고 기한은?' },
      ]),
    );
    await user.click(screen.getByTestId('arena-prompts-upload'));
    expect((await screen.findByTestId('arena-prompts-stored')).textContent).toBe('질문 2개를 저장했습니다.');
    expect(screen.queryByTestId('arena-prompts-refused')).toBeNull();
  });

  it("uploads one team's answers for the team the office picked", async () => {
    await i18next.changeLanguage('ko');
    const user = userEvent.setup();
    show();
    const upload = await screen.findByTestId('arena-answers-upload');
    await user.upload(fileInputs()[1]!, jsonl('answers.jsonl', [{ id: 'q1', answer: '약 940만 명' }]));
    expect(upload.hasAttribute('disabled')).toBe(true);
    await user.click(screen.getByTestId('arena-answers-team'));
    const list = document.getElementById(screen.getByTestId('arena-answers-team').getAttribute('aria-controls')!)!;
    expect(
      within(list)
        .getAllByRole('option', { hidden: true })
        .map((o) => o.textContent),
    ).toEqual(['한빛 언어모델', '누리 모델']);
    await user.click(screen.getByTestId('arena-answers-team'));
    await choose(user, 'arena-answers-team', '누리 모델');
    await user.click(upload);
    expect((await screen.findByTestId('arena-answers-stored')).textContent).toBe('답변 1개를 저장했습니다 (누리 모델).');
    expect(calls.find((c) => c.url.endsWith('/answers'))!.body).toEqual({
      taskId: TEAM_B,
      jsonl: '{"id":"q1","answer":"약 940만 명"}',
      fileName: 'answers.jsonl',
    });
  });

  it('fetches a team’s answers from a registered endpoint, shows the wait, then what was stored and which prompts got none', async () => {
    await i18next.changeLanguage('ko');
    prompts = 4;
    const user = userEvent.setup();
    show();
    const start = await screen.findByTestId('arena-fetch-start');
    expect(start.hasAttribute('disabled')).toBe(true);
    await choose(user, 'arena-fetch-team', '한빛 언어모델');
    await choose(user, 'arena-fetch-endpoint', '한빛 서버 (https://models.hanbit.example)');
    // the model the team registered for its task is offered as the model name
    expect((screen.getByTestId('arena-fetch-model') as HTMLInputElement).value).toBe('hanbit-7b');
    await user.type(screen.getByTestId('arena-fetch-key'), 'sk-team');
    await user.click(start);
    expect((await screen.findByTestId('arena-fetch-running')).textContent).toBe('질문 4개의 답변을 받아 오는 중입니다. 모두 받으면 결과를 보여 드립니다.');
    expect(calls.find((c) => c.url.endsWith('/answers/fetch'))!.body).toEqual({
      taskId: TEAM_A,
      baseUrl: 'https://models.hanbit.example',
      model: 'hanbit-7b',
      apiKey: 'sk-team',
      maxTokens: 1024,
    });
    await waitFor(() => expect(releaseFetch).not.toBeNull());
    releaseFetch!();
    const done = await screen.findByTestId('arena-fetch-done');
    expect(done.textContent).toBe('답변 3개를 저장했습니다 (한빛 언어모델).질문 1개는 답변을 받지 못했습니다: q4');
    expect(done.textContent).not.toContain('HTTP 500');
    expect(screen.queryByTestId('arena-fetch-running')).toBeNull();
    expect((screen.getByTestId('arena-fetch-key') as HTMLInputElement).value).toBe('');
  });

  it('sends the office to register an endpoint first when the program has none', async () => {
    await i18next.changeLanguage('ko');
    endpoints = [];
    show();
    expect((await screen.findByTestId('arena-fetch-no-endpoints')).textContent).toBe(
      '이 사업에 등록된 모델 엔드포인트가 없습니다. 아레나 만들기 화면에서 먼저 등록하세요.',
    );
    expect(screen.queryByTestId('arena-fetch-start')).toBeNull();
  });
});
