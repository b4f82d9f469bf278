import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { frontierReference } from '@stagegate/core/evaluation/benchmark';
import { screenshot } from './support/browser.ts';
import { useStagegate } from './support/stagegate.ts';
import { demoHarnessResults } from '../packages/app/src/seed/demo-evaluation.ts';
import type { BenchmarkRow } from '../packages/app/src/evaluation/catalog.ts';
import { derive, randomModel, writeModel } from '../packages/app/test/provenance/model-fixtures.ts';

const sg = useStagegate();

let page: Page;
let resultsFile: string;

beforeAll(async () => {
  // test checkpoints in the data folder's checkpoints dir, where the server may read them
  const checkpoints = join(sg.dataDir, 'data', 'checkpoints');
  await mkdir(checkpoints, { recursive: true });
  const base = randomModel(21);
  await writeModel(checkpoints, 'open-base', base);
  await writeModel(checkpoints, 'other-open', randomModel(22));
  await writeModel(checkpoints, 'team-submitted', derive(base, 23, 0.05));
  // a harness results file of a strong model, built from the catalog the server publishes
  const catalog = await (await fetch(`${sg.url}/api/v1/evaluation/catalog?program=k-ai`)).json();
  const frontier = frontierReference(catalog.referenceModels, catalog.benchmarks, '2026-01-05', 6);
  resultsFile = join(sg.dataDir, 'results_2026-01-08T10-00-00.000000.json');
  await writeFile(
    resultsFile,
    demoHarnessResults(catalog.benchmarks as BenchmarkRow[], new Map([...frontier].map(([k, v]) => [k, v.score])), {
      level: 1.08,
      seed: 31,
      model: 'team-b-70b',
    }),
  );
  page = await sg.page({ viewport: { width: 1400, height: 1000 } });
});

describe('benchmark evaluation and originality evidence in the browser', () => {
  it('lets the operator import a harness results file for a team and shows the verdict with interval bars', async () => {
    await page.goto(`${sg.url}/sign-in`);
    await page.getByLabel('이메일').fill('operator@demo.stagegate.kr');
    await page.getByLabel('비밀번호').fill('stagegate-demo');
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByTestId('signed-in-as').waitFor();

    await page.getByRole('link', { name: '벤치마크 평가' }).click();
    const table = page.getByTestId('evaluation-tasks');
    await table.waitFor();
    const row = table.locator('tbody tr', { hasText: '결과 없음' }).filter({ hasText: 'k-ai' }).first();
    const teamName = (await row.locator('a').innerText()).trim();
    await row.locator('a').click();
    await page.getByRole('heading', { name: `${teamName} 벤치마크 결과` }).waitFor();
    expect(await page.locator('main').innerText()).toContain('아직 가져온 결과가 없습니다');

    await page.getByRole('link', { name: '결과 가져오기' }).first().click();
    await page.getByRole('heading', { name: `${teamName} 결과 가져오기` }).waitFor();
    await page.locator('input[type=file]').first().setInputFiles(resultsFile);
    await page.getByRole('button', { name: '미리보기' }).first().click();
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('kmmlu_pro');
    await page.getByRole('button', { name: '저장' }).click();

    const aggregate = page.getByTestId('aggregate');
    await aggregate.waitFor();
    expect(await aggregate.getByTestId('verdict').innerText()).toBe('통과');
    expect(await aggregate.innerText()).toMatch(/95% 신뢰구간 [\d.]+% – [\d.]+%/);
    // one bar for the aggregate and one for each of the 15 benchmarks
    expect(await page.getByTestId('interval-bar').count()).toBe(16);
    expect(await page.getByTestId('benchmark-kmmlu_pro').innerText()).toContain('KMMLU-Pro');
    const refs = await page.getByTestId('references').innerText();
    expect(refs).toContain('Cirrus-Max');
    expect(await page.getByTestId('excluded-Meridian-405B').innerText()).toContain('제외: 기간 이전 공개');
    expect(await page.getByTestId('excluded-Nimbus-4').innerText()).toContain('제외: 평가일 이후 공개');
    await screenshot(page, 'evaluation-results-ko');
  });

  it('starts a provenance comparison on server checkpoints, follows it and shows the report', async () => {
    await page.getByRole('link', { name: '독자성 검증' }).click();
    await page.getByRole('heading', { name: '가중치 독자성 검증' }).waitFor();
    await page.getByLabel('후보 체크포인트 (팀 제출)', { exact: true }).first().click();
    await page.getByRole('option', { name: /team-submitted\.safetensors/ }).click();
    await page.getByLabel('참조 체크포인트', { exact: true }).first().click();
    await page.getByRole('option', { name: /open-base\.safetensors/ }).click();
    await page.getByRole('option', { name: /other-open\.safetensors/ }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '미리보기' }).click();
    await page.getByTestId('provenance-preview').waitFor();
    await page.getByRole('button', { name: '비교 시작' }).click();

    const summary = page.getByTestId('report-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.getByTestId('provenance-verdict').innerText()).toBe('공유 가능성 높음');
    expect(await page.getByTestId('job-status').getAttribute('data-status')).toBe('done');
    const frame = page.frameLocator('iframe');
    await frame.getByText('가중치 독창성 근거 보고서').first().waitFor();
    await screenshot(page, 'provenance-report-ko');

    // attach the report to a K-AI team's stage-1 originality gate
    await page.getByLabel('과제', { exact: true }).first().click();
    await page.getByRole('option').first().click();
    await page.getByLabel('단계 평가', { exact: true }).first().click();
    await page.getByRole('option', { name: /1차 단계 평가/ }).click();
    await page.getByLabel('통과 요건', { exact: true }).first().click();
    await page.getByRole('option', { name: '독자성' }).click();
    await page.getByRole('button', { name: '첨부' }).click();
    await expect(page.getByTestId('attach-message').innerText()).resolves.toBe('첨부했습니다.');
  });
});
