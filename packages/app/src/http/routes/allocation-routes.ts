import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { desiredStateFrom } from '@stagegate/core/slurm/desired-state';
import { allocationsContract as c } from '@stagegate/core/contract/allocations';
import { slurmContract } from '@stagegate/core/contract/slurm';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../auth/actor.ts';
import { canAllocation } from '../../policies/allocation-policy.ts';
import { ApiError, forbidden, invalid, notFound } from '../errors.ts';
import { allocationOverview } from '../../allocations/allocation-overview.ts';
import { createAllocation, removeAllocation, updateAllocation } from '../../allocations/allocation-editor.ts';
import { listLedger, type AllocationMutation } from '../../allocations/allocation-store.ts';
import {
  approveChangeRequest,
  listChangeRequests,
  rejectChangeRequest,
  submitChangeRequest,
  type ChangeRequestResult,
} from '../../allocations/change-request-store.ts';
import { memberTaskIds } from '../../tasks/task-membership.ts';
import { previewTaskBlocked, setTaskBlocked } from '../../allocations/task-blocking.ts';
import { UNPLACED_CLUSTER, enforcementFromDatabase } from '../../allocations/slurm-limits-source.ts';
import { getProgram } from '../../programs/program-store.ts';
import { visibleToApplicant } from '../../publication/visible-to-applicant.ts';

function sendAllocation(result: AllocationMutation | undefined) {
  if (!result) throw notFound('allocation');
  if (result.status === 'invalid') throw invalid(result.issues);
  return result;
}

function sendRequest(result: ChangeRequestResult) {
  switch (result.status) {
    case 'invalid':
      throw invalid(result.issues);
    case 'not_found':
      throw notFound('change request or program');
    case 'forbidden':
      throw forbidden();
    case 'conflict':
      throw new ApiError(409, 'conflict', result.message, 'status');
    default:
      return result;
  }
}

export const allocationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    /** The applicant's tasks as published: a task an unpublished selection made is not theirs yet. */
    const publishedMemberTaskIds = async (actor: Actor) => {
      const view = await visibleToApplicant(ctx.db, actor);
      return (await memberTaskIds(ctx.db, actor)).filter((id) => !view.hidesTask(id));
    };
    app.get(
      c.overview.path,
      {
        config: { authorize: (a) => canAllocation(a, 'read') },
        schema: { ...c.overview.schema, tags: ['allocations'], summary: 'Pools, tasks, allocations, occupancy per pool and phase, entitlement per task' },
      },
      async (req) => {
        // an applicant sees its own tasks only (others' cluster user names and allocations are not its business)
        const only = req.actor!.role === 'applicant' ? await publishedMemberTaskIds(req.actor!) : undefined;
        const overview = await allocationOverview(ctx.db, req.params.slug, await visibleToApplicant(ctx.db, req.actor), only);
        if (!overview) throw notFound(`program "${req.params.slug}"`);
        return overview;
      },
    );

    app.post(
      c.create.path,
      {
        config: { authorize: (a) => canAllocation(a, 'edit') },
        schema: {
          ...c.create.schema,
          tags: ['allocations'],
          summary: 'Add an allocation: preview shows the change, commit stores it with ledger and audit rows',
        },
      },
      async (req) => {
        if (!(await getProgram(ctx.db, req.params.slug))) throw notFound(`program "${req.params.slug}"`);
        return sendAllocation(await createAllocation(ctx.db, req.actor!, req.params.slug, req.body.allocation, req.body));
      },
    );

    app.patch(
      c.update.path,
      {
        config: { authorize: (a) => canAllocation(a, 'edit') },
        schema: { ...c.update.schema, tags: ['allocations'], summary: "Correct an allocation's GPUs, budget or dates (preview, then commit)" },
      },
      async (req) => {
        const { mode: m, reason: r, ...patch } = req.body;
        return sendAllocation(await updateAllocation(ctx.db, req.actor!, req.params.id, patch, { mode: m, reason: r }));
      },
    );

    app.delete(
      c.remove.path,
      {
        config: { authorize: (a) => canAllocation(a, 'edit') },
        schema: { ...c.remove.schema, tags: ['allocations'], summary: 'Remove an allocation (preview, then commit)' },
      },
      async (req) => sendAllocation(await removeAllocation(ctx.db, req.actor!, req.params.id, req.body)),
    );

    app.get(
      c.ledger.path,
      {
        config: { authorize: (a) => canAllocation(a, 'read-ledger') },
        schema: { ...c.ledger.schema, tags: ['allocations'], summary: 'Every allocation created, changed or removed, newest first' },
      },
      async (req) => ({ entries: (await listLedger(ctx.db, req.params.slug)).map(({ l, taskKey }) => ({ ...l, taskKey })) }),
    );

    app.get(
      c.changeRequests.path,
      {
        config: { authorize: (a) => canAllocation(a, 'list-requests') },
        schema: { ...c.changeRequests.schema, tags: ['allocations'], summary: "Change requests (an applicant sees their tasks' only)" },
      },
      async (req) => {
        const actor = req.actor!;
        const only = actor.role === 'operator' ? undefined : await publishedMemberTaskIds(actor);
        return { requests: await listChangeRequests(ctx.db, req.params.slug, only) };
      },
    );

    app.post(
      c.requestChange.path,
      {
        config: { authorize: (a) => canAllocation(a, 'request-change') },
        schema: { ...c.requestChange.schema, tags: ['allocations'], summary: 'Ask for a supplement, extension, transfer or reduction (preview, then file it)' },
      },
      async (req) => {
        const actor = req.actor!;
        const memberOf = actor.role === 'operator' ? undefined : await publishedMemberTaskIds(actor);
        return sendRequest(
          await submitChangeRequest(ctx.db, actor, req.params.slug, req.body.request, { mode: req.body.mode, reason: req.body.reason, memberOf }),
        );
      },
    );

    app.post(
      c.approve.path,
      {
        config: { authorize: (a) => canAllocation(a, 'decide-request') },
        schema: {
          ...c.approve.schema,
          tags: ['allocations'],
          summary: 'Approve a change request: preview the changes (and whether it reaches back before today), then apply them',
        },
      },
      async (req) => sendRequest(await approveChangeRequest(ctx.db, req.actor!, req.params.id, req.body)),
    );

    app.post(
      c.reject.path,
      {
        config: { authorize: (a) => canAllocation(a, 'decide-request') },
        schema: { ...c.reject.schema, tags: ['allocations'], summary: 'Reject a change request with a reason' },
      },
      async (req) => sendRequest(await rejectChangeRequest(ctx.db, req.actor!, req.params.id, req.body.reason)),
    );

    for (const action of ['block', 'unblock'] as const) {
      const entry = action === 'block' ? c.blockTask : c.unblockTask;
      app.post(
        entry.path,
        {
          config: { authorize: (a) => canAllocation(a, 'block-task') },
          schema: {
            ...entry.schema,
            tags: ['allocations'],
            summary:
              action === 'block'
                ? 'Block a task: Slurm refuses its new jobs at the next apply (preview shows the GPUs held and the Slurm plan)'
                : 'Unblock a task (preview, then commit)',
          },
        },
        async (req) => {
          if (req.body.mode === 'preview') {
            const p = await previewTaskBlocked(ctx.db, req.params.id, action === 'block');
            if (p.status === 'not_found') throw notFound('task');
            if (p.status === 'conflict') throw new ApiError(409, 'conflict', p.message, 'status');
            return p;
          }
          if (!req.body.reason) throw invalid([{ field: 'reason', message: { ko: '사유를 적어야 합니다', en: 'a reason is required' } }]);
          const res = await setTaskBlocked(ctx.db, req.actor!, req.params.id, action === 'block', req.body.reason);
          if (res.status === 'not_found') throw notFound('task');
          if (res.status === 'conflict') throw new ApiError(409, 'conflict', res.message, 'status');
          return res;
        },
      );
    }

    app.get(
      slurmContract.desiredState.path,
      {
        config: { authorize: (a) => canAllocation(a, 'edit') },
        schema: {
          ...slurmContract.desiredState.schema,
          tags: ['allocations'],
          summary: 'What Slurm must enforce on a day (default today), from the allocations',
        },
      },
      async (req) => {
        const { day: on, tasks } = await enforcementFromDatabase(ctx.db, req.query.day);
        const state = desiredStateFrom(tasks, { defaultCluster: ctx.config.slurm.cluster ?? UNPLACED_CLUSTER });
        if (!state.ok) throw invalid(state.issues);
        return { day: on, tasks, state: state.state };
      },
    );
  };
