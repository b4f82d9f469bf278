import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.ts';
import { useStagegate } from './support/stagegate.ts';
import { syntheticSacct } from '../packages/app/src/adapters/sacct/synthetic-sacct.ts';

const sg = useStagegate();

// Issue 5, "done when": the pool timeline, an approved supplement, and a task's usage chart after
// a sacct import — in Korean, as the demo operator.
let page: Page;

beforeAll(async () => {
  page = await sg.page();
});

const sfm01 = syntheticSacct(
  [{ account: 'sg-specialized-fm-sfm-01', users: ['medi01', 'medi02'], gpus: 256, utilisation: 0.9 }],
  '2026-06-01',
  '2026-09-09',
  55,
);
const importedHours = sfm01.jobs.reduce((s, j) => s + 8 * j.time.elapsed, 0) / 3600;
const hours = (h: number) => h.toLocaleString('ko-KR', { maximumFractionDigits: 1 });
let usedBefore = 0;
let usedAfter = 0;
let taskId = '';

describe('GPU allocation in the browser', () => {
  it('imports a generated sacct file for phase 2 through the API as the operator', async () => {
    await page.goto(`${sg.url}/sign-in`);
    await page.getByLabel('이메일').fill('operator@demo.stagegate.kr');
    await page.getByLabel('비밀번호').fill('stagegate-demo');
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByTestId('signed-in-as').waitFor();

    const overview = await (await page.request.get(`${sg.url}/api/v1/programs/specialized-fm/allocations`)).json();
    taskId = overview.tasks.find((t: { key: string }) => t.key === 'sfm-01').id;
    // what the demo holds before June: the import below replaces every row from 1 June on
    usedBefore = (await (await page.request.get(`${sg.url}/api/v1/tasks/${taskId}/usage?phase=phase-2&asOf=2026-06-01T00:00:00%2B09:00`)).json()).usedGpuHours;
    const res = await page.request.post(`${sg.url}/api/v1/usage/imports`, {
      headers: { origin: sg.url },
      data: { sacct: sfm01, start: '2026-06-01', end: '2026-09-10' },
    });
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ firstDay: '2026-06-01', lastDay: '2026-09-09', unmappedAccounts: [] });
    usedAfter = (await (await page.request.get(`${sg.url}/api/v1/tasks/${taskId}/usage?phase=phase-2`)).json()).usedGpuHours;
    // both figures are rounded to 0.1 GPU-hour
    expect(Math.abs(usedAfter - (usedBefore + importedHours))).toBeLessThanOrEqual(0.1);
  });

  it('shows the specialized-fm pool over phase 2: full until the reclaim, then 64 GPUs free', async () => {
    await page.getByRole('link', { name: 'GPU 배정' }).click();
    await page.getByRole('heading', { name: 'GPU 배정 및 사용량' }).waitFor();
    await page.goto(`${sg.url}/allocations?program=specialized-fm&phase=phase-2`);
    const timeline = page.getByTestId('pool-timeline-b200-pool');
    await timeline.waitFor();
    expect(await timeline.innerText()).toContain('B200 공용 풀 · NVIDIA B200 512장 (노드 64대 × 8장)');
    await timeline.locator('.recharts-area').first().waitFor();
    const steps = page.getByTestId('occupancy-steps').locator('tbody tr');
    expect(await steps.count()).toBe(2);
    expect(await steps.nth(0).innerText()).toMatch(/2026년 4월 1일 – 2026년 5월 31일\s+256\s+256\s+512 \/ 512/);
    expect(await steps.nth(1).innerText()).toMatch(/2026년 6월 1일 – 2026년 9월 9일\s+256\s+192\s+448 \/ 512/);
    expect(await page.getByTestId('change-request-reclaim-sfm-02').innerText()).toContain('승인');
    await screenshot(page, 'allocations-timeline-ko');
  });

  it('approves the pending supplement for sfm-01 after a preview, and the timeline shows it', async () => {
    const row = page.getByTestId('change-request-supplement-sfm-01');
    expect(await row.innerText()).toContain('GPU 64장 추가 (2026-06-15부터)');
    expect(await row.innerText()).toContain('대기');
    // issue 13 item 6: a single click only previews; the dialog shows the change and that it reaches back before today
    await row.getByTestId('approve-request').click();
    const dialog = page.getByRole('dialog');
    const preview = dialog.getByTestId('allocation-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('2026-06-15 – 2026-09-09 · 320 GPU');
    expect(await dialog.getByTestId('approve-retroactive').innerText()).toContain('소급 적용: 2026-06-15부터');
    expect(await row.innerText()).toContain('대기');
    const apiRow = async () =>
      (await (await page.request.get(`${sg.url}/api/v1/programs/specialized-fm/change-requests`)).json()).requests.find(
        (r: { kind: string; taskKey: string }) => r.kind === 'supplement' && r.taskKey === 'sfm-01',
      );
    expect((await apiRow()).status).toBe('pending');
    const commit = dialog.getByTestId('confirm-commit');
    expect(await commit.isDisabled()).toBe(true);
    await dialog.getByLabel('승인 사유').fill('회수분 재배정 승인: 6월 운영위원회 결정');
    expect(await commit.isDisabled()).toBe(true); // not yet confirmed explicitly
    await dialog.getByTestId('confirm-ack').check();
    await commit.click();
    // once decided, the row shows who approved it and why instead of the buttons
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain('operator@demo.stagegate.kr (operator) · 회수분 재배정 승인: 6월 운영위원회 결정');
    expect((await apiRow()).status).toBe('approved');
    expect(await row.getByTestId('approve-request').count()).toBe(0);

    const steps = page.getByTestId('occupancy-steps').locator('tbody tr');
    await expect.poll(() => steps.count(), { timeout: 15_000 }).toBe(3);
    expect(await steps.nth(2).innerText()).toMatch(/2026년 6월 15일 – 2026년 9월 9일\s+320\s+192\s+512 \/ 512/);
    await screenshot(page, 'allocations-supplement-approved-ko');
  });

  it("shows sfm-01's usage chart: used vs entitled with the imported hours", async () => {
    await page
      .getByTestId('usage-table')
      .getByRole('row', { name: /sfm-01/ })
      .getByRole('link', { name: '사용 차트' })
      .click();
    await page.getByRole('heading', { name: 'sfm-01 사용 차트' }).waitFor();
    const chart = page.getByTestId('task-usage-chart');
    await chart.locator('.recharts-line').first().waitFor();
    expect(await chart.locator('.recharts-line').count()).toBeGreaterThanOrEqual(2);
    expect(await chart.innerText()).toContain('누적 사용');
    expect(await page.getByTestId('usage-used').innerText()).toContain(`${hours(usedAfter)} GPU시간`);
    // entitlement: 256 GPUs × 75 days (1 Apr – 14 Jun) + 320 × 87 days (15 Jun – 9 Sep), the approved supplement included
    expect(await page.getByTestId('usage-entitled').innerText()).toContain(`${hours((256 * 75 + 320 * 87) * 24)} GPU시간`);
    expect(await page.getByTestId('usage-forecast').innerText()).toMatch(/정상|저사용|초과/);
    await screenshot(page, 'allocations-task-usage-ko');
  });

  it('runs the under-use policy only after the dialog shows who would lose GPUs from when, with a reason', async () => {
    await page.goto(`${sg.url}/allocations?program=specialized-fm&phase=phase-2`);
    const requests = async () => (await (await page.request.get(`${sg.url}/api/v1/programs/specialized-fm/change-requests`)).json()).requests.length;
    const before = await requests();
    // issue 13 item 6: the click only previews; nothing is filed until the confirmation
    await page.getByTestId('under-use-run').click();
    const dialog = page.getByRole('dialog', { name: '저사용 정책 실행: 회수 요청 올리기' });
    const preview = dialog.getByTestId('confirm-preview');
    await preview.waitFor();
    const table = dialog.getByTestId('under-use-preview');
    const proposed = (await table.count()) ? await table.locator('tbody tr').filter({ hasText: /부터/ }).count() : 0;
    if (proposed) expect(await table.innerText()).toMatch(/GPU \d+장|GPU분/);
    else expect(await dialog.getByTestId('under-use-nothing').innerText()).toContain('회수 기준에 걸린 과제가 없습니다');
    expect(await requests()).toBe(before);
    await screenshot(page, 'allocations-under-use-preview-ko');
    const commit = dialog.getByTestId('confirm-commit');
    await dialog.getByTestId('confirm-ack').check();
    expect(await commit.isDisabled()).toBe(true); // the reason is still missing
    await dialog.getByLabel('회수 요청 사유').fill('분기 사용률 점검');
    await commit.click();
    await page.getByTestId('under-use-filed').waitFor();
    expect(await page.getByTestId('under-use-filed').innerText()).toContain(`회수 요청 ${proposed}건`);
    expect(await requests()).toBe(before + proposed);
  });

  it('blocks a task only after the dialog shows the GPUs it holds and the Slurm change, with a reason (no window.prompt)', async () => {
    await page.goto(`${sg.url}/allocations?program=specialized-fm&phase=phase-2`);
    const row = page.getByTestId('entitlement-sfm-02');
    await row.waitFor();
    const status = async () =>
      (await (await page.request.get(`${sg.url}/api/v1/programs/specialized-fm/allocations`)).json()).tasks.find((t: { key: string }) => t.key === 'sfm-02')
        .status;
    let prompted = false;
    page.on('dialog', (d) => {
      prompted = true;
      void d.dismiss();
    });
    // a single click changes nothing: it opens the preview
    await row.getByTestId('block-sfm-02').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('block-slurm-plan').waitFor();
    expect(await status()).toBe('active');
    expect(prompted).toBe(false);
    expect(await dialog.getByTestId('block-gpus').innerText()).toMatch(/오늘 보유 GPU \d+장/);
    expect(await dialog.getByTestId('block-slurm-plan').innerText()).toContain('sg-specialized-fm-sfm-02');
    await screenshot(page, 'allocations-block-preview-ko');
    const commit = dialog.getByTestId('confirm-commit');
    await dialog.getByTestId('confirm-ack').check();
    expect(await commit.isDisabled()).toBe(true); // the reason is still missing
    await dialog.getByLabel('차단 사유').fill('목적 외 사용 조사');
    await commit.click();
    await expect.poll(status, { timeout: 15_000 }).toBe('blocked');
    await expect.poll(() => row.getByTestId('block-sfm-02').innerText(), { timeout: 15_000 }).toBe('차단 해제');
  });
});
