// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import '../src/i18n/index.ts';
import { TaskMembersView } from '../src/pages/tasks/TaskMembersPage.tsx';
import type { TaskMembers } from '../src/pages/tasks/api.ts';
import { VerdictChangesCard, type VerdictImpact } from '../src/pages/program-editor/VerdictChangesCard.tsx';

afterEach(cleanup);

const ganada = { id: 'o1', name: { ko: '가나다AI', en: 'Ganada AI' } };
// sfm-01 as GET /api/v1/tasks/:id/members answers it
const data = (over: Partial<TaskMembers> = {}): TaskMembers => ({
  task: {
    id: 't1',
    key: 'sfm-01',
    programSlug: 'specialized-fm',
    name: { ko: '데모 의료 특화 모델 컨소시엄', en: 'Demo medical domain model consortium' },
    status: 'active',
    leadOrganisationName: { ko: '한빛메디AI', en: 'Hanbit Medi AI' },
  },
  members: [
    {
      clusterUsername: 'medi01',
      userId: 'u1',
      name: '김가나',
      email: 'applicant@demo.stagegate.kr',
      role: 'lead',
      addedAt: '2025-11-01T00:00:00Z',
      organisations: [ganada],
    },
    { clusterUsername: 'medi02', userId: null, name: null, email: null, role: 'member', addedAt: '2025-11-01T00:00:00Z', organisations: [] },
  ],
  organisations: [ganada],
  organisationsFrom: 'members',
  stageEvaluations: [{ id: 'e1', name: { ko: '1차 단계 평가', en: 'Stage 1 evaluation' } }],
  canManage: true,
  invitations: [],
  ...over,
});

let calls: { url: string; method: string; body: Record<string, unknown> }[];
beforeEach(() => {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: { method: string; body: string }) => {
      const body = JSON.parse(init.body) as Record<string, unknown>;
      calls.push({ url, method: init.method, body });
      const change = {
        kind: 'remove',
        clusterUsername: 'medi02',
        name: null,
        email: null,
        roleBefore: 'member',
        roleAfter: null,
        organisations: [],
        leadsBefore: 1,
        leadsAfter: 1,
      };
      return new Response(JSON.stringify({ status: body.mode === 'commit' ? 'committed' : 'preview', change }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
});

const show = (d: TaskMembers) =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>
        <MemoryRouter>
          <TaskMembersView data={d} />
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );

describe('task people page (issue 15 item 1)', () => {
  it('shows the office each person with role, organisation and account, in Korean', async () => {
    await i18next.changeLanguage('ko');
    show(data());
    const lead = screen.getByTestId('member-medi01');
    expect(lead.textContent).toContain('김가나');
    expect(lead.textContent).toContain('책임자');
    expect(lead.textContent).toContain('가나다AI');
    expect(screen.getByTestId('member-medi02').textContent).toContain('계정 없음');
    expect(screen.getByTestId('task-organisations').textContent).toContain('이미 연결된 구성원 계정이 속한 기관');
    expect(screen.getByTestId('add-member')).toBeTruthy();
  });

  it('removes a person only after the preview, a ticked confirmation and a reason', async () => {
    await i18next.changeLanguage('ko');
    show(data());
    await userEvent.click(within(screen.getByTestId('member-medi02')).getByTestId('remove-medi02'));
    const preview = await screen.findByTestId('member-change');
    expect(preview.textContent).toContain('구성원 → 없음');
    expect(screen.getByTestId('member-change-leads').textContent).toBe('책임자 수: 1명 → 1명');
    expect(calls).toEqual([{ url: '/api/v1/tasks/t1/members/medi02', method: 'DELETE', body: { mode: 'preview' } }]);
    const commit = screen.getByTestId('confirm-commit') as HTMLButtonElement;
    expect(commit.disabled).toBe(true);
    await userEvent.click(screen.getByTestId('confirm-ack'));
    expect(commit.disabled).toBe(true);
    await userEvent.type(screen.getByLabelText(/빼는 사유/), '과제 이탈');
    expect(commit.disabled).toBe(false);
    await userEvent.click(commit);
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]).toEqual({ url: '/api/v1/tasks/t1/members/medi02', method: 'DELETE', body: { mode: 'commit', reason: '과제 이탈' } });
  });

  it('adds by e-mail with the role chosen, previewing first', async () => {
    await i18next.changeLanguage('ko');
    show(data());
    await userEvent.type(screen.getByTestId('add-member-email'), 'nuri@demo.stagegate.kr');
    await userEvent.click(screen.getByTestId('add-member-submit'));
    await screen.findByTestId('member-change');
    expect(calls[0]).toEqual({ url: '/api/v1/tasks/t1/members', method: 'POST', body: { email: 'nuri@demo.stagegate.kr', role: 'member', mode: 'preview' } });
  });

  it('shows a team member its team read-only, with the way to its stage result and appeal', async () => {
    await i18next.changeLanguage('en');
    show(data({ canManage: false, organisations: [] }));
    expect(screen.getByText(/ask the program office/)).toBeTruthy();
    expect(screen.queryByTestId('add-member')).toBeNull();
    expect(screen.queryByTestId('remove-medi02')).toBeNull();
    expect(screen.queryByTestId('role-medi01')).toBeNull();
    const link = screen.getByTestId('team-page-e1');
    expect(link.getAttribute('href')).toBe('/stage-evaluations/e1/teams/sfm-01');
    expect(link.textContent).toBe('Stage 1 evaluation: team result and appeal');
  });
});

describe('eligibility edit preview: the call of each changed verdict (issue 15 item 1)', () => {
  const impact: VerdictImpact = {
    judged: 3,
    notJudged: 0,
    changes: [
      {
        applicationId: 'a1',
        receiptNo: 'SFM-2025-0001',
        title: '법률 문서 이해 특화 모델',
        lead: { ko: '미래의료AI', en: 'Mirae Medical AI' },
        status: 'submitted',
        before: true,
        after: false,
        rules: [{ id: 'participant-type', message: { ko: '참여기관 유형이 허용되지 않습니다: 대기업', en: 'participant type not allowed: large enterprise' } }],
        overridden: false,
        call: { key: '2025-call', name: { ko: '2025년 공모', en: '2025 call' }, stateLabel: { ko: '접수 중', en: 'open' }, open: true },
      },
      {
        applicationId: 'a2',
        receiptNo: null,
        title: null,
        lead: { ko: '누리금융AI', en: 'Nuri Finance AI' },
        status: 'draft',
        before: false,
        after: true,
        rules: [{ id: 'participant-type', message: { ko: '참여기관 유형이 허용됩니다', en: 'participant types allowed' } }],
        overridden: true,
        call: { key: '2024-call', name: { ko: '2024년 공모', en: '2024 call' }, stateLabel: { ko: '결과 발표', en: 'results published' }, open: false },
      },
    ],
  };
  it('names the call and its state beside before → after and the reason, and counts those in open calls', async () => {
    await i18next.changeLanguage('ko');
    render(
      <MantineProvider>
        <VerdictChangesCard impact={impact} />
      </MantineProvider>,
    );
    const first = screen.getByTestId('verdict-change-a1');
    expect(first.textContent).toContain('2025년 공모');
    expect(first.textContent).toContain('접수 중');
    expect(first.textContent).toContain('참여기관 유형이 허용되지 않습니다');
    expect(screen.getByTestId('verdict-change-a2').textContent).toContain('결과 발표');
    expect(screen.getByTestId('verdict-changes-open').textContent).toContain('접수 중인 공모의 신청서 1건');
  });
});
