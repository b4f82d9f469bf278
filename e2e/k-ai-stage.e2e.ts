import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.ts';
import { useStagegate } from './support/stagegate.ts';

const sg = useStagegate();

// Issue 7, "done when": a full K-AI stage in the browser — five teams with benchmark results,
// panel scores and user-evaluation points, a gate failure, the decision confirmed, the eliminated
// teams blocked (task status and the Slurm plan), results published and public without signing in.
let page: Page;
let evaluationUrl = '';
let publicUrl = '';

beforeAll(async () => {
  page = await sg.page();
});

describe('K-AI first stage evaluation in the browser', () => {
  it('shows the scheme and its history to the public before any result is published', async () => {
    await page.goto(`${sg.url}/results`);
    await page.getByRole('heading', { name: '단계 평가 결과' }).waitFor();
    await page.getByRole('link', { name: /독자 AI 파운데이션 모델 1차 단계 평가/ }).click();
    await page.getByTestId('not-published').waitFor();
    publicUrl = page.url();
    const versions = await page.getByTestId('scheme-versions').innerText();
    expect(versions).toContain('평가 기준 1판');
    expect(versions).toContain('평가 개시 시 고정');
    expect(await page.locator('main').innerText()).toContain('관문: 독자성');
  });

  it('lets the office see five teams scored from their inputs, with what is still missing', async () => {
    await page.getByRole('link', { name: '로그인' }).click();
    await page.getByLabel('이메일').fill('operator@demo.stagegate.kr');
    await page.getByLabel('비밀번호').fill('stagegate-demo');
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByTestId('signed-in-as').waitFor();
    await page.getByRole('link', { name: '단계 평가', exact: true }).click();
    await page
      .getByTestId('evaluations')
      .getByRole('link', { name: /1차 단계 평가/ })
      .click();
    await page.getByTestId('standings').waitFor();
    evaluationUrl = page.url();
    expect(await page.getByTestId('standings').locator('tbody tr').count()).toBe(5);
    const lg = await page.getByTestId('standing-kai-lg').innerText();
    expect(lg).toContain('LG AI연구원 컨소시엄');
    expect(lg).toMatch(/33\.6\s+31\.6\s+25\s+90\.2/);
    // the proposal waits for the last originality ruling
    expect(await page.getByTestId('blocking').innerText()).toContain('kai-naver');

    await page.getByRole('tab', { name: '평가 입력' }).click();
    const table = await page.getByTestId('inputs-table').innerText();
    expect(table).toContain('0.86'); // imported benchmark ratio
    expect(table).toContain('위원 10명'); // panel scores, trimmed mean
    expect(await page.getByTestId('input-issues').innerText()).toContain('kai-nc');
    await screenshot(page, 'stage-evaluation-inputs-ko');
  });

  it('previews benchmark ratios pulled from the evaluation store, without saving them', async () => {
    const pull = page.getByTestId('pull-benchmarks');
    await pull.getByRole('button', { name: '비교 결과 불러오기 (미리보기)' }).click();
    const preview = await pull.getByTestId('pull-benchmarks-preview').innerText();
    // the demo holds one stored comparison, for the applicant's team; the others say why nothing came
    expect(preview).toContain('네이버클라우드 컨소시엄');
    expect(preview).toContain('nia-benchmark');
    expect(await pull.getByTestId('pull-benchmarks-skipped').innerText()).toContain('저장된 비교가 없습니다');
    await screenshot(page, 'stage-evaluation-pull-preview-ko');
  });

  it('imports the missing user-evaluation points from CSV, previewed then saved', async () => {
    await page.getByLabel('CSV 내용').fill('team,component,value,note\nkai-nc,user-evaluation,3.49,전문 사용자 49명 평균');
    await page.getByRole('button', { name: '가져오기 미리보기' }).click();
    const preview = await page.getByTestId('import-preview').innerText();
    expect(preview).toContain('kai-nc');
    expect(preview).toContain('— → 3.49');
    await page.getByRole('button', { name: '가져오기 저장' }).click();
    await page.getByText('1개 값을 저장했습니다.').waitFor();
    await page.getByTestId('input-issues').filter({ hasNotText: 'kai-nc' }).waitFor();
    expect(await page.getByTestId('inputs-table').innerText()).toContain('3.49');
  });

  it('has the panel rule the originality gate failed for one top-four team, with reasons', async () => {
    await page.getByRole('tab', { name: '관문 심사' }).click();
    const card = page.getByTestId('gate-kai-naver-originality');
    expect(await card.innerText()).toContain('심사 중');
    expect(await card.getByRole('button', { name: '판정 저장' }).isDisabled()).toBe(true); // until a ruling is chosen
    await card.getByLabel('네이버클라우드 컨소시엄 불통과').check();
    await card.getByLabel('네이버클라우드 컨소시엄 판정 사유').fill('외부 비전·오디오 인코더의 가중치를 재사용해 가중치 초기화가 자체 수행이 아님');
    await card.getByRole('button', { name: '판정 저장' }).click();
    await card.getByTestId('gate-status').filter({ hasText: '불통과' }).waitFor();
    expect(await card.innerText()).toContain('판정 사유: 외부 비전·오디오 인코더');
    await screenshot(page, 'stage-evaluation-gate-ko');
  });

  it('proposes the decision, previews the enforcement and confirms it: the eliminated teams are blocked', async () => {
    await page.getByRole('tab', { name: '결과와 결정' }).click();
    const naver = page.getByTestId('proposal-kai-naver');
    await naver.waitFor();
    expect(await naver.innerText()).toContain('탈락');
    expect(await naver.innerText()).toContain("'독자성' 관문을 통과하지 못했습니다");
    expect(await page.getByTestId('proposal-kai-nc').innerText()).toContain('탈락');
    expect(await page.getByTestId('proposal-kai-lg').innerText()).toContain('진출');
    expect(await page.getByTestId('blocking').count()).toBe(0);

    // the January 2026 decision, dated in the past: the preview says what that does, and a reason is required
    await page.getByLabel('결정일 (시행일)').fill('2026-01-15');
    await page.getByTestId('retroactive-warning').waitFor();
    await page.getByRole('button', { name: '결정 미리보기' }).click();
    const preview = page.getByTestId('decision-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('B200 정예팀 풀: 탈락 팀의 GPU 1024장이 풀로 돌아갑니다 (가용 0장 → 재배분 후 0장)');
    // issue 16 item 3: K-AI splits them equally in whole nodes, the spare nodes to the higher-ranked teams
    const redistribution = await page.getByTestId('redistribution').innerText();
    expect(redistribution).toContain('LG AI연구원 컨소시엄: GPU 344장 추가 (512 → 856장)');
    expect(redistribution).toContain('SK텔레콤 컨소시엄: GPU 344장 추가 (512 → 856장)');
    expect(redistribution).toContain('업스테이지 컨소시엄: GPU 336장 추가 (512 → 848장)');
    const plan = await page.getByTestId('preview-slurm-plan').innerText();
    expect(plan).toContain('sg-k-ai-kai-naver');
    expect(plan).toContain('sg-k-ai-kai-nc');
    // the remaining teams' limits rise with the GPUs they receive
    expect(plan).toMatch(/kai-lg.*856/);
    await screenshot(page, 'stage-evaluation-decision-preview-ko');
    expect(await page.getByTestId('retroactive-effect').innerText()).toContain('일 소급 적용');
    // issue 13 item 3: the two eliminated teams' stage-2 allocations (512 GPUs each, 16 Jan – 31 Aug 2026: 228 days)
    // ran after the decision day although removed outright; they were read as 0 GPU-days returned late
    expect(await page.getByTestId('retroactive-effect').innerText()).toContain(`늦게 반환되는 GPU: ${(2 * 512 * 228).toLocaleString('ko-KR')} GPU·일`);
    const confirmButton = page.getByRole('button', { name: '결정 확정 및 시행' });
    expect(await confirmButton.isDisabled()).toBe(true);
    await page.getByLabel('소급 적용 사유').fill('2026년 1월 공고 일정에 따른 결정을 소급 기록');
    await page.getByLabel('위 변경 내용을 확인했으며 되돌릴 수 없음을 이해합니다').check();
    await confirmButton.click();

    const decision = page.getByTestId('decision');
    await decision.waitFor();
    const enforcement = await page.getByTestId('enforcement').innerText();
    expect(enforcement).toContain('네이버클라우드 컨소시엄: 탈락 (차단)');
    expect(enforcement).toContain('NC AI 컨소시엄: 탈락 (차단)');
    expect(enforcement).toMatch(/LG AI연구원 컨소시엄: 진행/);
    expect(enforcement).toContain('B200 정예팀 풀 GPU 344장 재배분받음 (2026년 1월 16일부터)');
    expect(await page.getByTestId('slurm-plan').innerText()).toContain('sg-k-ai-kai-naver');
    // the task itself is eliminated, so the desired Slurm state blocks its new jobs
    const status = await page.evaluate(async (url) => {
      const id = url.split('/').pop();
      const res = await fetch(`/api/v1/stage-evaluations/${id}`, { credentials: 'include' });
      const v = await res.json();
      return Object.fromEntries(v.teams.map((t: { key: string; status: string }) => [t.key, t.status]));
    }, evaluationUrl);
    expect(status).toEqual({ 'kai-lg': 'active', 'kai-naver': 'eliminated', 'kai-nc': 'eliminated', 'kai-skt': 'active', 'kai-upstage': 'active' });
    await screenshot(page, 'stage-evaluation-decided-ko');
  });

  it('publishes the results, visible on the public page without signing in, with PDF and Excel', async () => {
    // issue 13 item 6: the click only previews who continues, who is eliminated and when appeals close
    await page.getByRole('button', { name: '결과 공개' }).click();
    const dialog = page.getByRole('dialog', { name: '단계 평가 결과 공개' });
    await dialog.getByTestId('publish-appeal').waitFor();
    const eliminatedPreview = await dialog.getByTestId('publish-eliminate').innerText();
    expect(eliminatedPreview).toContain('탈락 2팀');
    expect(eliminatedPreview).toContain('네이버클라우드 컨소시엄');
    expect(eliminatedPreview).toContain('NC AI 컨소시엄');
    expect(await dialog.getByTestId('publish-continue').innerText()).toContain('진출 3팀');
    // the seeded K-AI scheme gives 7 days to appeal, counted from publication
    expect(await dialog.getByTestId('publish-appeal').innerText()).toMatch(/이의 신청 기간\(7일\)이 시작되어 .+에 마감됩니다/);
    expect(
      await page.evaluate(
        async (url) => (await (await fetch(`/api/v1/stage-evaluations/${url.split('/').pop()}`, { credentials: 'include' })).json()).evaluation.status,
        evaluationUrl,
      ),
    ).toBe('decided');
    await screenshot(page, 'stage-evaluation-publish-preview-ko');
    await dialog.getByTestId('confirm-ack').check();
    await dialog.getByTestId('confirm-commit').click();
    await page.getByRole('button', { name: '결과 공개' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '로그아웃' }).click();
    await page.getByRole('link', { name: '로그인' }).waitFor();

    await page.goto(publicUrl);
    const board = page.getByTestId('public-standings');
    await board.waitFor();
    const first = await board.locator('tbody tr').first().innerText();
    expect(first).toContain('LG AI연구원 컨소시엄');
    expect(first).toContain('90.2');
    const eliminated = await page.getByTestId('public-eliminate').innerText();
    expect(eliminated).toContain('네이버클라우드 컨소시엄');
    expect(eliminated).toContain('외부 비전·오디오 인코더');
    expect(eliminated).toContain('NC AI 컨소시엄');
    const advanced = await page.getByTestId('public-continue').innerText();
    for (const team of ['LG AI연구원 컨소시엄', 'SK텔레콤 컨소시엄', '업스테이지 컨소시엄']) expect(advanced).toContain(team);
    expect(await page.locator('main').innerText()).toContain('평균 79.7점');
    await screenshot(page, 'stage-results-public-ko');

    const pdf = await fetch(`${sg.url}${await page.getByRole('link', { name: 'PDF 보고서' }).getAttribute('href')}`);
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const xlsx = await fetch(`${sg.url}${await page.getByRole('link', { name: 'Excel 내려받기' }).getAttribute('href')}`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });
});
