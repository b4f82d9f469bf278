import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { canUsage } from '../../policies/usage-policy.ts';
import { forbidden, invalid, notFound } from '../errors.ts';
import { programUsage, taskUsageChart } from '../../usage-store/usage-dashboard.ts';
import { usageWorkbook } from '../../usage-store/usage-export.ts';
import { chunks, importSacct, UsageWindowError } from '../../usage-store/import-sacct.ts';
import { evaluateProgramUnderUse, setUnderUsePolicy, underUsePolicyFor } from '../../usage-store/under-use.ts';
import { parseWindowInstant, WindowInstantError } from '../../usage/window-instant.ts';
import { SacctFormatError } from '../../usage/sacct-format-error.ts';
import { getProgram } from '../../programs/program-store.ts';
import { getTask, memberTaskIds } from '../../tasks/task-membership.ts';
import { visibleToApplicant } from '../../publication/visible-to-applicant.ts';
import { particle } from '@stagegate/core/shared/korean-particles';
import { issue } from '@stagegate/core/shared/localized';

const slugParam = z.object({ slug: z.string().min(1).max(80) });
const idParam = z.object({ id: z.uuid() });
const instant = z.iso.datetime({ offset: true });
const toSeconds = (iso?: string) => (iso ? Math.floor(Date.parse(iso) / 1000) : undefined);

function windowFrom(body: { start?: string; end?: string }) {
  try {
    return { start: body.start ? parseWindowInstant(body.start, 'start') : -Infinity, end: body.end ? parseWindowInstant(body.end, 'end') : Infinity };
  } catch (e) {
    if (e instanceof WindowInstantError) throw invalid([issue(e.field, e.message, e.message)]);
    throw e;
  }
}

export const usageRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/api/v1/programs/:slug/usage',
    {
      config: { authorize: (a) => canUsage(a, 'read-program') },
      schema: { params: slugParam, tags: ['usage'], summary: 'Per task, for one phase: GPU-hours used vs entitled, utilisation, burn-rate forecast', querystring: z.object({ phase: z.string().optional(), asOf: instant.optional() }) },
    },
    async (req) => {
      const actor = req.actor!;
      const view = await visibleToApplicant(ctx.db, actor);
      const taskIds = actor.role === 'operator' ? undefined : await memberTaskIds(ctx.db, actor);
      const res = await programUsage(ctx.db, req.params.slug, { phaseKey: req.query.phase, asOf: toSeconds(req.query.asOf), taskIds, view });
      if (res === undefined) throw notFound(`program "${req.params.slug}"`);
      if (res === null) throw invalid([issue('phase', `단계 "${req.query.phase}"${particle(req.query.phase ?? '', '이/가')} 없습니다`, `no phase "${req.query.phase}"`)]);
      return res;
    },
  );

  app.get(
    '/api/v1/tasks/:id/usage',
    {
      config: { authorize: (a) => canUsage(a, 'read-task') },
      schema: { params: idParam, tags: ['usage'], summary: "A task's usage chart over a phase: used, entitled, forecast per day", querystring: z.object({ phase: z.string().optional(), asOf: instant.optional() }) },
    },
    async (req) => {
      const actor = req.actor!;
      const task = await getTask(ctx.db, req.params.id);
      const view = await visibleToApplicant(ctx.db, actor);
      if (!task || view.hidesTask(task.id)) throw notFound('task');
      if (!canUsage(actor, 'read-task', { memberOfTask: (await memberTaskIds(ctx.db, actor)).includes(task.id) })) throw forbidden();
      const res = await taskUsageChart(ctx.db, task.id, { phaseKey: req.query.phase, asOf: toSeconds(req.query.asOf), view });
      if (!res) throw notFound('task');
      return res;
    },
  );

  app.get(
    '/api/v1/programs/:slug/usage/export',
    { config: { authorize: (a) => canUsage(a, 'export') }, schema: { params: slugParam, tags: ['usage'], summary: 'Usage per task and month as .xlsx (Korean headers)' } },
    async (req, reply) => {
      if (!(await getProgram(ctx.db, req.params.slug))) throw notFound(`program "${req.params.slug}"`);
      const file = await usageWorkbook(ctx.db, req.params.slug);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="usage-${req.params.slug}.xlsx"`)
        .send(file);
    },
  );

  app.post(
    '/api/v1/usage/imports',
    {
      config: { authorize: (a) => canUsage(a, 'import') },
      schema: {
        tags: ['usage'],
        summary: 'Import a sacct --json document; replaces the Seoul days it covers (idempotent), all or nothing',
        body: z.object({ sacct: z.record(z.string(), z.unknown()), start: z.string().optional(), end: z.string().optional() }),
      },
    },
    async (req) => {
      try {
        return await importSacct(ctx.db, req.actor, chunks(JSON.stringify(req.body.sacct)), windowFrom(req.body), 'upload');
      } catch (e) {
        if (e instanceof SacctFormatError) throw invalid([issue(`sacct.${e.field ?? ''}`.replace(/\.$/, ''), e.message, e.message)]);
        if (e instanceof UsageWindowError) throw invalid([issue(e.field, e.message, e.message)]);
        throw e;
      }
    },
  );

  app.get(
    '/api/v1/programs/:slug/under-use-policy',
    { config: { authorize: (a) => canUsage(a, 'read-program') }, schema: { params: slugParam, tags: ['usage'], summary: "The program's under-use policy (defaults when unset)" } },
    async (req) => ({ policy: await underUsePolicyFor(ctx.db, req.params.slug) }),
  );

  app.put(
    '/api/v1/programs/:slug/under-use-policy',
    { config: { authorize: (a) => canUsage(a, 'set-policy') }, schema: { params: slugParam, tags: ['usage'], summary: "Set the program's under-use policy", body: z.object({ policy: z.record(z.string(), z.unknown()), reason: z.string().trim().min(1).max(2000) }) } },
    async (req) => {
      if (!(await getProgram(ctx.db, req.params.slug))) throw notFound(`program "${req.params.slug}"`);
      const res = await setUnderUsePolicy(ctx.db, req.actor!, req.params.slug, req.body.policy, req.body.reason);
      if (!res.ok) throw invalid(res.issues.map((i) => ({ ...i, field: `policy.${i.field}` })));
      return res;
    },
  );

  app.post(
    '/api/v1/programs/:slug/under-use/evaluate',
    {
      config: { authorize: (a) => canUsage(a, 'run-policy') },
      schema: {
        params: slugParam,
        tags: ['usage'],
        summary: 'Run the under-use policy: a preview shows which tasks would lose how many GPUs from when; a commit files those reclaim requests for the operator to approve, with a reason',
        body: z.object({ asOf: instant.optional(), mode: z.enum(['preview', 'commit']).default('preview'), reason: z.string().max(2000).optional() }),
      },
    },
    async (req) => {
      const res = await evaluateProgramUnderUse(ctx.db, req.actor!, req.params.slug, { asOf: toSeconds(req.body.asOf), mode: req.body.mode, reason: req.body.reason });
      if (!res) throw notFound(`program "${req.params.slug}"`);
      if (!res.ok) throw invalid(res.issues);
      return res;
    },
  );
};
