import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestServer, signIn } from '../support/test-context.ts';
import { auditLog, taskMembers, tasks } from '../../src/db/schema/index.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
const cookie: Record<string, string> = {};
const CALL = '/api/v1/review/calls/specialized-fm/2025-call';
const reviewerEmails = ['reviewer@demo.stagegate.kr', ...[2, 3, 4, 5, 6].map((n) => `reviewer${n}@demo.stagegate.kr`)];

const letter = (who: string, applicationId: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1/review/results/${applicationId}/letter.pdf`, headers: cookie[who] ? { cookie: cookie[who]! } : {} });

async function call(who: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, payload: payload as object | undefined, headers: cookie[who] ? { cookie: cookie[who]! } : {} });
  return { status: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? res.json() : undefined, raw: res.rawPayload };
}

interface Overview {
  applications: { id: string; receiptNo: string; title: string }[];
  rounds: { id: string; key: string }[];
  reviewers: { accepted: number };
  config: { blind: boolean };
}
interface Conflict {
  id: string;
  applicationId: string;
  reviewerId: string;
  kind: string;
  reviewer: string;
  waived: boolean;
}
interface Pool {
  id: string;
  email: string;
  name: string;
  userId: string | null;
  status: string;
}

let overview: Overview;
let pool: Pool[];
let roundId: string;
const titleOf = (id: string) => overview.applications.find((a) => a.id === id)!.title;

beforeAll(async () => {
  t = await createTestServer();
  for (const e of ['operator@demo.stagegate.kr', 'applicant@demo.stagegate.kr', 'nuri@demo.stagegate.kr', ...reviewerEmails])
    cookie[e] = await signIn(t.app, e);
  overview = (await call('operator@demo.stagegate.kr', 'GET', CALL)).body;
  pool = (await call('operator@demo.stagegate.kr', 'GET', `${CALL}/reviewers`)).body.reviewers;
  roundId = overview.rounds[0]!.id;
}, 60_000);
afterAll(() => t.dispose());

const OP = 'operator@demo.stagegate.kr';
const reviewerId = (email: string) => pool.find((p) => p.email === email)!.id;

describe('selection review through the API', () => {
  it('shows the demo call: six submitted applications, six accepted reviewers, blind review', () => {
    expect(overview.applications).toHaveLength(6);
    expect(overview.reviewers.accepted).toBe(6);
    expect(overview.config.blind).toBe(true);
    expect(pool.find((p) => p.email === 'invited.reviewer@demo.stagegate.kr')!.status).toBe('invited');
  });

  it('detects conflicts: current affiliation by registration number, and a past one within three years', async () => {
    const { conflicts } = (await call(OP, 'GET', `${CALL}/conflicts`)).body as { conflicts: Conflict[] };
    const hanbitApps = overview.applications
      .filter((a) => ['법률 문서 이해 특화 모델', '판례 검색·계약서 검토 법률 모델', '만성질환 관리 의료 상담 모델'].includes(a.title))
      .map((a) => a.id)
      .sort();
    const r3 = conflicts.filter((c) => c.reviewerId === reviewerId('reviewer3@demo.stagegate.kr') && c.kind === 'same-organisation');
    expect(r3.map((c) => c.applicationId).sort()).toEqual(hanbitApps);
    // 오제조 left 대한전자 in 2024: a past affiliation within 3 years of the database's year
    const r4 = conflicts.filter((c) => c.reviewerId === reviewerId('reviewer4@demo.stagegate.kr'));
    const year = new Date().getUTCFullYear();
    if (year - 2024 <= 3)
      expect(r4.map((c) => titleOf(c.applicationId)).sort()).toEqual(['법률 문서 이해 특화 모델', '제조 설비 예지보전 파운데이션 모델'].sort());
    expect(r4.every((c) => c.kind === (year - 2024 <= 3 ? 'past-affiliation' : 'none'))).toBe(true);
  });

  let deployedPairs: { applicationId: string; reviewerId: string; conflicted: boolean }[] = [];
  it('runs the solver: complete with a diff, nothing changes until deployed, and no conflicted pair is used', async () => {
    const run = (await call(OP, 'POST', `/api/v1/review/rounds/${roundId}/runs`, { balance: true })).body.run;
    expect(run.status).toBe('complete');
    expect(run.result.diff.added).toHaveLength(18);
    expect(run.result.diff.removed).toHaveLength(0);
    const before = (await call(OP, 'GET', `/api/v1/review/rounds/${roundId}/assignment`)).body;
    expect(before.pairs).toHaveLength(0);
    const deployed = await call(OP, 'POST', `/api/v1/review/runs/${run.id}/deploy`);
    expect(deployed.status).toBe(200);
    expect(deployed.body.run.status).toBe('deployed');
    const after = (await call(OP, 'GET', `/api/v1/review/rounds/${roundId}/assignment`)).body;
    deployedPairs = after.pairs;
    expect(after.pairs).toHaveLength(18);
    expect(after.pairs.some((p: { conflicted: boolean }) => p.conflicted)).toBe(false);
    for (const r of after.panel) expect(r.load).toBeLessThanOrEqual(r.maxLoad);
    const { conflicts } = (await call(OP, 'GET', `${CALL}/conflicts`)).body as { conflicts: Conflict[] };
    const assigned = new Set(after.pairs.map((p: { applicationId: string; reviewerId: string }) => `${p.applicationId}|${p.reviewerId}`));
    for (const c of conflicts) expect(assigned.has(`${c.applicationId}|${c.reviewerId}`)).toBe(false);
    // deploying the same run twice is refused by the state machine
    expect((await call(OP, 'POST', `/api/v1/review/runs/${run.id}/deploy`)).status).toBe(409);
  });

  it('refuses a conflicted pair added by hand, naming the conflict', async () => {
    const { conflicts } = (await call(OP, 'GET', `${CALL}/conflicts`)).body as { conflicts: Conflict[] };
    const c = conflicts.find((x) => x.kind === 'same-organisation')!;
    const res = await call(OP, 'POST', `/api/v1/review/rounds/${roundId}/assignment/manual`, {
      add: [[c.applicationId, c.reviewerId]],
      remove: [],
      mode: 'preview',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe('add.0');
    expect(res.body.error.issues[0].message.ko).toContain('이해충돌');
  });

  it('refuses to deploy a run computed before a manual change (stale), and the manual path previews then commits', async () => {
    const run = (await call(OP, 'POST', `/api/v1/review/rounds/${roundId}/runs`, { balance: false })).body.run;
    expect(run.status).toBe('complete');
    const victim = deployedPairs.find((p) => !p.conflicted)!;
    const preview = await call(OP, 'POST', `/api/v1/review/rounds/${roundId}/assignment/manual`, {
      add: [],
      remove: [[victim.applicationId, victim.reviewerId]],
      mode: 'preview',
    });
    expect(preview.body.status).toBe('preview');
    expect(preview.body.diff.removed).toEqual([[victim.applicationId, victim.reviewerId]]);
    const commit = await call(OP, 'POST', `/api/v1/review/rounds/${roundId}/assignment/manual`, {
      add: [],
      remove: [[victim.applicationId, victim.reviewerId]],
      mode: 'commit',
      basis: preview.body.basis,
    });
    expect(commit.body.run.status).toBe('deployed');
    const stale = await call(OP, 'POST', `/api/v1/review/runs/${run.id}/deploy`);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale');
    // put the pair back by hand
    const back = await call(OP, 'POST', `/api/v1/review/rounds/${roundId}/assignment/manual`, {
      add: [[victim.applicationId, victim.reviewerId]],
      remove: [],
      mode: 'commit',
    });
    expect(back.body.status).toBe('committed');
  });

  it('lets a reviewer open only assigned, unconflicted proposals, with identities withheld under blind review', async () => {
    const R = 'reviewer@demo.stagegate.kr';
    const me = (await call(R, 'GET', '/api/v1/review/me')).body;
    const mine = me.assignments.map((a: { applicationId: string }) => a.applicationId);
    expect(mine.length).toBeGreaterThan(0);
    // proposals open only after the round's conflict-of-interest pledge (its own test: reviewer-pledge-and-documents)
    for (const who of reviewerEmails) expect((await call(who, 'POST', `/api/v1/review/me/rounds/${roundId}/pledge`, { accept: true })).status).toBe(200);
    const open = await call(R, 'GET', `/api/v1/review/me/rounds/${roundId}/applications/${mine[0]}`);
    expect(open.status).toBe(200);
    expect(open.body.application.blind).toBe(true);
    expect(JSON.stringify(open.body.application.consortium)).not.toMatch(/registrationNo|"name"/);
    expect(open.body.form.criteria.map((c: { points: number }) => c.points)).toEqual([30, 30, 40]);
    const notMine = overview.applications.find((a) => !mine.includes(a.id))!;
    const refused = await call(R, 'GET', `/api/v1/review/me/rounds/${roundId}/applications/${notMine.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.issues[0].message.en).toContain('not assigned');
    // a conflicted proposal is closed, even when the office looks it up for the reviewer
    const R3 = 'reviewer3@demo.stagegate.kr';
    const { conflicts } = (await call(OP, 'GET', `${CALL}/conflicts`)).body as { conflicts: Conflict[] };
    const c = conflicts.find((x) => x.reviewerId === reviewerId(R3))!;
    const closed = await call(R3, 'GET', `/api/v1/review/me/rounds/${roundId}/applications/${c.applicationId}`);
    expect(closed.status).toBe(403);
    expect(closed.body.error.issues[0].message.en).toContain('conflict of interest');
    // an applicant or an evaluator cannot reach the reviewer's routes at all
    expect((await call('applicant@demo.stagegate.kr', 'GET', `/api/v1/review/me/rounds/${roundId}/applications/${mine[0]}`)).status).toBe(403);
  });

  it('closes an assigned proposal once the reviewer declares a conflict, and the office can waive it with a reason', async () => {
    const R = 'reviewer6@demo.stagegate.kr';
    const me = (await call(R, 'GET', '/api/v1/review/me')).body;
    const target = me.assignments[0].applicationId as string;
    expect((await call(R, 'GET', `/api/v1/review/me/rounds/${roundId}/applications/${target}`)).status).toBe(200);
    const declared = await call(R, 'POST', `/api/v1/review/me/rounds/${roundId}/applications/${target}/conflict`, { reason: '신청 기관 대표와 공동 연구 중' });
    expect(declared.status).toBe(200);
    expect((await call(R, 'GET', `/api/v1/review/me/rounds/${roundId}/applications/${target}`)).status).toBe(403);
    const waived = await call(OP, 'POST', `/api/v1/review/conflicts/${declared.body.id}/waiver`, { waive: true, reason: '공동 연구는 종료 예정, 위원회 승인' });
    expect(waived.body.waived).toBe(true);
    // issue 13 item 7: the declaration withdrew the assignment; the waiver alone does not give it back,
    // the office reassigns — here to the same reviewer, now that the tie is waived
    expect((await call(R, 'GET', `/api/v1/review/me/rounds/${roundId}/applications/${target}`)).status).toBe(403);
    const late = (await call(OP, 'GET', `${CALL}/late-conflicts`)).body.withdrawals as { id: string; applicationId: string; reviewerId: string }[];
    const w = late.find((x) => x.applicationId === target && x.reviewerId === reviewerId(R))!;
    const back = await call(OP, 'POST', `/api/v1/review/withdrawals/${w.id}/reassign`, {
      mode: 'commit',
      reviewerId: reviewerId(R),
      reason: '이해충돌 면제 후 원래 위원에게 재배정',
    });
    expect(back.status).toBe(200);
    expect((await call(R, 'GET', `/api/v1/review/me/rounds/${roundId}/applications/${target}`)).status).toBe(200);
    const [audit] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, declared.body.id)).orderBy(auditLog.seq);
    expect(audit!.action).toBe('review.conflict.declare');
    const rows = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'review.conflict.waive')).orderBy(auditLog.seq);
    expect(rows.at(-1)!.reason).toBe('공동 연구는 종료 예정, 위원회 승인');
  });

  it('checks score sheets: each score within [0, points], every comment on submission, final once submitted', async () => {
    const R = 'reviewer@demo.stagegate.kr';
    const target = (await call(R, 'GET', '/api/v1/review/me')).body.assignments[0].applicationId;
    const url = `/api/v1/review/me/rounds/${roundId}/applications/${target}/sheet`;
    const over = await call(R, 'PUT', url, { scores: { 'technical-capability': { score: 31 } }, mode: 'draft' });
    expect(over.status).toBe(422);
    expect(over.body.error.field).toBe('scores.technical-capability.score');
    const draft = await call(R, 'PUT', url, { scores: { 'technical-capability': { score: 25, comment: '경험 충분' } }, mode: 'draft' });
    expect(draft.body.sheet.status).toBe('draft');
    const incomplete = await call(R, 'PUT', url, {
      scores: {
        'technical-capability': { score: 25, comment: '경험 충분' },
        'development-goals': { score: 20 },
        'marketability-impact': { score: 30, comment: '좋음' },
      },
      mode: 'submit',
    });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.error.field).toBe('scores.development-goals.comment');
  });

  it('aggregates, ranks with stated tie-breaks, limits the selection, creates tasks and publishes results', async () => {
    // every reviewer submits every open sheet; scores differ by application so the ranking is known
    const scoreFor = (title: string, reviewer: number) => {
      const base = {
        '금융 상담·심사 특화 언어모델': 27,
        '의료 영상·판독문 멀티모달 모델': 25,
        '법률 문서 이해 특화 모델': 20,
        '판례 검색·계약서 검토 법률 모델': 18,
        '제조 설비 예지보전 파운데이션 모델': 16,
        '만성질환 관리 의료 상담 모델': 14,
      }[title]!;
      return { 'technical-capability': base, 'development-goals': base - 2, 'marketability-impact': Math.min(40, base + 8 + (reviewer % 2)) };
    };
    const expectedSheets = new Map<string, number[]>();
    for (const [i, R] of reviewerEmails.entries()) {
      const { assignments } = (await call(R, 'GET', '/api/v1/review/me')).body;
      for (const a of assignments) {
        if (a.conflicted || a.sheetStatus === 'submitted') continue;
        const s = scoreFor(a.title, i);
        const scores = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, { score: v, comment: `${k} 의견` }]));
        const res = await call(R, 'PUT', `/api/v1/review/me/rounds/${roundId}/applications/${a.applicationId}/sheet`, { scores, mode: 'submit' });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.sheet.total).toBe(Object.values(s).reduce((x, y) => x + y, 0));
        expectedSheets.set(a.applicationId, [...(expectedSheets.get(a.applicationId) ?? []), res.body.sheet.total]);
      }
    }
    const ranking = (await call(OP, 'GET', `${CALL}/ranking`)).body;
    expect(ranking.method.ko).toContain('최고·최저점');
    const top = ranking.rows[0];
    expect(top.title).toBe('금융 상담·심사 특화 언어모델');
    // three reviewers per proposal is below the trimming minimum of five: the plain mean
    const totals = expectedSheets.get(top.applicationId)!;
    expect(top.score).toBeCloseTo(totals.reduce((a, b) => a + b, 0) / totals.length, 2);
    expect(top.perRound.documents.trimmed).toBe(false);
    expect(ranking.rows.map((r: { rank: number }) => r.rank)).toEqual([1, 2, 3, 4, 5, 6]);

    const [first, second, third] = ranking.rows;
    // issue 13 item 2: nothing is selected while the call still takes applications
    const whileOpen = await call(OP, 'PUT', `${CALL}/selection`, {
      decisions: [{ applicationId: first.applicationId, outcome: 'selected', reason: '상위 평가' }],
      mode: 'preview',
    });
    expect(whileOpen.status).toBe(422);
    expect(whileOpen.body.error.issues.map((i: { message: { en: string } }) => i.message.en)).toContain('the call is open; select after it closes');
    const STATE = '/api/v1/calls/specialized-fm/2025-call/state';
    expect((await call(OP, 'POST', STATE, { action: 'close', reason: '심사 착수를 위해 조기 마감', mode: 'commit' })).body.to).toBe('closed');
    expect((await call(OP, 'POST', STATE, { action: 'start_review', reason: '서면 평가 시작', mode: 'commit' })).body.to).toBe('under_review');
    const tooMany = await call(OP, 'PUT', `${CALL}/selection`, {
      decisions: [first, second, third].map((r) => ({ applicationId: r.applicationId, outcome: 'selected', reason: '상위 평가' })),
      mode: 'preview',
    });
    expect(tooMany.status).toBe(422);
    const messages = tooMany.body.error.issues.map((i: { message: { en: string } }) => i.message.en).join(' | ');
    expect(messages).toContain('funds 2 tasks');
    expect(messages).toContain('pool holds 512');
    const noReason = await call(OP, 'PUT', `${CALL}/selection`, {
      decisions: [{ applicationId: first.applicationId, outcome: 'selected', reason: ' ' }],
      mode: 'preview',
    });
    expect(noReason.body.error.field).toBe('decisions.0.reason');

    const decisions = ranking.rows.map((r: { applicationId: string }, i: number) => ({
      applicationId: r.applicationId,
      outcome: i < 2 ? 'selected' : i === 2 ? 'reserve' : 'rejected',
      reason: i < 2 ? `종합 ${i + 1}위` : i === 2 ? '예비 1순위' : '종합 점수 하위',
    }));
    const preview = await call(OP, 'PUT', `${CALL}/selection`, { decisions: decisions.slice(0, 2), mode: 'preview' });
    // the program's two slots are the registered tasks sfm-01/02: filled, none created beside them
    expect(preview.body).toMatchObject({
      status: 'preview',
      tasksToCreate: 0,
      tasks: [
        { key: 'sfm-01', reuse: true },
        { key: 'sfm-02', reuse: true },
      ],
    });
    const commit = await call(OP, 'PUT', `${CALL}/selection`, { decisions: decisions.slice(0, 2), mode: 'commit' });
    expect(commit.body.tasks.map((x: { key: string }) => x.key)).toEqual(['sfm-01', 'sfm-02']);
    const sfmTasks = await t.ctx.db.select().from(tasks).where(eq(tasks.programSlug, 'specialized-fm'));
    expect(sfmTasks.map((x) => x.key).sort()).toEqual(['sfm-01', 'sfm-02']);
    const [task] = await t.ctx.db.select().from(tasks).where(eq(tasks.key, 'sfm-01'));
    expect(task!.applicationId).toBe(first.applicationId);
    const members = await t.ctx.db.select().from(taskMembers).where(eq(taskMembers.taskId, task!.id));
    expect(members.map((m) => m.clusterUsername)).toContain('nuri');

    const nuriApp = first.applicationId;
    expect((await call('nuri@demo.stagegate.kr', 'GET', `/api/v1/review/results/${nuriApp}`)).status).toBe(403);
    // no official letter before publication: the result is not known outside the office yet
    expect((await letter('nuri@demo.stagegate.kr', nuriApp)).statusCode).toBe(403);
    expect((await call(OP, 'POST', `${CALL}/publication`, { publish: true })).status).toBe(409);
    // issue 15 item 1: the public page lists nothing of a call not yet published
    expect((await call('anonymous', 'GET', '/api/v1/public/selection-results')).body.results).toEqual([]);
    await call(OP, 'PUT', `${CALL}/selection`, { decisions: decisions.slice(2), mode: 'commit' });
    expect((await call(OP, 'POST', `${CALL}/publication`, { publish: true })).status).toBe(200);
    // the public reads the selected and the reserve, never the rejected (names, receipts or scores)
    const [published] = (await call('anonymous', 'GET', '/api/v1/public/selection-results')).body.results;
    expect(published).toMatchObject({ program: 'specialized-fm', call: '2025-call', applications: 6 });
    expect(published.selected.map((r: { title: string; outcome: string }) => [r.outcome, r.title])).toEqual([
      ['selected', first.title],
      ['selected', second.title],
      ['reserve', third.title],
    ]);
    const rejectedReceipts = ranking.rows.slice(3).map((r: { receiptNo: string }) => r.receiptNo);
    const publicText = JSON.stringify(published);
    for (const receipt of rejectedReceipts) expect(publicText).not.toContain(receipt);
    expect(published.selected.map((r: { score: number | null }) => r.score).filter((s: number | null) => s !== null)).toHaveLength(
      published.scoresPublished ? 3 : 0,
    );
    const result = await call('nuri@demo.stagegate.kr', 'GET', `/api/v1/review/results/${nuriApp}`);
    expect(result.status).toBe(200);
    expect(result.body.decision.outcome).toBe('selected');
    expect(result.body.rank).toBe(1);
    const reviews = result.body.rounds[0].reviews;
    expect(reviews.map((r: { reviewer: { ko: string } }) => r.reviewer.ko)).toEqual(reviews.map((_: unknown, i: number) => `위원 ${i + 1}`));
    expect(JSON.stringify(result.body)).not.toMatch(/@demo\.stagegate\.kr|박심사|정금융|R0\d/);
    // another applicant still cannot read it
    expect((await call('applicant@demo.stagegate.kr', 'GET', `/api/v1/review/results/${nuriApp}`)).status).toBe(403);
    // the result as an official letter: the Korean page (the official text), then the English one
    const pdf = await letter('nuri@demo.stagegate.kr', nuriApp);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-disposition']).toContain(`selection-result-${result.body.receiptNo}.pdf`);
    const [ko, en] = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf.rawPayload }).toString('utf8').split('\f');
    expect(ko).toContain('선정 결과 통지서');
    expect(ko).toMatch(/결과\s+선정/);
    expect(ko).toContain(result.body.receiptNo);
    expect(ko).toMatch(/최종 순위 · 점수\s+1위/);
    expect(ko).toContain(`${result.body.receiptNo} 신청은 '선정'으로 결정되었음을 알립니다`);
    expect(en).toMatch(/Result\s+selected/);
    expect((await letter('applicant@demo.stagegate.kr', nuriApp)).statusCode).toBe(403);
    // issue 13 item 2: after publication the demo applicant's draft cannot be submitted, the deadline named
    const mine = (await call('applicant@demo.stagegate.kr', 'GET', '/api/v1/applications')).body.applications.find(
      (a: { status: string }) => a.status === 'draft',
    );
    const late = await call('applicant@demo.stagegate.kr', 'POST', `/api/v1/applications/${mine.id}/submit`, { version: mine.currentVersion });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('call_closed');
    expect(late.body.error.issues[0].message.ko).toMatch(/결과 발표 단계의 공모입니다 \(마감: \d{4}-\d{2}-\d{2} \d{2}:\d{2} KST\)/);
    expect((await call(OP, 'GET', '/api/v1/calls/specialized-fm/2025-call')).body.call).toMatchObject({
      state: 'results_published',
      stateLabel: { ko: '결과 발표' },
    });
  });

  it('exports every score to Excel with reviewer codes, and a Korean PDF summary', async () => {
    const xlsx = await call(OP, 'GET', `${CALL}/export.xlsx`);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('서면 평가')!;
    expect(ws.getRow(1).values).toContain('평가위원');
    const codes = new Set<string>();
    ws.eachRow((row, n) => n > 1 && codes.add(String(row.getCell(3).value)));
    expect([...codes].every((c) => /^R0[1-6]$/.test(c))).toBe(true);
    expect(ws.rowCount - 1).toBe(18);
    const rankSheet = wb.getWorksheet('순위')!;
    expect(rankSheet.getRow(2).getCell(3).value).toBe('금융 상담·심사 특화 언어모델');

    const pdf = await call(OP, 'GET', `${CALL}/summary.pdf`);
    expect(pdf.status).toBe(200);
    const bytes = Buffer.from(pdf.raw);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    if (existsSync('/usr/bin/pdftotext')) {
      const dir = mkdtempSync(join(tmpdir(), 'sg-pdf-'));
      writeFileSync(join(dir, 'r.pdf'), bytes);
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('선정 평가 결과 요약');
      expect(text).toContain('금융 상담·심사 특화 언어모델');
      expect(text).toContain('선정');
    } else {
      expect(bytes.toString('latin1')).toContain('NotoSansCJKkr');
    }
  });

  it('issue 18 item 1: publishing the selection published a bundle that verifies, reviewers only under pseudonyms', async () => {
    const { resultBundles } = await import('../../src/db/schema/index.ts');
    const { writeBundleFolder } = await import('../../src/results-bundle/bundle-store.ts');
    const { main } = await import('../../src/cli/main.ts');
    const [row] = await t.ctx.db.select().from(resultBundles).where(eq(resultBundles.subjectId, 'specialized-fm/2025-call'));
    const manifest = JSON.parse(row!.manifest);
    expect(manifest).toMatchObject({ kind: 'selection', program: 'specialized-fm', computation: { version: 1 } });
    expect(manifest.private.map((p: { input: string }) => p.input)).toEqual(['decisionReasons', 'reviewComments', 'proposalTexts']);
    const sheets = row!.files['review-scores.csv']!;
    expect(sheets.split('\n')[0]).toMatch(/^round,application,reviewer,technical-capability,/);
    expect(sheets).not.toMatch(/@demo\.stagegate\.kr|박심사|정금융|R0\d/);
    expect(sheets).toMatch(/,R-[0-9a-f]{10},/);
    const folder = await writeBundleFolder(mkdtempSync(join(tmpdir(), 'sg-selection-')), row!);
    let out = '';
    const code = await main(['verify', folder], { out: (s) => void (out += s + '\n'), err: (s) => void (out += s + '\n') });
    expect(out).toMatch(/recomputed with selection computation v1: \d+ figures identical/);
    expect(code).toBe(0);
  });
});
