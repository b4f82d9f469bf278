import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { allocations, taskMembers, tasks, user } from '../../src/db/schema/index.ts';
import { createTestServer, signIn } from '../support/test-context.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let operator: string, applicant: string;
let sfm: (typeof tasks.$inferSelect)[];
let mine: Set<string>;

beforeAll(async () => {
  t = await createTestServer();
  operator = await signIn(t.app, 'operator@demo.stagegate.kr');
  applicant = await signIn(t.app, 'applicant@demo.stagegate.kr');
  sfm = await t.ctx.db.select().from(tasks).where(eq(tasks.programSlug, 'specialized-fm')).orderBy(tasks.key);
  const [a] = await t.ctx.db.select().from(user).where(eq(user.email, 'applicant@demo.stagegate.kr'));
  mine = new Set((await t.ctx.db.select().from(taskMembers).where(eq(taskMembers.userId, a!.id))).map((m) => m.taskId));
});
afterAll(() => t?.dispose());

const call = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: { cookie } });

function multipart(name: string, bytes: Buffer) {
  const boundary = '----stagegate' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('final evaluation (specialized-fm demo)', () => {
  let feId: string;
  let ownTask: string, otherTask: string;
  beforeAll(async () => {
    feId = (await call(operator, 'GET', '/api/v1/final-evaluations'))
      .json()
      .finalEvaluations.find((f: { program: string }) => f.program === 'specialized-fm').id;
    ownTask = sfm.find((x) => mine.has(x.id))!.id;
    otherTask = sfm.find((x) => !mine.has(x.id))!.id;
  });

  it('a team uploads its final report as a PDF, judged by content; not for a task it is not in', async () => {
    const bytes = Buffer.from('%PDF-1.4\n% demo report\n%%EOF\n');
    const pdf = multipart('최종보고서.pdf', bytes);
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/v1/final-evaluations/${feId}/tasks/${ownTask}/report`,
      payload: pdf.body,
      headers: { ...pdf.headers, cookie: applicant },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().report).toMatchObject({ fileName: '최종보고서.pdf', sizeBytes: bytes.length });
    expect(ok.json().report.sha256).toMatch(/^[0-9a-f]{64}$/);

    const fake = multipart('report.pdf', Buffer.from('MZ\x90\x00 not a pdf at all'));
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/final-evaluations/${feId}/tasks/${ownTask}/report`,
      payload: fake.body,
      headers: { ...fake.headers, cookie: applicant },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.field).toBe('file');
    expect(bad.json().error.message).toContain('executable');

    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/v1/final-evaluations/${feId}/tasks/${otherTask}/report`,
      payload: pdf.body,
      headers: { ...pdf.headers, cookie: applicant },
    });
    expect(foreign.statusCode).toBe(403);

    const download = await call(applicant, 'GET', `/api/v1/final-evaluations/${feId}/tasks/${ownTask}/report`);
    expect(download.statusCode).toBe(200);
    expect(download.body.startsWith('%PDF-')).toBe(true);
  });

  it('shows a team only its own task; the office sees scores and designations of all', async () => {
    const forTeam = (await call(applicant, 'GET', `/api/v1/final-evaluations/${feId}`)).json();
    expect(forTeam.tasks.map((x: { taskId: string }) => x.taskId)).toEqual([ownTask]);
    const forOffice = (await call(operator, 'GET', `/api/v1/final-evaluations/${feId}`)).json();
    expect(forOffice.tasks).toHaveLength(2);
    const excellent = forOffice.tasks.filter((x: { excellent: boolean }) => x.excellent);
    expect(excellent.map((x: { taskId: string }) => x.taskId)).toEqual([ownTask]);
    expect(forOffice.tasks.find((x: { taskId: string }) => x.taskId === otherTask).designationReason.en).toContain('below the threshold 85');
  });

  it("negotiation: turns alternate, counter-offers are checked, only the other side's latest offer can be accepted", async () => {
    const feView = (await call(operator, 'GET', `/api/v1/final-evaluations/${feId}`)).json();
    const proposalId = feView.proposals[0].id;
    const thread = (await call(applicant, 'GET', `/api/v1/support-proposals/${proposalId}`)).json();
    expect(thread.offers.map((o: { seq: number; side: string; gpus: number }) => [o.seq, o.side, o.gpus])).toEqual([[1, 'task', 128]]);
    expect(thread.state).toMatchObject({ state: 'negotiating', turn: 'operator' });

    const twice = await call(applicant, 'POST', `/api/v1/support-proposals/${proposalId}/offers`, { gpus: 120, startsOn: '2026-10-01', endsOn: '2027-03-31' });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().error.field).toBe('side');
    const ownAccept = await call(applicant, 'POST', `/api/v1/support-proposals/${proposalId}/accept`, { offerSeq: 1 });
    expect(ownAccept.statusCode).toBe(422);

    const tooMany = await call(operator, 'POST', `/api/v1/support-proposals/${proposalId}/offers`, { gpus: 300, startsOn: '2026-10-01', endsOn: '2027-03-31' });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().error.field).toBe('gpus');
    const early = await call(operator, 'POST', `/api/v1/support-proposals/${proposalId}/offers`, { gpus: 64, startsOn: '2026-09-01', endsOn: '2027-03-31' });
    expect(early.json().error.field).toBe('startsOn');
    const counterTerms = { gpus: 64, startsOn: '2026-10-01', endsOn: '2026-12-31', note: '예산 범위' };
    // the office's counter-offer, previewed beside the offer it answers; nothing is written
    const counterPreview = await call(operator, 'POST', `/api/v1/support-proposals/${proposalId}/offers`, { ...counterTerms, mode: 'preview' });
    expect(counterPreview.statusCode, counterPreview.body).toBe(200);
    expect(counterPreview.json().offer).toMatchObject({
      seq: 2,
      side: 'operator',
      gpus: 64,
      days: 92,
      gpuHours: 64 * 92 * 24,
      answers: { seq: 1, side: 'task', gpus: 128 },
      turnAfter: 'task',
    });
    expect((await call(applicant, 'GET', `/api/v1/support-proposals/${proposalId}`)).json().offers).toHaveLength(1);
    const counter = await call(operator, 'POST', `/api/v1/support-proposals/${proposalId}/offers`, counterTerms);
    expect(counter.statusCode).toBe(201);
    expect(counter.json().state).toMatchObject({ state: 'negotiating', turn: 'task' });

    const stale = await call(applicant, 'POST', `/api/v1/support-proposals/${proposalId}/accept`, { offerSeq: 1 });
    expect(stale.json().error.field).toBe('offerSeq');
    const again = await call(applicant, 'POST', `/api/v1/support-proposals/${proposalId}/offers`, { gpus: 96, startsOn: '2026-10-01', endsOn: '2027-01-31' });
    expect(again.statusCode).toBe(201);
    // issue 13 item 4: the other task holds 448 of the 512 in the support phase, so 96 more cannot be agreed
    const filler = await call(operator, 'POST', '/api/v1/programs/specialized-fm/allocations', {
      mode: 'commit',
      reason: 'capacity test',
      allocation: { taskId: otherTask, poolKey: 'b200-pool', phaseKey: 'additional-support', gpus: 448, start: '2026-10-01', end: '2027-03-31' },
    });
    expect(filler.statusCode).toBe(200);
    const beyondPreview = await call(operator, 'POST', `/api/v1/support-proposals/${proposalId}/accept`, { offerSeq: 3, mode: 'preview' });
    expect(beyondPreview.statusCode).toBe(422);
    expect(beyondPreview.json().error.field).toBe('gpus');
    const beyond = await call(operator, 'POST', `/api/v1/support-proposals/${proposalId}/accept`, { offerSeq: 3 });
    expect(beyond.statusCode).toBe(422);
    expect(beyond.json().error.field).toBe('gpus');
    expect(beyond.json().error.message).toContain('544');
    const still = (await call(applicant, 'GET', `/api/v1/support-proposals/${proposalId}`)).json();
    expect(still.state.state).toBe('negotiating');
    expect(still.acceptances).toEqual([]);
    const fillerId = JSON.parse(filler.body).changes[0].allocationId;
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/v1/allocations/${fillerId}`,
          payload: { mode: 'commit', reason: 'capacity test done' },
          headers: { cookie: operator },
        })
      ).statusCode,
    ).toBe(200);

    // issue 13 item 6: the preview shows who gains how many GPUs from when, and agrees nothing; over capacity it is refused like the commit
    const preview = await call(operator, 'POST', `/api/v1/support-proposals/${proposalId}/accept`, { offerSeq: 3, mode: 'preview' });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ status: 'preview', agreement: { gpus: 96, startsOn: '2026-10-01', endsOn: '2027-01-31', poolKey: 'b200-pool' } });
    expect(preview.json().changes).toEqual([expect.objectContaining({ kind: 'created', after: expect.objectContaining({ gpus: 96, start: '2026-10-01' }) })]);
    expect((await call(applicant, 'GET', `/api/v1/support-proposals/${proposalId}`)).json().state.state).toBe('negotiating');

    const agreed = await call(operator, 'POST', `/api/v1/support-proposals/${proposalId}/accept`, { offerSeq: 3 });
    expect(agreed.statusCode).toBe(200);
    const view = agreed.json();
    expect(view.state.state).toBe('agreed');
    expect(view.proposal.status).toBe('agreed');
    // specialized-fm's data has an additional-support phase: the agreement becomes an allocation
    expect(view.proposal.allocationRequest).toMatchObject({ gpus: 96, startsOn: '2026-10-01', endsOn: '2027-01-31', poolKey: 'b200-pool', state: 'created' });
    const allocations = (await call(operator, 'GET', `/api/v1/programs/specialized-fm/allocations`)).json();
    expect(JSON.stringify(allocations)).toContain(view.proposal.allocationRequest.allocationId);
    // offers are immutable and the thread is closed
    expect(view.offers.map((o: { seq: number; gpus: number }) => [o.seq, o.gpus])).toEqual([
      [1, 128],
      [2, 64],
      [3, 96],
    ]);
    expect(
      (await call(applicant, 'POST', `/api/v1/support-proposals/${proposalId}/offers`, { gpus: 50, startsOn: '2026-10-01', endsOn: '2027-01-31' })).json().error
        .field,
    ).toBe('status');
    const audit = (await call(operator, 'GET', `/api/v1/audit?limit=20`)).json().entries.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['support.offer', 'support.agree', 'allocation.create']));
  });
});

describe('agreement creates the allocation when the phase exists (k-ai, stage 4)', () => {
  it('designates by the rule, lets only the excellent task propose, and allocates on agreement', async () => {
    const kai = await t.ctx.db.select().from(tasks).where(eq(tasks.programSlug, 'k-ai')).orderBy(tasks.key);
    const own = kai.find((x) => mine.has(x.id))!;
    const created = await call(operator, 'POST', '/api/v1/final-evaluations', {
      program: 'k-ai',
      excellenceRule: { kind: 'topN', n: 1 },
      poolKey: 'b200-pool',
      phaseKey: 'stage-4',
      maxExtraGpus: 512,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().finalEvaluation.id;
    expect(
      (
        await call(operator, 'POST', `/api/v1/final-evaluations`, {
          program: 'k-ai',
          excellenceRule: { kind: 'topN', n: 1 },
          poolKey: 'b200-pool',
          phaseKey: 'stage-4',
        })
      ).statusCode,
    ).toBe(409);

    const missing = await call(operator, 'POST', `/api/v1/final-evaluations/${id}/designation`, { mode: 'preview' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.field).toBe('scores');
    const scores = kai.map((k) => ({ taskId: k.id, score: k.id === own.id ? 93 : 70 + kai.indexOf(k) }));
    expect((await call(operator, 'PUT', `/api/v1/final-evaluations/${id}/scores`, { scores })).statusCode).toBe(200);
    const early = await call(applicant, 'POST', `/api/v1/final-evaluations/${id}/tasks/${own.id}/support`, {
      goalKind: 'performance',
      goals: 'KMMLU-Pro 70%',
      gpus: 128,
      startsOn: '2027-03-01',
      endsOn: '2027-08-31',
    });
    expect(early.statusCode).toBe(422);
    const preview = (await call(operator, 'POST', `/api/v1/final-evaluations/${id}/designation`, { mode: 'preview' })).json();
    expect(preview.designations.filter((d: { excellent: boolean }) => d.excellent).map((d: { taskId: string }) => d.taskId)).toEqual([own.id]);
    // issue 13 item 6: the preview says what the designation opens (up to 512 extra GPUs, in stage 4) and designates nobody yet
    expect(preview.limits).toMatchObject({ maxGpus: 512 });
    expect(preview.limits.earliestStart).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const unchanged = (await call(operator, 'GET', `/api/v1/final-evaluations/${id}`)).json();
    expect(unchanged.tasks.every((x: { excellent: boolean | null }) => x.excellent === null)).toBe(true);
    expect((await call(operator, 'POST', `/api/v1/final-evaluations/${id}/designation`, { mode: 'commit' })).statusCode).toBe(200);

    // issue 15: designated is not published — the team reads neither its score nor its designation, and cannot propose yet
    const unpublished = (await call(applicant, 'GET', `/api/v1/final-evaluations/${id}`)).json();
    expect(unpublished.finalEvaluation.status).toBe('open');
    expect(unpublished.published).toBeNull();
    expect(unpublished.tasks.length).toBeGreaterThan(0);
    for (const x of unpublished.tasks) expect(x).toMatchObject({ score: null, rank: null, excellent: null, designationReason: null });
    const listed = (await call(applicant, 'GET', '/api/v1/final-evaluations')).json().finalEvaluations.find((f: { id: string }) => f.id === id);
    expect(listed.status).toBe('open');
    const tooSoon = await call(applicant, 'POST', `/api/v1/final-evaluations/${id}/tasks/${own.id}/support`, {
      goalKind: 'performance',
      goals: 'KMMLU-Pro 70%',
      gpus: 128,
      startsOn: '2027-03-01',
      endsOn: '2027-08-31',
    });
    expect(tooSoon.statusCode).toBe(422);
    await publish(id, own.id);

    const other = kai.find((x) => mine.has(x.id) && x.id !== own.id);
    if (other) {
      const notExcellent = await call(applicant, 'POST', `/api/v1/final-evaluations/${id}/tasks/${other.id}/support`, {
        goalKind: 'performance',
        goals: 'x',
        gpus: 8,
        startsOn: '2027-03-01',
        endsOn: '2027-04-30',
      });
      expect(notExcellent.statusCode).toBe(422);
    }
    const terms = { goalKind: 'performance', goals: 'KMMLU-Pro 70%', gpus: 128, startsOn: '2027-03-01', endsOn: '2027-08-31' };
    // the team sees its request as it would stand (offers are never edited) before it is made; nothing is written
    const proposalPreview = await call(applicant, 'POST', `/api/v1/final-evaluations/${id}/tasks/${own.id}/support`, { ...terms, mode: 'preview' });
    expect(proposalPreview.statusCode, proposalPreview.body).toBe(200);
    expect(proposalPreview.json()).toEqual({
      status: 'preview',
      offer: {
        seq: 1,
        side: 'task',
        gpus: 128,
        startsOn: '2027-03-01',
        endsOn: '2027-08-31',
        days: 184,
        gpuHours: 128 * 184 * 24,
        answers: null,
        turnAfter: 'operator',
      },
    });
    expect((await call(operator, 'GET', `/api/v1/final-evaluations/${id}`)).json().proposals).toEqual([]);
    const badPreview = await call(applicant, 'POST', `/api/v1/final-evaluations/${id}/tasks/${own.id}/support`, {
      ...terms,
      endsOn: '2027-02-01',
      mode: 'preview',
    });
    expect(badPreview.statusCode).toBe(422);
    expect(badPreview.json().error.field).toBe('endsOn');
    const proposed = await call(applicant, 'POST', `/api/v1/final-evaluations/${id}/tasks/${own.id}/support`, terms);
    expect(proposed.statusCode).toBe(201);
    const again = await call(applicant, 'POST', `/api/v1/final-evaluations/${id}/tasks/${own.id}/support`, { ...terms, mode: 'preview' });
    expect(again.statusCode).toBe(409);
    const pid = proposed.json().proposal.id;
    const agreed = await call(operator, 'POST', `/api/v1/support-proposals/${pid}/accept`, { offerSeq: 1 });
    expect(agreed.statusCode).toBe(200);
    const request = agreed.json().proposal.allocationRequest;
    expect(request.state).toBe('created');
    const [alloc] = await t.ctx.db.select().from(allocations).where(eq(allocations.id, request.allocationId));
    expect(alloc).toMatchObject({ taskId: own.id, poolKey: 'b200-pool', phaseKey: 'stage-4', gpus: 128, startDate: '2027-03-01', endDate: '2027-08-31' });
  });
});

/** The office publishes a designated final evaluation: the preview says what goes public and who is mailed; only then does the team read its result. */
async function publish(id: string, excellentTask: string) {
  // only the office publishes; a team member is refused, preview or commit
  expect((await call(applicant, 'POST', `/api/v1/final-evaluations/${id}/publish`, { mode: 'preview' })).statusCode).toBe(403);
  expect((await call(applicant, 'POST', `/api/v1/final-evaluations/${id}/publish`, { mode: 'commit' })).statusCode).toBe(403);
  expect((await call(operator, 'POST', `/api/v1/final-evaluations/${id}/publish`, {})).json().error.field).toBe('body.mode');

  const preview = await call(operator, 'POST', `/api/v1/final-evaluations/${id}/publish`, { mode: 'preview' });
  expect(preview.statusCode).toBe(200);
  const p = preview.json();
  expect(p.status).toBe('preview');
  expect(p.publicBundle).toBe(true);
  // what becomes public, in rank order: the excellent task first, with its score
  expect(p.results[0]).toMatchObject({ taskId: excellentTask, rank: 1, score: 93, excellent: true });
  // who is mailed: the accounts of each task's team
  const mailed = p.recipients.find((r: { taskId: string }) => r.taskId === excellentTask);
  expect(mailed.people.map((x: { email: string }) => x.email)).toContain('applicant@demo.stagegate.kr');
  // the preview published nothing
  expect((await call(applicant, 'GET', `/api/v1/final-evaluations/${id}`)).json().published).toBeNull();

  const done = await call(operator, 'POST', `/api/v1/final-evaluations/${id}/publish`, { mode: 'commit' });
  expect(done.statusCode).toBe(200);
  expect(done.json().status).toBe('committed');
  expect(new Date(done.json().publishedAt).getTime()).toBeGreaterThan(Date.now() - 120_000);

  const seen = (await call(applicant, 'GET', `/api/v1/final-evaluations/${id}`)).json();
  expect(seen.finalEvaluation.status).toBe('published');
  expect(seen.published.bundleId).toBe(done.json().bundleId);
  expect(seen.published.publishedAt).toBe(done.json().publishedAt);
  expect(seen.tasks.find((x: { taskId: string }) => x.taskId === excellentTask)).toMatchObject({ score: 93, rank: 1, excellent: true });

  const again = await call(operator, 'POST', `/api/v1/final-evaluations/${id}/publish`, { mode: 'commit' });
  expect(again.statusCode).toBe(422);
  expect(again.json().error.field).toBe('status');
  // a published designation is not redone behind the teams' backs: scores are corrected first
  expect((await call(operator, 'POST', `/api/v1/final-evaluations/${id}/designation`, { mode: 'commit' })).json().error.field).toBe('status');

  const audit = (await call(operator, 'GET', `/api/v1/audit?limit=30`)).json().entries.map((e: { action: string }) => e.action);
  expect(audit).toEqual(expect.arrayContaining(['final-evaluation.publish', 'resultBundle.publish']));
  const told = (await call(applicant, 'GET', '/api/v1/me/notifications'))
    .json()
    .notifications.filter((n: { kind: string }) => n.kind === 'final-evaluation-result');
  expect(told.length).toBeGreaterThan(0);
  const bundles = (await call(anonymousCookie, 'GET', '/api/v1/public/result-bundles?program=k-ai')).json().bundles;
  expect(bundles.some((b: { kind: string; subjectId: string }) => b.kind === 'final-evaluation' && b.subjectId === id)).toBe(true);
}
const anonymousCookie = '';

describe('publishing a final evaluation (issue 15)', () => {
  it('refuses to publish before designation, naming the status', async () => {
    const kai = await t.ctx.db.select().from(tasks).where(eq(tasks.programSlug, 'k-ai'));
    // the k-ai evaluation above is published; specialized-fm's demo one too — an open one is needed: re-enter a score
    const id = (await call(operator, 'GET', '/api/v1/final-evaluations')).json().finalEvaluations.find((f: { program: string }) => f.program === 'k-ai').id;
    const preview = await call(operator, 'PUT', `/api/v1/final-evaluations/${id}/scores`, { scores: [{ taskId: kai[0]!.id, score: 71.25 }], mode: 'preview' });
    expect(preview.json()).toMatchObject({ status: 'preview', clearsDesignation: true, withdrawsPublication: true });
    expect(
      (await call(operator, 'PUT', `/api/v1/final-evaluations/${id}/scores`, { scores: [{ taskId: kai[0]!.id, score: 71.25 }], reason: 'correction' }))
        .statusCode,
    ).toBe(200);
    const refused = await call(operator, 'POST', `/api/v1/final-evaluations/${id}/publish`, { mode: 'preview' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.field).toBe('status');
    expect(refused.json().error.issues[0].message.ko).toBe('우수 과제를 먼저 지정해야 공개할 수 있습니다');
    // after the correction the team reads no result again until it is published anew
    const team = (await call(applicant, 'GET', `/api/v1/final-evaluations/${id}`)).json();
    expect(team.published).toBeNull();
    expect(team.tasks.every((x: { score: number | null }) => x.score === null)).toBe(true);
  });
});
