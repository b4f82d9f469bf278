import type { Page } from 'playwright-core';

/**
 * Fills an open application's proposal tab as an applicant types it (a marine-weather model with one
 * stage goal and GPUs for both phases) and waits until the autosave has stored it.
 */
export async function fillProposal(page: Page, title: string, summary: string): Promise<void> {
  await page.getByLabel('과제명').fill(title);
  await page.getByRole('combobox', { name: '분야', exact: true }).click();
  await page.getByRole('option', { name: '기타', exact: true }).click();
  await page.getByLabel('요약').fill(summary);
  await page.getByLabel('개발 목표').fill('1단계: 사전학습, 2단계: 예보 정확도 목표 달성');
  await page.getByRole('button', { name: '단계 목표 추가' }).click();
  await page.getByLabel('단계 목표 1 지표').fill('태풍 진로 오차');
  await page.getByLabel('단계 목표 1 목표값').fill('≤ 80 km');
  await page.getByLabel('1단계 GPU 수').fill('256');
  await page.getByLabel('2단계 GPU 수').fill('128');
  await page.getByLabel('공개 범위 (모델 가중치, 코드, 데이터 등)').fill('모델 가중치와 추론 코드');
  await page.getByRole('combobox', { name: '라이선스' }).fill('Apache-2.0');
  await page.keyboard.press('Escape');
  await page
    .getByTestId('save-status')
    .getByText(/에 저장됨 \(버전 \d+\)/)
    .waitFor();
}
