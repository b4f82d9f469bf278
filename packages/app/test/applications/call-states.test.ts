import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { gpuRequestIssues } from '@stagegate/core/allocation/request-limits';
import { taskSlotsOf } from '@stagegate/core/selection/task-slots';
import type { ProposalDraft } from '@stagegate/core/application/proposal';
import { createTestServer, signIn } from '../support/test-context.ts';
import { applications, auditLog, tasks } from '../../src/db/schema/index.ts';
import { getProgram } from '../../src/programs/program-store.ts';
import { api, CALL, completeProposal, createOrganisation, PROGRAM, readyApplication, signUp, type Api } from './support.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let alice: Api;
let operator: Api;
beforeAll(async () => {
  t = await createTestServer();
  alice = api(t.app, await signUp(t, 'alice@call-states.test'));
  operator = api(t.app, await signIn(t.app, 'operator@demo.stagegate.kr'));
}, 120_000);
afterAll(() => t.dispose());

const STATE = `/api/v1/calls/${PROGRAM}/${CALL}/state`;

describe('issue 13 item 2: the demo ends consistent with the call rules', () => {
  it('the demo call is open (its audited 30-day override), specialized-fm holds only its two slot tasks, and every demo request is within the rules', async () => {
    const call = (await alice.get(`/api/v1/calls/${PROGRAM}/${CALL}`)).body.call;
    expect(call).toMatchObject({ state: 'open', open: true, stateLabel: { ko: '접수 중', en: 'open' }, taskSlots: 2 });
    const program = (await getProgram(t.ctx.db, PROGRAM))!.definition;
    const slots = taskSlotsOf(
      program,
      program.calls.find((c) => c.key === CALL)!,
    );
    const sfm = await t.ctx.db.select().from(tasks).where(eq(tasks.programSlug, PROGRAM));
    expect(sfm.length).toBeLessThanOrEqual(slots.count);
    expect(sfm.every((x) => slots.keys.includes(x.key))).toBe(true);
    const demo = await t.ctx.db
      .select()
      .from(applications)
      .where(and(eq(applications.programSlug, PROGRAM), eq(applications.callKey, CALL)));
    expect(demo.length).toBeGreaterThan(0);
    for (const a of demo) expect(gpuRequestIssues((a.proposal as ProposalDraft).gpuRequest, program)).toEqual([]);
    const binds = await t.ctx.db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.action, ['resources.pool.bind']))
      .orderBy(auditLog.seq);
    expect(binds.map((b) => (b.after as { nodes: string[] }).nodes)).toEqual([['b200-[001-064]'], ['b200-[065-384]']]);
  });
});

describe('issue 13 item 8: GPU requests within the program rules', () => {
  it('refuses a phase-1 request above 256 at the draft, naming the field and the call’s reason; phase 2 up to the pool is fine', async () => {
    const org = await createOrganisation(alice);
    const { id, version } = await readyApplication(alice, org, '한도 시험');
    const over = await alice.patch(`/api/v1/applications/${id}`, {
      baseVersion: version,
      proposal: { ...completeProposal('한도 시험'), gpuRequest: [{ phaseKey: 'phase-1', gpus: 512 }] },
    });
    expect(over.status).toBe(422);
    expect(over.body.error.field).toBe('proposal.gpuRequest[0].gpus');
    expect(over.body.error.issues[0].message.ko).toContain('공고: 과제당 B200 256장');
    const pool = await alice.patch(`/api/v1/applications/${id}`, {
      baseVersion: version,
      proposal: { ...completeProposal('한도 시험'), gpuRequest: [{ phaseKey: 'phase-2', gpus: 1024 }] },
    });
    expect(pool.body.error.issues[0].message.en).toBe("1024 GPUs asked for Phase 2 are more than the program's pools hold (512)");
    const fine = await alice.patch(`/api/v1/applications/${id}`, {
      baseVersion: version,
      proposal: {
        ...completeProposal('한도 시험'),
        gpuRequest: [
          { phaseKey: 'phase-1', gpus: 256 },
          { phaseKey: 'phase-2', gpus: 320 },
        ],
      },
    });
    expect(fine.status).toBe(200);
    const created = await alice.post('/api/v1/applications', {
      program: PROGRAM,
      call: CALL,
      organisationId: org.id,
      proposal: { gpuRequest: [{ phaseKey: 'phase-1', gpus: 300 }] },
    });
    expect(created.status).toBe(422);
    expect(created.body.error.field).toBe('proposal.gpuRequest[0].gpus');
  });
});

describe('issue 13 item 2: the office closes the call; nothing arrives after', () => {
  it('previews, then closes early with an audit row; submission, edit and withdrawal are refused with 409 naming the deadline', async () => {
    const org = await createOrganisation(alice);
    const draft = await readyApplication(alice, org, '마감 시험');
    const submitted = await readyApplication(alice, await createOrganisation(alice), '제출 후 마감');
    expect((await alice.post(`/api/v1/applications/${submitted.id}/submit`, { version: submitted.version })).status).toBe(201);

    expect((await alice.post(STATE, { action: 'close', reason: 'x', mode: 'preview' })).status).toBe(403);
    expect((await operator.post(STATE, { action: 'close', reason: ' ', mode: 'commit' })).body.error.field).toBe('reason');
    const preview = await operator.post(STATE, { action: 'close', reason: '조기 마감', mode: 'preview' });
    expect(preview.body).toMatchObject({ status: 'preview', from: 'open', to: 'closed' });
    expect(preview.body.change.ko).toContain('접수 중 → 접수 마감');
    expect((await alice.get(`/api/v1/calls/${PROGRAM}/${CALL}`)).body.call.state).toBe('open');
    const closed = await operator.post(STATE, { action: 'close', reason: '조기 마감', mode: 'commit' });
    expect(closed.status).toBe(200);
    expect(closed.body.call).toMatchObject({ state: 'closed', open: false });
    const [audit] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'call.close'));
    expect(audit).toMatchObject({
      objectType: 'call',
      objectId: `${PROGRAM}/${CALL}`,
      reason: '조기 마감',
      before: { state: 'open' },
      after: { state: 'closed' },
    });

    const late = await alice.post(`/api/v1/applications/${draft.id}/submit`, { version: draft.version });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('call_closed');
    expect(late.body.error.issues[0].message.ko).toMatch(/접수가 마감되었습니다 \(마감: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} KST\)/);
    const edit = await alice.patch(`/api/v1/applications/${draft.id}`, { baseVersion: draft.version, proposal: completeProposal('마감 후 수정') });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('call_closed');
    const withdraw = await alice.post(`/api/v1/applications/${submitted.id}/withdraw`, {});
    expect(withdraw.status).toBe(409);
    expect(withdraw.body.error.issues[0].message.en).toContain('contact the program office');
    const create = await alice.post('/api/v1/applications', { program: PROGRAM, call: CALL, organisationId: org.id });
    expect(create.status).toBe(422);
    expect(create.body.error.field).toBe('call');
  });

  it('a closed call is not opened again, nor its window moved; review starts, and results wait for every decision', async () => {
    const reopen = await operator.post(STATE, { action: 'open', reason: '재공고', mode: 'commit' });
    expect(reopen.status).toBe(409);
    expect(reopen.body.error.issues[0].message.en).toBe('a call that is closed cannot take the step "open"');
    const moved = await operator.put(`/api/v1/calls/${PROGRAM}/${CALL}/settings`, { closes: new Date(Date.now() + 86_400_000).toISOString(), reason: '연장' });
    expect(moved.status).toBe(422);
    expect(moved.body.error.issues[0].message.en).toBe('the window of a call that is closed cannot be changed');
    expect((await operator.post(STATE, { action: 'publish_results', reason: '발표', mode: 'preview' })).status).toBe(409);
    const review = await operator.post(STATE, { action: 'start_review', reason: '심사 착수', mode: 'commit' });
    expect(review.body).toMatchObject({
      status: 'committed',
      from: 'closed',
      to: 'under_review',
      call: { state: 'under_review', stateLabel: { ko: '심사 중' } },
    });
    const publish = await operator.post(STATE, { action: 'publish_results', reason: '발표', mode: 'commit' });
    expect(publish.status).toBe(409);
    expect(publish.body.error.issues[0].message.en).toMatch(/application\(s\) have no decision yet/);
    expect((await alice.get(`/api/v1/calls/${PROGRAM}/${CALL}`)).body.call.state).toBe('under_review');
  });
});
