import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatRegistrationNumber, registrationCheckDigit } from '@stagegate/core/organisation/registration-number';
import { screenshot as saveScreenshot } from './browser.ts';
import { useStagegate } from './stagegate.ts';
import { fillProposal } from './proposal-form.ts';

/**
 * The applicant's journey from sign-up to receipt, then the office finding and exporting the
 * application, in a browser of the given size (a desk, or a phone held upright).
 */
export function applicantJourney(viewport: { width: number; height: number }): void {
  /** Follows a link of the side bar; on a phone the bar opens from the menu button first. */
  async function openNav(name: string) {
    const link = page.getByRole('navigation').getByRole('link', { name, exact: true });
    // the closed bar is only moved off screen, so ask whether there is a menu button, not whether the link shows
    const menu = page.getByRole('button', { name: '메뉴' });
    if (await menu.isVisible()) await menu.click();
    await link.click();
  }
  // a phone's screenshots are kept apart from the desk's
  const screenshot = (p: Page, name: string) => saveScreenshot(p, viewport.width < 600 ? `phone-${name}` : name);

  let page: Page;
  let tmp: string;

  const email = `applicant-${process.pid}-${Date.now()}@journey.test`;
  /** A registration number with a valid check digit that no demo organisation has. */
  const validRegistrationNo = (() => {
    const nine = `7${String(process.pid % 100000).padStart(5, '0')}123`.slice(0, 9);
    return formatRegistrationNumber(nine + registrationCheckDigit([...nine].map(Number)));
  })();
  /** The same number with a wrong last digit. */
  const badRegistrationNo = validRegistrationNo.slice(0, -1) + String((Number(validRegistrationNo.at(-1)) + 1) % 10);

  let applicationUrl = '';
  let receiptNo = '';

  /** Picks an option of a Mantine Select by the select's label and the option's text. */
  async function choose(label: string, option: string) {
    await page.getByRole('combobox', { name: label, exact: true }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  const rule = (id: string) => page.getByTestId(`rule-${id}`);
  async function waitRule(id: string, passed: boolean) {
    await page.locator(`[data-testid="rule-${id}"][data-passed="${passed}"]`).waitFor();
  }

  const sg = useStagegate({
    // the server mails through a real SMTP server on loopback, where the test reads what arrives
    smtp: true,
    async setUp(run) {
      tmp = await mkdtemp(join(tmpdir(), 'sg-journey-'));
      // the browser is in Los Angeles: every time on screen must still be Korea's
      page = await run.page({ timezoneId: 'America/Los_Angeles', acceptDownloads: true, viewport });
    },
    tearDown: () => rm(tmp, { recursive: true, force: true }),
  });

  describe(`the applicant journey in Korean, then the program office (${viewport.width} px wide)`, () => {
    it('signs up a new applicant', async () => {
      await page.goto(`${sg.url}/sign-up`);
      await page.getByLabel('이름').fill('김신청');
      await page.getByLabel('이메일').fill(email);
      await page.getByLabel('비밀번호').fill('journey-pass-1');
      await page.getByRole('button', { name: '가입하기' }).click();
      await expect(page.getByTestId('signed-in-as').textContent()).resolves.toBe(email);
    });

    it('confirms the address by the link in the mail that arrives, and the banner goes', async () => {
      await page.getByTestId('verify-email-banner').getByText('아직 확인하지 않았습니다').waitFor();
      await screenshot(page, 'account-verify-banner-ko');
      const deadline = Date.now() + 30_000;
      let link: string | undefined;
      while (!link && Date.now() < deadline) {
        const mail = sg.smtp.mails.find((m) => m.to.includes(email) && m.subject.includes('이메일 주소 확인'));
        link = mail && /https?:\/\/[^/\s]+(\/verify-email\?token=\S+)/.exec(mail.text)?.[1];
        if (!link) await new Promise((r) => setTimeout(r, 300));
      }
      expect(link, 'the confirmation mail reached the SMTP server').toBeTruthy();
      // the mail names the public address; the browser reaches the same server by its loopback one
      await page.goto(`${sg.url}${link}`);
      await page.getByTestId('email-verified').waitFor();
      await screenshot(page, 'account-verified-ko');
      await expect(page.getByTestId('verify-email-banner').count()).resolves.toBe(0);
    });

    it('registers an organisation, with the checksum checked under the field as the user types', async () => {
      await openNav('내 기관');
      await page.getByRole('heading', { name: '기관 등록' }).waitFor();
      await page.getByLabel('기관명(국문)').fill('바다소프트');
      await page.getByLabel('기관명(영문)').fill('Bada Soft');
      await choose('기관 유형', '스타트업');
      const reg = page.getByRole('textbox', { name: '사업자등록번호' });
      await reg.fill(badRegistrationNo);
      // the message appears without submitting, in Korean, naming the expected check digit
      await page.getByText(`사업자등록번호 ${badRegistrationNo}의 검증번호가 맞지 않습니다`).waitFor();
      await screenshot(page, 'applications-org-checksum-ko');
      await reg.fill(validRegistrationNo);
      await expect(page.getByText('검증번호가 맞지 않습니다').count()).resolves.toBe(0);
      await page.getByRole('button', { name: '등록하기' }).click();
      await page.getByTestId('org-registered').getByText('바다소프트를 등록했습니다.').waitFor();
      const table = page.getByTestId('organisations-table');
      expect(await table.innerText()).toContain(validRegistrationNo);
      expect(await page.getByTestId('members-table').innerText()).toContain(email);
      await screenshot(page, 'applications-organisations-ko');
    });

    it('lists the open call in Korea time and starts an application for the organisation', async () => {
      await openNav('공모');
      const card = page.getByTestId('call-specialized-fm-2025-call');
      await card.waitFor();
      expect(await card.innerText()).toContain('접수 중');
      await expect(card.getByTestId('closes-in').innerText()).resolves.toMatch(/^마감까지 \d+일 \d+시간$/);
      await screenshot(page, 'applications-calls-ko');
      await card.getByRole('button', { name: '신청서 작성 시작' }).click();
      await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
      applicationUrl = page.url();
      await page.getByTestId('consortium-builder').waitFor();
      // the lead is the applying organisation's own record: shown, never typed
      await expect(page.getByTestId('member-lead').innerText()).resolves.toContain('바다소프트');
    });

    it('shows the verdict change live as the consortium changes', async () => {
      // alone, the start-up may lead, but no university takes part
      await waitRule('university-required', false);
      await waitRule('lead-type', true);
      await expect(page.getByTestId('verdict-badge').innerText()).resolves.toBe('부적격');

      await page.getByRole('button', { name: '참여기관 추가' }).click();
      // a participant is an organisation record picked from the registry
      await page.getByRole('combobox', { name: '참여기관 1 기관명', exact: true }).fill('한빛');
      await page.getByRole('option', { name: /한빛대학교 산학협력단/ }).click();
      await choose('참여기관 1 역할', '평가');
      await waitRule('university-required', true);
      expect(await rule('university-required').innerText()).toContain('한빛대학교 산학협력단');
      await expect(page.getByTestId('verdict-badge').innerText()).resolves.toBe('적격');
      await screenshot(page, 'applications-consortium-eligible-ko');

      // the lead's type is the registry's: it cannot be re-typed here (issue 13 item 1)
      expect(await page.getByTestId('member-lead').locator('input[aria-label="주관기관 유형"]').count()).toBe(0);
    });

    it('refuses to submit an incomplete proposal, naming the fields', async () => {
      await page.getByRole('button', { name: /검토 및 제출/ }).click();
      await page.getByTestId('submit-button').click();
      const issues = page.getByTestId('submit-issues');
      await issues.waitFor();
      const text = await issues.innerText();
      // a Korean page names the field in words, never by its path
      expect(text).not.toContain('proposal.title');
      expect(text).toContain('과제명을 입력해야 제출할 수 있습니다');
      expect(text).toContain('단계별 GPU 요청');
      // the preview was refused: the dialog says why and offers no way to commit
      const dialog = page.getByRole('dialog');
      expect(await dialog.getByTestId('confirm-error').innerText()).toContain('과제명을 입력해야 제출할 수 있습니다');
      expect(await dialog.getByTestId('confirm-commit').isDisabled()).toBe(true);
      await screenshot(page, 'applications-submit-refused-ko');
      await dialog.getByRole('button', { name: '취소' }).click();
    });

    it('fills the proposal, autosaving as the user types', async () => {
      await page
        .getByRole('button', { name: /제안서/ })
        .first()
        .click();
      await fillProposal(page, '해양 기상 예측 특화 파운데이션 모델', '연안 관측 자료로 학습한 해양 기상 예측 모델');
      // the refused submission's messages leave each field once it is filled
      await expect(page.getByText('과제명을 입력해야 제출할 수 있습니다').count()).resolves.toBe(0);
      await expect(page.getByText('단계별 GPU 요청을 입력해야 제출할 수 있습니다').count()).resolves.toBe(0);
      await screenshot(page, 'applications-proposal-ko');
    });

    it('keeps a losing concurrent edit and offers to reload or keep the text (409)', async () => {
      // another tab saves first, so the next autosave here is based on a stale version
      const id = applicationUrl.split('/').at(-1)!;
      const current = await (await page.request.get(`${sg.url}/api/v1/applications/${id}`)).json();
      const other = await page.request.patch(`${sg.url}/api/v1/applications/${id}`, {
        headers: { origin: sg.url },
        data: { baseVersion: current.application.currentVersion, proposal: { ...current.application.proposal, summary: '다른 탭에서 고친 요약' } },
      });
      expect(other.status()).toBe(200);
      await page.getByLabel('요약').fill('연안 관측 자료로 학습한 해양 기상 예측 모델 (수정)');
      const banner = page.getByTestId('conflict-banner');
      await banner.waitFor();
      expect(await banner.innerText()).toContain('내 수정은 잃지 않았으며');
      await screenshot(page, 'applications-conflict-ko');
      await banner.getByRole('button', { name: '내 내용 유지하고 저장' }).click();
      await page
        .getByTestId('save-status')
        .getByText(/에 저장됨/)
        .waitFor();
      await expect(page.getByLabel('요약').inputValue()).resolves.toBe('연안 관측 자료로 학습한 해양 기상 예측 모델 (수정)');
      await page.getByRole('button', { name: '버전 기록' }).click();
      const history = page.getByTestId('version-history');
      await history.getByText('충돌 보관').waitFor();
      await screenshot(page, 'applications-versions-ko');
      await page.keyboard.press('Escape');
      await history.waitFor({ state: 'hidden' });
    });

    it('uploads a PDF with its size and SHA-256 listed', async () => {
      await page
        .getByRole('button', { name: /첨부 파일/ })
        .first()
        .click();
      const pdf = join(tmp, '사업계획서.pdf');
      await writeFile(pdf, Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'), Buffer.alloc(2048, 0x20), Buffer.from('\n%%EOF\n')]));
      await page.getByTestId('attachments').locator('input[type="file"]').setInputFiles(pdf);
      const table = page.getByTestId('attachments-table');
      await table.getByText('사업계획서.pdf').waitFor();
      const { createHash } = await import('node:crypto');
      const sha = createHash('sha256')
        .update(await readFile(pdf))
        .digest('hex');
      await expect(table.getByTestId('attachment-sha256').innerText()).resolves.toBe(`${sha.slice(0, 16)}…`);
      expect(await table.innerText()).toMatch(/\d(\.\d)? KB/);
      await screenshot(page, 'applications-attachments-ko');
    });

    it('submits and receives a receipt number, time in KST and the hash', async () => {
      await page.getByRole('button', { name: /검토 및 제출/ }).click();
      await page.getByTestId('ready-to-submit').waitFor();
      await screenshot(page, 'applications-ready-ko');
      // issue 13 item 6: a single click only previews — what is frozen, the deadline — and submits nothing
      const appId = applicationUrl.split('/').at(-1)!;
      const statusNow = async () => (await (await page.request.get(`${sg.url}/api/v1/applications/${appId}`)).json()).application.status;
      await page.getByTestId('submit-button').click();
      const dialog = page.getByRole('dialog');
      const preview = dialog.getByTestId('submit-preview');
      await preview.waitFor();
      expect(await preview.innerText()).toContain('과제명: 해양 기상 예측 특화 파운데이션 모델');
      expect(await preview.innerText()).toContain('더 이상 편집할 수 없습니다');
      expect(await statusNow()).toBe('draft');
      await screenshot(page, 'applications-submit-preview-ko');
      await dialog.getByTestId('confirm-ack').check();
      await dialog.getByTestId('confirm-commit').click();
      await page.waitForURL(/\/receipt$/);
      expect(await statusNow()).toBe('submitted');
      receiptNo = await page.getByTestId('receipt-number').innerText();
      expect(receiptNo).toMatch(/^SFM-\d{4}-\d{4}$/);
      const id = applicationUrl.split('/').at(-1)!;
      const receipt = (await (await page.request.get(`${sg.url}/api/v1/applications/${id}/receipt`)).json()).receipt;
      expect(receipt.receiptNo).toBe(receiptNo);
      await expect(page.getByTestId('receipt-hash').innerText()).resolves.toBe(receipt.hash);
      const kst = new Intl.DateTimeFormat('ko-KR', { timeZone: 'Asia/Seoul', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
        new Date(receipt.submittedAt),
      );
      expect(await page.getByTestId('receipt-submitted-at').innerText()).toContain(kst);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('receipt-download').click()]);
      expect(download.suggestedFilename()).toBe(`${receiptNo}.txt`);
      const path = join(tmp, 'receipt.txt');
      await download.saveAs(path);
      expect(await readFile(path, 'utf8')).toContain(receiptNo);
      await screenshot(page, 'applications-receipt-ko');
    });

    it('lets the operator find the application in the call’s table, open it read-only and export Excel', async () => {
      await page.getByRole('button', { name: '로그아웃' }).click();
      await page.getByRole('link', { name: '로그인' }).click();
      await page.getByLabel('이메일').fill('operator@demo.stagegate.kr');
      await page.getByLabel('비밀번호').fill('stagegate-demo');
      await page.getByRole('button', { name: '로그인' }).click();
      await page.getByTestId('signed-in-as').waitFor({ state: 'attached' });

      await page.goto(`${sg.url}/office/calls/specialized-fm/2025-call`);
      const table = page.getByTestId('office-table');
      const row = page.getByTestId(`office-row-${receiptNo}`);
      await row.waitFor();
      const rowText = await row.innerText();
      expect(rowText).toContain('해양 기상 예측 특화 파운데이션 모델');
      expect(rowText).toContain('바다소프트');
      expect(rowText).toContain('적격');
      expect(rowText).toContain('제출 완료');
      // the demo's large-enterprise lead is listed as not eligible
      await choose('자격 판정', '부적격');
      await page.waitForURL(/eligibility=ineligible/);
      await row.waitFor({ state: 'detached' });
      expect(await table.innerText()).toContain('대한전자');
      await screenshot(page, 'applications-office-ineligible-ko');
      await choose('자격 판정', '적격');
      await row.waitFor();
      await screenshot(page, 'applications-office-table-ko');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
      expect(download.suggestedFilename()).toBe('applications-specialized-fm-2025-call.xlsx');
      const path = join(tmp, 'export.xlsx');
      await download.saveAs(path);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path);
      const ws = wb.worksheets[0]!;
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      expect(header).toContain('접수번호');
      expect(header).toContain('과제명');
      expect(header).toContain('자격 판정');
      const rows = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1));
      const ours = rows.find((r) => r.getCell(1).value === receiptNo);
      expect(ours?.getCell(2).value).toBe('해양 기상 예측 특화 파운데이션 모델');
      // the export carries the filter: only eligible rows
      expect(rows.slice(1).every((r) => r.getCell(6).value === '적격')).toBe(true);

      await row.click();
      await page.getByTestId('application-status').waitFor();
      await expect(page.getByTestId('application-status').innerText()).resolves.toBe('제출 완료');
      await expect(page.getByTestId('application-receipt').innerText()).resolves.toBe(receiptNo);
      await page.getByTestId('office-actions').waitFor();
      // read-only for the office: the consortium offers no participant to add
      expect(await page.getByRole('button', { name: '참여기관 추가' }).count()).toBe(0);
      await waitRule('university-required', true);
      await screenshot(page, 'applications-office-view-ko');
    });
  });
}
