import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, sum } from 'drizzle-orm';
import {
  allocations,
  applications,
  auditLog,
  organisationMembers,
  reviewAssignments,
  reviewerPool,
  reviewSheets,
  tasks,
  user,
} from '../../src/db/schema/index.ts';
import { ensureReviewSetup, submittedApplications } from '../../src/review/review-call.ts';
import { createTestServer, signIn } from '../support/test-context.ts';

// Issue 16 item 5: K-AI's additional call (23 Jan – 12 Feb 2026, 768 B200, expert majority, "no selection" allowed).
let t: Awaited<ReturnType<typeof createTestServer>>;
const cookie: Record<string, string> = {};
const CALL = '/api/v1/review/calls/k-ai/2026-additional-call';
const OP = 'operator@demo.stagegate.kr';
const NURI = 'nuri@demo.stagegate.kr';

async function call(who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, payload: payload as object | undefined, headers: { cookie: cookie[who]! } });
  return { status: res.statusCode, body: res.json() };
}

/**
 * Two applications to the additional call (copies of demo proposals, one of them nuri's) and a
 * panel of three whose submitted totals are 80/75/50 for the first (two of three recommend at 70)
 * and 80/60/50 for the second (one of three): the call closed in February, so the rows are written
 * as the closed call would hold them.
 */
async function seedAdditionalCall() {
  const db = t.ctx.db;
  const [nuri] = await db
    .select({ org: organisationMembers.organisationId })
    .from(organisationMembers)
    .innerJoin(user, eq(user.id, organisationMembers.userId))
    .where(eq(user.email, NURI));
  const demo = await submittedApplications(db, 'specialized-fm', '2025-call');
  const picks = [demo.find((a) => a.organisationId === nuri!.org)!, demo.find((a) => a.organisationId !== nuri!.org)!];
  const ids: string[] = [];
  for (const [i, a] of picks.entries()) {
    const [row] = await db.select().from(applications).where(eq(applications.id, a.id));
    const id = randomUUID();
    await db.insert(applications).values({
      ...row!,
      id,
      programSlug: 'k-ai',
      callKey: '2026-additional-call',
      receiptNo: `KAI-2026-000${i + 1}`,
      proposal: { ...row!.proposal, gpuRequest: [{ phaseKey: 'stage-2', gpus: 768 }] },
    });
    ids.push(id);
  }
  const rounds = await db.transaction((tx) => ensureReviewSetup(tx, null, 'k-ai', '2026-additional-call'));
  const totals = [
    [80, 75, 50],
    [80, 60, 50],
  ];
  const panel: string[] = [];
  for (let r = 0; r < 3; r++) {
    const [p] = await db
      .insert(reviewerPool)
      .values({
        programSlug: 'k-ai',
        callKey: '2026-additional-call',
        email: `expert${r + 1}@example.kr`,
        name: `전문가${r + 1}`,
        status: 'accepted',
        tokenHash: randomUUID(),
        seq: r + 1,
      })
      .returning();
    panel.push(p!.id);
  }
  for (const [i, applicationId] of ids.entries()) {
    for (const [r, reviewerId] of panel.entries()) {
      const total = totals[i]![r]!;
      await db.insert(reviewAssignments).values({ roundId: rounds[0]!.id, applicationId, reviewerId });
      await db.insert(reviewSheets).values({
        roundId: rounds[0]!.id,
        applicationId,
        reviewerId,
        status: 'submitted',
        total,
        submittedAt: new Date(),
        scores: {
          'technical-capability': { score: total * 0.4, comment: '의견' },
          'development-plan': { score: total * 0.3, comment: '의견' },
          'public-access-ax': { score: total * 0.3, comment: '의견' },
        },
      });
    }
  }
  return { withMajority: ids[0]!, without: ids[1]! };
}

const b200Allocated = async () =>
  Number(
    (
      await t.ctx.db
        .select({ gpus: sum(allocations.gpus) })
        .from(allocations)
        .where(and(eq(allocations.programSlug, 'k-ai'), eq(allocations.poolKey, 'b200-pool')))
    )[0]?.gpus ?? 0,
  );

beforeEach(async () => {
  t = await createTestServer();
  for (const e of [OP, NURI]) cookie[e] = await signIn(t.app, e);
}, 300_000);
afterEach(() => t.dispose());

describe('K-AI additional call', () => {
  it('records "no one selected" with its reason: previewed, audited, published as 선정 없음, slot empty, GPUs back in the pool', async () => {
    const { withMajority } = await seedAdditionalCall();
    const ranking = (await call(OP, 'GET', `${CALL}/ranking`)).body;
    expect(ranking.additional).toMatchObject({ fills: { call: '2025-call', slots: 1 }, allowNoSelection: true });
    expect(ranking.poolGpus).toBe(768);
    expect(ranking.taskCount).toBe(1);
    expect(ranking.rows.find((r: { applicationId: string }) => r.applicationId === withMajority).majority).toEqual({
      reviewers: 3,
      recommending: 2,
      needed: 2,
      majority: true,
    });

    const allocatedBefore = await b200Allocated();
    expect((await call(OP, 'POST', `${CALL}/no-selection`, { reason: ' ', mode: 'commit' })).body.error.field).toBe('reason');
    const reason = '남은 세 팀과 경쟁할 수준이라는 전문가 과반 판단이 없었습니다';
    const preview = await call(OP, 'POST', `${CALL}/no-selection`, { reason, mode: 'preview' });
    expect(preview.body).toMatchObject({ status: 'preview', offerReturned: [{ pool: 'b200-pool', gpus: 768 }] });
    expect(preview.body.rejected).toHaveLength(2);
    expect((await call(OP, 'GET', `${CALL}/ranking`)).body.noSelection).toBeNull();

    const committed = await call(OP, 'POST', `${CALL}/no-selection`, { reason, mode: 'commit' });
    expect(committed.body.status).toBe('committed');
    const audit = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'selection.no-selection'));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.objectId).toBe('k-ai/2026-additional-call');
    // once "no selection" stands, selecting is refused
    const late = await call(OP, 'PUT', `${CALL}/selection`, {
      decisions: [{ applicationId: withMajority, outcome: 'selected', reason: '과반 추천' }],
      mode: 'preview',
    });
    expect(late.status).toBe(422);
    expect(late.body.error.field).toBe('decisions');

    const STATE = '/api/v1/calls/k-ai/2026-additional-call/state';
    expect((await call(OP, 'POST', STATE, { action: 'start_review', reason: '심사 시작', mode: 'commit' })).status).toBe(200);
    const outline = await call(OP, 'POST', STATE, { action: 'publish_results', reason: '결과 발표', mode: 'preview' });
    expect(outline.body.publishes).toMatchObject({ selected: 0, rejected: 2, noSelection: { label: { ko: '선정 없음' }, reason } });
    expect((await call(OP, 'POST', `${CALL}/publication`, { publish: true })).status).toBe(200);
    const result = await call(NURI, 'GET', `/api/v1/review/results/${withMajority}`);
    expect(result.status).toBe(200);
    expect(result.body.callOutcome).toMatchObject({ label: { ko: '선정 없음' }, reason });
    expect(result.body.decision.outcome).toBe('rejected');

    expect(await t.ctx.db.select().from(tasks).where(eq(tasks.applicationId, withMajority))).toHaveLength(0);
    expect(await b200Allocated()).toBe(allocatedBefore);
  }, 120_000);

  it('selects the application with an expert majority into the freed slot and refuses the one without, naming the field', async () => {
    const { withMajority, without } = await seedAdditionalCall();
    const refused = await call(OP, 'PUT', `${CALL}/selection`, {
      decisions: [
        { applicationId: without, outcome: 'selected', reason: '기술력 우수' },
        { applicationId: withMajority, outcome: 'rejected', reason: '-' },
      ],
      mode: 'preview',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.issues.map((i: { field: string }) => i.field)).toContain('decisions.0.outcome');
    expect(JSON.stringify(refused.body.error.issues)).toContain('3명 중 1명 추천');

    const decisions = [
      { applicationId: withMajority, outcome: 'selected', reason: '전문가 3명 중 2명 추천' },
      { applicationId: without, outcome: 'rejected', reason: '과반 추천 없음' },
    ];
    const preview = await call(OP, 'PUT', `${CALL}/selection`, { decisions, mode: 'preview' });
    expect(preview.body.status).toBe('preview');
    expect(preview.body.tasks).toHaveLength(1);
    const commit = await call(OP, 'PUT', `${CALL}/selection`, { decisions, mode: 'commit' });
    expect(commit.body.status).toBe('committed');
    expect(await t.ctx.db.select().from(tasks).where(eq(tasks.applicationId, withMajority))).toHaveLength(1);
    // a selected call may not then claim "no one selected"
    const noSel = await call(OP, 'POST', `${CALL}/no-selection`, { reason: '재검토', mode: 'preview' });
    expect(noSel.body.error.field).toBe('outcome');
    expect(
      (await call(OP, 'POST', '/api/v1/calls/k-ai/2026-additional-call/state', { action: 'start_review', reason: '심사 시작', mode: 'commit' })).status,
    ).toBe(200);
    expect((await call(OP, 'POST', `${CALL}/publication`, { publish: true })).status).toBe(200);
    expect((await call(NURI, 'GET', `/api/v1/review/results/${withMajority}`)).body).toMatchObject({ decision: { outcome: 'selected' }, callOutcome: null });
  }, 120_000);
});
