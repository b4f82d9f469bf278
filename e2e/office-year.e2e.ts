import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot as saveScreenshot, screenshotDir } from './support/browser.ts';
import { publicPage } from './support/people.ts';
import { mailArrives as waitForMail, seoulInput, submitAllSheets } from './support/scenario.ts';
import { useStagegate } from './support/stagegate.ts';
import { fillProposal } from './support/proposal-form.ts';
import { formatRegistrationNumber, registrationCheckDigit } from '@stagegate/core/organisation/registration-number';
import { syntheticSacct } from '../packages/app/src/adapters/sacct/synthetic-sacct.ts';
import type { ReceivedMail } from '../packages/app/test/support/smtp-inbox.ts';

// Issue 15, "done when": the program office's year in one browser run, with each step's screenshot kept
// under artifacts/screenshots/year-*.png and the mails each step sends read at the test's own SMTP server.
//
// What it starts from: README's start command on a fresh data folder (the server always loads the demo),
// and in it a call of its own — specialized-fm's `2026-call`, which the office creates in the browser,
// so it has no applications, no reviewer pool, no review set-up and no tasks. On that call, all in the
// browser: the office sets its task slots (1) and opens it; the office invites three reviewers by
// e-mail into the call's pool (previewed) and each accepts from the link in the mail that arrives; a new
// applicant signs up, confirms the address, registers an organisation and starts a new application,
// and the demo applicant starts a second one (no demo draft is submitted); the office verifies the new
// organisation, assigns the pool, the reviewers score (one sheet in the browser, the rest through the
// API), the office closes the call, is refused a selection beyond the one slot, selects within it and
// publishes. The people used (operator, applicant, reviewer 1–3) are demo accounts; the organisations
// on the consortia besides the new one (가나다AI, 한빛대학교 산학협력단) are demo records.
//
// Steps 6–12 run on the task that selection created (`sfm-<year>-01`, led by the new applicant):
// the office gives it 256 B200 until 2026-12-31 in the allocation editor (previewed; the lead is mailed) — in the
// program's current phase `additional-support` (2026-10-01 – 2027-03-31), because the program's phases
// are program data with 2025–26 dates and the demo's sfm-01/sfm-02 fill the 512-GPU pool until
// 9 September 2026; the Slurm plan applied on the emulator creates its account; its November usage is
// imported from a sacct file generated for that account (synthetic-sacct.ts); specialized-fm's own stage
// evaluation (stage goals 70 + expert panel 30, continue if the stage goals are met) is opened in the
// browser for that task alone, the office checks the goal the team declared in its proposal goal by goal
// (previewed), enters three panel scores, decides (it continues to the next phase) and publishes; the
// team appeals from its own account and the office rejects it. Every step's mail is read at the SMTP server.
//
// Then specialized-fm's final evaluation for the new cohort (the demo's final
// evaluation holds sfm-01/sfm-02, so the program's next one holds only the new task) is opened in the
// browser, scored, the task designated excellent and the results published; the team proposes
// additional support from its own account and the office accepts it in the negotiation thread, which
// creates the task's allocation in `additional-support` (mailed to the lead).
let office: Page;
let dir: string;
let cluster: string;

const screenshot = (page: Page, name: string) => saveScreenshot(page, `year-${name}`);

const sg = useStagegate({
  // mail goes to the loopback SMTP server; the demo's pools are placed on cluster nacc, which the emulator serves
  smtp: true,
  async env() {
    dir = await mkdtemp(join(tmpdir(), 'sg-e2e-year-'));
    cluster = join(dir, 'cluster.json');
    return { STAGEGATE_SLURM_EMULATOR: cluster, STAGEGATE_SLURM_CLUSTER: 'nacc' };
  },
  async setUp(run) {
    office = await run.as('operator@demo.stagegate.kr', { width: 1440, height: 1000 });
  },
  async tearDown() {
    // what reached the SMTP server, kept next to the screenshots
    const mails = sg.smtp.mails.map((m) => `${m.to.join(', ')}\t${m.subject}\t${m.attachments.map((a) => a.filename).join(', ')}`);
    await writeFile(join(screenshotDir, 'year-mails.txt'), mails.join('\n') + '\n').catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
  },
});
/** Waits until a mail the predicate picks has reached the test's SMTP server. */
const mailArrives = (what: string, pick: (m: ReceivedMail) => boolean) => waitForMail(sg.smtp, what, pick);

describe("the program office's year in the browser, with the mails each step sends", () => {
  const NEW_CALL = '2026-call';
  const DESK = `/review/office/specialized-fm/${NEW_CALL}`;
  const REVIEWERS = [
    { email: 'reviewer@demo.stagegate.kr', name: '김평가' },
    { email: 'reviewer2@demo.stagegate.kr', name: '이평가' },
    { email: 'reviewer3@demo.stagegate.kr', name: '박평가' },
  ];
  const applicant = `year-${process.pid}-${Date.now()}@year.test`;
  const orgName = '파도소프트';
  /** A registration number with a valid check digit that no demo organisation has. */
  const registrationNo = (() => {
    const nine = `8${String(process.pid % 100000).padStart(5, '0')}321`.slice(0, 9);
    return formatRegistrationNumber(nine + registrationCheckDigit([...nine].map(Number)));
  })();
  let receiptNo = '';
  let otherReceiptNo = '';
  let applicationId = '';
  let otherApplicationId = '';
  let stageEvaluationUrl = '';
  /** the task the selection of step 5 created (sfm-<year>-01) */
  let taskKey = '';
  let finalEvaluationUrl = '';

  it('1. the office creates a new call for specialized-fm with one task slot and opens it', async () => {
    await office.goto(`${sg.url}/office/program-calls/specialized-fm`);
    await office.getByTestId('office-calls-table').waitFor();
    await office.getByTestId('new-call').click();
    const form = office.getByTestId('call-form');
    await form.getByLabel('공모 식별자').fill(NEW_CALL);
    await form.getByLabel('접수번호 머리글').fill('SFMB');
    await form.getByLabel('공모 이름 (한국어)').fill('2026년 추가 공모');
    await form.getByLabel('공모 이름 (영어)').fill('2026 additional call');
    await form.getByLabel('공고문 (한국어)').fill('특화 파운데이션 모델 추가 공모를 안내합니다.');
    await form.getByLabel('공고문 (영어)').fill('The additional call for specialized foundation models.');
    // the selection's limit: this call funds one task
    await form.getByLabel('과제 자리 수').fill('1');
    await form.getByLabel('접수 시작 일시').fill(seoulInput(10));
    await form.getByLabel('접수 마감 일시').fill(seoulInput(40));
    await form.getByLabel('설명회 일시').fill(seoulInput(20));
    await form.getByLabel('설명회 장소 (한국어)').fill('서울 과학기술회관 국제회의장');
    await form.getByLabel('설명회 장소 (영어)').fill('Korea Science and Technology Center, Seoul');
    await form.getByTestId('call-preview').click();
    const preview = form.getByTestId('call-change-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('2026년 추가 공모');
    expect(await preview.getByTestId('new-call-lines').innerText()).toContain('과제 자리 (선정 한도): 1개');
    await preview.getByLabel('사유').fill('2026년 추가 공모 공고');
    await preview.getByTestId('call-commit').click();
    const row = office.getByTestId(`office-call-${NEW_CALL}`);
    await row.waitFor();
    await expect.poll(() => row.getByTestId('office-call-state').innerText(), { timeout: 15_000 }).toBe('공고 전');
    expect(await row.getByTestId('office-call-slots').innerText()).toBe('1개');
    await row.getByTestId('call-open').click();
    const step = office.getByTestId('call-step-open');
    await step.getByRole('button', { name: '무엇이 바뀌는지 보기' }).click();
    await step.getByTestId('step-preview').waitFor();
    await step.getByLabel('사유').fill('설명회 일정 확정, 접수 시작');
    await step.getByRole('button', { name: '접수 시작 확정' }).click();
    await office.waitForFunction(
      (key) => document.querySelector(`[data-testid="office-call-${key}"] [data-testid="office-call-state"]`)?.textContent === '접수 중',
      NEW_CALL,
    );
    await screenshot(office, '01-call-opened');
  });

  it("1b. the office invites three reviewers into the new call's pool by e-mail; each accepts from the mail", async () => {
    await office.goto(`${sg.url}${DESK}/pool`);
    const pool = office.getByTestId('reviewer-pool');
    await pool.waitFor();
    expect(await pool.locator('tbody tr').count()).toBe(0);
    for (const r of REVIEWERS) {
      await office.getByLabel('이메일', { exact: true }).fill(r.email);
      await office.getByLabel('이름', { exact: true }).fill(r.name);
      await office.getByLabel('분야', { exact: true }).fill('medical, finance');
      await office.getByTestId('invite-reviewer').click();
      const dialog = office.getByRole('dialog');
      const preview = dialog.getByTestId('invite-preview');
      await preview.waitFor();
      // nothing is sent on the first click: the preview says whom, which panels, and that the account exists
      expect(await preview.innerText()).toContain(`${r.name} (${r.email}) 님에게 초대 메일을 보냅니다.`);
      expect(await preview.innerText()).toContain('이 주소로 가입한 계정이 있습니다');
      expect(await preview.innerText()).toContain('서면 평가');
      if (r === REVIEWERS[0]) await screenshot(office, '01b-invite-preview');
      await dialog.getByTestId('confirm-ack').check();
      await dialog.getByTestId('confirm-commit').click();
      await pool.getByText(r.email).waitFor();
    }
    expect(await pool.locator('tbody tr').count()).toBe(3);
    await screenshot(office, '01b-reviewer-pool');
    for (const r of REVIEWERS) {
      const mail = await mailArrives('reviewer invitation', (m) => m.to.includes(r.email) && m.subject.endsWith('2026년 추가 공모 선정 평가위원 위촉 요청'));
      const link = /https?:\/\/[^/\s]+(\/review\/invitations\/\S+)/.exec(mail.text)?.[1];
      expect(link, mail.text).toBeTruthy();
      const reviewer = await sg.as(r.email, { width: 1440, height: 1000 });
      await reviewer.goto(`${sg.url}${link}`);
      await reviewer.getByRole('button', { name: '수락', exact: true }).click();
      await reviewer.getByText('응답했습니다: 수락').waitFor();
      if (r === REVIEWERS[0]) await screenshot(reviewer, '01b-invitation-accepted');
      await reviewer.context().close();
    }
    await office.reload();
    await expect.poll(async () => (await pool.innerText()).split('수락').length - 1, { timeout: 15_000 }).toBe(3);
  });

  /** Starts an application for the new call from its card, with a university on the consortium, fills it and submits it. */
  async function apply(page: Page, title: string): Promise<{ id: string; receiptNo: string }> {
    await page.goto(`${sg.url}/calls`);
    const card = page.getByTestId(`call-specialized-fm-${NEW_CALL}`);
    await card.waitFor();
    await card.getByRole('button', { name: '신청서 작성 시작' }).click();
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').at(-1)!;
    await page.getByTestId('consortium-builder').waitFor();
    await page.getByRole('button', { name: '참여기관 추가' }).click();
    await page.getByRole('combobox', { name: '참여기관 1 기관명', exact: true }).fill('한빛');
    await page.getByRole('option', { name: /한빛대학교 산학협력단/ }).click();
    await page.getByRole('combobox', { name: '참여기관 1 역할', exact: true }).click();
    await page.getByRole('option', { name: '평가', exact: true }).click();
    await page.locator('[data-testid="rule-university-required"][data-passed="true"]').waitFor();
    await page
      .getByRole('button', { name: /제안서/ })
      .first()
      .click();
    await fillProposal(page, title, `${title}: 연안 관측 자료로 학습합니다`);
    await page
      .getByRole('button', { name: /첨부 파일/ })
      .first()
      .click();
    await page
      .getByTestId('attachments')
      .locator('input[type="file"]')
      .setInputFiles({
        name: '사업계획서.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'), Buffer.alloc(2048, 0x20), Buffer.from('\n%%EOF\n')]),
      });
    await page.getByTestId('attachments-table').getByText('사업계획서.pdf').waitFor();
    await page.getByRole('button', { name: /검토 및 제출/ }).click();
    await page.getByTestId('ready-to-submit').waitFor();
    await page.getByTestId('submit-button').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('submit-preview').waitFor();
    await dialog.getByTestId('confirm-ack').check();
    await dialog.getByTestId('confirm-commit').click();
    await page.waitForURL(/\/receipt$/);
    const receipt = await page.getByTestId('receipt-number').innerText();
    expect(receipt).toMatch(/^SFMB-\d{4}-\d{4}$/);
    return { id, receiptNo: receipt };
  }

  it('2. a new applicant signs up, registers its organisation and applies to the new call; the receipt mail arrives with its PDF', async () => {
    const page = await sg.page();
    await page.goto(`${sg.url}/sign-up`);
    await page.getByLabel('이름').fill('최파도');
    await page.getByLabel('이메일').fill(applicant);
    await page.getByLabel('비밀번호').fill('year-pass-2026');
    await page.getByRole('button', { name: '가입하기' }).click();
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toBe(applicant);
    const confirm = await mailArrives('address confirmation', (m) => m.to.includes(applicant) && m.subject.includes('이메일 주소 확인'));
    const link = /https?:\/\/[^/\s]+(\/verify-email\?token=\S+)/.exec(confirm.text)?.[1];
    expect(link, confirm.text).toBeTruthy();
    await page.goto(`${sg.url}${link}`);
    await page.getByTestId('email-verified').waitFor();

    await page.goto(`${sg.url}/organisations`);
    await page.getByRole('heading', { name: '기관 등록' }).waitFor();
    await page.getByLabel('기관명(국문)').fill(orgName);
    await page.getByLabel('기관명(영문)').fill('Pado Soft');
    await page.getByRole('combobox', { name: '기관 유형', exact: true }).click();
    await page.getByRole('option', { name: '스타트업', exact: true }).click();
    await page.getByRole('textbox', { name: '사업자등록번호' }).fill(registrationNo);
    await page.getByRole('button', { name: '등록하기' }).click();
    await page.getByTestId('org-registered').waitFor();

    ({ id: applicationId, receiptNo } = await apply(page, '해양 기상 예측 특화 파운데이션 모델'));
    await screenshot(page, '02-receipt');
    await page.context().close();
    const mail = await mailArrives('receipt', (m) => m.to.includes(applicant) && m.subject.includes(`신청 접수 완료 (${receiptNo})`));
    expect(mail.attachments.map((a) => a.filename)).toContain(`${receiptNo}.pdf`);
    // and the eligibility verdict, in its own mail
    await mailArrives('eligibility verdict', (m) => m.to.includes(applicant) && m.subject.includes(`자격 검토 결과 (${receiptNo})`));
  });

  it('2b. the demo applicant starts a second, new application for the same call and submits it', async () => {
    const page = await sg.as('applicant@demo.stagegate.kr', { width: 1440, height: 1000 });
    ({ id: otherApplicationId, receiptNo: otherReceiptNo } = await apply(page, '연안 물류 수요 예측 특화 모델'));
    await page.context().close();
    await mailArrives('second receipt', (m) => m.to.includes('applicant@demo.stagegate.kr') && m.subject.includes(`신청 접수 완료 (${otherReceiptNo})`));
    const operator = await sg.api('operator@demo.stagegate.kr');
    const table = await operator<{ applications: { id: string; status: string }[] }>('GET', `/api/v1/calls/specialized-fm/${NEW_CALL}/applications`);
    // the call holds exactly the two applications started in this test
    expect(table.json.applications.map((a) => a.id).sort()).toEqual([applicationId, otherApplicationId].sort());
  });

  it("3. the office verifies the new applicant's organisation after a preview", async () => {
    await office.goto(`${sg.url}/office/organisations?verification=unverified`);
    await office.getByTestId('list-search').fill(orgName);
    await office.getByTestId('list-search-button').click();
    await office.getByTestId('pager-range').getByText('전체 1건 중 1–1').waitFor();
    await office.getByRole('checkbox', { name: '이 쪽의 기관 모두 선택' }).check();
    await office.getByRole('button', { name: '확인 처리 (1건)' }).click();
    const preview = office.getByTestId('confirm-preview');
    await preview.waitFor();
    expect(await preview.getByTestId('verify-item').innerText()).toContain(orgName);
    await screenshot(office, '03-verify-preview');
    await office.getByRole('textbox', { name: /사유/ }).fill('사업자등록증 원본 대조');
    await office.getByTestId('confirm-ack').check();
    await office.getByTestId('confirm-commit').click();
    await preview.waitFor({ state: 'detached' });
    const operator = await sg.api('operator@demo.stagegate.kr');
    const after = await operator<{ organisations: { nameKo: string; verificationStatus: string }[] }>(
      'GET',
      `/api/v1/office/organisations?q=${encodeURIComponent(orgName)}`,
    );
    expect(after.json.organisations.map((o) => o.verificationStatus)).toEqual(['verified']);
  });

  it('4. the office assigns the pool it invited; a reviewer pledges and scores in the browser, the others through the API', async () => {
    await office.goto(`${sg.url}${DESK}/assignment`);
    await office.getByRole('button', { name: '배정 실행' }).click();
    await office.getByTestId('run-preview').waitFor();
    await screenshot(office, '04-assignment-preview');
    await office.getByTestId('deploy-run').click();
    const dialog = office.getByRole('dialog');
    await dialog.getByTestId('deploy-summary').waitFor();
    await dialog.getByTestId('confirm-ack').check();
    await dialog.getByTestId('confirm-commit').click();
    await expect(office.getByTestId('assignment-message').innerText()).resolves.toContain('배정을 반영했습니다');

    const reviewer = await sg.as('reviewer@demo.stagegate.kr', { width: 1440, height: 1000 });
    await reviewer.getByRole('link', { name: '나의 평가' }).click();
    const list = reviewer.getByTestId('my-assignments');
    // the reviewer's work is the new call's two applications, from the pool the office set up
    await list.getByTestId(`assignment-${receiptNo}`).waitFor();
    await list.getByTestId(`assignment-${otherReceiptNo}`).waitFor();
    await list.getByTestId(`assignment-${receiptNo}`).getByRole('link', { name: '평가하기' }).click();
    await reviewer.getByTestId('pledge').waitFor();
    await reviewer.getByLabel('위 내용을 읽었으며 이에 동의합니다').check();
    await reviewer.getByTestId('pledge-accept').click();
    // issue 15 item 4: the proposal's business plan opens in the page, served inline as the PDF the applicant uploaded
    const frame = reviewer.getByTestId('proposal-pdf');
    await frame.waitFor();
    const doc = await reviewer.request.get(new URL((await frame.getAttribute('src'))!, sg.url).toString());
    expect(doc.status()).toBe(200);
    expect(doc.headers()['content-type']).toContain('application/pdf');
    expect(doc.headers()['content-disposition']).toMatch(/^inline/);
    expect((await doc.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await reviewer.getByLabel('기술력 및 개발 경험 점수 (0–30점)').fill('27');
    await reviewer.getByLabel('기술력 및 개발 경험 평가 의견').fill('특화 모델 개발 경험이 풍부합니다.');
    await reviewer.getByLabel('개발 목표 점수 (0–30점)').fill('24');
    await reviewer.getByLabel('개발 목표 평가 의견').fill('목표가 구체적이고 실현 가능합니다.');
    await reviewer.getByLabel('시장성 및 파급효과 점수 (0–40점)').fill('34.5');
    await reviewer.getByLabel('시장성 및 파급효과 평가 의견').fill('산업 파급효과가 큽니다.');
    // the total follows the last score as the page renders it, a moment after the fill on a busy machine
    await expect.poll(() => reviewer.getByTestId('sheet-total').innerText()).toBe('합계 85.5 / 100점');
    await reviewer.getByRole('button', { name: '평가 제출' }).click();
    await expect(reviewer.getByTestId('sheet-message').innerText()).resolves.toContain('평가를 제출했습니다');
    await screenshot(reviewer, '04-score-sheet');
    await reviewer.context().close();
    // API: the remaining sheets; the new applicant's proposal scores above the second one
    const base = (id: string) => (id === applicationId ? 25 : 18);
    for (const r of REVIEWERS) await submitAllSheets(sg.url, r.email, base);
  });

  it('5. the office closes the call, is refused a second selection beyond the one slot, selects within it and publishes', async () => {
    await office.goto(`${sg.url}${DESK}/ranking`);
    const state = office.getByTestId('call-state-badge');
    await expect.poll(() => state.innerText(), { timeout: 15_000 }).toBe('접수 중');
    const dialog = office.getByRole('dialog');
    await office.getByTestId('call-step-close').click();
    await dialog.getByTestId('call-step-preview').waitFor();
    await dialog.getByTestId('confirm-ack').check();
    await dialog.getByLabel('사유').fill('심사 일정에 따른 접수 마감');
    await dialog.getByTestId('confirm-commit').click();
    await expect.poll(() => state.innerText(), { timeout: 15_000 }).toBe('접수 마감');
    await office.getByTestId('call-step-start_review').click();
    await dialog.getByTestId('call-step-preview').waitFor();
    await dialog.getByTestId('confirm-ack').check();
    await dialog.getByLabel('사유').fill('선정 심사 착수');
    await dialog.getByTestId('confirm-commit').click();
    await expect.poll(() => state.innerText(), { timeout: 15_000 }).toBe('심사 중');

    const table = office.getByTestId('ranking-table');
    const first = table.getByTestId(`rank-row-${receiptNo}`);
    const second = table.getByTestId(`rank-row-${otherReceiptNo}`);
    await first.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
    // the limit the desk states is the call's one slot, not the program's two tasks
    await office.getByText('선정 한도: 과제 1개, GPU 512장').waitFor();
    const choose = async (row: typeof first, outcome: string, reason: string) => {
      await row.locator('input[aria-label^="결정"]').click();
      await office.getByRole('option', { name: outcome, exact: true }).click();
      await row.locator('input[aria-label^="사유"]').fill(reason);
    };
    // two selected for one slot: the preview is refused with the call's limit, nothing is saved
    await choose(first, '선정', '종합 1위');
    await choose(second, '선정', '종합 2위');
    await office.getByRole('button', { name: '선정 결과 미리보기' }).click();
    const selection = office.getByRole('dialog', { name: '선정 결과 저장' });
    await expect(selection.getByTestId('confirm-error').innerText()).resolves.toContain('선정 수(2)가 이 공모의 과제 자리(1개)를 넘습니다');
    expect(await selection.getByTestId('confirm-commit').isDisabled()).toBe(true);
    await screenshot(office, '05-selection-over-slots');
    await selection.getByRole('button', { name: '취소' }).click();
    await choose(second, '예비', '예비 1순위');
    await office.getByRole('button', { name: '선정 결과 미리보기' }).click();
    const taskKey = /sfm-\d{4}-01/;
    await expect(selection.getByTestId('selection-preview').innerText()).resolves.toMatch(taskKey);
    await screenshot(office, '05-selection-preview');
    await selection.getByTestId('confirm-ack').check();
    await selection.getByTestId('confirm-commit').click();
    await expect(office.getByTestId('selection-message').innerText()).resolves.toMatch(taskKey);
    await office.getByTestId('call-step-publish_results').click();
    await dialog.getByTestId('call-step-publishes').waitFor();
    await dialog.getByTestId('confirm-ack').check();
    await dialog.getByLabel('사유').fill('선정평가위원회 의결에 따른 발표');
    await dialog.getByTestId('confirm-commit').click();
    await expect.poll(() => office.getByTestId('call-state-badge').innerText(), { timeout: 15_000 }).toBe('결과 발표');
    await screenshot(office, '05-results-published');
    const operator = await sg.api('operator@demo.stagegate.kr');
    const ranking = await operator<{ rows: { applicationId: string; decision: { outcome: string } | null }[] }>(
      'GET',
      `/api/v1/review/calls/specialized-fm/${NEW_CALL}/ranking`,
    );
    expect(ranking.json.rows.filter((r) => r.decision?.outcome === 'selected').map((r) => r.applicationId)).toEqual([applicationId]);
    // each applicant is told its own result
    await mailArrives('selection result', (m) => m.to.includes(applicant) && m.subject.includes(`선정 결과 (${receiptNo})`));
    await mailArrives('reserve result', (m) => m.to.includes('applicant@demo.stagegate.kr') && m.subject.includes(`선정 결과 (${otherReceiptNo})`));
  });

  it('5b. the new applicant reads its result in its status history, and the public results page lists the selection', async () => {
    const page = await sg.page();
    await page.goto(`${sg.url}/sign-in`);
    await page.getByLabel('이메일').fill(applicant);
    await page.getByLabel('비밀번호').fill('year-pass-2026');
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByTestId('signed-in-as').waitFor({ state: 'attached' });
    await page.goto(`${sg.url}/applications/${applicationId}`);
    const history = page.getByTestId('status-history');
    await history.getByTestId('history-result').waitFor();
    for (const kind of ['submitted', 'eligibility', 'under-review']) expect(await history.getByTestId(`history-${kind}`).count(), kind).toBeGreaterThan(0);
    expect(await history.getByTestId('history-submitted').innerText()).toContain(receiptNo);
    expect(await history.getByTestId('history-result').innerText()).toContain('선정');
    await screenshot(page, '05b-applicant-history');
    await page.context().close();

    const visitor = await publicPage(sg.browser);
    await visitor.goto(`${sg.url}/results/selection`);
    const card = visitor.getByTestId(`selection-result-specialized-fm-${NEW_CALL}`);
    await card.waitFor();
    // the selected one and the one on the reserve list are published
    expect(await card.locator('tbody tr').count()).toBe(2);
    await screenshot(visitor, '05b-public-selection');
    await visitor.context().close();
  });

  /** The task the selection of step 5 created for the new applicant's application, as the allocation screen lists it. */
  async function selectedTask(): Promise<{ id: string; key: string; members: { clusterUsername: string }[] }> {
    const overview = await (await office.request.get(`${sg.url}/api/v1/programs/specialized-fm/allocations`)).json();
    const task = overview.tasks.find((t: { key: string }) => /^sfm-\d{4}-01$/.test(t.key));
    expect(task, JSON.stringify(overview.tasks.map((t: { key: string }) => t.key))).toBeDefined();
    return task;
  }
  /** Signs the new applicant in from the form, with the password it chose in step 2. */
  async function asNewApplicant(): Promise<Page> {
    const page = await sg.page();
    await page.goto(`${sg.url}/sign-in`);
    await page.getByLabel('이메일').fill(applicant);
    await page.getByLabel('비밀번호').fill('year-pass-2026');
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByTestId('signed-in-as').waitFor({ state: 'attached' });
    return page;
  }

  it("6. the office gives the selected task its GPUs in the browser, previewed; the task's lead is told by mail", async () => {
    const task = await selectedTask();
    taskKey = task.key;
    const before = sg.smtp.mails.length;
    // the pool's 512 B200 are taken by the demo's sfm-01/sfm-02 until 9 September 2026: the new task runs in the current phase
    await office.goto(`${sg.url}/allocations?program=specialized-fm&phase=additional-support`);
    await office.getByTestId('allocation-table').waitFor();
    await office.getByRole('button', { name: '배정 추가', exact: true }).click();
    const dialog = office.getByRole('dialog');
    await dialog.getByLabel('과제', { exact: true }).click();
    await office.getByRole('option', { name: new RegExp(`^${taskKey} · `) }).click();
    await dialog.getByLabel('동시 GPU 수').fill('256');
    // until the year ends: what comes after is the additional support the final evaluation negotiates (step 12)
    await dialog.getByLabel('종료일', { exact: true }).fill('2026-12-31');
    await dialog.getByLabel('변경 사유').fill('2026년 추가 공모 선정 과제 배정');
    await dialog.getByRole('button', { name: '변경 내용 미리보기' }).click();
    const preview = dialog.getByTestId('allocation-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain(taskKey);
    await screenshot(office, '06-allocation-preview');
    await dialog.getByRole('button', { name: '저장', exact: true }).click();
    await dialog.getByTestId('editor-message').waitFor();
    await office.keyboard.press('Escape');
    await office.getByTestId('allocation-table').getByText(taskKey, { exact: true }).waitFor();
    await screenshot(office, '06-allocation-saved');
    const mail = await mailArrives(
      'allocation of the selected task',
      (m) => sg.smtp.mails.indexOf(m) >= before && m.to.includes(applicant) && m.subject.endsWith(`${taskKey} GPU 배정 변경`),
    );
    expect(mail.text).toContain('GPU 256장이 배정되었습니다');
  });

  it("7. the office applies the Slurm plan on the emulated cluster, the selected task's account included, and follows the job to the end", async () => {
    await office.goto(`${sg.url}/allocations?program=specialized-fm`);
    const panel = office.getByTestId('slurm-sync');
    await panel.getByTestId('slurm-plan-diff').waitFor();
    expect(await panel.getByTestId('slurm-steps-create').innerText()).toContain(`sacctmgr -i add account sg-specialized-fm-${taskKey}`);
    await screenshot(office, '07-slurm-plan');
    await panel.getByRole('button', { name: 'Slurm에 적용' }).click();
    const dialog = office.getByRole('dialog');
    await dialog.getByTestId('confirm-preview').waitFor();
    await dialog.getByTestId('confirm-ack').check();
    await dialog.getByTestId('confirm-commit').click();
    await office.waitForFunction(() => document.querySelector('[data-testid="slurm-job-status"]')?.textContent === '완료', undefined, { timeout: 60_000 });
    await panel.getByTestId('slurm-in-sync').waitFor();
    await screenshot(office, '07-slurm-applied');
    expect(await readFile(cluster, 'utf8')).toContain(`sg-specialized-fm-${taskKey}`);
  });

  it("8. the office imports November's usage of the selected task from a sacct file, previewed then stored", async () => {
    const task = await selectedTask();
    const november = syntheticSacct(
      [{ account: `sg-specialized-fm-${taskKey}`, users: task.members.map((m) => m.clusterUsername), gpus: 256, utilisation: 0.8 }],
      '2026-11-01',
      '2026-11-30',
      11,
    );
    const fileHours = november.jobs.reduce((s, j) => s + 8 * j.time.elapsed, 0) / 3600;
    expect(fileHours).toBeGreaterThan(0);
    const usage = async (asOf: string) =>
      (await (await office.request.get(`${sg.url}/api/v1/tasks/${task.id}/usage?phase=additional-support&asOf=${encodeURIComponent(asOf)}`)).json())
        .usedGpuHours as number;
    expect(await usage('2026-12-01T00:00:00+09:00')).toBe(0);

    await office.goto(`${sg.url}/allocations?program=specialized-fm&phase=additional-support`);
    const panel = office.getByTestId('usage-import');
    await panel.waitFor();
    await panel
      .locator('input[type=file]')
      .setInputFiles({ name: 'november.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(november)) });
    await panel.getByTestId('usage-import-first').fill('2026-11-01');
    await panel.getByTestId('usage-import-last').fill('2026-11-30');
    await panel.getByTestId('usage-import-preview-start').click();
    await panel.getByTestId('usage-import-preview').waitFor({ timeout: 60_000 });
    // the preview names the task the account belongs to
    await panel.getByTestId(`usage-change-${taskKey}`).waitFor();
    await panel.getByTestId('usage-import-commit').click();
    const dialog = office.getByRole('dialog');
    await dialog.getByTestId('usage-import-preview').waitFor();
    await dialog.getByLabel('가져오는 사유').fill('11월 sacct 집계');
    await dialog.getByTestId('confirm-ack').check();
    await dialog.getByTestId('confirm-commit').click();
    await panel.getByTestId('usage-import-done').waitFor({ timeout: 60_000 });
    expect(await usage('2026-12-01T00:00:00+09:00')).toBeCloseTo(fileHours, 0);
    await screenshot(office, '08-usage-imported');
  });

  it("9. the office opens specialized-fm's stage evaluation for the selected task, checks its stage goals goal by goal, decides phase 2 and publishes; the decision mail arrives with the letter", async () => {
    await office.goto(`${sg.url}/stage-evaluations/new`);
    await office.getByRole('heading', { name: '단계 평가 만들기' }).waitFor();
    await office.getByTestId('stage-program').click();
    await office.getByRole('option', { name: /AI 특화/ }).click();
    await office.getByTestId('stage-phase').click();
    await office.getByRole('option', { name: '1단계', exact: true }).click();
    // the interim results of the task's first months: the period the office evaluates
    await office.getByTestId('stage-start').fill('2026-11-01');
    await office.getByTestId('stage-end').fill('2026-11-30');
    await office.getByTestId('stage-teams').click();
    await office.getByRole('option', { name: new RegExp(`^${taskKey} · `) }).click();
    await office.keyboard.press('Escape');
    await office.getByTestId('stage-create').click();
    const opening = office.getByTestId('confirm-preview');
    await opening.waitFor();
    expect(await office.getByTestId('stage-preview-teams').locator('li').count()).toBe(1);
    await screenshot(office, '09-stage-open-preview');
    await office.getByTestId('confirm-ack').check();
    await office.getByTestId('confirm-commit').click();
    await office.waitForURL(/\/stage-evaluations\/[0-9a-f-]{36}$/);
    stageEvaluationUrl = office.url();

    // the goal the team declared in its proposal, checked in the browser with its evidence, previewed
    await office.getByRole('tab', { name: '단계 목표 점검' }).click();
    const goals = office.getByTestId(`goals-${taskKey}`);
    expect(await goals.getByLabel('목표 1', { exact: true }).inputValue()).toMatch(/^태풍 진로 오차 ≤ 80 km \(\d{4}년 \d+월 \d+일\)$/);
    await goals.getByLabel('목표 1 달성').check();
    await goals.getByLabel('목표 1 근거').fill('2026년 태풍 12건 재예측 평균 진로 오차 71 km (검증 보고서 3장)');
    await office.getByTestId(`goals-save-${taskKey}`).click();
    await expect(office.getByTestId('goals-summary').innerText()).resolves.toBe('단계 목표 1개 중 1개 달성으로 기록합니다.');
    await screenshot(office, '09-stage-goals-preview');
    await office.getByTestId('confirm-ack').check();
    await office.getByTestId('confirm-commit').click();
    await office.getByTestId('goals-summary').waitFor({ state: 'detached' });

    // the expert panel's scores, entered by the office
    await office.getByRole('tab', { name: '평가 입력' }).click();
    // the team is picked once: the form keeps it between scores
    await office.getByRole('combobox', { name: '팀', exact: true }).click();
    await office.getByRole('option', { name: /해양 기상 예측/ }).click();
    for (const [expert, score] of [
      ['위원 A', '82'],
      ['위원 B', '78'],
      ['위원 C', '85'],
    ] as const) {
      await office.getByLabel('위원', { exact: true }).fill(expert);
      await office.getByLabel('점수', { exact: true }).fill(score);
      await office.getByRole('button', { name: '점수 저장' }).click();
      await expect.poll(() => office.getByLabel('위원', { exact: true }).inputValue()).toBe('');
    }
    await expect.poll(() => office.getByTestId('inputs-table').innerText()).toContain('1/1');

    await office.getByRole('tab', { name: '결과와 결정' }).click();
    const proposal = office.getByTestId(`proposal-${taskKey}`);
    await proposal.waitFor();
    // the reason a team reads: the share of goals met and that it continues to the next phase, never a phase key
    expect(await proposal.innerText()).toContain('단계 목표 1개 중 1개 달성 — 다음 단계 진행');
    await office.getByRole('button', { name: '결정 미리보기' }).click();
    await office.getByTestId('decision-preview').waitFor();
    await screenshot(office, '09-stage-decision-preview');
    await office.getByLabel('위 변경 내용을 확인했으며 되돌릴 수 없음을 이해합니다').check();
    await office.getByRole('button', { name: '결정 확정 및 시행' }).click();
    await office.getByTestId('decision').waitFor();

    await office.getByRole('button', { name: '결과 공개' }).click();
    const dialog = office.getByRole('dialog', { name: '단계 평가 결과 공개' });
    await dialog.getByTestId('publish-appeal').waitFor();
    await dialog.getByTestId('confirm-ack').check();
    await dialog.getByTestId('confirm-commit').click();
    await office.getByRole('button', { name: '결과 공개' }).waitFor({ state: 'detached' });
    await screenshot(office, '09-stage-published');
    // the new applicant leads the task (the subject names the team by its task key)
    const mail = await mailArrives('stage decision', (m) => m.to.includes(applicant) && m.subject.includes(`결과: ${taskKey}`));
    expect(mail.text, mail.text).toContain('다음 단계 진행');
    expect(mail.text, mail.text).not.toContain('phase-');
    expect(mail.text, mail.text).toMatch(/이의 신청 마감: .*\d/);
    expect(mail.attachments.map((a) => a.filename)).toContain(`stage-decision-${taskKey}.pdf`);
  });

  it('10. the team appeals its expert-panel points from its result page, previewed then filed', async () => {
    const team = await asNewApplicant();
    const id = stageEvaluationUrl.split('/').pop();
    await team.goto(`${sg.url}/stage-evaluations/${id}/teams/${taskKey}`);
    await team.getByTestId('team-outcome').waitFor();
    const form = team.getByTestId('appeal-form');
    await form.waitFor();
    await form.getByLabel('이의 신청 사유').fill('전문가 평가에서 해양 관측 자료 확보 실적이 반영되지 않았습니다. 보완 자료를 제출합니다.');
    await form.getByTestId('file-appeal').click();
    const dialog = team.getByRole('dialog');
    await dialog.getByTestId('appeal-closes').waitFor();
    await dialog.getByTestId('confirm-ack').check();
    await dialog.getByTestId('confirm-commit').click();
    await form.getByText('이의 신청을 접수했습니다.').waitFor();
    await screenshot(team, '10-appeal-filed');
    await team.context().close();
    const operator = await sg.api('operator@demo.stagegate.kr');
    const view = await operator<{ appeals: { team: string; status: string }[] }>('GET', `/api/v1/stage-evaluations/${id}`);
    expect(view.json.appeals.map((a) => `${a.team}:${a.status}`)).toEqual([`${taskKey}:open`]);
  });

  it('10b. the office rejects the appeal with its reason, and the team reads it', async () => {
    await office.goto(stageEvaluationUrl);
    await office.getByRole('tab', { name: /이의 신청/ }).click();
    const before = sg.smtp.mails.length;
    // rejecting is previewed and confirmed with a reason, like upholding: the team is told either way
    await office.getByRole('button', { name: '기각', exact: true }).click();
    const dialog = office.getByRole('dialog');
    await dialog.getByText('공개된 결정은 그대로 유지되고').waitFor();
    await dialog.getByLabel('기각 사유').fill('관측 자료 확보는 평가 기간 이후의 실적으로, 평가 기간의 점수를 유지합니다.');
    await dialog.getByTestId('confirm-ack').check();
    await dialog.getByTestId('confirm-commit').click();
    await office.getByText('처리 사유: 관측 자료 확보는 평가 기간 이후의 실적으로').waitFor();
    await mailArrives(
      'appeal answer',
      (m) => sg.smtp.mails.indexOf(m) >= before && m.to.includes(applicant) && m.subject.endsWith(`${taskKey} 과제 이의 신청 기각`),
    );
    await screenshot(office, '10b-appeal-rejected');
    const team = await asNewApplicant();
    const id = stageEvaluationUrl.split('/').pop();
    const own = await team.request.get(`${sg.url}/api/v1/stage-evaluations/${id}/teams/${taskKey}`);
    expect(((await own.json()) as { appeals: { status: string }[] }).appeals.map((a) => a.status)).toEqual(['rejected']);
    await team.context().close();
  });

  it("11. the office opens specialized-fm's final evaluation for the new cohort (the selected task), scores it, designates it excellent and publishes; the team is mailed its result", async () => {
    await office.goto(`${sg.url}/final-evaluations/new`);
    await office.getByRole('heading', { name: '최종 평가 만들기' }).waitFor();
    await office.getByTestId('final-program').click();
    // the demo's final evaluation holds sfm-01 and sfm-02: the program is offered for the one task that has none
    await office.getByRole('option', { name: /AI 특화.*최종 평가 받지 않은 과제 1개/ }).click();
    await office.getByTestId('final-phase').click();
    await office.getByRole('option', { name: '추가 지원(협상)' }).click();
    await office.getByTestId('final-pool').click();
    await office.getByRole('option', { name: /B200/ }).click();
    await office.getByTestId('final-create').click();
    await office.getByTestId('confirm-preview').waitFor();
    expect(await office.getByTestId('confirm-preview').innerText()).toContain('해양 기상 예측');
    await office.getByTestId('confirm-ack').check();
    await office.getByTestId('confirm-commit').click();
    await office.waitForURL(/\/final-evaluations\/[0-9a-f-]{36}$/);
    finalEvaluationUrl = office.url();
    const scores = office.getByTestId('final-scores');
    await scores.waitFor();
    const inputs = scores.locator('input');
    expect(await inputs.count()).toBe(1);
    await inputs.first().fill('91.5');
    await office.getByTestId('final-scores-save').click();
    await office.getByTestId('final-scores-changes').waitFor();
    await office.getByTestId('confirm-ack').check();
    await office.getByTestId('confirm-commit').click();
    await office.getByTestId('final-message').filter({ hasText: '최종 점수를 저장했습니다.' }).waitFor();
    await office.getByTestId('designate-excellent').click();
    await office.getByTestId('designate-preview').waitFor();
    await office.getByTestId('confirm-ack').check();
    await office.getByTestId('confirm-commit').click();
    await office.getByTestId('final-tasks').getByText('우수', { exact: true }).waitFor();
    await screenshot(office, '11-final-evaluation');
    // designated is the office's alone; publishing is its own step, previewed (what goes public, who is mailed) and confirmed
    await office.getByTestId('publish-final').click();
    const results = office.getByTestId('publish-results');
    await results.waitFor();
    expect(await results.locator('tbody tr').count()).toBe(1);
    expect(await office.getByTestId('publish-recipients').innerText()).toContain(applicant);
    await screenshot(office, '11-publish-preview');
    await office.getByTestId('confirm-ack').check();
    await office.getByTestId('confirm-commit').click();
    await office.getByTestId('final-published-at').waitFor();
    expect(await office.getByTestId('publish-final').count()).toBe(0);
    await screenshot(office, '11-final-published');
    await mailArrives('final result', (m) => m.to.includes(applicant) && m.subject.endsWith(`최종 평가 결과: ${taskKey}`));
  });

  it('12. the excellent team proposes additional support in the browser; the office accepts it in the negotiation thread and the allocation it creates is mailed to the task', async () => {
    const team = await asNewApplicant();
    await team.goto(finalEvaluationUrl);
    await team.getByRole('heading', { name: `${taskKey}: 추가 지원 제안` }).waitFor();
    await team.getByLabel('목표', { exact: true }).fill('해양 기상 예보 서비스 고도화: 기상 예보관 시범 서비스, 태풍 진로 오차 60 km 이하');
    await team.getByLabel('GPU 수', { exact: true }).fill('64');
    await team.getByLabel('시작일', { exact: true }).fill('2027-01-01');
    await team.getByLabel('종료일', { exact: true }).fill('2027-03-31');
    // an offer is never edited once made: the team sees it as it would stand, then confirms
    await team.getByRole('button', { name: '제안 제출' }).click();
    const proposal = team.getByRole('dialog');
    await proposal.getByTestId('offer-preview').waitFor();
    expect(await proposal.getByTestId('offer-preview').innerText()).toContain('GPU 64장, 2027-01-01 ~ 2027-03-31 (90일, 138,240 GPU시간)');
    await proposal.getByTestId('confirm-ack').check();
    await proposal.getByTestId('confirm-commit').click();
    await team.getByText('제안을 제출했습니다.').waitFor();
    await screenshot(team, '12-support-proposed');
    await team.context().close();

    const before = sg.smtp.mails.length;
    await office.goto(finalEvaluationUrl);
    await office.locator('a[href^="/support-proposals/"]').first().click();
    await office.waitForURL(/\/support-proposals\/[^/]+$/);
    const state = office.getByTestId('thread-state');
    await state.waitFor();
    await screenshot(office, '12-negotiation');
    await office.getByTestId('accept-offer').first().click();
    const dialog = office.getByRole('dialog');
    await dialog.getByTestId('accept-gains').waitFor();
    expect(await dialog.getByTestId('accept-gains').innerText()).toContain('64');
    await dialog.getByTestId('confirm-ack').check();
    await dialog.getByTestId('confirm-commit').click();
    await office.getByTestId('allocation-request').waitFor();
    await expect.poll(() => state.innerText(), { timeout: 15_000 }).toMatch(/합의/);
    await screenshot(office, '12-agreed');
    await mailArrives(
      'allocation created by the agreement',
      (m) => sg.smtp.mails.indexOf(m) >= before && m.to.includes(applicant) && m.subject.endsWith(`${taskKey} GPU 배정 변경`),
    );
  });
});
