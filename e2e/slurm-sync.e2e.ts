import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.ts';
import { useStagegate } from './support/stagegate.ts';

// Issue 14 item 3: the operator sees what Slurm must change for today's allocations, confirms, and
// the apply job runs to the end — against an emulated cluster (STAGEGATE_SLURM_EMULATOR).
let page: Page;
let dir: string;
let cluster: string;

const sg = useStagegate({
  async env() {
    dir = await mkdtemp(join(tmpdir(), 'sg-e2e-slurm-'));
    cluster = join(dir, 'cluster.json');
    // the demo's pools are placed on cluster nacc: the emulated accounting serves it
    return { STAGEGATE_SLURM_EMULATOR: cluster, STAGEGATE_SLURM_CLUSTER: 'nacc' };
  },
  tearDown: () => rm(dir, { recursive: true, force: true }),
});

beforeAll(async () => {
  page = await sg.page();
});

describe('Slurm sync in the browser', () => {
  it('shows the operator the diff, applies it after the confirmation, and follows the job until Slurm matches', async () => {
    await page.goto(`${sg.url}/sign-in`);
    await page.getByLabel('이메일').fill('operator@demo.stagegate.kr');
    await page.getByLabel('비밀번호').fill('stagegate-demo');
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByTestId('signed-in-as').waitFor();
    await page.goto(`${sg.url}/allocations?program=specialized-fm`);

    const panel = page.getByTestId('slurm-sync');
    await panel.getByTestId('slurm-plan-diff').waitFor();
    const added = panel.getByTestId('slurm-steps-create');
    expect(await added.innerText()).toContain('sacctmgr -i add account sg-specialized-fm-sfm-01');
    expect(await panel.getByTestId('slurm-step-destructive').count()).toBe(0);
    await screenshot(page, 'slurm-sync-plan');

    await panel.getByRole('button', { name: 'Slurm에 적용' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('confirm-preview').waitFor();
    expect(await dialog.getByTestId('confirm-commit').isDisabled()).toBe(true);
    await dialog.getByTestId('confirm-ack').check();
    await dialog.getByTestId('confirm-commit').click();

    const status = panel.getByTestId('slurm-job-status');
    await page.waitForFunction(() => document.querySelector('[data-testid="slurm-job-status"]')?.textContent === '완료', undefined, { timeout: 60_000 });
    expect(await status.innerText()).toBe('완료');
    await panel.getByTestId('slurm-in-sync').waitFor();
    await screenshot(page, 'slurm-sync-applied');
    expect(await readFile(cluster, 'utf8')).toContain('sg-specialized-fm-sfm-01');
  });
});
