import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.ts';
import { startFakeOpenAiServer } from '../packages/app/src/adapters/openai-endpoint/fake-openai-server.ts';

import { koreanTextProblems } from './support/korean-text.ts';
import { useStagegate } from './support/stagegate.ts';

const sg = useStagegate({ warm: true });

// the demo data of README: specialized-fm has tasks sfm-01/sfm-02 and no stage evaluation; K-AI has a stage-1 arena only

async function choose(page: Page, testId: string, option: string | RegExp) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).click();
}

/** Leaf texts of the page that a Korean reader should not see (keys, paths, English sentences, raw phase keys). */
async function koreanProblems(page: Page, testId?: string) {
  const texts = await (testId ? page.getByTestId(testId) : page.locator('main')).evaluate((el) => {
    const out: string[] = [];
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) out.push(walk.currentNode.textContent ?? '');
    return out;
  });
  return texts.flatMap((t) => [...koreanTextProblems(t), ...(/\b(?:phase|stage)-\d\b/.test(t) ? [{ kind: 'key', text: t }] : [])]);
}

describe('the office sets up evaluations in the browser', () => {
  it('creates specialized-fm phase 1 evaluation from its own scheme, with a two-member panel', async () => {
    const page = await sg.as('operator@demo.stagegate.kr');
    await page.getByRole('link', { name: '단계 평가 만들기' }).first().click();
    await page.getByRole('heading', { name: '단계 평가 만들기' }).waitFor();
    await choose(page, 'stage-program', /AI 특화/);
    await page.getByTestId('scheme').waitFor();
    const scheme = await page.getByTestId('scheme').innerText();
    expect(scheme).toMatch(/단계 목표 달성도[\s\S]*단계 목표 대비 중간 실적[\s\S]*70[\s\S]*70%/);
    expect(scheme).toMatch(/전문가 평가[\s\S]*30[\s\S]*30%/);
    expect(await page.getByTestId('scheme-policy').innerText()).toBe('단계 목표를 달성한 과제만 2단계로 진행합니다.');
    // phases are offered by name, never by key
    await page.getByTestId('stage-phase').click();
    const options = await page.getByRole('option').allInnerTexts();
    expect(options).toEqual(['1단계', '2단계', '최종 평가', '추가 지원(협상)']);
    await page.getByRole('option', { name: '1단계', exact: true }).click();
    expect(await page.getByTestId('stage-start').inputValue()).toBe('2025-11-01');
    expect(await page.getByTestId('stage-end').inputValue()).toBe('2026-03-31');

    await page.getByTestId('stage-panel-search').fill('reviewer2');
    await page.getByTestId('pick-reviewer2@demo.stagegate.kr').check();
    await page.getByTestId('stage-panel-search').fill('reviewer3');
    await page.getByTestId('pick-reviewer3@demo.stagegate.kr').check();
    expect(await page.getByTestId('stage-panel').innerText()).toContain('2명 선택');
    expect(await koreanProblems(page)).toEqual([]);
    await screenshot(page, 'office-stage-evaluation-new-ko');

    await page.getByTestId('stage-create').click();
    const preview = page.getByTestId('confirm-preview');
    await preview.waitFor();
    expect(await page.getByTestId('stage-preview-teams').locator('li').count()).toBe(2);
    expect(await preview.innerText()).toContain('평가위원 2명');
    await page.getByTestId('confirm-ack').check();
    await page.getByTestId('confirm-commit').click();
    await page.waitForURL(/\/stage-evaluations\/[0-9a-f-]{36}$/);

    const api = await sg.api('operator@demo.stagegate.kr');
    const list = await api<{ evaluations: { id: string; program: string; stageKey: string }[] }>('GET', '/api/v1/stage-evaluations?program=specialized-fm');
    const created = list.json.evaluations.find((e) => e.stageKey === 'phase-1')!;
    expect(created).toBeDefined();
    const view = await api<{ panel?: { email: string }[]; experts?: { email: string }[]; scheme: { decisionPolicy: { kind: string } } }>(
      'GET',
      `/api/v1/stage-evaluations/${created.id}`,
    );
    expect(view.json.scheme.decisionPolicy.kind).toBe('continueIfStageGoalsMet');
    expect(JSON.stringify(view.json)).toContain('reviewer3@demo.stagegate.kr');

    // the phase now has an evaluation: the form offers it no more
    await page.goto(`${sg.url}/stage-evaluations/new`);
    await choose(page, 'stage-program', /AI 특화/);
    await page.getByTestId('stage-phase').click();
    expect(await page.getByRole('option', { name: '1단계 (평가 있음)' }).getAttribute('data-combobox-disabled')).toBe('true');
    await page.context().close();
  });

  it('creates a K-AI stage 2 arena with two evaluators and a cap, after a preview', async () => {
    const page = await sg.as('operator@demo.stagegate.kr');
    await page.getByRole('link', { name: '아레나 만들기' }).first().click();
    await page.getByRole('heading', { name: '아레나 만들기' }).waitFor();
    await choose(page, 'arena-program', /독자 AI/);
    await page.getByTestId('arena-endpoints').waitFor();

    // a team's model server is registered here, previewed as it will be stored (the trailing /v1 dropped)
    await page.getByTestId('endpoint-label').fill('누리 팀 모델 서버');
    await page.getByTestId('endpoint-url').fill('https://models.nuri-team.example/v1/');
    await page.getByTestId('endpoint-register-start').click();
    expect(await page.getByTestId('endpoint-preview').innerText()).toMatch(
      /이름: 누리 팀 모델 서버\s*저장할 주소: https:\/\/models\.nuri-team\.example\s*공개 주소로만 요청을 보냅니다\./,
    );
    await page.getByTestId('confirm-ack').check();
    await page.getByTestId('confirm-commit').click();
    await page.getByTestId('arena-endpoints').getByText('https://models.nuri-team.example', { exact: true }).waitFor();
    await expect.poll(() => page.getByTestId('endpoint-url').inputValue()).toBe('');
    await page.getByTestId('arena-phase').click();
    expect(await page.getByRole('option').allInnerTexts()).toEqual(['1차 단계 (평가 있음)', '2차 단계', '3차 단계', '4차 단계']);
    await page.getByRole('option', { name: '2차 단계', exact: true }).click();
    await page.getByTestId('arena-cap').fill('0');
    expect(await page.locator('main').innerText()).toContain('1 이상 100000 이하의 정수를 적어 주세요');
    expect(await page.getByTestId('arena-create').isDisabled()).toBe(true);
    await page.getByTestId('arena-cap').fill('30');
    await page.getByTestId('pick-panel01@demo.stagegate.kr').check();
    await page.getByTestId('pick-panel02@demo.stagegate.kr').check();
    expect(await koreanProblems(page)).toEqual([]);
    await screenshot(page, 'office-arena-new-ko');

    await page.getByTestId('arena-create').click();
    await page.getByTestId('confirm-preview').waitFor();
    expect(await page.getByTestId('arena-preview-summary').innerText()).toMatch(/2차 단계 사용자 평가 · 평가위원당 최대 30표 · 만점 25점/);
    expect(await page.getByTestId('arena-preview-evaluators').locator('li').count()).toBe(2);
    await page.getByTestId('confirm-ack').check();
    await page.getByTestId('confirm-commit').click();
    await page.waitForURL(/\/arena\/[0-9a-f-]{36}$/);
    const id = /\/arena\/([0-9a-f-]{36})$/.exec(page.url())![1]!;

    // the arena's own page takes the prompts file and names a bad line by its number, in Korean
    await page
      .locator('input[type=file]')
      .first()
      .setInputFiles({
        name: 'prompts.jsonl',
        mimeType: 'application/x-ndjson',
        buffer: Buffer.from('{"id":"q1","prompt":"서울의 인구는?"}\n{"id":"q2"}\n'),
      });
    await page.getByTestId('arena-prompts-upload').click();
    await page.getByTestId('arena-prompts-refused').waitFor();
    expect(await page.getByTestId('arena-prompts-refused').locator('li').allInnerTexts()).toEqual(['2번째 줄: "prompt" 필드가 없거나 비어 있습니다']);
    await page
      .locator('input[type=file]')
      .first()
      .setInputFiles({
        name: 'prompts.jsonl',
        mimeType: 'application/x-ndjson',
        buffer: Buffer.from('{"id":"q1","prompt":"서울의 인구는?"}\n{"id":"q2","prompt":"세금 신고 기한은?"}\n'),
      });
    await page.getByTestId('arena-prompts-upload').click();
    expect(await page.getByTestId('arena-prompts-stored').innerText()).toBe('질문 2개를 저장했습니다.');
    await page.getByTestId('arena-fetch-endpoint').click();
    await page.getByRole('option', { name: '누리 팀 모델 서버 (https://models.nuri-team.example)' }).waitFor();
    await page.keyboard.press('Escape');
    expect(await koreanProblems(page)).toEqual([]);
    await screenshot(page, 'office-arena-inputs-ko');

    const api = await sg.api('operator@demo.stagegate.kr');
    const registered = await api<{ endpoints: { label: string; url: string; allowPrivate: boolean }[] }>('GET', '/api/v1/programs/k-ai/model-endpoints');
    expect(registered.json.endpoints).toContainEqual(
      expect.objectContaining({ label: '누리 팀 모델 서버', url: 'https://models.nuri-team.example', allowPrivate: false }),
    );
    const arena = await api<{ arena: { stage: string; capPerEvaluator: number } }>('GET', `/api/v1/arenas/${id}`);
    expect(arena.json.arena).toMatchObject({ stage: 'stage-2', capPerEvaluator: 30 });
    expect(JSON.stringify(arena.json)).toContain('panel02@demo.stagegate.kr');
    await page.context().close();
  });

  it("fetches a team's answers on the arena's page from a loopback endpoint the office registered with internal addresses allowed", async () => {
    const fake = await startFakeOpenAiServer({
      items: [
        { question: '서울의 인구는?', answer: '약 940만 명' },
        { question: '세금 신고 기한은?', answer: '5월 31일' },
      ],
      accuracy: 1,
    });
    try {
      const page = await sg.as('operator@demo.stagegate.kr');
      await page.goto(`${sg.url}/arena/new`);
      await choose(page, 'arena-program', /독자 AI/);
      await page.getByTestId('endpoint-label').fill('누리 팀 시험 서버');
      await page.getByTestId('endpoint-url').fill(fake.url);
      await page.getByTestId('endpoint-allow-private').check();
      await page.getByTestId('endpoint-register-start').click();
      expect(await page.getByTestId('endpoint-preview').innerText()).toContain('내부망 주소로도 요청을 보냅니다.');
      await page.getByTestId('confirm-ack').check();
      await page.getByTestId('confirm-commit').click();
      await page.getByTestId('arena-endpoints').getByText('누리 팀 시험 서버', { exact: true }).waitFor();

      // the stage 2 arena of the test before holds two prompts the fake server knows
      const api = await sg.api('operator@demo.stagegate.kr');
      const arenas = await api<{ arenas: { id: string; program: string; stage: string }[] }>('GET', '/api/v1/arenas');
      const arena = arenas.json.arenas.find((a) => a.program === 'k-ai' && a.stage === 'stage-2')!;
      await page.goto(`${sg.url}/arena/${arena.id}`);
      await page.getByTestId('arena-fetch-team').click();
      const team = (await page.getByRole('option').first().innerText()).trim();
      await page.getByRole('option').first().click();
      await choose(page, 'arena-fetch-endpoint', /누리 팀 시험 서버/);
      await page.getByTestId('arena-fetch-model').fill('nuri-7b');
      await page.getByTestId('arena-fetch-key').fill('sk-e2e-secret');
      await page.getByTestId('arena-fetch-start').click();
      expect(await page.getByTestId('arena-fetch-done').innerText()).toBe(`답변 2개를 저장했습니다 (${team}).`);
      expect(await page.getByTestId('arena-fetch-key').inputValue()).toBe('');
      expect(fake.requestsFor('서울의 인구는?')).toBe(1);
      expect(await koreanProblems(page)).toEqual([]);
      const detail = await api<{ coverage: { answers: number }[] }>('GET', `/api/v1/arenas/${arena.id}`);
      expect(detail.json.coverage.map((c) => c.answers)).toContain(2);
      await page.context().close();
    } finally {
      await fake.close();
    }
  });

  it('opens a K-AI final evaluation, enters its scores (a bad one named), and designates the excellent team', async () => {
    const page = await sg.as('operator@demo.stagegate.kr');
    await page.getByRole('link', { name: '최종 평가 만들기' }).first().click();
    await page.getByRole('heading', { name: '최종 평가 만들기' }).waitFor();
    await page.getByTestId('final-program').click();
    // specialized-fm's final evaluation is in the demo data: it is offered no more
    expect(await page.getByRole('option', { name: /AI 특화.*최종 평가 있음/ }).getAttribute('data-combobox-disabled')).toBe('true');
    await page.getByRole('option', { name: /독자 AI/ }).click();
    await choose(page, 'final-phase', '4차 단계');
    await choose(page, 'final-pool', /B200/);
    expect(await koreanProblems(page)).toEqual([]);
    await page.getByTestId('final-create').click();
    await page.getByTestId('confirm-preview').waitFor();
    expect(await page.getByTestId('confirm-preview').innerText()).toContain('평가 대상 과제 5개');
    await page.getByTestId('confirm-ack').check();
    await page.getByTestId('confirm-commit').click();
    await page.waitForURL(/\/final-evaluations\/[0-9a-f-]{36}$/);

    const scores = page.getByTestId('final-scores');
    await scores.waitFor();
    const inputs = scores.locator('input');
    expect(await inputs.count()).toBe(5);
    await inputs.nth(0).fill('120');
    expect(await scores.innerText()).toContain('점수는 100점을 넘을 수 없습니다');
    expect(await page.getByTestId('final-scores-save').isDisabled()).toBe(true);
    for (const [i, v] of ['93', '81.5', '77', '70.25', '64'].entries()) await inputs.nth(i).fill(v);
    // the task table above it shows task numbers (data); the form itself must read as Korean
    expect(await koreanProblems(page, 'final-scores')).toEqual([]);
    await screenshot(page, 'office-final-scores-ko');
    await page.getByTestId('final-scores-save').click();
    await page.getByTestId('final-scores-changes').waitFor();
    expect(await page.getByTestId('final-scores-changes').locator('li').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringMatching(/없음 → 93$/), expect.stringMatching(/없음 → 70\.25$/)]),
    );
    await page.getByTestId('confirm-ack').check();
    await page.getByTestId('confirm-commit').click();
    await page.getByTestId('final-message').filter({ hasText: '최종 점수를 저장했습니다.' }).waitFor();
    expect(await page.getByTestId('final-tasks').innerText()).toContain('70.25');

    await page.getByTestId('designate-excellent').click();
    await page.getByTestId('designate-preview').waitFor();
    await page.getByTestId('confirm-ack').check();
    await page.getByTestId('confirm-commit').click();
    // the rule is the top 1 by score: only the team scored 93 is excellent
    const excellent = page.getByTestId('final-tasks').getByText('우수', { exact: true });
    await excellent.first().waitFor();
    expect(await excellent.count()).toBe(1);
    await page.context().close();
  });
});
