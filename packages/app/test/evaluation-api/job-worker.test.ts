import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import { createTestContext } from '../support/test-context.ts';
import { auditLog, jobs } from '../../src/db/schema/index.ts';
import { claimNextJob, enqueueJob, getJob, leaseOf, renewLease, reportProgress } from '../../src/jobs/job-queue.ts';
import { runNextJob } from '../../src/jobs/worker.ts';
import type { JobHandler } from '../../src/jobs/job-handler.ts';
import { InputNotVisibleHere } from '../../src/jobs/input-not-visible.ts';

let t: Awaited<ReturnType<typeof createTestContext>>;
beforeAll(async () => {
  t = await createTestContext({ demo: false });
});
afterAll(() => t.dispose());

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('durable jobs', () => {
  it('never gives the same job to two workers taking jobs at the same time', async () => {
    const n = 24;
    for (let i = 0; i < n; i++) await enqueueJob(t.ctx.db, { kind: 'test.count', payload: { i } });
    const ranBy = new Map<string, string[]>();
    const handler: JobHandler = async (_ctx, job) => {
      const i = String((job.payload as { i: number }).i);
      ranBy.set(i, [...(ranBy.get(i) ?? []), job.lockedBy!]);
      await tick();
      return { result: { i } };
    };
    const worker = async (id: string) => {
      let done = 0;
      while ((await runNextJob(t.ctx, id, { handlers: { 'test.count': handler } })) !== 'idle') done++;
      return done;
    };
    const counts = await Promise.all([worker('w-a'), worker('w-b'), worker('w-c')]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
    expect(ranBy.size).toBe(n);
    for (const [, by] of ranBy) expect(by).toHaveLength(1);
    const rows = await t.ctx.db.select().from(jobs).where(eq(jobs.kind, 'test.count'));
    expect(rows.every((r) => r.status === 'done' && r.attempts === 1 && r.lockedBy === null)).toBe(true);
    // more than one worker got work: the locking let them run side by side
    expect(counts.filter((c) => c > 0).length).toBeGreaterThan(1);
  });

  it('records the error of a failed job, with an audit row', async () => {
    const job = await enqueueJob(t.ctx.db, { kind: 'test.fail', payload: {} });
    const handler: JobHandler = async () => {
      throw new Error('model.safetensors: header length 99999999999 exceeds the file size');
    };
    expect(await runNextJob(t.ctx, 'w-f', { handlers: { 'test.fail': handler } })).toBe('failed');
    const row = await getJob(t.ctx.db, job.id);
    expect(row!.status).toBe('failed');
    expect(row!.error).toBe('model.safetensors: header length 99999999999 exceeds the file size');
    expect(row!.finishedAt).not.toBeNull();
    const audit = await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, job.id)).orderBy(auditLog.seq);
    expect(audit.map((a) => a.action)).toEqual(['job.failed']);
  });

  it('stores a job outcome in the same transaction that marks it done, and shows progress meanwhile', async () => {
    const job = await enqueueJob(t.ctx.db, { kind: 'test.progress', payload: {} });
    let seen: unknown = null;
    const handler: JobHandler = async (ctx, j, tools) => {
      tools.progress({ done: 1, total: 2 });
      await new Promise((r) => setTimeout(r, 50));
      seen = (await getJob(ctx.db, j.id))!.progress;
      return {
        result: { ok: true },
        commit: async (tx) =>
          void (await tx
            .update(jobs)
            .set({ payload: { stored: true } })
            .where(eq(jobs.id, j.id))),
      };
    };
    expect(await runNextJob(t.ctx, 'w-p', { handlers: { 'test.progress': handler }, progressEveryMs: 0 })).toBe('done');
    expect(seen).toEqual({ done: 1, total: 2 });
    const row = await getJob(t.ctx.db, job.id);
    expect(row).toMatchObject({ status: 'done', result: { ok: true }, payload: { stored: true } });
  });

  it('gives a job whose worker stopped reporting to another worker, and the first one can no longer finish it', async () => {
    const job = await enqueueJob(t.ctx.db, { kind: 'test.lease', payload: {}, maxAttempts: 2 });
    const first = await claimNextJob(t.ctx.db, 'w-dead', { kinds: ['test.lease'] });
    expect(first!.id).toBe(job.id);
    expect(await claimNextJob(t.ctx.db, 'w-2', { kinds: ['test.lease'] })).toBeUndefined();
    await t.ctx.db
      .update(jobs)
      .set({ lockedAt: sql`now() - interval '10 minutes'` })
      .where(eq(jobs.id, job.id));
    const second = await claimNextJob(t.ctx.db, 'w-2', { kinds: ['test.lease'], leaseSeconds: 60 });
    expect(second).toMatchObject({ id: job.id, lockedBy: 'w-2', attempts: 2 });
    expect(await reportProgress(t.ctx.db, leaseOf(first!, 'w-dead'), { late: true })).toBe(false);
    // the fencing token is the attempt: even the same worker id cannot act on a lease it lost
    expect(await renewLease(t.ctx.db, leaseOf(first!, 'w-2'))).toBe(false);
    expect(await renewLease(t.ctx.db, leaseOf(second!, 'w-2'))).toBe(true);
    // no attempts left: a second lapse fails the job instead of running it a third time
    await t.ctx.db
      .update(jobs)
      .set({ lockedAt: sql`now() - interval '10 minutes'` })
      .where(eq(jobs.id, job.id));
    expect(await claimNextJob(t.ctx.db, 'w-3', { kinds: ['test.lease'], leaseSeconds: 60 })).toBeUndefined();
    const [row] = await t.ctx.db
      .select()
      .from(jobs)
      .where(inArray(jobs.id, [job.id]));
    expect(row!.status).toBe('failed');
    expect(row!.error).toContain('stopped reporting');
  });

  it('keeps the lease of a job that computes quietly for longer than the lease, so it runs once', async () => {
    const job = await enqueueJob(t.ctx.db, { kind: 'test.quiet', payload: {} });
    const runs: string[] = [];
    const quiet: JobHandler = async (_ctx, j) => {
      runs.push(j.lockedBy!);
      // three lease lengths without a single progress report
      await new Promise((r) => setTimeout(r, 3_300));
      return { result: { quiet: true } };
    };
    const handlers = { 'test.quiet': quiet };
    const first = runNextJob(t.ctx, 'w-quiet', { handlers, leaseSeconds: 1 });
    // a second worker polls all along and must never find the job lapsed
    const rival = (async () => {
      const seen: string[] = [];
      for (let i = 0; i < 12; i++) {
        await new Promise((r) => setTimeout(r, 250));
        seen.push(await runNextJob(t.ctx, 'w-rival', { handlers, leaseSeconds: 1 }));
      }
      return seen;
    })();
    expect(await first).toBe('done');
    expect(new Set(await rival)).toEqual(new Set(['idle']));
    expect(runs).toEqual(['w-quiet']);
    expect(await getJob(t.ctx.db, job.id)).toMatchObject({ status: 'done', attempts: 1, result: { quiet: true } });
  }, 20_000);

  it('aborts a job whose lease was taken by another worker and commits nothing of it', async () => {
    const job = await enqueueJob(t.ctx.db, { kind: 'test.fenced', payload: {} });
    let aborted = false;
    let committed = false;
    const handler: JobHandler = async (ctx, j, tools) => {
      // another worker takes the job over, as after a network partition longer than the lease
      await ctx.db
        .update(jobs)
        .set({ lockedBy: 'w-thief', attempts: sql`${jobs.attempts} + 1` })
        .where(eq(jobs.id, j.id));
      await new Promise<void>((resolve) => {
        tools.signal.addEventListener('abort', () => ((aborted = true), resolve()), { once: true });
        setTimeout(resolve, 3_000);
      });
      return { result: { late: true }, commit: async () => void (committed = true) };
    };
    expect(await runNextJob(t.ctx, 'w-partitioned', { handlers: { 'test.fenced': handler }, leaseSeconds: 1 })).toBe('lost');
    expect(aborted).toBe(true);
    expect(committed).toBe(false);
    expect(await getJob(t.ctx.db, job.id)).toMatchObject({ status: 'running', lockedBy: 'w-thief', result: null });
  }, 10_000);

  it('gives a job whose input this worker cannot see to another worker instead of failing it', async () => {
    const job = await enqueueJob(t.ctx.db, { kind: 'test.visible', payload: {} });
    // the checkpoint is on a filesystem only w-mounted sees
    const handler: JobHandler = async (_ctx, j) => {
      if (j.lockedBy !== 'w-mounted') throw new InputNotVisibleHere('checkpoint "team-a/model.safetensors"');
      return { result: { ranOn: j.lockedBy } };
    };
    const handlers = { 'test.visible': handler };
    expect(await runNextJob(t.ctx, 'w-blind', { handlers, deferSeconds: 0.2 })).toBe('deferred');
    const waiting = await getJob(t.ctx.db, job.id);
    expect(waiting).toMatchObject({ status: 'queued', avoidWorker: 'w-blind', attempts: 1, lockedBy: null });
    expect(waiting!.error).toContain('not visible on this worker');
    // the blind worker leaves it to the others; nobody takes it before the wait is over
    expect(await runNextJob(t.ctx, 'w-blind', { handlers })).toBe('idle');
    expect(await runNextJob(t.ctx, 'w-mounted', { handlers })).toBe('idle');
    await new Promise((r) => setTimeout(r, 300));
    expect(await runNextJob(t.ctx, 'w-blind', { handlers })).toBe('idle');
    expect(await runNextJob(t.ctx, 'w-mounted', { handlers })).toBe('done');
    expect(await getJob(t.ctx.db, job.id)).toMatchObject({ status: 'done', result: { ranOn: 'w-mounted' }, attempts: 2 });
    const audit = await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, job.id)).orderBy(auditLog.seq);
    expect(audit.map((a) => a.action)).toEqual(['job.deferred', 'job.done']);
  });

  it('fails a job no worker can see once its attempts are used up, saying why', async () => {
    const job = await enqueueJob(t.ctx.db, { kind: 'test.invisible', payload: {}, maxAttempts: 2 });
    const handlers = {
      'test.invisible': (async () => {
        throw new InputNotVisibleHere('suite file "kmmlu.jsonl"');
      }) as JobHandler,
    };
    expect(await runNextJob(t.ctx, 'w-1', { handlers, deferSeconds: 0.1 })).toBe('deferred');
    await new Promise((r) => setTimeout(r, 200));
    // a lone worker gets its turn again once the others had theirs
    expect(await runNextJob(t.ctx, 'w-1', { handlers, avoidSeconds: 0 })).toBe('failed');
    const row = await getJob(t.ctx.db, job.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(row!.error).toBe('suite file "kmmlu.jsonl" is not visible on this worker; no worker could see it in 2 attempts');
  });
});
