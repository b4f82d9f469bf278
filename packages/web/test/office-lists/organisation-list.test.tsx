// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../src/i18n/index.ts';
import { OrganisationListPage } from '../../src/pages/office-lists/OrganisationListPage.tsx';
import { lastQuery, renderAt, stubApi, type Calls } from './support.tsx';

afterEach(cleanup);

const LIST = '/api/v1/office/organisations';
const org = (i: number, verificationStatus: 'verified' | 'unverified', revision: number) => ({
  id: `00000000-0000-4000-8000-00000000001${i}`,
  nameKo: `가람AI ${i}`,
  nameEn: `Garam AI ${i}`,
  type: 'startup',
  registrationNo: `123-45-6789${i}`,
  verificationStatus,
  verifiedAt: verificationStatus === 'verified' ? '2026-01-02T01:00:00.000Z' : null,
  revision,
});
const page1 = [org(1, 'unverified', 3), org(2, 'verified', 1)];
const page2 = [org(3, 'unverified', 7)];

let calls: Calls;

beforeEach(async () => {
  await i18next.changeLanguage('ko');

  calls = stubApi((url, _method, body) => {
    if (url.pathname === LIST)
      return { organisations: url.searchParams.get('page') === '2' ? page2 : page1, total: 27, page: Number(url.searchParams.get('page')), pageSize: 25 };
    if (url.pathname === '/api/v1/office/organisations/verification') {
      const chosen = body!.organisations as { id: string }[];
      const items = chosen.map((c) => {
        const o = [...page1, ...page2].find((x) => x.id === c.id)!;
        return {
          id: o.id,
          nameKo: o.nameKo,
          nameEn: o.nameEn,
          before: o.verificationStatus,
          after: 'verified',
          outcome: o.verificationStatus === 'verified' ? 'unchanged' : 'change',
        };
      });
      return { status: body!.mode === 'commit' ? 'committed' : 'preview', changed: items.filter((i) => i.outcome === 'change').length, items };
    }
    throw new Error(`unexpected ${url}`);
  });
});

describe('the office’s list of organisations', () => {
  it('filters by verification from the address, searches, and keeps the choice across pages', async () => {
    const user = userEvent.setup();
    renderAt('/office/organisations?verification=unverified', <OrganisationListPage />);
    const table = await screen.findByTestId('organisations-table');
    expect(lastQuery(calls, LIST)).toMatchObject({ verification: 'unverified', page: '1' });
    expect(within(table).getByText('확인 대기')).toBeTruthy();
    expect(within(table).getAllByText('스타트업')).toHaveLength(2);
    await user.type(screen.getByTestId('list-search'), '가람');
    await user.click(screen.getByTestId('list-search-button'));
    await waitFor(() => expect(lastQuery(calls, LIST)).toMatchObject({ q: '가람', verification: 'unverified' }));
    await user.click(await screen.findByRole('checkbox', { name: '가람AI 1 선택' }));
    await user.click(screen.getByRole('button', { name: '2쪽' }));
    await user.click(await screen.findByRole('checkbox', { name: '가람AI 3 선택' }));
    expect(screen.getByRole('button', { name: '확인 처리 (2건)' })).toBeTruthy();
  });

  it('previews what each chosen organisation becomes, then verifies with a reason and the revisions seen', async () => {
    const user = userEvent.setup();
    renderAt('/office/organisations', <OrganisationListPage />);
    await screen.findByTestId('organisations-table');
    await user.click(screen.getByRole('checkbox', { name: '이 쪽의 기관 모두 선택' }));
    await user.click(screen.getByRole('button', { name: '확인 처리 (2건)' }));
    const shown = await screen.findByTestId('confirm-preview');
    expect(calls.posts[0]!.body).toMatchObject({ mode: 'preview', verified: true });
    expect(within(shown).getByTestId('verify-summary').textContent).toBe('1개 기관의 확인 상태가 바뀝니다.');
    const items = within(shown).getAllByTestId('verify-item');
    expect(items.map((i) => [i.dataset.outcome, i.textContent])).toEqual([
      ['change', '가람AI 1확인 대기확인 완료변경'],
      ['unchanged', '가람AI 2확인 완료확인 완료변경 없음'],
    ]);
    await user.click(screen.getByTestId('confirm-ack'));
    // a reason is required before the commit
    expect((screen.getByTestId('confirm-commit') as HTMLButtonElement).disabled).toBe(true);
    await user.type(screen.getByRole('textbox', { name: /사유/ }), '사업자등록증 대조');
    await user.click(screen.getByTestId('confirm-commit'));
    await waitFor(() => expect(calls.posts).toHaveLength(2));
    expect(calls.posts[1]!.body).toEqual({
      organisations: [
        { id: page1[0]!.id, expectedRevision: 3 },
        { id: page1[1]!.id, expectedRevision: 1 },
      ],
      verified: true,
      mode: 'commit',
      reason: '사업자등록증 대조',
    });
  });
});
