import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.ts';
import type { apiAs } from './support/people.ts';
import { registerOrganisations } from './support/scenario.ts';
import { useStagegate } from './support/stagegate.ts';

// Issue 15 item 6: the office's lists in the browser — search, pages, the Excel export and
// verification in bulk with its preview — signed in as the demo operator.
let page: Page;
let operator: Awaited<ReturnType<typeof apiAs>>;
const BULK = ['일괄확인 가온AI', '일괄확인 나래AI', '일괄확인 다솜AI'];

const sg = useStagegate({
  async setUp(run) {
    operator = await run.api('operator@demo.stagegate.kr');
    // three organisations an applicant registers, waiting for the office to verify them
    await registerOrganisations(run.url, 'nuri@demo.stagegate.kr', BULK);
    page = await run.as('operator@demo.stagegate.kr');
  },
});

const rowsOf = (testId: string) => page.getByTestId(testId).allInnerTexts();

describe('the office’s lists in the browser', () => {
  it('reaches the lists from the office home', async () => {
    await page.goto(`${sg.url}/office`);
    await page.getByTestId('office-list-links').getByRole('link', { name: '신청서 목록' }).click();
    await page.getByTestId('applications-table').waitFor();
    expect(new URL(page.url()).pathname).toBe('/office/applications');
  });

  it('applications: pages through every program’s applications, searches by receipt number, and exports what it shows as a real .xlsx', async () => {
    const all = await operator<{ total: number; applications: { receiptNo: string | null; title: string }[] }>(
      'GET',
      '/api/v1/office/applications?pageSize=100',
    );
    expect(all.json.total).toBeGreaterThan(10);
    await page.goto(`${sg.url}/office/applications?pageSize=10`);
    await page.getByTestId('applications-table').waitFor();
    expect(await page.getByTestId('pager-range').innerText()).toBe(`전체 ${all.json.total}건 중 1–10`);
    const first = await rowsOf('application-row');
    expect(first).toHaveLength(10);
    await page.getByRole('button', { name: '2쪽' }).click();
    await page.getByTestId('pager-range').getByText(`전체 ${all.json.total}건 중 11–`).waitFor();
    const second = await rowsOf('application-row');
    expect(second.some((r) => first.includes(r))).toBe(false);
    // statuses in Korean words
    expect(second.join('\n')).not.toMatch(/\b(draft|submitted|withdrawn)\b/);
    await screenshot(page, 'office-lists-applications-page-2');

    const wanted = all.json.applications.find((a) => a.receiptNo)!;
    await page.getByTestId('list-search').fill(wanted.receiptNo!);
    await page.getByTestId('list-search').press('Enter');
    await page.getByTestId('pager-range').getByText('전체 1건 중 1–1').waitFor();
    expect(await rowsOf('application-row')).toEqual([expect.stringContaining(wanted.title)]);

    // the export holds what the filters match: here every application
    await page.goto(`${sg.url}/office/applications`);
    await page.getByTestId('applications-table').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toBe('applications.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).filter(Boolean).map(String);
    expect(header).toContain('접수번호');
    expect(sheet.actualRowCount - 1).toBe(all.json.total);
    const receipts = sheet.getColumn(header.indexOf('접수번호') + 1).values.map(String);
    expect(receipts).toContain(wanted.receiptNo);
  });

  it('applications: reminds a draft’s applicants that the call closes, after showing who gets it', async () => {
    await page.goto(`${sg.url}/office/applications?status=draft&program=specialized-fm`);
    await page.getByTestId('applications-table').waitFor();
    await page.getByRole('checkbox', { name: '의료 영상 판독 특화 모델 선택' }).check();
    await page.getByRole('button', { name: '마감 안내 보내기 (1건)' }).click();
    const preview = page.getByTestId('confirm-preview');
    await preview.waitFor();
    expect(await preview.getByTestId('remind-item').innerText()).toContain('applicant@demo.stagegate.kr');
    expect(await preview.getByTestId('remind-item').innerText()).toMatch(/KST/);
    await screenshot(page, 'office-lists-reminder-preview');
    await page.getByTestId('confirm-ack').check();
    await page.getByTestId('confirm-commit').click();
    await preview.waitFor({ state: 'detached' });
    const applicant = await sg.api('applicant@demo.stagegate.kr');
    const inbox = await applicant<{ notifications: { kind: string; title: { ko: string } }[] }>('GET', '/api/v1/me/notifications');
    expect(inbox.json.notifications.filter((n) => n.kind === 'reminder-call-closing')).toHaveLength(1);
  });

  it('organisations: searches, pages, and verifies three in bulk after a preview of what changes', async () => {
    await page.goto(`${sg.url}/office/organisations?verification=unverified&pageSize=2`);
    await page.getByTestId('list-search').fill('일괄확인');
    await page.getByTestId('list-search-button').click();
    await page.getByTestId('pager-range').getByText('전체 3건 중 1–2').waitFor();
    await page.getByRole('checkbox', { name: '이 쪽의 기관 모두 선택' }).check();
    await page.getByRole('button', { name: '2쪽' }).click();
    await page.getByTestId('pager-range').getByText('전체 3건 중 3–3').waitFor();
    await page.getByRole('checkbox', { name: '이 쪽의 기관 모두 선택' }).check();

    await page.getByRole('button', { name: '확인 처리 (3건)' }).click();
    const preview = page.getByTestId('confirm-preview');
    await preview.waitFor();
    expect(await preview.getByTestId('verify-summary').innerText()).toBe('3개 기관의 확인 상태가 바뀝니다.');
    const items = await preview.getByTestId('verify-item').allInnerTexts();
    expect(items.map((i) => i.replace(/\s+/g, ' ').trim()).sort()).toEqual(BULK.map((n) => `${n} 확인 대기 확인 완료 변경`).sort());
    // nothing changed yet
    const before = await operator<{ total: number }>('GET', `/api/v1/office/organisations?verification=unverified&q=${encodeURIComponent('일괄확인')}`);
    expect(before.json.total).toBe(3);
    await screenshot(page, 'office-lists-bulk-verify-preview');
    await page.getByRole('textbox', { name: /사유/ }).fill('사업자등록증 원본 대조 (일괄)');
    await page.getByTestId('confirm-ack').check();
    await page.getByTestId('confirm-commit').click();
    await page.getByTestId('confirm-preview').waitFor({ state: 'detached' });
    await page.getByText('조건에 맞는 항목이 없습니다.').waitFor();
    const after = await operator<{ organisations: { nameKo: string; verificationStatus: string }[] }>(
      'GET',
      `/api/v1/office/organisations?q=${encodeURIComponent('일괄확인')}`,
    );
    expect(after.json.organisations.map((o) => o.verificationStatus)).toEqual(['verified', 'verified', 'verified']);
    const audit = await operator<{ entries: { action: string; reason: string }[] }>('GET', '/api/v1/audit?action=organisation.verify&limit=10');
    expect(audit.json.entries.filter((e) => e.reason === '사업자등록증 원본 대조 (일괄)')).toHaveLength(3);
  });

  it('jobs and usage: filters jobs by state and reads usage a page at a time, days in Korean', async () => {
    await page.goto(`${sg.url}/office/jobs?state=failed`);
    await page.getByTestId('list-pager').waitFor();
    expect(await page.getByTestId('filter-state').inputValue()).toBe('실패');
    await page.getByRole('tab', { name: 'GPU 사용량 목록' }).click();
    await page.getByTestId('usage-table').waitFor();
    const first = await page.getByTestId('usage-row').count();
    expect(first).toBe(50);
    await page.getByTestId('pager-more').click();
    await expect.poll(() => page.getByTestId('usage-row').count()).toBeGreaterThan(50);
    expect(await page.getByTestId('usage-row').first().innerText()).toMatch(/\d{4}년 \d{1,2}월 \d{1,2}일/);
    const account = (await page.getByTestId('usage-row').first().locator('td').nth(1).innerText()).trim();
    await page.getByTestId('list-search').fill(account);
    await page.getByTestId('list-search').press('Enter');
    await expect
      .poll(async () => new Set((await page.getByTestId('usage-row').locator('td:nth-child(2)').allInnerTexts()).map((s) => s.trim())))
      .toEqual(new Set([account]));
    await screenshot(page, 'office-lists-usage');
  });
  it('sorts by a clicked header and picks the rows per page, both kept in the address; a create link goes where calls are made', async () => {
    const byReceipt = await operator<{ total: number; applications: { receiptNo: string | null }[] }>(
      'GET',
      '/api/v1/office/applications?sort=receiptNo&order=asc&pageSize=100',
    );
    await page.goto(`${sg.url}/office/applications`);
    await page.getByTestId('applications-table').waitFor();
    expect(await page.getByTestId('sort-submittedAt').getAttribute('aria-sort')).toBe('descending');
    await page.getByTestId('sort-receiptNo').getByRole('button', { name: '접수번호' }).click();
    await expect.poll(() => page.getByTestId('sort-receiptNo').getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('receiptNo');
    const receipts = async () => (await page.getByTestId('application-row').locator('td:nth-child(2)').allInnerTexts()).map((s) => s.trim());
    const firstPage = byReceipt.json.applications.slice(0, 25).map((a) => a.receiptNo ?? '—');
    await expect.poll(receipts).toEqual(firstPage);

    // 50 rows a page, then a reload shows the same sort and size
    await page.getByTestId('page-size').click();
    await page.getByRole('option', { name: '50행' }).click();
    await expect.poll(() => page.getByTestId('application-row').count()).toBe(Math.min(50, byReceipt.json.total));
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ sort: 'receiptNo', order: 'asc', pageSize: '50' });
    await page.reload();
    await page.getByTestId('applications-table').waitFor();
    expect(await page.getByTestId('sort-receiptNo').getAttribute('aria-sort')).toBe('ascending');
    expect(await page.getByTestId('page-size').inputValue()).toBe('50행');
    await expect.poll(receipts).toEqual(byReceipt.json.applications.slice(0, 50).map((a) => a.receiptNo ?? '—'));
    // a second click turns the order round
    await page.getByTestId('sort-receiptNo').getByRole('button').click();
    await expect.poll(() => page.getByTestId('sort-receiptNo').getAttribute('aria-sort')).toBe('descending');
    await screenshot(page, 'office-lists-sorted-by-receipt');

    await page.getByTestId('create-call').click();
    await page.getByTestId('new-call').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/office\/program-calls/);
  });

  it('usage: sorts by GPU-hours, the most first, and reads on after the cursor in that order', async () => {
    await page.goto(`${sg.url}/office/usage?pageSize=25`);
    await page.getByTestId('usage-table').waitFor();
    await page.getByTestId('sort-gpuHours').getByRole('button').click();
    await expect.poll(() => page.getByTestId('sort-gpuHours').getAttribute('aria-sort')).toBe('descending');
    const hours = async () => (await page.getByTestId('usage-row').locator('td:nth-child(5)').allInnerTexts()).map((s) => Number(s.replace(/,/g, '')));
    await page.getByTestId('pager-more').click();
    await expect.poll(async () => (await hours()).length).toBe(50);
    const all = await hours();
    expect(all).toEqual([...all].sort((a, b) => b - a));
    expect(all[0]).toBeGreaterThan(all.at(-1)!);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('gpuHours');
  });
});
