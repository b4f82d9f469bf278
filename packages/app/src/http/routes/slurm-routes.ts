import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { slurmContract as c, type SlurmApplyJobView, type SlurmApplyResult } from '@stagegate/core/contract/slurm';
import type { AppContext } from '../../context.ts';
import { getJob, jobView } from '../../jobs/job-queue.ts';
import { canSlurm } from '../../policies/slurm-policy.ts';
import { requestSlurmApply, SLURM_APPLY } from '../../slurm-sync/apply-job.ts';
import { SlurmSyncError } from '../../slurm-sync/sync-error.ts';
import { planSync } from '../../slurm-sync/sync-service.ts';
import { ApiError, notFound } from '../errors.ts';

/** The service's refusals as API errors: status by code, the field they are about. */
async function answering<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof SlurmSyncError) throw new ApiError(e.httpStatus, e.code, e.message, e.field);
    throw e;
  }
}

export const slurmRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      c.plan.path,
      {
        config: { authorize: (a) => canSlurm(a, 'read-plan') },
        schema: {
          ...c.plan.schema,
          tags: ['slurm'],
          summary: "What Slurm must change to enforce the allocations of a day (default today): steps, summary and the plan's digest; changes nothing",
        },
      },
      async (req) => {
        const planned = await answering(() => planSync(ctx, { at: req.query.at, allowDestructive: req.query.allowDestructive === 'true' }));
        return {
          source: planned.source,
          allowDestructive: planned.plan.allowDestructive,
          empty: planned.summary.runnable === 0,
          summary: planned.summary,
          steps: planned.plan.steps,
          digest: planned.digest,
        };
      },
    );

    app.post(
      c.apply.path,
      {
        config: { authorize: (a) => canSlurm(a, 'sync-slurm') },
        schema: {
          ...c.apply.schema,
          tags: ['slurm'],
          summary: "Apply today's plan as previewed (its digest) in a job; 409 when the plan changed since the preview",
        },
      },
      async (req, reply) => {
        const { jobId, plan } = await answering(() => requestSlurmApply(ctx, req.actor!, req.body));
        return reply.status(202).send({ status: 'queued', jobId, digest: plan.digest, summary: plan.summary });
      },
    );

    app.get(
      c.job.path,
      {
        config: { authorize: (a) => canSlurm(a, 'sync-slurm') },
        schema: {
          ...c.job.schema,
          tags: ['slurm'],
          summary: 'An apply job: status, progress (steps done of total), and its result when done',
        },
      },
      async (req) => {
        const job = await getJob(ctx.db, req.params.jobId);
        if (!job || job.kind !== SLURM_APPLY) throw notFound('Slurm apply job');
        // progress and result are the apply job's own (apply-job.ts), stored as JSON
        const view = { ...jobView(job), progress: job.progress as SlurmApplyJobView['progress'] };
        return { job: view, result: job.status === 'done' ? (job.result as SlurmApplyResult | null) : null };
      },
    );
  };
