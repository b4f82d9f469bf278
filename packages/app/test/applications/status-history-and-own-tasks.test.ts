import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestServer, signIn } from '../support/test-context.ts';
import { reviewCallConfig, selectionDecisions, taskMembers, tasks, user } from '../../src/db/schema/index.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
const cookie: Record<string, string> = {};
const OP = 'operator@demo.stagegate.kr';
// nuri@ applied to the review demo's call; applicant@ is a member of demo tasks and of neither application
const APPLICANT = 'applicant@demo.stagegate.kr';
const NURI = 'nuri@demo.stagegate.kr';

async function call(who: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, payload: payload as object | undefined, headers: { cookie: cookie[who]! } });
  return { status: res.statusCode, body: res.json() };
}
interface Event {
  kind: string;
  at: string;
  detail: Record<string, unknown>;
}
const kinds = async (who: string, id: string) => ((await call(who, 'GET', `/api/v1/applications/${id}/history`)).body.events as Event[]).map((e) => e.kind);

let appId: string;
let receiptNo: string;
let ownTasks: Set<string>;

beforeAll(async () => {
  t = await createTestServer();
  for (const e of [OP, APPLICANT, NURI]) cookie[e] = await signIn(t.app, e);
  const mine = (await call(NURI, 'GET', '/api/v1/applications')).body.applications as {
    id: string;
    program: string;
    call: string;
    status: string;
    receiptNo: string;
  }[];
  const submitted = mine.find((a) => a.program === 'specialized-fm' && a.call === '2025-call' && a.status === 'submitted')!;
  appId = submitted.id;
  receiptNo = submitted.receiptNo;
  const [u] = await t.ctx.db.select().from(user).where(eq(user.email, APPLICANT));
  ownTasks = new Set((await t.ctx.db.select({ id: taskMembers.taskId }).from(taskMembers).where(eq(taskMembers.userId, u!.id))).map((r) => r.id));
}, 90_000);
afterAll(() => t.dispose());

describe('applicant: status history of an application', () => {
  it('starts with the submission (its receipt) and the eligibility verdict', async () => {
    const { status, body } = await call(NURI, 'GET', `/api/v1/applications/${appId}/history`);
    expect(status).toBe(200);
    const events = body.events as Event[];
    expect(events.find((e) => e.kind === 'submitted')!.detail.receiptNo).toBe(receiptNo);
    expect(typeof events.find((e) => e.kind === 'eligibility')!.detail.eligible).toBe('boolean');
    expect(events.map((e) => e.kind)).not.toContain('under-review');
  });

  it('shows "under review" once the call’s first assignment is deployed', async () => {
    const roundId = (await call(OP, 'GET', '/api/v1/review/calls/specialized-fm/2025-call')).body.rounds[0].id as string;
    const run = (await call(OP, 'POST', `/api/v1/review/rounds/${roundId}/runs`, { balance: true })).body.run;
    expect((await call(OP, 'POST', `/api/v1/review/runs/${run.id}/deploy`)).status).toBe(200);
    expect(await kinds(NURI, appId)).toContain('under-review');
  });

  it('keeps a decided result out of the applicant’s history until it is published; the office sees it at once', async () => {
    await t.ctx.db
      .insert(selectionDecisions)
      .values({ applicationId: appId, programSlug: 'specialized-fm', callKey: '2025-call', outcome: 'rejected', reason: '점수 미달' });
    const hidden = await call(NURI, 'GET', `/api/v1/applications/${appId}/history`);
    expect(hidden.body.events.map((e: Event) => e.kind)).not.toContain('result');
    expect(JSON.stringify(hidden.body)).not.toContain('rejected');
    expect(await kinds(OP, appId)).toContain('result');
    await t.ctx.db
      .update(reviewCallConfig)
      .set({ publishedAt: new Date() })
      .where(and(eq(reviewCallConfig.programSlug, 'specialized-fm'), eq(reviewCallConfig.callKey, '2025-call')));
    const shown = (await call(NURI, 'GET', `/api/v1/applications/${appId}/history`)).body.events as Event[];
    expect(shown.at(-1)).toMatchObject({ kind: 'result', detail: { outcome: 'rejected', published: true } });
  });

  it('is closed to another organisation’s member', async () => {
    expect([403, 404]).toContain((await call(APPLICANT, 'GET', `/api/v1/applications/${appId}/history`)).status);
  });
});

describe('applicant: only its own tasks, cluster user names and usage', () => {
  it('allocations list only the applicant’s tasks, their members and allocations; the office sees every task', async () => {
    const office = (await call(OP, 'GET', '/api/v1/programs/specialized-fm/allocations')).body;
    const mine = (await call(APPLICANT, 'GET', '/api/v1/programs/specialized-fm/allocations')).body;
    const others = (office.tasks as { id: string }[]).filter((x) => !ownTasks.has(x.id));
    expect(others.length).toBeGreaterThan(0);
    expect((mine.tasks as { id: string }[]).every((x) => ownTasks.has(x.id))).toBe(true);
    expect((mine.allocations as { taskId: string }[]).every((a) => ownTasks.has(a.taskId))).toBe(true);
    const otherNames = (office.tasks as { id: string; members: { clusterUsername: string }[] }[])
      .filter((x) => !ownTasks.has(x.id))
      .flatMap((x) => x.members.map((m) => m.clusterUsername));
    for (const name of otherNames) expect(JSON.stringify(mine.tasks)).not.toContain(`"${name}"`);
    const otherKeys = (office.tasks as { id: string; key: string }[]).filter((x) => !ownTasks.has(x.id)).map((x) => x.key);
    const splitKeys = (mine.timeline as { steps: { byTask: Record<string, number> }[] }[]).flatMap((p) => p.steps.flatMap((s) => Object.keys(s.byTask)));
    expect(splitKeys.filter((k) => otherKeys.includes(k))).toEqual([]);
    // pool totals are the capacity everyone plans against: unchanged
    expect(mine.timeline.map((p: { steps: { total: number }[] }) => p.steps.map((s) => s.total))).toEqual(
      office.timeline.map((p: { steps: { total: number }[] }) => p.steps.map((s) => s.total)),
    );
  });

  it('usage answers only for the applicant’s tasks, and another task’s chart is refused', async () => {
    const usage = (await call(APPLICANT, 'GET', '/api/v1/programs/specialized-fm/usage')).body;
    expect((usage.tasks as { taskId: string }[]).every((x) => ownTasks.has(x.taskId))).toBe(true);
    const [other] = (await t.ctx.db.select({ id: tasks.id }).from(tasks).where(eq(tasks.programSlug, 'specialized-fm'))).filter((x) => !ownTasks.has(x.id));
    expect([403, 404]).toContain((await call(APPLICANT, 'GET', `/api/v1/tasks/${other!.id}/usage`)).status);
  });

  it('the task list holds only the applicant’s tasks', async () => {
    const list = (await call(APPLICANT, 'GET', '/api/v1/evaluation/tasks')).body.tasks as { id: string }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((x) => ownTasks.has(x.id))).toBe(true);
  });
});
