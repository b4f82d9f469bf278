import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.ts';
import { submitAllSheets } from './support/scenario.ts';
import { useStagegate } from './support/stagegate.ts';

const sg = useStagegate();
const CALL = '/api/v1/review/calls/specialized-fm/2025-call';
/** a session outside the browser; its answers are read loosely, as the test reads them */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const apiAs = (email: string) => sg.api(email) as Promise<(method: string, path: string, body?: unknown) => Promise<{ status: number; json: any }>>;

describe('selection review in the browser', () => {
  let operator: Page;

  it('shows the office the pool and the conflicts the rules found', async () => {
    operator = await sg.as('operator@demo.stagegate.kr');
    await operator.getByRole('link', { name: '선정 평가' }).click();
    await operator.getByRole('heading', { name: '선정 평가 운영' }).waitFor();
    await expect(operator.getByTestId('review-summary').innerText()).resolves.toContain('평가위원 6명 수락');
    await operator.getByTestId('reviewer-pool').getByText('한대학').waitFor();
    await operator.getByRole('tab', { name: '이해충돌' }).click();
    const conflicts = operator.getByTestId('conflicts-table');
    await conflicts.getByText('같은 기관').first().waitFor();
    expect(await conflicts.innerText()).toContain('한빛대학교 산학협력단');
    await screenshot(operator, 'review-conflicts-ko');
  });

  it('runs the assignment, previews the diff against the current one, and commits it', async () => {
    await operator.getByRole('tab', { name: '배정' }).click();
    await operator.getByRole('button', { name: '배정 실행' }).click();
    const preview = operator.getByTestId('run-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('완료(미반영)');
    await expect(operator.getByTestId('diff-added').innerText()).resolves.toBe('추가 18건');
    await expect(operator.getByTestId('diff-removed').innerText()).resolves.toBe('해제 0건');
    await screenshot(operator, 'review-assignment-preview-ko');
    // issue 13 item 6: a single click opens the preview and changes nothing; the dialog shows the diff; confirming commits it
    const pairsNow = async () => (await (await operator.request.get(`${sg.url}/api/v1/review/rounds/${roundIdOf}/assignment`)).json()).pairs.length;
    const roundIdOf = (await (await operator.request.get(`${sg.url}/api/v1/review/calls/specialized-fm/2025-call`)).json()).rounds[0].id;
    await operator.getByTestId('deploy-run').click();
    const dialog = operator.getByRole('dialog');
    await dialog.getByTestId('deploy-summary').waitFor();
    expect(await dialog.getByTestId('deploy-summary').innerText()).toBe('추가 18건 · 해제 0건 · 유지 0건');
    expect(await pairsNow()).toBe(0);
    await dialog.getByTestId('confirm-ack').check();
    await dialog.getByTestId('confirm-commit').click();
    await expect(operator.getByTestId('assignment-message').innerText()).resolves.toContain('배정을 반영했습니다');
    expect(await pairsNow()).toBe(18);
    await operator.getByTestId('current-assignment').getByText('미작성').first().waitFor();
  });

  it('lets a reviewer score an assigned proposal in Korean: range checked, draft, then submitted', async () => {
    for (const [i, r] of ['reviewer2', 'reviewer3', 'reviewer4', 'reviewer5', 'reviewer6'].entries())
      await submitAllSheets(sg.url, `${r}@demo.stagegate.kr`, 18 + i);
    const reviewer = await sg.as('reviewer@demo.stagegate.kr');
    await reviewer.getByRole('link', { name: '나의 평가' }).click();
    const list = reviewer.getByTestId('my-assignments');
    await list.getByRole('link', { name: '평가하기' }).first().waitFor();
    await list.getByText('서약 필요').first().waitFor();
    await list.getByRole('link', { name: '평가하기' }).first().click();
    // the round's conflict-of-interest pledge comes before its first proposal
    await reviewer.getByTestId('pledge').waitFor();
    expect(await reviewer.getByTestId('pledge-text').innerText()).toContain('이해충돌');
    await reviewer.getByLabel('위 내용을 읽었으며 이에 동의합니다').check();
    await reviewer.getByTestId('pledge-accept').click();
    await reviewer.getByTestId('blind-note').waitFor();
    await reviewer.getByTestId('review-due').waitFor();
    expect(await reviewer.getByTestId('proposal').innerText()).not.toContain('누리금융AI');
    await reviewer.getByLabel('기술력 및 개발 경험 점수 (0–30점)').fill('35');
    await reviewer.getByRole('button', { name: '임시 저장' }).click();
    await expect(reviewer.getByTestId('sheet-error').innerText()).resolves.toContain('0점 이상 30점 이하');
    await reviewer.getByLabel('기술력 및 개발 경험 점수 (0–30점)').fill('27');
    await reviewer.getByLabel('기술력 및 개발 경험 평가 의견').fill('특화 모델 개발 경험이 풍부합니다.');
    await reviewer.getByRole('button', { name: '임시 저장' }).click();
    await expect(reviewer.getByTestId('sheet-message').innerText()).resolves.toContain('임시 저장했습니다');
    await reviewer.getByLabel('개발 목표 점수 (0–30점)').fill('24');
    await reviewer.getByLabel('개발 목표 평가 의견').fill('목표가 구체적이고 실현 가능합니다.');
    await reviewer.getByLabel('시장성 및 파급효과 점수 (0–40점)').fill('34.5');
    await reviewer.getByLabel('시장성 및 파급효과 평가 의견').fill('산업 파급효과가 큽니다.');
    // the total follows the last score as the page renders it, a moment after the fill on a busy machine
    await expect.poll(() => reviewer.getByTestId('sheet-total').innerText()).toBe('합계 85.5 / 100점');
    await reviewer.getByRole('button', { name: '평가 제출' }).click();
    await expect(reviewer.getByTestId('sheet-message').innerText()).resolves.toContain('평가를 제출했습니다');
    await screenshot(reviewer, 'review-score-sheet-ko');
    await reviewer.getByRole('link', { name: '나의 평가' }).click();
    await list.getByText('제출').first().waitFor();
    await submitAllSheets(sg.url, 'reviewer@demo.stagegate.kr', 20);
  });

  it('closes the call and starts the review from the office desk, each step previewed and confirmed', async () => {
    const state = operator.getByTestId('call-state-badge');
    await expect(state.innerText()).resolves.toBe('접수 중');
    await operator.getByTestId('call-step-close').click();
    const dialog = operator.getByRole('dialog');
    await expect(dialog.getByTestId('call-step-preview').innerText()).resolves.toContain('접수 중 → 접수 마감');
    expect(await state.innerText()).toBe('접수 중'); // the click only previewed
    await dialog.getByTestId('confirm-ack').check();
    expect(await dialog.getByTestId('confirm-commit').isDisabled()).toBe(true); // the reason is still missing
    await dialog.getByLabel('사유').fill('심사 일정에 따른 접수 마감');
    await dialog.getByTestId('confirm-commit').click();
    await expect.poll(() => state.innerText()).toBe('접수 마감');
    await operator.getByTestId('call-step-start_review').click();
    await dialog.getByTestId('call-step-preview').waitFor();
    await dialog.getByTestId('confirm-ack').check();
    await dialog.getByLabel('사유').fill('선정 심사 착수');
    await dialog.getByTestId('confirm-commit').click();
    await expect.poll(() => state.innerText()).toBe('심사 중');
  });

  it('ranks the applications and records the selection within the limits, filling the two task slots', async () => {
    await operator.getByRole('tab', { name: '순위·선정' }).click();
    const table = operator.getByTestId('ranking-table');
    await table.locator('tbody tr').first().waitFor();
    await expect(operator.getByTestId('ranking-method').innerText()).resolves.toContain('최고·최저점');
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(6);
    const firstRank = await rows.nth(0).locator('td').first().innerText();
    expect(firstRank).toBe('1');
    const choose = async (row: number, outcome: string, reason: string) => {
      await rows.nth(row).locator('input[aria-label^="결정"]').click();
      await operator.getByRole('option', { name: outcome, exact: true }).click();
      await rows.nth(row).locator('input[aria-label^="사유"]').fill(reason);
    };
    // three selected is more than the program's two tasks and its 512 GPUs
    await choose(0, '선정', '종합 1위');
    await choose(1, '선정', '종합 2위');
    await choose(2, '선정', '종합 3위');
    await operator.getByRole('button', { name: '선정 결과 미리보기' }).click();
    // a refused preview says why inside the dialog and offers no way to save
    let selection = operator.getByRole('dialog', { name: '선정 결과 저장' });
    await expect(selection.getByTestId('confirm-error').innerText()).resolves.toContain('이 공모의 과제 자리(2개)를 넘습니다');
    expect(await selection.getByTestId('confirm-commit').isDisabled()).toBe(true);
    await selection.getByRole('button', { name: '취소' }).click();
    await selection.waitFor({ state: 'detached' });
    await choose(2, '예비', '예비 1순위');
    for (let i = 3; i < 6; i++) await choose(i, '미선정', '종합 점수 하위');
    // issue 13 item 6: the click only previews the decisions and the task slot each selected application fills
    await operator.getByRole('button', { name: '선정 결과 미리보기' }).click();
    selection = operator.getByRole('dialog', { name: '선정 결과 저장' });
    // the program's two slots are the office's registered tasks sfm-01 and sfm-02: no third task appears
    await expect(selection.getByTestId('selection-preview').innerText()).resolves.toContain('과제 배정: sfm-01, sfm-02 (새로 만드는 과제 0개)');
    const slots = await selection.getByTestId('selection-changes').innerText();
    expect(slots).toContain('sfm-01 과제를 맡음');
    expect(slots).toContain('sfm-02 과제를 맡음');
    expect(slots).toContain('종합 1위');
    await screenshot(operator, 'review-selection-preview-ko');
    await selection.getByTestId('confirm-ack').check();
    await selection.getByTestId('confirm-commit').click();
    await expect(operator.getByTestId('selection-message').innerText()).resolves.toContain('sfm-01, sfm-02');
    await screenshot(operator, 'review-ranking-selection-ko');
    await operator.getByTestId('call-step-publish_results').click();
    const dialog = operator.getByRole('dialog');
    await expect(dialog.getByTestId('call-step-publishes').innerText()).resolves.toBe('공개되는 결정: 선정 2건, 예비 1건, 미선정 3건');
    await dialog.getByTestId('confirm-ack').check();
    await dialog.getByLabel('사유').fill('선정평가위원회 의결에 따른 발표');
    await dialog.getByTestId('confirm-commit').click();
    await expect.poll(() => operator.getByTestId('call-state-badge').innerText()).toBe('결과 발표');
    await operator.getByTestId('review-summary').waitFor();
    const office = await apiAs('operator@demo.stagegate.kr');
    const ranking = (await office('GET', `${CALL}/ranking`)).json;
    expect(ranking.rows.filter((r: { decision: { outcome: string } | null }) => r.decision?.outcome === 'selected')).toHaveLength(2);
  });
  it("shows a conflict found after assignment and reassigns the review after a preview of the solver's replacement, with a reason", async () => {
    const office = await apiAs('operator@demo.stagegate.kr');
    const reviewerApi = await apiAs('reviewer@demo.stagegate.kr');
    const target = (await reviewerApi('GET', '/api/v1/review/me')).json.assignments.find((a: { conflicted: boolean }) => !a.conflicted).applicationId as string;
    // the office learns that the reviewer now works at the proposal's lead institution
    const lead = (await office('GET', `${CALL}/ranking`)).json.rows.find((r: { applicationId: string }) => r.applicationId === target).leadName as string;
    const me = (await office('GET', `${CALL}/reviewers`)).json.reviewers.find((p: { email: string }) => p.email === 'reviewer@demo.stagegate.kr');
    expect(
      (await office('PATCH', `/api/v1/review/reviewers/${me.id}`, { affiliations: [{ organisationName: lead, fromYear: 2026, toYear: null }] })).status,
    ).toBe(200);
    await operator.getByRole('tab', { name: '이해충돌' }).click();
    await operator.getByRole('button', { name: '이해충돌 다시 검사' }).click();
    const row = operator.getByTestId(`late-conflict-${target}`);
    await row.waitFor();
    expect(await row.innerText()).toContain('점수 집계 제외');
    const late = async () =>
      (await office('GET', `${CALL}/late-conflicts`)).json.withdrawals.find((w: { applicationId: string }) => w.applicationId === target);
    // issue 13 items 6 and 7: the click previews the solver's replacement and changes nothing
    await row.getByTestId(`reassign-${target}`).click();
    const dialog = operator.getByRole('dialog');
    await dialog.getByTestId('reassign-proposal').waitFor();
    expect(await dialog.getByTestId('reassign-proposal').innerText()).toContain('배정안이 제안한 대체 위원');
    expect(await dialog.getByTestId('reassign-assign').innerText()).toMatch(/확정하면 .+ 위원이 .+ 평가를 맡습니다/);
    expect((await late()).reassigned).toBeNull();
    await screenshot(operator, 'review-late-conflict-reassign-ko');
    await dialog.getByTestId('confirm-ack').check();
    expect(await dialog.getByTestId('confirm-commit').isDisabled()).toBe(true); // the reason is still missing
    await dialog.getByLabel('재배정 사유').fill('배정 후 소속 변경으로 인한 재배정');
    await dialog.getByTestId('confirm-commit').click();
    await expect.poll(async () => (await late()).reassigned?.reason).toBe('배정 후 소속 변경으로 인한 재배정');
    await row.getByText(/재배정됨/).waitFor();
  });
});
