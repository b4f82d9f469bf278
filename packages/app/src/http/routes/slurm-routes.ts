import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isCalendarDay } from '@stagegate/core/allocation/calendar-day';
import type { AppContext } from '../../context.ts';
import { getJob, jobView } from '../../jobs/job-queue.ts';
import { canSlurm } from '../../policies/slurm-policy.ts';
import { requestSlurmApply, SLURM_APPLY } from '../../slurm-sync/apply-job.ts';
import { SlurmSyncError } from '../../slurm-sync/sync-error.ts';
import { planSync } from '../../slurm-sync/sync-service.ts';
import { ApiError, notFound } from '../errors.ts';

const digest = z.string().regex(/^[0-9a-f]{64}$/, 'expected the plan digest (64 hexadecimal characters)');

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
      '/api/v1/slurm/plan',
      {
        config: { authorize: (a) => canSlurm(a, 'read-plan') },
        schema: {
          tags: ['slurm'],
          summary: "What Slurm must change to enforce the allocations of a day (default today): steps, summary and the plan's digest; changes nothing",
          querystring: z.object({
            at: z.string().refine(isCalendarDay, 'expected a date YYYY-MM-DD').optional(),
            allowDestructive: z.enum(['true', 'false']).optional(),
          }),
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
      '/api/v1/slurm/apply',
      {
        config: { authorize: (a) => canSlurm(a, 'sync-slurm') },
        schema: {
          tags: ['slurm'],
          summary: "Apply today's plan as previewed (its digest) in a job; 409 when the plan changed since the preview",
          body: z.object({ digest, allowDestructive: z.boolean().default(false) }).strict(),
        },
      },
      async (req, reply) => {
        const { jobId, plan } = await answering(() => requestSlurmApply(ctx, req.actor!, req.body));
        return reply.status(202).send({ status: 'queued', jobId, digest: plan.digest, summary: plan.summary });
      },
    );

    app.get(
      '/api/v1/slurm/jobs/:jobId',
      {
        config: { authorize: (a) => canSlurm(a, 'sync-slurm') },
        schema: {
          tags: ['slurm'],
          summary: 'An apply job: status, progress (steps done of total), and its result when done',
          params: z.object({ jobId: z.uuid() }),
        },
      },
      async (req) => {
        const job = await getJob(ctx.db, req.params.jobId);
        if (!job || job.kind !== SLURM_APPLY) throw notFound('Slurm apply job');
        return { job: jobView(job), result: job.status === 'done' ? job.result : null };
      },
    );
  };
