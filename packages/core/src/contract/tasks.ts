import { z } from 'zod';
import { route, text } from './route.ts';

const organisation = z.object({ id: z.string(), name: text });
const taskRole = z.enum(['lead', 'member']);
const mode = z.enum(['preview', 'commit']);
/** Reasons are kept in the audit log; NUL is refused before it reaches the database. */
const reason = z
  .string()
  .max(2000)
  .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters')
  .optional();
const taskParam = z.object({ id: z.uuid() });
/** An e-mail as the office types it; the service checks its shape and answers in both languages. */
const emailInput = z
  .string()
  .min(3)
  .max(320)
  .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');
const memberParam = z.object({ id: z.uuid(), clusterUsername: z.string().min(1).max(64) });

const invitation = z.object({
  id: z.string(),
  email: z.string(),
  organisation,
  role: taskRole,
  createdAt: z.string(),
  /** an account with this address exists */
  hasAccount: z.boolean(),
  /** that account confirmed its address: the invitation waits for the person to accept it, signed in */
  confirmed: z.boolean(),
});

/** The preview (or commit) of an invitation or its withdrawal; a preview of a new one has no id yet. */
export const invitationChange = z.object({
  status: z.enum(['preview', 'committed']),
  invitation: invitation.extend({ id: z.string().nullable(), createdAt: z.string().nullable() }),
});

export const taskMembers = z.object({
  task: z.object({ id: z.string(), key: z.string(), programSlug: z.string(), name: text, status: z.string(), leadOrganisationName: text.nullable() }),
  members: z.array(
    z.object({
      clusterUsername: z.string(),
      userId: z.string().nullable(),
      name: z.string().nullable(),
      email: z.string().nullable(),
      role: z.string(),
      addedAt: z.string(),
      /** the consortium organisations this person belongs to (names from the registry) */
      organisations: z.array(organisation),
    }),
  ),
  /** the organisation records new members must belong to, and where they come from */
  organisations: z.array(organisation),
  organisationsFrom: z.enum(['application', 'members']),
  /** the stage evaluations the task is a team of: where its members read their result and appeal */
  stageEvaluations: z.array(z.object({ id: z.string(), name: text })),
  canManage: z.boolean(),
  /** the office's pending invitations of people without a confirmed account (empty for a team member) */
  invitations: z.array(invitation),
});

/** A task invitation as the invited person reads it. */
const addressedInvitation = z.object({
  id: z.string(),
  task: z.object({ id: z.string(), key: z.string(), programSlug: z.string(), name: text }),
  organisation,
  role: taskRole,
  createdAt: z.string(),
});

/** The preview (or commit) of the invited person's answer. */
export const invitationAnswer = z.object({
  status: z.enum(['preview', 'committed']),
  answer: z.object({
    invitation: addressedInvitation,
    accept: z.boolean(),
    joinsOrganisation: z.boolean(),
    clusterUsername: z.string().nullable(),
    alreadyInTask: z.boolean(),
    taskFull: z.boolean(),
  }),
});

/** The preview (or commit) of one change of a task's people. */
export const memberChange = z.object({
  status: z.enum(['preview', 'committed']),
  change: z.object({
    kind: z.enum(['add', 'role', 'remove']),
    clusterUsername: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    roleBefore: z.string().nullable(),
    roleAfter: z.string().nullable(),
    organisations: z.array(organisation),
    leadsBefore: z.number().int(),
    leadsAfter: z.number().int(),
  }),
});

/** A task's people: the office adds, re-roles and removes them; a team member reads its own team. */
export const tasksContract = {
  members: route('GET', '/api/v1/tasks/:id/members', { params: taskParam, response: { 200: taskMembers } }),
  add: route('POST', '/api/v1/tasks/:id/members', {
    params: taskParam,
    body: z.object({
      email: emailInput,
      role: taskRole.default('member'),
      reason,
      mode,
    }),
    response: { 200: memberChange, 201: memberChange },
  }),
  role: route('PUT', '/api/v1/tasks/:id/members/:clusterUsername/role', {
    params: memberParam,
    body: z.object({ role: taskRole, reason, mode }),
    response: { 200: memberChange },
  }),
  invite: route('POST', '/api/v1/tasks/:id/invitations', {
    params: taskParam,
    body: z.object({
      email: emailInput,
      organisationId: z.string().max(64),
      role: taskRole.default('member'),
      reason,
      mode,
    }),
    response: { 200: invitationChange, 201: invitationChange },
  }),
  withdrawInvitation: route('DELETE', '/api/v1/tasks/:id/invitations/:invitationId', {
    params: z.object({ id: z.uuid(), invitationId: z.uuid() }),
    body: z.object({ reason, mode }),
    response: { 200: invitationChange },
  }),
  /** the task invitations addressed to the signed-in account's confirmed address */
  addressedToMe: route('GET', '/api/v1/task-invitations', {
    response: { 200: z.object({ invitations: z.array(addressedInvitation) }) },
  }),
  answerInvitation: route('POST', '/api/v1/task-invitations/:id/response', {
    params: taskParam,
    body: z.object({ accept: z.boolean(), mode }),
    response: { 200: invitationAnswer },
  }),
  remove: route('DELETE', '/api/v1/tasks/:id/members/:clusterUsername', {
    params: memberParam,
    body: z.object({ reason, mode }),
    response: { 200: memberChange },
  }),
};
