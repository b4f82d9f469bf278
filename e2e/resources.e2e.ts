import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.ts';
import { useStagegate } from './support/stagegate.ts';

const sg = useStagegate();

// Issue 5, resources: the demo cluster, its B200×8 partition with both programs' pools on it, and
// a pool that does not fit refused with the partition field named — in Korean, as the operator.
let page: Page;

beforeAll(async () => {
  page = await sg.page();
});

describe('cluster resources in the browser', () => {
  it('shows the demo cluster: partition b200 of 384 B200×8 nodes with specialized-fm (64) and K-AI (320)', async () => {
    await page.goto(`${sg.url}/sign-in`);
    await page.getByLabel('이메일').fill('operator@demo.stagegate.kr');
    await page.getByLabel('비밀번호').fill('stagegate-demo');
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByTestId('signed-in-as').waitFor();
    await page.getByRole('link', { name: '클러스터 자원' }).click();
    await page.getByRole('heading', { name: '클러스터 자원' }).waitFor();

    const cluster = page.getByTestId('cluster-nacc-demo');
    await cluster.waitFor();
    expect(await cluster.getByRole('heading', { level: 3 }).innerText()).toBe('국가 AI 컴퓨팅 센터 (demo)');
    const b200 = cluster.getByTestId('partition-b200');
    expect(await b200.getByTestId('partition-node-type').innerText()).toBe('NVIDIA B200 × 8');
    expect(await b200.getByTestId('partition-nodes').innerText()).toBe('384');
    expect(await b200.getByTestId('partition-usage').innerText()).toBe('384 / 384대');
    expect(await b200.getByTestId('partition-pool-specialized-fm').innerText()).toMatch(/64대 \(512장\)/);
    expect(await b200.getByTestId('partition-pool-k-ai').innerText()).toMatch(/320대 \(2,560장\)/);
    expect(await page.getByTestId('pool-specialized-fm-b200-pool').innerText()).toContain('국가 AI 컴퓨팅 센터 (demo) / b200');
    await screenshot(page, 'resources-demo-cluster-ko');
  });

  it('adds a 32-node partition after a preview', async () => {
    await page.getByTestId('cluster-nacc-demo').getByRole('button', { name: '파티션 추가' }).click();
    const editor = page.getByTestId('partition-editor');
    await editor.waitFor();
    await editor.getByRole('textbox', { name: '파티션' }).fill('b200-small');
    await editor.getByLabel('노드 목록(예: b200-[001-064])').fill('b200-[385-416]');
    await editor.getByLabel('노드 수').fill('32');
    await editor.getByRole('button', { name: '미리 보기' }).click();
    await editor.getByTestId('resource-preview').waitFor();
    expect(await editor.getByTestId('preview-partition-b200-small').innerText()).toContain('0 / 32대');
    await editor.getByRole('button', { name: '저장' }).click();
    expect(await editor.getByTestId('resource-message').innerText()).toBe('저장했습니다.');
    await editor.getByRole('button', { name: '닫기' }).click();
    expect(await page.getByTestId('partition-b200-small').getByTestId('partition-usage').innerText()).toBe('0 / 32대');
  });

  it('refuses to put specialized-fm (64 nodes) on the 32-node partition, naming the partition field', async () => {
    await page.getByTestId('pool-specialized-fm-b200-pool').getByRole('button', { name: '배치 변경' }).click();
    const editor = page.getByTestId('binding-editor');
    await editor.waitFor();
    await editor.getByRole('combobox', { name: '파티션', exact: true }).click();
    await page.getByRole('option', { name: /b200-small/ }).click();
    await editor.getByRole('button', { name: '미리 보기' }).click();
    const error = editor.getByTestId('resource-error');
    await error.waitFor();
    const text = await error.innerText();
    expect(text).toContain('파티션: 파티션 nacc-demo/b200-small에 묶인 풀 specialized-fm/b200-pool(GPU 512장 = 노드 64대)');
    expect(text).toContain('노드 32대 초과');
    // the same message sits under the partition field, and saving stays disabled
    expect(await editor.getByText(/노드 32대 × 8장 = GPU 256장뿐입니다/).count()).toBeGreaterThanOrEqual(2);
    expect(await editor.getByRole('button', { name: '저장' }).isDisabled()).toBe(true);
    await screenshot(page, 'resources-binding-refused-ko');
    await editor.getByRole('button', { name: '닫기' }).click();
    expect(await page.getByTestId('partition-b200').getByTestId('partition-usage').innerText()).toBe('384 / 384대');
  });
});
