import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.ts';
import { useStagegate } from './support/stagegate.ts';
import { joinOrganisation, mailArrives } from './support/scenario.ts';

// invitations before sign-up are mailed: the test reads them, and the confirmation link, at a loopback SMTP server
const sg = useStagegate({ smtp: true });

// Issue 15 item 1: the office manages a task's people (team accounts) in the browser, a team member
// reads its own team and reaches its stage result and appeal, and an edit of the eligibility rules
// shows whose verdict would change before it is saved.
let office: Page;
let sfm01 = '';

/** Confirms the open dialog of a preview: tick, give the reason, commit. */
async function confirm(page: Page, reason: string) {
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('confirm-preview').waitFor();
  await dialog.getByTestId('confirm-ack').check();
  await dialog.getByRole('textbox').fill(reason);
  await dialog.getByTestId('confirm-commit').click();
  await dialog.waitFor({ state: 'hidden' });
}

beforeAll(async () => {
  // 누리 joins the demo applicant's organisation (가나다AI) the ordinary way: invited by its admin, accepted
  await joinOrganisation(sg.url, 'applicant@demo.stagegate.kr', 'nuri@demo.stagegate.kr');
  office = await sg.as('operator@demo.stagegate.kr');
}, 240_000);

describe('task people from the browser', () => {
  it('the office reaches a task’s people from the allocations table and cannot remove the last lead', async () => {
    await office.goto(`${sg.url}/allocations?program=specialized-fm`);
    await office.getByTestId('members-sfm-01').first().click();
    await office.getByTestId('task-members').waitFor();
    sfm01 = new URL(office.url()).pathname.split('/')[2]!;
    expect(await office.getByTestId('member-medi01').innerText()).toContain('책임자');
    await office.getByTestId('remove-medi01').click();
    const refused = office.getByRole('dialog').getByTestId('confirm-error');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('마지막 책임자');
    await office.getByRole('dialog').getByRole('button', { name: '취소' }).click();
  });

  it('adds an account of the consortium’s organisation after the preview, makes it lead, removes a member with a reason', async () => {
    await office.getByTestId('add-member-email').fill('nuri@demo.stagegate.kr');
    await office.getByTestId('add-member-submit').click();
    const preview = office.getByRole('dialog').getByTestId('member-change');
    await preview.waitFor();
    const text = await preview.innerText();
    expect(text).toContain('없음 → 구성원');
    expect(text).toContain('가나다AI');
    await screenshot(office, 'office-teams-add-preview');
    await confirm(office, '데이터 담당 합류');
    await office.getByTestId('member-nuri').waitFor();

    await office.getByTestId('role-nuri').click();
    expect(await office.getByRole('dialog').getByTestId('member-change-leads').innerText()).toBe('책임자 수: 1명 → 2명');
    await confirm(office, '책임자 추가');
    await expect.poll(async () => office.getByTestId('member-nuri').innerText()).toContain('책임자');

    await office.getByTestId('remove-medi03').click();
    await confirm(office, '과제 이탈');
    await office.getByTestId('member-medi03').waitFor({ state: 'detached' });
    await screenshot(office, 'office-teams-members');
  });

  it('the new member reads its team read-only', async () => {
    const nuri = await sg.as('nuri@demo.stagegate.kr');
    await nuri.goto(`${sg.url}/tasks/${sfm01}/members`);
    await nuri.getByTestId('task-members').waitFor();
    expect(await nuri.getByTestId('member-nuri').innerText()).toContain('책임자');
    expect(await nuri.getByTestId('add-member').count()).toBe(0);
    expect(await nuri.getByTestId('remove-medi01').count()).toBe(0);
    await nuri.context().close();
  });

  it('a K-AI team member goes from its team to its stage result page (where it appeals once the decision is published)', async () => {
    const applicant = await sg.as('applicant@demo.stagegate.kr');
    await applicant.goto(`${sg.url}/allocations?program=k-ai`);
    await applicant.getByTestId('members-kai-naver').first().click();
    await applicant.getByTestId('task-stage-evaluations').waitFor();
    await applicant.getByTestId('task-stage-evaluations').getByRole('link').first().click();
    await applicant.waitForURL(/\/stage-evaluations\/[^/]+\/teams\/kai-naver$/);
    await applicant.getByRole('heading', { name: '네이버클라우드 컨소시엄' }).waitFor();
    await applicant.context().close();
  });
});

describe('inviting someone without an account into a task', () => {
  const invitee = `invitee-${process.pid}@teams.test`;
  const changedMind = `changed-${process.pid}@teams.test`;

  async function invite(email: string, reason: string, says = '계정이 없는 주소입니다') {
    await office.goto(`${sg.url}/tasks/${sfm01}/members`);
    await office.getByTestId('invite-member').waitFor();
    await office.getByTestId('invite-email').fill(email);
    await office.getByRole('combobox', { name: '소속 기관 (과제 컨소시엄)' }).click();
    await office.getByRole('option', { name: '가나다AI' }).click();
    await office.getByTestId('invite-submit').click();
    const preview = office.getByRole('dialog').getByTestId('invitation-preview');
    await preview.waitFor();
    const text = await preview.innerText();
    expect(text).toContain(email);
    expect(text).toContain('가나다AI');
    expect(text).toContain(says);
    await confirm(office, reason);
    await office.getByTestId(`invitation-${email}`).waitFor();
  }

  it('the office invites an e-mail for one of the consortium’s organisations; it shows as pending and the mail arrives', async () => {
    await invite(invitee, '새 연구원 합류');
    expect(await office.getByTestId(`invitation-${invitee}`).innerText()).toContain('가입 대기');
    await screenshot(office, 'office-teams-invitation-pending');
    const mail = await mailArrives(sg.smtp, 'the task invitation', (m) => m.to.includes(invitee) && m.subject.includes('sfm-01 과제 참여 초대'));
    expect(mail.text).toContain('가나다AI');
  });

  /** Signs up in a new browser context and opens the confirmation link that arrives by mail; the page stays signed in. */
  async function signUpAndConfirm(email: string, name: string): Promise<Page> {
    const page = await sg.page();
    await page.goto(`${sg.url}/sign-up`);
    await page.getByLabel('이름').fill(name);
    await page.getByLabel('이메일').fill(email);
    await page.getByLabel('비밀번호').fill('invitee-pass-1');
    await page.getByRole('button', { name: '가입하기' }).click();
    await page.getByTestId('signed-in-as').waitFor({ state: 'attached' });
    const mail = await mailArrives(sg.smtp, 'the confirmation mail', (m) => m.to.includes(email) && m.subject.includes('이메일 주소 확인'));
    const link = /https?:\/\/[^/\s]+(\/verify-email\?token=\S+)/.exec(mail.text)?.[1];
    expect(link).toBeTruthy();
    await page.goto(`${sg.url}${link}`);
    await page.getByTestId('email-verified').waitFor();
    return page;
  }

  it('signing up with that address and confirming it makes the person a member of the task', async () => {
    const page = await signUpAndConfirm(invitee, '한초대');
    await page.goto(`${sg.url}/tasks/${sfm01}/members`);
    await page.getByTestId('task-members').waitFor();
    expect(await page.getByTestId('task-members').innerText()).toContain(invitee);
    await page.context().close();
    await office.goto(`${sg.url}/tasks/${sfm01}/members`);
    await office.getByTestId('task-members').waitFor();
    expect(await office.getByTestId('task-members').innerText()).toContain(invitee);
    expect(await office.getByTestId(`invitation-${invitee}`).count()).toBe(0);
  });

  it('the office withdraws a pending invitation with a reason', async () => {
    await invite(changedMind, '공동연구 합류');
    await office.getByTestId(`withdraw-${changedMind}`).click();
    await confirm(office, '잘못 보낸 초대');
    await office.getByTestId(`invitation-${changedMind}`).waitFor({ state: 'detached' });
  });

  it('a confirmed account is invited too, and joins only when it accepts on its invitations page after the preview', async () => {
    const confirmed = `confirmed-${process.pid}@teams.test`;
    const page = await signUpAndConfirm(confirmed, '김수락');
    await invite(confirmed, '협력 연구원 합류', '주소를 확인한 계정이 있습니다');
    expect(await office.getByTestId(`invitation-${confirmed}`).innerText()).toContain('수락 대기');
    const mail = await mailArrives(sg.smtp, 'the invitation to accept', (m) => m.to.includes(confirmed) && m.subject.includes('sfm-01 과제 참여 초대'));
    expect(mail.text).toContain("'받은 초대' 화면에서 초대를 수락하면");
    await page.goto(`${sg.url}/invitations`);
    const card = page.getByTestId('task-invitation-sfm-01');
    await card.waitFor();
    expect(await card.innerText()).toContain('가나다AI 소속 구성원으로 초대되었습니다');
    await page.getByTestId('task-invitation-accept-sfm-01').click();
    const dialog = page.getByRole('dialog');
    const preview = dialog.getByTestId('task-invitation-answer');
    await preview.waitFor();
    const says = await preview.innerText();
    expect(says).toContain('가나다AI 기관의 구성원이 됩니다');
    expect(says).toContain('sfm-01 과제에 구성원으로 참여합니다');
    expect(says).toContain('confirmed');
    await screenshot(page, 'office-teams-invitation-accept');
    await dialog.getByTestId('confirm-ack').check();
    await dialog.getByTestId('confirm-commit').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('no-invitations').waitFor();
    await page.goto(`${sg.url}/tasks/${sfm01}/members`);
    await page.getByTestId('task-members').waitFor();
    expect(await page.getByTestId('task-members').innerText()).toContain(confirmed);
    await page.context().close();
    await office.goto(`${sg.url}/tasks/${sfm01}/members`);
    await office.getByTestId('task-members').waitFor();
    expect(await office.getByTestId(`invitation-${confirmed}`).count()).toBe(0);
  });
});

describe('eligibility rules with a preview', () => {
  it('unticking large enterprises as participants shows, before saving, the open call’s application that would turn ineligible and why', async () => {
    await office.goto(`${sg.url}/programs/specialized-fm/edit`);
    const participants = office.getByRole('group', { name: '참여기관이 될 수 있는 기관 유형' });
    await participants.getByLabel('대기업').uncheck();
    await office.getByRole('button', { name: '변경 내용 미리보기' }).click();
    const card = office.getByTestId('verdict-changes');
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain('미래의료AI');
    expect(text).toContain('접수 중');
    expect(await office.getByTestId('verdict-changes-open').innerText()).toMatch(/접수 중인 공모의 신청서 \d+건/);
    await screenshot(office, 'office-eligibility-preview');
  });
});
