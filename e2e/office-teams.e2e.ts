import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.ts';
import { useStagegate } from './support/stagegate.ts';
import { joinOrganisation } from './support/scenario.ts';

const sg = useStagegate();

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
