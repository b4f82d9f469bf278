import { existsSync, readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, jobs, tasks } from '../../src/db/schema/index.ts';
import { runNextJob } from '../../src/jobs/worker.ts';
import { createTestServer, signIn } from '../support/test-context.ts';

// The office's Slurm sync through the API, against the emulated cluster the test context configures
// (STAGEGATE_SLURM_EMULATOR): preview the plan, apply exactly that plan in a job, audited.

let t: Awaited<ReturnType<typeof createTestServer>>;
let operator: string;
let applicant: string;
beforeAll(async () => {
  t = await createTestServer();
  operator = await signIn(t.app, 'operator@demo.stagegate.kr');
  applicant = await signIn(t.app, 'applicant@demo.stagegate.kr');
});
afterAll(() => t.dispose());

interface PlanAnswer {
  source: { kind: string; day: string };
  empty: boolean;
  summary: { create: number; modify: number; remove: number; runnable: number; skipped: number };
  steps: { kind: string; destructive: boolean; skipped: boolean; description: { ko: string; en: string }; argv: string[] }[];
  digest: string;
}
const plan = async (cookie = operator) => t.app.inject({ method: 'GET', url: '/api/v1/slurm/plan', headers: { cookie } });
const apply = async (body: object, cookie = operator) => t.app.inject({ method: 'POST', url: '/api/v1/slurm/apply', payload: body, headers: { cookie } });
const cluster = () => (existsSync(t.ctx.config.slurm.emulator!) ? readFileSync(t.ctx.config.slurm.emulator!, 'utf8') : null);
const applyJobs = () => t.ctx.db.select().from(jobs).where(eq(jobs.kind, 'slurm.apply'));
const taskId = async (key: string) => (await t.ctx.db.select().from(tasks).where(eq(tasks.key, key)))[0]!.id;
const block = async (key: string, action: 'block' | 'unblock') => {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/tasks/${await taskId(key)}/${action}`,
    payload: { mode: 'commit', reason: 'slurm sync test' },
    headers: { cookie: operator },
  });
  expect(res.statusCode, res.body).toBe(200);
};

describe('Slurm sync API (issue 14 item 3)', () => {
  it('refuses the plan and the apply to anyone but the office', async () => {
    expect((await plan(applicant)).statusCode).toBe(403);
    const res = await apply({ digest: 'a'.repeat(64) }, applicant);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/slurm/plan' })).statusCode).toBe(401);
  });

  it("previews today's plan with its steps, a summary and a digest that is stable while nothing changes", async () => {
    const res = await plan();
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<PlanAnswer>();
    expect(p.source.kind).toBe('database');
    expect(p.empty).toBe(false);
    expect(p.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(p.summary.runnable).toBe(p.steps.length);
    expect(p.summary.create).toBeGreaterThan(0);
    const commands = p.steps.map((s) => s.argv.join(' '));
    expect(commands).toContain(
      'sacctmgr -i add account sg-specialized-fm-sfm-01 cluster=nacc parent=sg-specialized-fm qos=sg-specialized-fm-sfm-01-phase-2 defaultqos=sg-specialized-fm-sfm-01-phase-2',
    );
    // the demo pool is placed on cluster nacc, partition b200 (resources)
    expect(commands).toContain('sacctmgr -i add user medi01 account=sg-specialized-fm-sfm-01 cluster=nacc partition=b200');
    expect((await plan()).json<PlanAnswer>().digest).toBe(p.digest);
    expect(cluster()).toBeNull();
  });

  it('refuses a malformed digest naming the field', async () => {
    const res = await apply({ digest: 'not-a-digest' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('body.digest');
  });

  it('refuses with 409 a digest from before the allocations changed, and changes nothing', async () => {
    const before = (await plan()).json<PlanAnswer>();
    await block('sfm-01', 'block');
    try {
      const res = await apply({ digest: before.digest });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'stale_plan', field: 'digest' });
      expect(cluster()).toBeNull();
      expect(await applyJobs()).toEqual([]);
    } finally {
      await block('sfm-01', 'unblock');
    }
  });

  it('applies the previewed plan in a job with progress, audits it, and a second plan is empty', async () => {
    const previewed = (await plan()).json<PlanAnswer>();
    const res = await apply({ digest: previewed.digest });
    expect(res.statusCode, res.body).toBe(202);
    const { jobId } = res.json<{ jobId: string }>();
    const queued = await t.app.inject({ method: 'GET', url: `/api/v1/slurm/jobs/${jobId}`, headers: { cookie: operator } });
    expect(queued.json().job.status).toBe('queued');
    expect(cluster()).toBeNull();
    const second = await apply({ digest: previewed.digest });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('apply_in_progress');
    expect(await applyJobs()).toHaveLength(1);

    expect(await runNextJob(t.ctx, 'test-worker', { progressEveryMs: 0 })).toBe('done');
    const done = (await t.app.inject({ method: 'GET', url: `/api/v1/slurm/jobs/${jobId}`, headers: { cookie: operator } })).json();
    expect(done.job.status).toBe('done');
    expect(done.job.progress).toMatchObject({ done: previewed.summary.runnable, total: previewed.summary.runnable });
    expect(done.result).toMatchObject({ digest: previewed.digest, applied: previewed.summary.runnable, unchanged: 0 });
    expect(cluster()).toContain('sg-specialized-fm-sfm-01');

    const after = (await plan()).json<PlanAnswer>();
    expect(after).toMatchObject({ empty: true, steps: [] });
    expect(after.digest).not.toBe(previewed.digest);

    const [row] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'slurm.apply'));
    expect(row).toMatchObject({ actorLabel: expect.stringContaining('operator@demo.stagegate.kr'), objectType: 'slurm', objectId: previewed.source.day });
    const audited = row!.after as { digest: string; applied: { argv: string[] }[] };
    expect(audited.digest).toBe(previewed.digest);
    expect(audited.applied.map((a) => a.argv)).toEqual(previewed.steps.map((s) => s.argv));
    const requested = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'slurm.apply.request'), eq(auditLog.objectId, jobId)));
    expect(requested).toHaveLength(1);
  });

  it('checks the digest again when the job runs: a change while it waited fails the job and leaves Slurm as it was', async () => {
    await block('sfm-02', 'block');
    const previewed = (await plan()).json<PlanAnswer>();
    expect(previewed.steps.map((s) => s.description.en)).toEqual([
      'block QOS sg-specialized-fm-sfm-02-phase-2: new submissions refused (running jobs continue)',
    ]);
    const { jobId } = (await apply({ digest: previewed.digest })).json<{ jobId: string }>();
    const clusterBefore = cluster();
    await block('sfm-02', 'unblock');

    expect(await runNextJob(t.ctx, 'test-worker', { progressEveryMs: 0 })).toBe('failed');
    const failed = (await t.app.inject({ method: 'GET', url: `/api/v1/slurm/jobs/${jobId}`, headers: { cookie: operator } })).json();
    expect(failed.job.status).toBe('failed');
    expect(failed.job.error).toMatch(/differs from the one previewed/);
    expect(failed.result).toBeNull();
    expect(cluster()).toBe(clusterBefore);
  });
});
