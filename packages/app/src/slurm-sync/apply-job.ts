import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { getUser } from '../evaluation/users.ts';
import type { JobHandler } from '../jobs/job-handler.ts';
import { jobs } from '../db/schema/index.ts';
import { enqueueJob } from '../jobs/job-queue.ts';
import { applySync, planSync, type SyncPlan } from './sync-service.ts';
import { SlurmSyncError, stalePlanError } from './sync-error.ts';

export const SLURM_APPLY = 'slurm.apply';

interface ApplyJobPayload {
  digest: string;
  allowDestructive: boolean;
}

/**
 * Queues the application of a previewed plan. The digest is checked now (a stale preview is
 * refused at once, nothing queued) and again when the job runs, since Slurm or the allocations may
 * change while it waits. One attempt only: a retry after a half-applied run would meet another plan.
 * One apply at a time, decided by the jobs table, so every app process agrees.
 */
export async function requestSlurmApply(ctx: AppContext, actor: Actor, input: ApplyJobPayload): Promise<{ jobId: string; plan: SyncPlan }> {
  const plan = await planSync(ctx, { allowDestructive: input.allowDestructive });
  if (plan.digest !== input.digest) throw stalePlanError();
  const payload: ApplyJobPayload = { digest: input.digest, allowDestructive: input.allowDestructive };
  const jobId = await ctx.db.transaction(async (tx) => {
    // two requests at once (in two processes) would each see no pending apply: take turns here
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${SLURM_APPLY}))`);
    const [pending] = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.kind, SLURM_APPLY), inArray(jobs.status, ['queued', 'running'])))
      .limit(1);
    if (pending)
      throw new SlurmSyncError('apply_in_progress', `another Slurm apply (job ${pending.id}) is queued or running; preview again once it has finished`);
    const job = await enqueueJob(tx, { kind: SLURM_APPLY, payload: { ...payload }, createdBy: actor.id, maxAttempts: 1 });
    await appendAudit(tx, actor, {
      action: 'slurm.apply.request',
      objectType: 'job',
      objectId: job.id,
      after: { ...payload, source: plan.source, summary: plan.summary },
    });
    return job.id;
  });
  return { jobId, plan };
}

/** Runs a queued apply through the sync service, reporting steps done out of the plan's total. */
export const slurmApplyJob: JobHandler = async (ctx, job, tools) => {
  const payload = job.payload as unknown as ApplyJobPayload;
  const actor = job.createdBy ? await getUser(ctx.db, job.createdBy) : null;
  const outcome = await applySync(ctx, {
    digest: payload.digest,
    allowDestructive: payload.allowDestructive,
    actor,
    onPlanned: (plan) => tools.progress({ done: 0, total: plan.summary.runnable }),
    onStep: (a, done, total) => tools.progress({ done, total, step: a.step.description }),
  });
  return {
    result: {
      digest: outcome.digest,
      applied: outcome.applied.length,
      unchanged: outcome.applied.filter((a) => a.unchanged).length,
      skipped: outcome.skipped,
      steps: outcome.applied.map((a) => ({ kind: a.step.kind, destructive: a.step.destructive, description: a.step.description, unchanged: a.unchanged })),
    },
  };
};
