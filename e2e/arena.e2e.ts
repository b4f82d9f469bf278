import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.ts';
import { useStagegate } from './support/stagegate.ts';

const sg = useStagegate({ warm: true });

async function signedIn(email: string): Promise<Page> {
  const page = await (await sg.browser.newContext({ locale: 'ko-KR', timezoneId: 'Asia/Seoul' })).newPage();
  await page.goto(`${sg.url}/sign-in`);
  await page.getByLabel('이메일').fill(email);
  await page.getByLabel('비밀번호').fill('stagegate-demo');
  await page.getByRole('button', { name: '로그인' }).click();
  await page.getByTestId('signed-in-as').waitFor();
  return page;
}

/** Team names and keys as the office sees them; none may appear on the evaluator's screen. */
const teamNames: string[] = [];

describe('user evaluation arena in the browser', () => {
  it('the office sees the ratings table with bootstrap intervals and points', async () => {
    const page = await signedIn('operator@demo.stagegate.kr');
    await page.getByRole('link', { name: '사용자 평가' }).click();
    await page.getByTestId('arena-list').waitFor();
    await page.getByRole('link', { name: '결과 보기' }).first().click();
    const table = page.getByTestId('ratings-table');
    await table.waitFor();
    expect(await table.locator('thead').innerText()).toMatch(/순위[\s\S]*팀[\s\S]*레이팅[\s\S]*95% 신뢰구간[\s\S]*대결 수[\s\S]*점수 \(만점 25\)/);
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(5);
    for (let i = 0; i < 5; i++) {
      const cells = await rows.nth(i).locator('td').allInnerTexts();
      const [lo, hi] = cells[3]!.split('–').map((s) => Number(s.trim()));
      const rating = Number(cells[2]);
      expect(lo).toBeLessThanOrEqual(rating);
      expect(hi).toBeGreaterThanOrEqual(rating);
      expect(hi! - lo!).toBeGreaterThan(0);
      teamNames.push(cells[1]!.replace(/\s*\(.*\)\s*$/, '').trim(), /\(([^)]+)\)/.exec(cells[1]!)![1]!);
    }
    // the best team gets the full 25 points
    expect((await rows.nth(0).locator('td').allInnerTexts())[5]).toBe('25.00');
    await screenshot(page, 'arena-ratings-ko');
    await page.context().close();
  });

  it('an evaluator votes on a few blind battles in Korean and never sees who answered', async () => {
    const page = await signedIn('evaluator@demo.stagegate.kr');
    await page.getByRole('link', { name: '사용자 평가' }).click();
    await page.getByTestId('arena-list').waitFor();
    await page.getByRole('link', { name: '평가 시작' }).first().click();
    await page.getByRole('heading', { name: '블라인드 비교 평가' }).waitFor();
    const progress = page.getByTestId('vote-progress');
    await expect(progress.innerText()).resolves.toBe('0 / 30표');
    expect(teamNames).toHaveLength(10);
    const choices = ['A가 더 좋음', 'B가 더 좋음', '비슷함', '둘 다 나쁨'];
    for (let i = 0; i < 4; i++) {
      await page.getByTestId('battle-prompt').waitFor();
      expect(await page.getByTestId('answer-left').innerText()).toContain('답변 A');
      expect(await page.getByTestId('answer-right').innerText()).toContain('답변 B');
      const screen = await page.locator('main').innerText();
      for (const name of teamNames) expect(screen).not.toContain(name);
      if (i === 1) await screenshot(page, 'arena-vote-ko');
      await page.getByRole('button', { name: choices[i]! }).click();
      await page.getByTestId('vote-message').getByText('투표를 기록했습니다.').waitFor();
      await page.getByText(`${i + 1} / 30표`).waitFor();
    }
    await page.context().close();
  });

  it('the office sees the new votes counted', async () => {
    const page = await signedIn('operator@demo.stagegate.kr');
    await page.goto(`${sg.url}/arena`);
    await page.getByRole('link', { name: '결과 보기' }).first().click();
    await page.getByTestId('ratings-table').waitFor();
    // 3 panel members × 24 seeded votes + the evaluator's 4
    await page.getByText(/반영 76표/).waitFor();
    await page.context().close();
  });

  it('the public open-source page lists releases with their licence check', async () => {
    const page = await (await sg.browser.newContext({ locale: 'ko-KR' })).newPage();
    await page.goto(sg.url);
    await page.getByRole('link', { name: '오픈소스 공개' }).click();
    const table = page.getByTestId('releases');
    await table.waitFor();
    const rows = await table.locator('tbody tr').allInnerTexts();
    const apache = rows.find((r) => r.includes('Apache-2.0'))!;
    expect(apache).toContain('OSI 승인');
    expect(apache).toContain('2026년 4월 15일');
    const llama = rows.find((r) => r.includes('LicenseRef-Llama-3.1-Community'))!;
    expect(llama).toContain('OSI 미승인');
    expect(llama).toContain('Llama 커뮤니티 라이선스');
    await screenshot(page, 'open-source-ko');
    await page.context().close();
  });
});
