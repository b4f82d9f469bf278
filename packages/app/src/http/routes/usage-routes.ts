import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { usageContract as c } from '@stagegate/core/contract/usage';
import { usageImportContract } from '@stagegate/core/contract/usage-import';
import type { AppContext } from '../../context.ts';
import { canUsage } from '../../policies/usage-policy.ts';
import { forbidden, invalid, notFound } from '../errors.ts';
import { programUsage, taskUsageChart } from '../../usage/usage-dashboard.ts';
import { usageWorkbook } from '../../usage/usage-export.ts';
import { chunks, importSacct, UsageWindowError } from '../../usage/import-sacct.ts';
import { evaluateProgramUnderUse, setUnderUsePolicy, underUsePolicyFor } from '../../usage/under-use.ts';
import { parseWindowInstant, WindowInstantError } from '../../usage/window-instant.ts';
import { SacctFormatError } from '../../adapters/sacct/sacct-format-error.ts';
import { getProgram } from '../../programs/program-store.ts';
import { getTask, memberTaskIds } from '../../tasks/task-membership.ts';
import { visibleToApplicant } from '../../publication/visible-to-applicant.ts';
import { particle } from '@stagegate/core/shared/korean-particles';
import { issue } from '@stagegate/core/shared/localized';

const toSeconds = (iso?: string) => (iso ? Math.floor(Date.parse(iso) / 1000) : undefined);

function windowFrom(body: { start?: string; end?: string }) {
  try {
    return { start: body.start ? parseWindowInstant(body.start, 'start') : -Infinity, end: body.end ? parseWindowInstant(body.end, 'end') : Infinity };
  } catch (e) {
    if (e instanceof WindowInstantError) throw invalid([issue(e.field, e.message, e.message)]);
    throw e;
  }
}

export const usageRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      c.program.path,
      {
        config: { authorize: (a) => canUsage(a, 'read-program') },
        schema: { ...c.program.schema, tags: ['usage'], summary: 'Per task, for one phase: GPU-hours used vs entitled, utilisation, burn-rate forecast' },
      },
      async (req) => {
        const actor = req.actor!;
        const view = await visibleToApplicant(ctx.db, actor);
        const taskIds = actor.role === 'operator' ? undefined : await memberTaskIds(ctx.db, actor);
        const res = await programUsage(ctx.db, req.params.slug, { phaseKey: req.query.phase, asOf: toSeconds(req.query.asOf), taskIds, view });
        if (res === undefined) throw notFound(`program "${req.params.slug}"`);
        if (res === null)
          throw invalid([issue('phase', `단계 "${req.query.phase}"${particle(req.query.phase ?? '', '이/가')} 없습니다`, `no phase "${req.query.phase}"`)]);
        return res;
      },
    );

    app.get(
      c.task.path,
      {
        config: { authorize: (a) => canUsage(a, 'read-task') },
        schema: { ...c.task.schema, tags: ['usage'], summary: "A task's usage chart over a phase: used, entitled, forecast per day" },
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
      c.export.path,
      {
        config: { authorize: (a) => canUsage(a, 'export') },
        schema: { ...c.export.schema, tags: ['usage'], summary: 'Usage per task and month as .xlsx (Korean headers)' },
      },
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
      usageImportContract.importDocument.path,
      {
        config: { authorize: (a) => canUsage(a, 'import') },
        schema: {
          ...usageImportContract.importDocument.schema,
          tags: ['usage'],
          summary: 'Import a sacct --json document; replaces the Seoul days it covers (idempotent), all or nothing',
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
      c.policy.path,
      {
        config: { authorize: (a) => canUsage(a, 'read-program') },
        schema: { ...c.policy.schema, tags: ['usage'], summary: "The program's under-use policy (defaults when unset)" },
      },
      async (req) => ({ policy: await underUsePolicyFor(ctx.db, req.params.slug) }),
    );

    app.put(
      c.setPolicy.path,
      {
        config: { authorize: (a) => canUsage(a, 'set-policy') },
        schema: { ...c.setPolicy.schema, tags: ['usage'], summary: "Set the program's under-use policy" },
      },
      async (req) => {
        if (!(await getProgram(ctx.db, req.params.slug))) throw notFound(`program "${req.params.slug}"`);
        const res = await setUnderUsePolicy(ctx.db, req.actor!, req.params.slug, req.body.policy, req.body.reason);
        if (!res.ok) throw invalid(res.issues.map((i) => ({ ...i, field: `policy.${i.field}` })));
        return res;
      },
    );

    app.post(
      c.evaluateUnderUse.path,
      {
        config: { authorize: (a) => canUsage(a, 'run-policy') },
        schema: {
          ...c.evaluateUnderUse.schema,
          tags: ['usage'],
          summary:
            'Run the under-use policy: a preview shows which tasks would lose how many GPUs from when; a commit files those reclaim requests for the operator to approve, with a reason',
        },
      },
      async (req) => {
        const res = await evaluateProgramUnderUse(ctx.db, req.actor!, req.params.slug, {
          asOf: toSeconds(req.body.asOf),
          mode: req.body.mode,
          reason: req.body.reason,
        });
        if (!res) throw notFound(`program "${req.params.slug}"`);
        if (!res.ok) throw invalid(res.issues);
        return res;
      },
    );
  };
