import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestServer, signIn } from '../support/test-context.ts';
import { allocationLedger, auditLog, tasks } from '../../src/db/schema/index.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let operator: string;
let applicant: string;
let reviewer: string;

beforeAll(async () => {
  t = await createTestServer();
  operator = await signIn(t.app, 'operator@demo.stagegate.kr');
  applicant = await signIn(t.app, 'applicant@demo.stagegate.kr');
  reviewer = await signIn(t.app, 'reviewer@demo.stagegate.kr');
}, 120_000);
afterAll(() => t.dispose());

const call = (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { cookie } });

type Step = { start: string; end: string; total: number; byTask: Record<string, number> };
async function phase2Steps(): Promise<Step[]> {
  const res = await call(reviewer, 'GET', '/api/v1/programs/specialized-fm/allocations');
  expect(res.statusCode).toBe(200);
  return res.json().timeline.find((x: { phaseKey: string }) => x.phaseKey === 'phase-2').steps;
}
const taskId = async (key: string) => (await t.ctx.db.select().from(tasks).where(eq(tasks.key, key)))[0]!.id;
async function allocationOf(key: string, phaseKey: string, onDay: string) {
  const res = await call(operator, 'GET', '/api/v1/programs/specialized-fm/allocations');
  return res
    .json()
    .allocations.find(
      (a: { taskKey: string; phaseKey: string; start: string; end: string }) =>
        a.taskKey === key && a.phaseKey === phaseKey && a.start <= onDay && a.end >= onDay,
    );
}

describe('allocations API', () => {
  it('shows the demo pool: 512 B200 in 64 nodes, both tasks at 256, and the approved reclaim from sfm-02', async () => {
    const res = await call(reviewer, 'GET', '/api/v1/programs/specialized-fm/allocations');
    const body = res.json();
    expect(body.program.pools[0]).toMatchObject({ key: 'b200-pool', gpus: 512, nodes: 64, nodeType: { gpuModel: 'NVIDIA B200', gpusPerNode: 8 } });
    const phase1 = body.timeline.find((x: { phaseKey: string }) => x.phaseKey === 'phase-1');
    expect(phase1.steps).toEqual([{ start: '2025-11-01', end: '2026-03-31', total: 512, byTask: { 'sfm-01': 256, 'sfm-02': 256 } }]);
    expect((await phase2Steps()).map((s) => [s.start, s.end, s.total])).toEqual([
      ['2026-04-01', '2026-05-31', 512],
      ['2026-06-01', '2026-09-09', 448],
    ]);
    const ent = body.entitlements.find((e: { taskKey: string; phaseKey: string }) => e.taskKey === 'sfm-01' && e.phaseKey === 'phase-1');
    expect(ent.gpuSeconds).toBe(256 * 151 * 86_400);
  });

  it('lets the member applicant see the pending supplement, and the operator preview then approve it', async () => {
    const mine = await call(applicant, 'GET', '/api/v1/programs/specialized-fm/change-requests');
    const pending = mine.json().requests.filter((r: { status: string }) => r.status === 'pending');
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ kind: 'supplement', taskKey: 'sfm-01', request: { addGpus: 64, effectiveFrom: '2026-06-15' } });
    // the applicant is not a member of sfm-02: its approved reclaim is not in the applicant's list
    expect(mine.json().requests.some((r: { taskKey: string }) => r.taskKey === 'sfm-02')).toBe(false);

    const preview = await call(operator, 'POST', `/api/v1/change-requests/${pending[0].id}/approve`, { mode: 'preview' });
    expect(preview.statusCode).toBe(200);
    expect(
      preview
        .json()
        .changes.map((c: { kind: string }) => c.kind)
        .sort(),
    ).toEqual(['changed', 'created']);
    expect((await phase2Steps()).at(-1)!.total).toBe(448); // a preview changes nothing

    // issue 13 item 3: the supplement starts on 15 June, before today (database clock): the preview says so
    const today = (await t.ctx.db.execute(sql`select to_char(now() at time zone 'Asia/Seoul', 'YYYY-MM-DD') as d`)) as unknown as { rows: { d: string }[] };
    const todaySeoul = today.rows[0]!.d;
    expect(todaySeoul > '2026-06-15').toBe(true);
    expect(preview.json().retroactive).toEqual({
      startsOn: '2026-06-15',
      today: todaySeoul,
      daysBack: (Date.parse(`${todaySeoul}T00:00:00Z`) - Date.parse('2026-06-15T00:00:00Z')) / 86_400_000,
    });
    // … and the approval is refused without a retroactive reason, naming the field; nothing changes
    const noReason = await call(operator, 'POST', `/api/v1/change-requests/${pending[0].id}/approve`, { mode: 'commit', reason: '회수분 재배정' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.field).toBe('retroactiveReason');
    expect(noReason.json().error.issues[0].message.ko).toContain('2026-06-15');
    expect((await phase2Steps()).at(-1)!.total).toBe(448);

    const commit = await call(operator, 'POST', `/api/v1/change-requests/${pending[0].id}/approve`, {
      mode: 'commit',
      reason: '회수분 재배정',
      retroactiveReason: '6월 15일 운영위원회에서 이미 승인된 추가 배정',
    });
    expect(commit.statusCode).toBe(200);
    expect(commit.json().request.decisionReason).toContain('retroactive from 2026-06-15');
    expect((await phase2Steps()).map((s) => [s.start, s.end, s.total, s.byTask['sfm-01']])).toEqual([
      ['2026-04-01', '2026-05-31', 512, 256],
      ['2026-06-01', '2026-06-14', 448, 256],
      ['2026-06-15', '2026-09-09', 512, 320],
    ]);
    const ledger = await t.ctx.db.select().from(allocationLedger).where(eq(allocationLedger.changeRequestId, pending[0].id));
    expect(ledger.map((l) => l.kind).sort()).toEqual(['changed', 'created']);
    const audit = await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, pending[0].id)).orderBy(auditLog.seq);
    expect(audit.map((a) => a.action)).toContain('allocation.change-request.approve');
    // approving twice is a conflict, not a second supplement
    expect((await call(operator, 'POST', `/api/v1/change-requests/${pending[0].id}/approve`, { mode: 'commit' })).statusCode).toBe(409);
  });

  it('refuses an allocation beyond the pool with the day and the allocations held then', async () => {
    const res = await call(operator, 'POST', '/api/v1/programs/specialized-fm/allocations', {
      mode: 'preview',
      allocation: { taskId: await taskId('sfm-02'), poolKey: 'b200-pool', phaseKey: 'phase-1', gpus: 8, start: '2026-01-10', end: '2026-01-20' },
    });
    expect(res.statusCode).toBe(422);
    const err = res.json().error;
    // sfm-02 already holds phase 1: the same task, pool and period; and 264 is above its 256 cap
    expect(err.issues.map((i: { field: string }) => i.field).sort()).toEqual(['gpus', 'gpus', 'start']);
    expect(err.issues.map((i: { message: { en: string } }) => i.message.en)).toContain(
      'on 2026-01-10 task sfm-02 would hold 264 GPUs in Phase 1, above the per-task cap of 256 (the call: 256 B200 per task)',
    );
    const capacity = err.issues.find((i: { field: string }) => i.field === 'gpus');
    expect(capacity.instant).toBe('2026-01-10');
    expect(capacity.message.en).toContain('on 2026-01-10 B200 pool would hold 520 GPUs, more than its 512 (sfm-01 256 + sfm-02 256 + sfm-02 8)');
  });

  it('refuses dates outside the phase, and a supplement request that does not fit', async () => {
    const a = await allocationOf('sfm-02', 'phase-2', '2026-07-01');
    const res = await call(operator, 'PATCH', `/api/v1/allocations/${a.id}`, { mode: 'preview', end: '2026-09-20' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.field).toBe('end');
    expect(res.json().error.message).toContain('ends on 2026-09-20, outside Phase 2 (2026-04-01–2026-09-09)');

    const req = await call(operator, 'POST', '/api/v1/programs/specialized-fm/change-requests', {
      mode: 'preview',
      reason: 'x',
      request: { kind: 'supplement', allocationId: a.id, addGpus: 8 },
    });
    expect(req.statusCode).toBe(422);
    expect(req.json().error.issues[0].instant).toBe('2026-06-15');
  });

  it('lets an applicant ask only for the tasks they are a member of, and the operator reject with a reason', async () => {
    const other = await allocationOf('sfm-02', 'phase-2', '2026-07-01');
    const own = await allocationOf('sfm-01', 'phase-2', '2026-07-01');
    const refused = await call(applicant, 'POST', '/api/v1/programs/specialized-fm/change-requests', {
      mode: 'commit',
      reason: '연장',
      request: { kind: 'reduction', allocationId: other.id, removeGpus: 8 },
    });
    expect(refused.statusCode).toBe(403);
    const filed = await call(applicant, 'POST', '/api/v1/programs/specialized-fm/change-requests', {
      mode: 'commit',
      reason: '학습 종료로 반납',
      request: { kind: 'reduction', allocationId: own.id, removeGpus: 64, effectiveFrom: '2026-08-01' },
    });
    expect(filed.statusCode).toBe(200);
    const id = filed.json().request.id;
    expect((await call(applicant, 'POST', `/api/v1/change-requests/${id}/reject`, { reason: 'no' })).statusCode).toBe(403);
    const rejected = await call(operator, 'POST', `/api/v1/change-requests/${id}/reject`, { reason: '평가 일정상 유지' });
    expect(rejected.json().request).toMatchObject({ status: 'rejected', decisionReason: '평가 일정상 유지' });
    expect((await allocationOf('sfm-01', 'phase-2', '2026-08-15')).gpus).toBe(320);
  });

  it('records every direct edit in the ledger and keeps a pool from shrinking below its peak', async () => {
    const a = await allocationOf('sfm-02', 'phase-2', '2026-07-01');
    const patched = await call(operator, 'PATCH', `/api/v1/allocations/${a.id}`, { mode: 'commit', gpus: 184, reason: '노드 1대 고장' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().changes[0]).toMatchObject({ kind: 'changed', fields: ['gpus'] });
    const ledger = await call(operator, 'GET', '/api/v1/programs/specialized-fm/allocation-ledger');
    expect(ledger.json().entries[0]).toMatchObject({ kind: 'changed', taskKey: 'sfm-02', reason: '노드 1대 고장' });

    const program = (await call(operator, 'GET', '/api/v1/programs/specialized-fm')).json();
    const definition = { ...program.definition, gpuPools: [{ ...program.definition.gpuPools[0], gpuCount: 448 }] };
    const shrink = await call(operator, 'PUT', '/api/v1/programs/specialized-fm', { definition, expectedRevision: program.revision, mode: 'preview' });
    expect(shrink.statusCode).toBe(422);
    expect(shrink.json().error.message).toContain('cannot be smaller than the 512 GPUs already allocated');
  });

  it('derives what Slurm must enforce from the allocations, and blocks a task through the API', async () => {
    const before = await call(operator, 'GET', '/api/v1/slurm/desired-state?day=2026-07-01');
    const sfm = before.json().tasks.filter((x: { programSlug: string }) => x.programSlug === 'specialized-fm');
    expect(sfm).toEqual([
      // the phase names the QOS; the pool's binding gives the cluster and partition (issue 16 item 7)
      {
        programSlug: 'specialized-fm',
        taskKey: 'sfm-01',
        gpus: 320,
        gpuMinutes: null,
        blocked: false,
        members: ['medi01', 'medi02', 'medi03'],
        phaseKey: 'phase-2',
        placements: [{ cluster: 'nacc', partition: 'b200' }],
      },
      {
        programSlug: 'specialized-fm',
        taskKey: 'sfm-02',
        gpus: 184,
        gpuMinutes: null,
        blocked: false,
        members: ['legal01', 'legal02'],
        phaseKey: 'phase-2',
        placements: [{ cluster: 'nacc', partition: 'b200' }],
      },
    ]);
    expect(before.json().state.qos).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'sg-specialized-fm-sfm-01-phase-2', gpus: 320, blocked: false })]),
    );
    expect(before.json().state.users).toEqual(
      expect.arrayContaining([expect.objectContaining({ user: 'medi01', account: 'sg-specialized-fm-sfm-01', cluster: 'nacc', partition: 'b200' })]),
    );

    const id = await taskId('sfm-02');
    expect((await call(applicant, 'POST', `/api/v1/tasks/${id}/block`, { reason: 'x' })).statusCode).toBe(403);
    // issue 13 item 6: the preview says what blocking does (the Slurm change) and changes nothing; a commit needs a reason
    const preview = await call(operator, 'POST', `/api/v1/tasks/${id}/block`, { mode: 'preview' });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ status: 'preview', task: { key: 'sfm-02', statusBefore: 'active', statusAfter: 'blocked' } });
    expect(preview.json().slurmPlan.en.join('\n')).toContain('sg-specialized-fm-sfm-02');
    expect((await t.ctx.db.select().from(tasks).where(eq(tasks.id, id)))[0]!.status).toBe('active');
    const noReason = await call(operator, 'POST', `/api/v1/tasks/${id}/block`, { mode: 'commit' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.field).toBe('reason');
    const blocked = await call(operator, 'POST', `/api/v1/tasks/${id}/block`, { reason: '목적 외 사용 조사' });
    expect(blocked.json()).toEqual({ status: 'committed', taskStatus: 'blocked' });
    const after = await call(operator, 'GET', '/api/v1/slurm/desired-state?day=2026-07-01');
    expect(after.json().state.qos.find((q: { name: string }) => q.name === 'sg-specialized-fm-sfm-02-phase-2').blocked).toBe(true);
    const audit = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'task.block')).orderBy(auditLog.seq);
    expect(audit.at(-1)!.reason).toBe('목적 외 사용 조사');
    expect((await call(operator, 'POST', `/api/v1/tasks/${id}/unblock`, { reason: '조사 종료' })).json().taskStatus).toBe('active');
  });
});
