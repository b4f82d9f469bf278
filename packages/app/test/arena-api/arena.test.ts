import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildPairTable } from '@stagegate/core/arena/pair-table';
import { rateModels } from '@stagegate/core/arena/leaderboard';
import { capVotesPerEvaluator } from '@stagegate/core/arena/evaluator-cap';
import { arenaWinners, type ArenaVote } from '@stagegate/core/arena/vote';
import { createTestServer, signIn } from '../support/test-context.ts';
import { stageEvaluations, tasks } from '../../src/db/schema/index.ts';
import { userEvaluationPoints, userEvaluationValues } from '../../src/arena/user-evaluation-points.ts';
import { startFakeOpenAiServer, type FakeServer } from '../../src/adapters/openai-endpoint/fake-openai-server.ts';
import { main } from '../../src/cli/main.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let operator: string, evaluator: string, panel01: string, anonymousNone: Record<string, string>;
let kai: (typeof tasks.$inferSelect)[];
let fake: FakeServer;
const prompts = ['서울의 인구는?', '김치찌개 조리법을 알려 주세요.', '세금 신고 기한은?', '파이썬 리스트 정렬 방법은?'];

beforeAll(async () => {
  t = await createTestServer();
  operator = await signIn(t.app, 'operator@demo.stagegate.kr');
  evaluator = await signIn(t.app, 'evaluator@demo.stagegate.kr');
  panel01 = await signIn(t.app, 'panel01@demo.stagegate.kr');
  anonymousNone = {};
  kai = await t.ctx.db.select().from(tasks).where(eq(tasks.programSlug, 'k-ai')).orderBy(tasks.key);
  fake = await startFakeOpenAiServer({ items: prompts.map((q) => ({ question: q, answer: '정답' })), accuracy: 1 });
  // the fake team server is on loopback: the office registers it and allows that (issue 12 item 6)
  const reg = await t.app.inject({
    method: 'POST',
    url: '/api/v1/programs/k-ai/model-endpoints',
    headers: { cookie: operator },
    payload: { url: fake.url, label: 'fake team', allowPrivate: true, mode: 'commit' },
  });
  if (reg.statusCode !== 201) throw new Error(`register endpoint: ${reg.statusCode} ${reg.body}`);
});
afterAll(async () => {
  await fake?.close();
  await t?.dispose();
});

const call = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: cookie ? { cookie } : anonymousNone });

/** Everything that could name a team: ids, keys, both names, lead organisations. */
const identities = () =>
  kai.flatMap((k) => [k.id, k.key, k.name.ko, k.name.en, ...(k.leadOrganisationName ? [k.leadOrganisationName.ko, k.leadOrganisationName.en] : [])]);

describe('blind pairwise arena', () => {
  let arenaId: string;

  it('the office sets up an arena: prompts and answers as JSONL (bad lines named), answers fetched from an endpoint', async () => {
    const created = await call(operator, 'POST', '/api/v1/arenas', { program: 'k-ai', stage: 'stage-2', kind: 'pairwise', capPerEvaluator: 3, seed: 42 });
    expect(created.statusCode).toBe(201);
    arenaId = created.json().arena.id;
    expect(created.json().arena.fullPoints).toBe(25); // the scheme's user-evaluation points
    expect(created.json().arena.conversion).toEqual({ kind: 'expectedScoreVsBest' });

    const bad = await call(operator, 'PUT', `/api/v1/arenas/${arenaId}/prompts`, { jsonl: '{"id":"a","prompt":"x"}\n{"id":"b"}\nnot json\n' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.issues.map((i: { message: { en: string } }) => i.message.en)).toEqual([
      expect.stringMatching(/^line 2: field "prompt"/),
      expect.stringMatching(/^line 3: invalid JSON/),
    ]);

    const jsonl = prompts.map((p, i) => JSON.stringify({ id: `q${i + 1}`, prompt: p })).join('\n');
    expect((await call(operator, 'PUT', `/api/v1/arenas/${arenaId}/prompts`, { jsonl })).json()).toMatchObject({ prompts: 4 });

    for (const team of kai.slice(0, 3)) {
      const answers = prompts.map((_, i) => JSON.stringify({ id: `q${i + 1}`, answer: `${team.key}의 답변 ${i + 1}` })).join('\n');
      const res = await call(operator, 'PUT', `/api/v1/arenas/${arenaId}/answers`, { taskId: team.id, jsonl: answers });
      expect(res.statusCode).toBe(200);
    }
    const unknown = await call(operator, 'PUT', `/api/v1/arenas/${arenaId}/answers`, { taskId: kai[0]!.id, jsonl: '{"id":"q9","answer":"x"}' });
    expect(unknown.statusCode).toBe(422);

    const fetched = await call(operator, 'POST', `/api/v1/arenas/${arenaId}/answers/fetch`, {
      taskId: kai[3]!.id,
      baseUrl: fake.url,
      model: 'team-model',
      apiKey: 'sk-secret',
    });
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json()).toMatchObject({ answers: 4, failures: [] });
    for (const p of prompts) expect(fake.requestsFor(p)).toBe(1);

    const detail = (await call(operator, 'GET', `/api/v1/arenas/${arenaId}`)).json();
    expect(detail.coverage.map((c: { answers: number }) => c.answers)).toEqual([4, 4, 4, 4]);
    const audit = (await call(operator, 'GET', `/api/v1/audit?limit=50`)).body;
    expect(audit).not.toContain('sk-secret');
  });

  it('opens only when ready, with evaluators assigned by e-mail (evaluator accounts only)', async () => {
    const notEvaluator = await call(operator, 'PUT', `/api/v1/arenas/${arenaId}/evaluators`, { emails: ['reviewer@demo.stagegate.kr'] });
    expect(notEvaluator.statusCode).toBe(422);
    expect(notEvaluator.json().error.field).toBe('emails.0');
    expect((await call(operator, 'PUT', `/api/v1/arenas/${arenaId}/evaluators`, { emails: ['evaluator@demo.stagegate.kr'] })).statusCode).toBe(200);
    const open = await call(operator, 'PUT', `/api/v1/arenas/${arenaId}/settings`, { status: 'open', expectedRevision: 1, mode: 'commit' });
    expect(open.statusCode).toBe(200);
    expect(open.json().arena.status).toBe('open');
  });

  it('an evaluator sees a prompt and two anonymous answers, never who wrote them', async () => {
    const res = await call(evaluator, 'POST', `/api/v1/arenas/${arenaId}/battles/next`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('battle');
    expect(Object.keys(body.battle).sort()).toEqual(['battleId', 'left', 'prompt', 'right']);
    expect(Object.keys(body.battle.left)).toEqual(['answer']);
    expect(Object.keys(body.battle.right)).toEqual(['answer']);
    expect(prompts).toContain(body.battle.prompt);
    // the uploaded answers carry the team key in their text; strip the answers and nothing may name a team
    const { left, right, ...rest } = body.battle;
    const shown = JSON.stringify({ ...body, battle: rest });
    for (const id of identities()) expect(shown).not.toContain(id);
    expect(shown).not.toMatch(/model|task/i);
    // asking again before voting gives the same battle (no fishing for a better pair)
    expect((await call(evaluator, 'POST', `/api/v1/arenas/${arenaId}/battles/next`)).json().battle.battleId).toBe(body.battle.battleId);
    // the arena view and list shown to evaluators carry no team either
    for (const url of [`/api/v1/arenas/${arenaId}`, '/api/v1/arenas']) {
      const view = (await call(evaluator, 'GET', url)).body;
      for (const id of identities()) expect(view).not.toContain(id);
    }
    expect(left.answer).not.toBe(right.answer);
  });

  it('enforces the cap per evaluator, even if it is lowered while a battle is open', async () => {
    for (let i = 0; i < 2; i++) {
      const b = (await call(evaluator, 'POST', `/api/v1/arenas/${arenaId}/battles/next`)).json();
      const v = await call(evaluator, 'POST', `/api/v1/arenas/${arenaId}/battles/${b.battle.battleId}/vote`, { choice: i === 0 ? 'left' : 'bothBad' });
      expect(v.statusCode).toBe(200);
      expect(v.json().progress).toEqual({ voted: i + 1, cap: 3 });
      const again = await call(evaluator, 'POST', `/api/v1/arenas/${arenaId}/battles/${b.battle.battleId}/vote`, { choice: 'right' });
      expect(again.statusCode).toBe(409);
    }
    const third = (await call(evaluator, 'POST', `/api/v1/arenas/${arenaId}/battles/next`)).json();
    const rev = (await call(operator, 'GET', `/api/v1/arenas/${arenaId}`)).json().arena.revision;
    expect((await call(operator, 'PUT', `/api/v1/arenas/${arenaId}/settings`, { capPerEvaluator: 2, expectedRevision: rev, mode: 'commit' })).statusCode).toBe(
      200,
    );
    const over = await call(evaluator, 'POST', `/api/v1/arenas/${arenaId}/battles/${third.battle.battleId}/vote`, { choice: 'tie' });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('cap_reached');
    expect((await call(evaluator, 'POST', `/api/v1/arenas/${arenaId}/battles/next`)).json()).toMatchObject({
      status: 'capReached',
      progress: { voted: 2, cap: 2 },
    });
  });

  it("refuses an evaluator who is not assigned (403), and a vote on someone else's battle (403)", async () => {
    expect((await call(panel01, 'POST', `/api/v1/arenas/${arenaId}/battles/next`)).statusCode).toBe(403);
    const b = (await call(evaluator, 'POST', `/api/v1/arenas/${arenaId}/battles/next`)).json();
    expect(b.status).toBe('capReached');
    const [demoArena] = (await call(operator, 'GET', '/api/v1/arenas')).json().arenas.filter((a: { stage: string }) => a.stage === 'stage-1');
    const panelBattle = (await call(panel01, 'POST', `/api/v1/arenas/${demoArena.id}/battles/next`)).json();
    expect(panelBattle.status).toBe('battle');
    expect((await call(panel01, 'POST', `/api/v1/arenas/${arenaId}/battles/${panelBattle.battle.battleId}/vote`, { choice: 'left' })).statusCode).toBe(403);
    expect((await call(evaluator, 'POST', `/api/v1/arenas/${demoArena.id}/battles/${panelBattle.battle.battleId}/vote`, { choice: 'left' })).statusCode).toBe(
      403,
    );
    // neither results nor identities are open to evaluators
    expect((await call(evaluator, 'GET', `/api/v1/arenas/${arenaId}/ratings`)).statusCode).toBe(403);
    expect((await call(evaluator, 'GET', `/api/v1/arenas/${arenaId}/votes.jsonl`)).statusCode).toBe(403);
  });
});

describe('ratings and points', () => {
  let demoArenaId: string;
  beforeAll(async () => {
    demoArenaId = (await call(operator, 'GET', '/api/v1/arenas')).json().arenas.find((a: { stage: string }) => a.stage === 'stage-1').id;
  });

  it("the ratings equal the core's on the same votes, and the export reproduces them through `stagegate arena rate`", async () => {
    const res = await call(operator, 'GET', `/api/v1/arenas/${demoArenaId}/ratings?bootstrap=60&seed=7`);
    expect(res.statusCode).toBe(200);
    const results = res.json().results;
    expect(results.kind).toBe('pairwise');
    expect(results.votes.counted).toBeGreaterThan(50);

    const exported = await call(operator, 'GET', `/api/v1/arenas/${demoArenaId}/votes.jsonl`);
    expect(exported.headers['content-type']).toContain('application/x-ndjson');
    const lines = exported.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ArenaVote & { evaluator: string });
    expect(lines.length).toBe(results.votes.counted + results.votes.droppedOverCap);
    for (const l of lines) expect(arenaWinners).toContain(l.winner);
    const { kept } = capVotesPerEvaluator(lines, 30);
    const board = rateModels(buildPairTable(kept), { bootstrap: 60, seed: 7 });
    expect(results.teams.map((x: { taskKey: string }) => x.taskKey)).toEqual(board.models.map((m) => m.model));
    results.teams.forEach((x: { rating: number; ci: [number, number]; rank: number; battles: number }, i: number) => {
      expect(x.rating).toBeCloseTo(board.models[i]!.rating, 9);
      expect(x.ci[0]).toBeCloseTo(board.models[i]!.ci[0], 9);
      expect(x.ci[1]).toBeCloseTo(board.models[i]!.ci[1], 9);
      expect(x.rank).toBe(board.models[i]!.rank);
      expect(x.battles).toBe(board.models[i]!.battles);
      expect(x.ci[0]).toBeLessThan(x.ci[1]);
    });

    const dir = mkdtempSync(join(tmpdir(), 'arena-export-'));
    const file = join(dir, 'votes.jsonl');
    writeFileSync(file, exported.body);
    const out: string[] = [];
    expect(await main(['arena', 'rate', '--file', file, '--bootstrap', '60', '--seed', '7', '--json'], { out: (s) => out.push(s), err: () => {} })).toBe(0);
    const cli = JSON.parse(out.join('\n')).models as { model: string; rating: number }[];
    expect(cli.map((m) => m.model)).toEqual(results.teams.map((x: { taskKey: string }) => x.taskKey));
    // the CLI prints ratings to one decimal
    cli.forEach((m, i) => expect(m.rating).toBeCloseTo(results.teams[i].rating, 1));
  });

  it('recomputes the same table from the stored votes', async () => {
    const a = (await call(operator, 'GET', `/api/v1/arenas/${demoArenaId}/ratings?bootstrap=30&seed=3`)).json();
    const b = (await call(operator, 'GET', `/api/v1/arenas/${demoArenaId}/ratings?bootstrap=30&seed=3`)).json();
    expect(a).toEqual(b);
  });

  it('converts ratings to points as configured: the best team gets the full 25, for the stage evaluation', async () => {
    const results = (await call(operator, 'GET', `/api/v1/arenas/${demoArenaId}/ratings?bootstrap=0`)).json().results;
    expect(results.teams[0].points).toBeCloseTo(25, 9);
    for (const x of results.teams.slice(1)) expect(x.points).toBeLessThan(25);
    const [se] = await t.ctx.db
      .select()
      .from(stageEvaluations)
      .where(and(eq(stageEvaluations.programSlug, 'k-ai'), eq(stageEvaluations.stageKey, 'stage-1')));
    expect(se).toBeDefined();
    const points = (await userEvaluationPoints(t.ctx.db, se!.id))!;
    const values = (await userEvaluationValues(t.ctx.db, se!.id))!;
    for (const x of results.teams) {
      expect(points[x.taskId]!['user-evaluation']).toBeCloseTo(x.points, 9);
      expect(values[x.taskId]!['user-evaluation']).toBeCloseTo(x.rating, 9);
    }
    expect(await userEvaluationPoints(t.ctx.db, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});

describe('Likert forms', () => {
  it('shows anonymous items with sample answers, saves 1–5 per criterion, and gives means and points', async () => {
    const created = await call(operator, 'POST', '/api/v1/arenas', {
      program: 'k-ai',
      stage: 'stage-3',
      kind: 'likert',
      likertCriteria: [
        { key: 'usefulness', name: { ko: '유용성', en: 'Usefulness' } },
        { key: 'cost', name: { ko: '비용 효율', en: 'Cost efficiency' } },
      ],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().arena.id;
    await call(operator, 'PUT', `/api/v1/arenas/${id}/prompts`, { jsonl: '{"id":"1","prompt":"요약해 주세요"}' });
    for (const team of kai.slice(0, 2))
      await call(operator, 'PUT', `/api/v1/arenas/${id}/answers`, { taskId: team.id, jsonl: `{"id":"1","answer":"답 ${team.id.slice(0, 4)}"}` });
    await call(operator, 'PUT', `/api/v1/arenas/${id}/evaluators`, { emails: ['evaluator@demo.stagegate.kr'] });
    await call(operator, 'PUT', `/api/v1/arenas/${id}/settings`, { status: 'open', expectedRevision: 1, mode: 'commit' });

    const form = await call(evaluator, 'GET', `/api/v1/arenas/${id}/likert`);
    expect(form.statusCode).toBe(200);
    const body = form.json();
    expect(body.items.map((i: { item: number }) => i.item)).toEqual([1, 2]);
    const { items, ...rest } = body;
    const shown = JSON.stringify({ ...rest, items: items.map((i: { item: number; scores: unknown }) => ({ item: i.item, scores: i.scores })) });
    for (const ident of identities()) expect(shown).not.toContain(ident);

    const bad = await call(evaluator, 'PUT', `/api/v1/arenas/${id}/likert/1`, { scores: { usefulness: 6 } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.field).toBe('scores.usefulness');
    expect((await call(evaluator, 'PUT', `/api/v1/arenas/${id}/likert/1`, { scores: { usefulness: 5, cost: 4 } })).statusCode).toBe(200);
    expect((await call(evaluator, 'PUT', `/api/v1/arenas/${id}/likert/2`, { scores: { usefulness: 3, cost: 3 } })).statusCode).toBe(200);
    expect((await call(panel01, 'GET', `/api/v1/arenas/${id}/likert`)).statusCode).toBe(403);

    const results = (await call(operator, 'GET', `/api/v1/arenas/${id}/ratings`)).json().results;
    expect(results.kind).toBe('likert');
    expect(results.teams.map((x: { mean: number }) => x.mean)).toEqual([4.5, 3]);
    expect(results.teams[0].points).toBeCloseTo(25, 9);
    expect(results.teams[1].points).toBeCloseTo((25 * 3) / 4.5, 9);
  });
});
