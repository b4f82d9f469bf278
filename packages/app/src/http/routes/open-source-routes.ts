import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { checkLicence } from '@stagegate/core/open-source/licence-check';
import { OSI_APPROVED_SPDX_IDS } from '@stagegate/core/open-source/osi-licences';
import type { AppContext } from '../../context.ts';
import { canOpenSource } from '../../policies/open-source-policy.ts';
import { forbidden, invalid, notFound } from '../errors.ts';
import { listPolicies, listReleases, recordRelease, releaseInput, requiresOpenSource, setOpenSourcePolicy } from '../../open-source/open-source-store.ts';
import { getTask, isTaskMember } from '../../tasks/task-membership.ts';
import { listOpenness } from '../../open-source/openness-flags.ts';

export const openSourceRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/api/v1/open-source/releases',
    { config: { authorize: (a) => canOpenSource(a, 'read') }, schema: { tags: ['open-source'], summary: 'The public registry of open-source releases with their licence check', querystring: z.object({ program: z.string().max(80).optional() }) } },
    async (req) => ({ releases: await listReleases(ctx.db, req.query.program), policies: await listPolicies(ctx.db) }),
  );

  app.post('/api/v1/open-source/releases', { config: { authorize: (a) => canOpenSource(a, 'record') }, schema: { tags: ['open-source'], summary: 'Record a release of a task\'s model (a member of the task, or the office)', body: releaseInput } }, async (req, reply) => {
    const actor = req.actor!;
    const task = await getTask(ctx.db, req.body.taskId);
    if (!task) throw notFound('task');
    if (!canOpenSource(actor, 'record', { memberOfTask: await isTaskMember(ctx.db, actor, req.body.taskId) })) throw forbidden();
    const res = await recordRelease(ctx.db, actor, req.body);
    if (res.status === 'invalid') throw invalid(res.issues);
    return reply.status(201).send({ release: { ...res.release, check: res.release.licenceCheck } });
  });

  app.get(
    '/api/v1/open-source/openness',
    {
      config: { authorize: (a) => canOpenSource(a, 'reviewOpenness') },
      schema: { tags: ['open-source'], summary: "Each task's (of one program, or of all) declared openness tier and own cost share against its recorded releases; a release below the tier is flagged with the difference in won", querystring: z.object({ program: z.string().min(1).max(80).optional() }) },
    },
    async (req) => {
      const rows = await listOpenness(ctx.db, req.query.program);
      if (!rows) throw notFound('program');
      return { tasks: rows, flagged: rows.filter((t) => t.flag).length };
    },
  );

  app.get(
    '/api/v1/open-source/licence-check',
    { config: { authorize: (a) => canOpenSource(a, 'read') }, schema: { tags: ['open-source'], summary: 'Check an SPDX licence against the OSI-approved list (and a program\'s rule)', querystring: z.object({ licence: z.string().min(1).max(200), program: z.string().max(80).optional() }) } },
    async (req) => ({ check: checkLicence(req.query.licence, req.query.program ? await requiresOpenSource(ctx.db, req.query.program) : true), osiApprovedIds: OSI_APPROVED_SPDX_IDS.length }),
  );

  app.put(
    '/api/v1/open-source/policies/:program',
    { config: { authorize: (a) => canOpenSource(a, 'setPolicy') }, schema: { tags: ['open-source'], summary: 'Whether the program requires an OSI-approved licence', params: z.object({ program: z.string().min(1).max(80) }), body: z.object({ requiresOpenSource: z.boolean(), reason: z.string().max(2000).optional() }) } },
    async (req) => {
      const res = await setOpenSourcePolicy(ctx.db, req.actor, req.params.program, req.body.requiresOpenSource, req.body.reason);
      if (res.status === 'invalid') throw invalid(res.issues);
      return res;
    },
  );
};
