import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { canTask } from '../../policies/task-policy.ts';
import { visibleToApplicant } from '../../publication/visible-to-applicant.ts';
import { getTask, isTaskMember, type TaskRow } from '../../tasks/task-membership.ts';
import { addTaskMember, changeTaskMemberRole, listTaskMembers, removeTaskMember, type MemberChangeResult } from '../../tasks/task-member-service.ts';
import { inviteToTask, listTaskInvitations, withdrawTaskInvitation, type InvitationResult } from '../../tasks/task-invitations.ts';
import { answerTaskInvitation, invitationsAddressedTo } from '../../tasks/task-invitation-answers.ts';
import { tasksContract as c } from '@stagegate/core/contract/tasks';
import type { Actor } from '../../auth/actor.ts';
import { forbidden, invalid, notFound } from '../errors.ts';

function settleInvitation(res: InvitationResult) {
  if (res.status === 'invalid') throw invalid(res.issues);
  if (res.status === 'not_found') throw notFound('task invitation');
  return res;
}

function settle(res: MemberChangeResult) {
  if (res.status === 'invalid') throw invalid(res.issues);
  if (res.status === 'not_found') throw notFound('task member');
  return res;
}

/** A task's people (team accounts): the office adds, re-roles and removes them; a team member reads its own team. */
export const taskRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const manage = { authorize: (a: Actor | null) => canTask(a, 'manage-members') };

    /** 404 for a task that does not exist or that an unpublished selection made (it is not the applicant's yet). */
    const taskFor = async (actor: Actor, id: string): Promise<TaskRow> => {
      const task = await getTask(ctx.db, id);
      if (!task || (await visibleToApplicant(ctx.db, actor)).hidesTask(task.id)) throw notFound('task');
      return task;
    };

    app.get(
      c.members.path,
      {
        config: { authorize: (a) => canTask(a, 'read-members') },
        schema: {
          ...c.members.schema,
          tags: ['tasks'],
          summary: "A task's people, their roles and consortium organisations (the office; a member for its own task)",
        },
      },
      async (req) => {
        const actor = req.actor!;
        const task = await taskFor(actor, req.params.id);
        if (!canTask(actor, 'read-members', { memberOfTask: await isTaskMember(ctx.db, actor, task.id) })) throw forbidden();
        const answer = await listTaskMembers(ctx.db, task);
        const canManage = canTask(actor, 'manage-members');
        return { ...answer, canManage, invitations: canManage ? await listTaskInvitations(ctx.db, task.id) : [] };
      },
    );

    app.post(
      c.add.path,
      {
        config: manage,
        schema: { ...c.add.schema, tags: ['tasks'], summary: "Add an account of one of the task's consortium organisations by e-mail (preview, then commit)" },
      },
      async (req, reply) => {
        const task = await taskFor(req.actor!, req.params.id);
        const res = settle(await addTaskMember(ctx.db, req.actor!, task, req.body));
        return res.status === 'committed' ? reply.status(201).send(res) : res;
      },
    );

    app.put(
      c.role.path,
      {
        config: manage,
        schema: { ...c.role.schema, tags: ['tasks'], summary: "Change a member's role (lead/member; never the last lead; a reason at commit)" },
      },
      async (req) => settle(await changeTaskMemberRole(ctx.db, req.actor!, await taskFor(req.actor!, req.params.id), req.params.clusterUsername, req.body)),
    );

    app.delete(
      c.remove.path,
      {
        config: manage,
        schema: { ...c.remove.schema, tags: ['tasks'], summary: 'Remove a member (never the last lead; a reason at commit)' },
      },
      async (req) => settle(await removeTaskMember(ctx.db, req.actor!, await taskFor(req.actor!, req.params.id), req.params.clusterUsername, req.body)),
    );

    app.post(
      c.invite.path,
      {
        config: manage,
        schema: {
          ...c.invite.schema,
          tags: ['tasks'],
          summary:
            'Invite an e-mail into the task, for one of its consortium organisations; it joins when the address is confirmed or the person accepts (preview, then commit)',
        },
      },
      async (req, reply) => {
        const task = await taskFor(req.actor!, req.params.id);
        const res = settleInvitation(await inviteToTask(ctx.db, req.actor!, task, req.body));
        return res.status === 'committed' ? reply.status(201).send(res) : res;
      },
    );

    app.delete(
      c.withdrawInvitation.path,
      {
        config: manage,
        schema: { ...c.withdrawInvitation.schema, tags: ['tasks'], summary: 'Withdraw a pending invitation (a reason at commit)' },
      },
      async (req) =>
        settleInvitation(await withdrawTaskInvitation(ctx.db, req.actor!, await taskFor(req.actor!, req.params.id), req.params.invitationId, req.body)),
    );

    const invitee = { authorize: (a: Actor | null) => canTask(a, 'answer-invitation') };
    app.get(
      c.addressedToMe.path,
      { config: invitee, schema: { ...c.addressedToMe.schema, tags: ['tasks'], summary: 'The task invitations addressed to my confirmed e-mail address' } },
      async (req) => ({ invitations: await invitationsAddressedTo(ctx.db, req.actor!) }),
    );

    app.post(
      c.answerInvitation.path,
      {
        config: invitee,
        schema: { ...c.answerInvitation.schema, tags: ['tasks'], summary: 'Accept or decline a task invitation addressed to me (preview, then commit)' },
      },
      async (req) => {
        const res = await answerTaskInvitation(ctx.db, req.actor!, req.params.id, req.body);
        if (res.status === 'not_found') throw notFound('task invitation');
        return res;
      },
    );
  };
