import { z } from 'zod';
import { changeRequestSchema } from '../allocation/change-request.ts';
import { isCalendarDay } from '../allocation/calendar-day.ts';
import { phase } from '../program/definition.ts';
import { route, slugParam, text, uuidParam as idParam } from './route.ts';

const int = z.number().int();
const mode = z.enum(['preview', 'commit']);
const day = z.string().refine(isCalendarDay, 'expected a date YYYY-MM-DD');
const reason = z.string().trim().min(1).max(2000);

/** GPUs of one allocation: a whole number; 100,000 is far above any national pool. */
export const gpuCount = int.min(0).max(100_000);
/** GPU-minutes (Slurm TRESMins): 100,000 GPUs for 10 years fits; bigger is a typo. */
export const gpuMinutes = int.min(0).max(100_000 * 60 * 24 * 366 * 10);

/** `underEvaluation`: what an applicant reads while the office has not published a decision about the task */
export const taskStatus = z.enum(['active', 'blocked', 'eliminated', 'completed', 'underEvaluation']);

/** A task's GPUs of one pool during part of one phase (days are Seoul calendar days, both included). */
export const allocation = z.object({
  id: z.string(),
  taskId: z.string(),
  taskKey: z.string(),
  poolKey: z.string(),
  phaseKey: z.string(),
  gpus: int,
  gpuMinutes: int.nullable(),
  start: z.string(),
  end: z.string(),
});

/** One line of a preview and of the ledger: an allocation created, changed or removed. */
export const allocationChange = z.object({
  kind: z.enum(['created', 'changed', 'removed']),
  allocationId: z.string(),
  taskKey: z.string(),
  before: allocation.nullable(),
  after: allocation.nullable(),
  fields: z.array(z.string()),
});

/** Validate → preview → commit of allocations (an invalid change answers 422 with its issues). */
const allocationMutation = <E extends z.ZodRawShape>(extra: E) =>
  z.discriminatedUnion('status', [
    z.object({ status: z.literal('preview'), changes: z.array(allocationChange), ...extra }),
    z.object({ status: z.literal('unchanged'), ...extra }),
    z.object({ status: z.literal('committed'), changes: z.array(allocationChange), ...extra }),
  ]);

const occupancyStep = z.object({ start: z.string(), end: z.string(), total: int, byTask: z.record(z.string(), int) });

/** A program's share of a cluster, and where it runs (null until the office binds it to a partition). */
const pool = z.object({
  programSlug: z.string(),
  key: z.string(),
  name: text,
  nodeType: z.object({ key: z.string(), gpuModel: z.string(), gpusPerNode: int }),
  gpus: int,
  nodes: int,
  hostingSite: text,
  placement: z.object({ clusterKey: z.string(), clusterName: text, slurmClusterName: z.string(), partitionName: z.string() }).nullable(),
});

export const allocationOverview = z.object({
  program: z.object({ slug: z.string(), name: text, shortName: text, phases: z.array(phase), pools: z.array(pool) }),
  today: z.string(),
  tasks: z.array(
    z.object({
      id: z.string(),
      key: z.string(),
      name: text,
      status: taskStatus,
      leadOrganisationName: text.nullable(),
      members: z.array(z.object({ clusterUsername: z.string(), role: z.string() })),
    }),
  ),
  allocations: z.array(allocation),
  timeline: z.array(z.object({ poolKey: z.string(), phaseKey: z.string(), capacity: int, steps: z.array(occupancyStep) })),
  entitlements: z.array(
    z.object({ taskId: z.string(), taskKey: z.string(), phaseKey: z.string(), gpuSeconds: z.number(), gpuHours: z.number(), peakGpus: int }),
  ),
});

/** A change request as stored, with its task's key and name. */
export const changeRequestRow = z.object({
  id: z.string(),
  programSlug: z.string(),
  taskId: z.string(),
  kind: z.enum(['supplement', 'extension', 'transfer', 'reduction', 'reclaim']),
  request: changeRequestSchema,
  status: z.enum(['pending', 'approved', 'rejected']),
  origin: z.enum(['manual', 'under-use-policy']),
  reason: z.string(),
  /** a policy's own words, when the request came from one */
  explanation: text.nullable(),
  requestedBy: z.string().nullable(),
  requestedByLabel: z.string(),
  decidedBy: z.string().nullable(),
  decidedByLabel: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.date().nullable(),
  createdAt: z.date(),
});

/** A supplement reaching back before today: its approval needs its own reason. */
const retroactive = z.object({ startsOn: z.string(), today: z.string(), daysBack: int }).nullable().optional();

/** The preview of a change request (filed, approved or rejected) and what its commit stored. */
const changeRequestResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('preview'), changes: z.array(allocationChange), retroactive }),
  z.object({ status: z.literal('committed'), changes: z.array(allocationChange), request: changeRequestRow, retroactive }),
]);

/** Blocking or unblocking a task: a preview with the GPUs it holds today and Slurm's plan, or the status now. */
const taskBlockResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('preview'),
    task: z.object({ id: z.string(), key: z.string(), statusBefore: z.string(), statusAfter: z.enum(['active', 'blocked', 'eliminated']) }),
    gpusToday: int,
    slurmPlan: z.object({ ko: z.array(z.string()), en: z.array(z.string()) }),
  }),
  z.object({ status: z.enum(['unchanged', 'committed']), taskStatus: z.string() }),
]);
const taskBlock = {
  params: idParam,
  body: z.object({ mode: mode.default('commit'), reason: z.string().trim().max(2000).default('') }),
  response: { 200: taskBlockResult },
};

/** A program's GPU allocations: the overview, the office's edits, the ledger, change requests, and blocking a task. */
export const allocationsContract = {
  overview: route('GET', '/api/v1/programs/:slug/allocations', { params: slugParam, response: { 200: allocationOverview } }),
  create: route('POST', '/api/v1/programs/:slug/allocations', {
    params: slugParam,
    body: z.object({
      mode,
      reason: z.string().max(2000).optional(),
      allocation: z.object({
        taskId: z.uuid(),
        poolKey: z.string().min(1),
        phaseKey: z.string().min(1),
        gpus: gpuCount,
        gpuMinutes: gpuMinutes.nullable().optional(),
        start: day,
        end: day,
      }),
    }),
    response: { 200: allocationMutation({ allocationId: z.string().optional() }) },
  }),
  update: route('PATCH', '/api/v1/allocations/:id', {
    params: idParam,
    body: z.object({
      mode,
      reason: z.string().max(2000).optional(),
      gpus: gpuCount.optional(),
      gpuMinutes: gpuMinutes.nullable().optional(),
      start: day.optional(),
      end: day.optional(),
    }),
    response: { 200: allocationMutation({}) },
  }),
  remove: route('DELETE', '/api/v1/allocations/:id', { params: idParam, body: z.object({ mode, reason }), response: { 200: allocationMutation({}) } }),
  ledger: route('GET', '/api/v1/programs/:slug/allocation-ledger', {
    params: slugParam,
    response: {
      200: z.object({
        entries: z.array(
          z.object({
            seq: int,
            at: z.date(),
            programSlug: z.string(),
            allocationId: z.string(),
            taskId: z.string(),
            kind: z.enum(['created', 'changed', 'removed']),
            before: allocation.nullable(),
            after: allocation.nullable(),
            changeRequestId: z.string().nullable(),
            actorLabel: z.string(),
            reason: z.string().nullable(),
            taskKey: z.string(),
          }),
        ),
      }),
    },
  }),
  changeRequests: route('GET', '/api/v1/programs/:slug/change-requests', {
    params: slugParam,
    response: { 200: z.object({ requests: z.array(changeRequestRow.extend({ taskKey: z.string(), taskName: text })) }) },
  }),
  requestChange: route('POST', '/api/v1/programs/:slug/change-requests', {
    params: slugParam,
    body: z.object({ mode, reason, request: changeRequestSchema }),
    response: { 200: changeRequestResult },
  }),
  approve: route('POST', '/api/v1/change-requests/:id/approve', {
    params: idParam,
    body: z.object({ mode, reason: z.string().max(2000).optional(), retroactiveReason: z.string().max(2000).optional() }),
    response: { 200: changeRequestResult },
  }),
  reject: route('POST', '/api/v1/change-requests/:id/reject', { params: idParam, body: z.object({ reason }), response: { 200: changeRequestResult } }),
  blockTask: route('POST', '/api/v1/tasks/:id/block', taskBlock),
  unblockTask: route('POST', '/api/v1/tasks/:id/unblock', taskBlock),
};
