import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.ts';
import { useStagegate } from './support/stagegate.ts';

const sg = useStagegate();

let page: Page;

beforeAll(async () => {
  page = await sg.browser.newPage({ locale: 'en-US', timezoneId: 'America/New_York' });
});

describe('foundation journey in the browser', () => {
  it('shows the public home in Korean with both programs, their GPU pools and phase dates', async () => {
    await page.goto(sg.url);
    await page.getByRole('heading', { name: '사업 목록' }).waitFor();
    const sfm = page.getByTestId('program-specialized-fm');
    // the programs arrive after the page's heading: wait for the card to be visible
    await sfm.getByRole('heading', { name: 'AI 특화 파운데이션 모델 프로젝트' }).waitFor({ state: 'visible' });
    expect(await sfm.getByTestId('gpu-pool').innerText()).toContain('NVIDIA B200 512장');
    expect(await sfm.getByTestId('phase-phase-2').innerText()).toContain('2026년 4월 1일 – 2026년 9월 9일');
    const kai = page.getByTestId('program-k-ai');
    await kai.getByRole('heading', { name: '독자 AI 파운데이션 모델 프로젝트' }).waitFor({ state: 'visible' });
    expect(await kai.innerText()).toContain('과제 5개');
    await screenshot(page, 'home-ko');
  });

  it('shows a program page with its criteria, stage rules and call times in Korea time', async () => {
    await page.getByTestId('program-specialized-fm').getByRole('link', { name: '자세히 보기' }).click();
    await page.getByRole('heading', { name: /선정 평가 기준/ }).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('시장성 및 파급효과');
    expect(text).toContain('40점');
    expect(text).toContain('단계 목표를 달성한 팀은 다음 단계(2단계)로 계속');
    // the call closes 2025-10-13 18:00 KST; the browser is in New York and must still show KST
    expect(text).toMatch(/2025\. 10\. 13\.[^\n]*18:00/);
    expect(text).toContain('LG AI연구원');
    await screenshot(page, 'program-specialized-fm-ko');
  });

  it('switches to English completely', async () => {
    await page.locator('label', { hasText: 'English' }).click();
    await page.getByRole('heading', { name: 'Selection criteria · Total 100 pts' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('Marketability and ripple effect');
    await page.locator('label', { hasText: '한국어' }).click();
    await page.getByRole('heading', { name: /선정 평가 기준/ }).waitFor();
  });

  it('sends the English messages only to one who chooses English, and shows English from the first paint after that', async () => {
    const fresh = await sg.browser.newPage({ locale: 'en-US', timezoneId: 'America/New_York' });
    const scripts: string[] = [];
    fresh.on('request', (r) => void (r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname)));
    const english = () => scripts.filter((s) => s.includes('/english-'));
    // Korean, the default, on the home page and the next: no English messages on the wire
    await fresh.goto(sg.url);
    await fresh.getByTestId('program-specialized-fm').getByRole('heading', { name: 'AI 특화 파운데이션 모델 프로젝트' }).waitFor();
    await fresh.getByTestId('program-specialized-fm').getByRole('link', { name: '자세히 보기' }).click();
    await fresh.getByRole('heading', { name: /선정 평가 기준/ }).waitFor();
    expect(english()).toEqual([]);
    // English chosen: its messages come once, and the page switches whole
    await fresh.locator('label', { hasText: 'English' }).click();
    await fresh.getByRole('heading', { name: 'Selection criteria · Total 100 pts' }).waitFor();
    expect(english()).toHaveLength(1);
    // the home page loaded afresh in English: English at once, never a key or Korean in between
    const seen: string[] = [];
    await fresh.exposeFunction('recordHeading', (text: string) => void seen.push(text));
    await fresh.addInitScript(() => {
      new MutationObserver(() => {
        const h = document.querySelector('h1, h2');
        if (h?.textContent) (window as unknown as { recordHeading(t: string): void }).recordHeading(h.textContent);
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    await fresh.goto(sg.url);
    await fresh.getByTestId('program-specialized-fm').waitFor();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((t) => /[\uAC00-\uD7A3]|\w+\.\w+/.test(t))).toEqual([]);
    await fresh.close();
  });

  it('lets the demo operator change a phase date, previewed then saved, and shows it in the audit view', async () => {
    await page.getByRole('link', { name: '로그인' }).click();
    await page.getByLabel('이메일').fill('operator@demo.stagegate.kr');
    await page.getByLabel('비밀번호').fill('stagegate-demo');
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByTestId('signed-in-as').waitFor();

    await page.goto(`${sg.url}/programs/specialized-fm/edit`);
    const end = page.getByLabel('2단계 종료일');
    await end.waitFor();
    await end.fill('2026-09-04');
    await page.getByRole('button', { name: '변경 내용 미리보기' }).click();
    const preview = page.getByTestId('preview');
    await preview.waitFor();
    // the field in words and the day as a Korean reader writes it, never `phases.1.end` or JSON
    expect(await preview.innerText()).toContain('2단계 종료일');
    expect(await preview.innerText()).toContain('2026년 9월 4일');
    expect(await preview.innerText()).not.toContain('phases.1.end');
    await page.getByLabel('변경 사유').fill('운영사 일정 변경');
    await page.getByRole('button', { name: '저장' }).click();
    await expect(page.getByTestId('editor-message').innerText()).resolves.toContain('저장했습니다');
    await screenshot(page, 'program-editor-ko');

    await page.getByRole('link', { name: '감사 기록' }).click();
    const table = page.getByTestId('audit-table');
    await table.getByText('사업 수정').first().waitFor();
    const row = await table.locator('tbody tr').first().innerText();
    expect(row).toContain('operator@demo.stagegate.kr');
    expect(row).toContain('사업 운영자');
    expect(row).toContain('특화 FM');
    expect(row).toContain('2단계 종료일: 2026년 9월 9일 → 2026년 9월 4일');
    expect(row).not.toContain('phases.1.end');
    expect(row).toContain('운영사 일정 변경');
    await page.getByRole('button', { name: '무결성 검증' }).click();
    await page.getByText(/해시 체인 정상/).waitFor();
    await screenshot(page, 'audit-ko');
  });

  it('refuses an invalid edit with a message naming the field, and keeps the saved data', async () => {
    await page.goto(`${sg.url}/programs/specialized-fm/edit`);
    const start = page.getByLabel('1단계 종료일');
    await start.waitFor();
    await start.fill('2025-10-01');
    await page.getByRole('button', { name: '변경 내용 미리보기' }).click();
    const msg = await page.getByTestId('editor-message').innerText();
    expect(msg).not.toContain('phases.0.end'); // a Korean page names the field in words, never by its path
    expect(msg).toContain('단계 종료일(2025-10-01)이 시작일(2025-11-01)보다 빠릅니다');
    const res = await fetch(`${sg.url}/api/v1/programs/specialized-fm`);
    expect((await res.json()).definition.phases[0].end).toBe('2026-03-31');
  });

  it('shows the office its desk: what waits for it (the demo supplement) and the programs’ calendar with today marked', async () => {
    await page.getByRole('link', { name: '업무 현황' }).click();
    await page.getByRole('heading', { name: '사업 운영 현황' }).waitFor();
    const supplements = page.getByTestId('waiting-supplements');
    expect(await supplements.getByTestId('waiting-count').innerText()).toMatch(/^[1-9]\d*건$/);
    expect(await supplements.innerText()).toContain('sfm-01 · 추가 배정');
    await supplements.getByRole('link', { name: 'sfm-01 · 추가 배정' }).first().waitFor();
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Seoul' }).format(new Date());
    const [y, m, d] = today.split('-').map(Number);
    expect(await page.getByTestId('calendar-today').innerText()).toContain(`${y}년 ${m}월 ${d}일`);
    const calendar = page.getByTestId('office-calendar');
    // the demo call is open now: it sits after the today line, highlighted
    const afterToday = calendar.locator('[data-testid="calendar-today-marker"] ~ tr[data-when="now"]');
    expect(await afterToday.count()).toBeGreaterThan(0);
    expect(await calendar.innerText()).toContain('공모 접수');
    await screenshot(page, 'office-desk-ko');
  });

  it('previews whose eligibility an edit of the rules would change, naming the application and the rule, before saving', async () => {
    await page.goto(`${sg.url}/programs/specialized-fm/edit`);
    const rules = page.getByTestId('eligibility-rules');
    await rules.waitFor();
    const participants = rules.getByRole('group', { name: '참여기관이 될 수 있는 기관 유형' });
    await participants.getByLabel('대기업').uncheck();
    await page.getByRole('button', { name: '변경 내용 미리보기' }).click();
    const changes = page.getByTestId('verdict-changes');
    await changes.waitFor();
    const text = await changes.innerText();
    expect(text).toMatch(/자격 판정이 바뀌는 신청 \d+건/);
    expect(text).toContain('법률 문서 이해 특화 모델');
    expect(text).toContain('미래의료AI');
    expect(text).toContain('부적격');
    await screenshot(page, 'program-editor-verdict-changes-ko');
    // nothing was saved by the preview
    const res = await fetch(`${sg.url}/api/v1/programs/specialized-fm`);
    const rule = (await res.json()).definition.eligibility.rules.find((r: { id: string }) => r.id === 'participant-type');
    expect(rule.types).toContain('large_enterprise');
  });
});
