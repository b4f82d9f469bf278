import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { checkLicence } from '@stagegate/core/open-source/licence-check';
import { OSI_APPROVED_SPDX_IDS } from '@stagegate/core/open-source/osi-licences';
import type { AppContext } from '../../context.ts';
import { canOpenSource } from '../../policies/open-source-policy.ts';
import { forbidden, invalid, notFound } from '../errors.ts';
import { listPolicies, listReleases, recordRelease, requiresOpenSource, setOpenSourcePolicy } from '../../open-source/open-source-store.ts';
import { openSourceContract as c } from '@stagegate/core/contract/open-source';
import { getTask, isTaskMember } from '../../tasks/task-membership.ts';
import { listOpenness } from '../../open-source/openness-flags.ts';

export const openSourceRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      c.releases.path,
      {
        config: { authorize: (a) => canOpenSource(a, 'read') },
        schema: { ...c.releases.schema, tags: ['open-source'], summary: 'The public registry of open-source releases with their licence check' },
      },
      async (req) => ({ releases: await listReleases(ctx.db, req.query.program), policies: await listPolicies(ctx.db) }),
    );

    app.post(
      c.record.path,
      {
        config: { authorize: (a) => canOpenSource(a, 'record') },
        schema: { ...c.record.schema, tags: ['open-source'], summary: "Record a release of a task's model (a member of the task, or the office)" },
      },
      async (req, reply) => {
        const actor = req.actor!;
        const task = await getTask(ctx.db, req.body.taskId);
        if (!task) throw notFound('task');
        if (!canOpenSource(actor, 'record', { memberOfTask: await isTaskMember(ctx.db, actor, req.body.taskId) })) throw forbidden();
        const res = await recordRelease(ctx.db, actor, req.body);
        if (res.status === 'invalid') throw invalid(res.issues);
        return reply.status(201).send({ release: { ...res.release, check: res.release.licenceCheck } });
      },
    );

    app.get(
      c.openness.path,
      {
        config: { authorize: (a) => canOpenSource(a, 'reviewOpenness') },
        schema: {
          ...c.openness.schema,
          tags: ['open-source'],
          summary:
            "Each task's (of one program, or of all) declared openness tier and own cost share against its recorded releases; a release below the tier is flagged with the difference in won",
        },
      },
      async (req) => {
        const rows = await listOpenness(ctx.db, req.query.program);
        if (!rows) throw notFound('program');
        return { tasks: rows, flagged: rows.filter((t) => t.flag).length };
      },
    );

    app.get(
      c.licenceCheck.path,
      {
        config: { authorize: (a) => canOpenSource(a, 'read') },
        schema: { ...c.licenceCheck.schema, tags: ['open-source'], summary: "Check an SPDX licence against the OSI-approved list (and a program's rule)" },
      },
      async (req) => ({
        check: checkLicence(req.query.licence, req.query.program ? await requiresOpenSource(ctx.db, req.query.program) : true),
        osiApprovedIds: OSI_APPROVED_SPDX_IDS.length,
      }),
    );

    app.put(
      c.policy.path,
      {
        config: { authorize: (a) => canOpenSource(a, 'setPolicy') },
        schema: { ...c.policy.schema, tags: ['open-source'], summary: 'Whether the program requires an OSI-approved licence' },
      },
      async (req) => {
        const res = await setOpenSourcePolicy(ctx.db, req.actor, req.params.program, req.body.requiresOpenSource, req.body.reason);
        if (res.status === 'invalid') throw invalid(res.issues);
        return res;
      },
    );
  };
