import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.ts';
import { useStagegate } from './support/stagegate.ts';
import { seoulInput } from './support/scenario.ts';

const sg = useStagegate();

// Issue 15 item 1: the office opens a call from the browser — no JSON — and the public sees it.
let page: Page;

// a minimal PDF (the header is what the server checks), as a ministry's announcement would be
const announcementPdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n' + ' '.repeat(4000) + '\n%%EOF\n');

beforeAll(async () => {
  page = await sg.page();
});

describe('calls from the browser', () => {
  it('the office creates a call with a briefing and an announcement, previews, commits, opens it; the public calls page shows it', async () => {
    await page.goto(`${sg.url}/sign-in`);
    await page.getByLabel('이메일').fill('operator@demo.stagegate.kr');
    await page.getByLabel('비밀번호').fill('stagegate-demo');
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByTestId('signed-in-as').waitFor();
    await page.goto(`${sg.url}/office/program-calls/specialized-fm`);
    await page.getByTestId('office-calls-table').waitFor();

    await page.getByTestId('new-call').click();
    const form = page.getByTestId('call-form');
    await form.getByLabel('공모 식별자').fill('2026-call');
    await form.getByLabel('접수번호 머리글').fill('SFMB');
    await form.getByLabel('공모 이름 (한국어)').fill('2026년 추가 공모');
    await form.getByLabel('공모 이름 (영어)').fill('2026 additional call');
    await form.getByLabel('공고문 (한국어)').fill('특화 파운데이션 모델 추가 공모를 안내합니다.');
    await form.getByLabel('공고문 (영어)').fill('The additional call for specialized foundation models.');
    await form.getByLabel('접수 시작 일시').fill(seoulInput(10));
    await form.getByLabel('접수 마감 일시').fill(seoulInput(40));
    await form.getByLabel('설명회 일시').fill(seoulInput(20));
    await form.getByLabel('설명회 장소 (한국어)').fill('서울 과학기술회관 국제회의장');
    await form.getByLabel('설명회 장소 (영어)').fill('Korea Science and Technology Center, Seoul');
    await form.locator('input[type="file"]').setInputFiles({ name: '2026 추가공모 공고문.pdf', mimeType: 'application/pdf', buffer: announcementPdf });
    await form.getByTestId('call-documents').waitFor();
    expect(await form.getByTestId('call-documents').innerText()).toContain('2026 추가공모 공고문.pdf');

    await form.getByTestId('call-preview').click();
    const preview = form.getByTestId('call-change-preview');
    await preview.waitFor();
    // the change is named in words, not by its path
    const previewText = await preview.innerText();
    expect(previewText).toContain('2026년 추가 공모');
    expect(previewText).not.toMatch(/calls\.\d/);
    expect(previewText).toContain('접수번호 머리글: SFMB');
    expect(previewText).not.toContain('"receiptPrefix"');
    await screenshot(page, 'office-calls-preview');
    await preview.getByLabel('사유').fill('2026년 추가 공모 공고');
    await preview.getByTestId('call-commit').click();

    const row = page.getByTestId('office-call-2026-call');
    await row.waitFor();
    expect(await row.getByTestId('office-call-state').innerText()).toBe('공고 전');
    expect(await row.innerText()).toContain('서울 과학기술회관 국제회의장');

    await row.getByTestId('call-open').click();
    const step = page.getByTestId('call-step-open');
    await step.getByRole('button', { name: '무엇이 바뀌는지 보기' }).click();
    await step.getByTestId('step-preview').waitFor();
    await step.getByLabel('사유').fill('설명회 일정 확정, 접수 시작');
    await step.getByRole('button', { name: '접수 시작 확정' }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="office-call-2026-call"] [data-testid="office-call-state"]')?.textContent === '접수 중',
    );
    await screenshot(page, 'office-calls-opened');

    // the public, signed out, in a fresh context
    const visitor = await sg.browser.newPage({ locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
    await visitor.goto(`${sg.url}/calls`);
    const card = visitor.getByTestId('call-specialized-fm-2026-call');
    await card.waitFor();
    expect(await card.getByTestId('call-state').innerText()).toBe('접수 중');
    expect(await card.getByTestId('call-briefing').innerText()).toContain('서울 과학기술회관 국제회의장');
    const link = card.getByTestId('call-document-link');
    const href = await link.getAttribute('href');
    const res = await visitor.request.get(`${sg.url}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.compare(await res.body(), announcementPdf)).toBe(0);
    await screenshot(visitor, 'public-call-documents');
    await visitor.close();
  });

  it('the office edits the open call: the briefing moves to another hall, previewed as before → after; the public sees it and the announcement stays', async () => {
    const row = page.getByTestId('office-call-2026-call');
    await row.getByRole('button', { name: '수정' }).click();
    const form = page.getByTestId('call-form');
    // the form starts from the call as it is
    await expect.poll(() => form.getByLabel('설명회 장소 (한국어)').inputValue()).toBe('서울 과학기술회관 국제회의장');
    await form.getByLabel('설명회 장소 (한국어)').fill('대전 정부청사 대강당');
    await form.getByLabel('설명회 장소 (영어)').fill('Government Complex Daejeon, main hall');
    await form.getByTestId('call-preview').click();
    const preview = form.getByTestId('call-change-preview');
    await preview.waitFor();
    const previewText = await preview.innerText();
    expect(previewText).toContain('서울 과학기술회관 국제회의장');
    expect(previewText).toContain('대전 정부청사 대강당');
    // nothing else changes: the name and the window are not in the preview
    expect(previewText).not.toContain('2026년 추가 공모 →');
    await preview.getByLabel('사유').fill('설명회 장소 변경');
    await preview.getByTestId('call-commit').click();
    await expect.poll(async () => page.getByTestId('office-call-2026-call').innerText()).toContain('대전 정부청사 대강당');
    expect(await page.getByTestId('office-call-2026-call').getByTestId('office-call-state').innerText()).toBe('접수 중');

    const visitor = await sg.browser.newPage({ locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
    await visitor.goto(`${sg.url}/calls`);
    const card = visitor.getByTestId('call-specialized-fm-2026-call');
    await card.waitFor();
    expect(await card.getByTestId('call-briefing').innerText()).toContain('대전 정부청사 대강당');
    expect(await card.getByTestId('call-document-link').count()).toBe(1);
    await visitor.close();
  });
});
