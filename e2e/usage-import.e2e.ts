import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.ts';

import { useStagegate } from './support/stagegate.ts';
import { syntheticSacct } from '../packages/app/src/adapters/sacct/synthetic-sacct.ts';

const sg = useStagegate();

// Issue 15 item 1: the office imports usage from the browser — a sacct --json file, previewed by a
// job, confirmed with a reason, stored by a second job — and the task's usage shows it.
let page: Page;

const august = syntheticSacct([{ account: 'sg-specialized-fm-sfm-01', users: ['medi01'], gpus: 128, utilisation: 0.75 }], '2026-08-01', '2026-08-31', 8);
const fileHours = august.jobs.reduce((s, j) => s + 8 * j.time.elapsed, 0) / 3600;
const usage = async (taskId: string, asOf: string) =>
  (await (await page.request.get(`${sg.url}/api/v1/tasks/${taskId}/usage?phase=phase-2&asOf=${encodeURIComponent(asOf)}`)).json()).usedGpuHours as number;

beforeAll(async () => {
  page = await sg.as('operator@demo.stagegate.kr');
}, 180_000);

describe('usage import in the browser', () => {
  it('previews August from a file, task by task, and stores it only after the confirmation', async () => {
    const overview = await (await page.request.get(`${sg.url}/api/v1/programs/specialized-fm/allocations`)).json();
    const taskId = overview.tasks.find((t: { key: string }) => t.key === 'sfm-01').id;
    const throughJuly = await usage(taskId, '2026-08-01T00:00:00+09:00');
    const throughAugust = await usage(taskId, '2026-09-01T00:00:00+09:00');

    await page.goto(`${sg.url}/allocations?program=specialized-fm&phase=phase-2`);
    const panel = page.getByTestId('usage-import');
    await panel.waitFor();
    await panel.locator('input[type=file]').setInputFiles({ name: 'august.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(august)) });
    await panel.getByTestId('usage-import-first').fill('2026-08-01');
    await panel.getByTestId('usage-import-last').fill('2026-08-31');
    await panel.getByTestId('usage-import-preview-start').click();
    const preview = panel.getByTestId('usage-import-preview');
    await preview.waitFor({ timeout: 60_000 });
    expect(await preview.innerText()).toContain('2026년 8월 1일부터 2026년 8월 31일까지');
    const row = await panel.getByTestId('usage-change-sfm-01').innerText();
    const [, now, after] = row.split('\t').map((s) => Number(s.replace(/[^0-9.]/g, '')));
    expect(now).toBeCloseTo(throughAugust - throughJuly, 0);
    expect(after).toBeCloseTo(fileHours, 0);
    // the preview stored nothing
    expect(await usage(taskId, '2026-09-01T00:00:00+09:00')).toBeCloseTo(throughAugust, 1);

    await panel.getByTestId('usage-import-commit').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('usage-import-preview').waitFor();
    await dialog.getByLabel('가져오는 사유').fill('8월 sacct 재집계');
    await dialog.getByTestId('confirm-ack').check();
    await dialog.getByTestId('confirm-commit').click();
    await panel.getByTestId('usage-import-done').waitFor({ timeout: 60_000 });
    expect(await usage(taskId, '2026-09-01T00:00:00+09:00')).toBeCloseTo(throughJuly + fileHours, 0);
    await screenshot(page, 'usage-import-ko');
  });
});
