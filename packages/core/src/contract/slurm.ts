import { z } from 'zod';
import { isCalendarDay } from '../allocation/calendar-day.ts';
import { BUDGET_QOS_FLAGS } from '../slurm/state.ts';
import { route, text } from './route.ts';

const int = z.number().int();
const calendarDay = z.string().refine(isCalendarDay, 'expected a date YYYY-MM-DD');
const digest = z.string().regex(/^[0-9a-f]{64}$/, 'expected the plan digest (64 hexadecimal characters)');

/** One task's current allocation as enforcement sees it. */
const taskEnforcement = z.object({
  programSlug: z.string(),
  taskKey: z.string(),
  gpus: int,
  gpuMinutes: int.nullable().optional(),
  blocked: z.boolean(),
  members: z.array(z.string()),
  phaseKey: z.string().nullable().optional(),
  placements: z.array(z.object({ cluster: z.string().nullable().optional(), partition: z.string().nullable().optional() })).optional(),
});

/** What Slurm holds for Stagegate (QOS, accounts, user associations), desired or read back. */
const slurmState = z.object({
  qos: z.array(
    z.object({
      name: z.string(),
      gpus: int.nullable(),
      gpuMinutes: int.nullable(),
      blocked: z.boolean(),
      flags: z.array(z.enum(BUDGET_QOS_FLAGS)),
      phase: z.string().optional(),
    }),
  ),
  accounts: z.array(
    z.object({ name: z.string(), cluster: z.string(), parent: z.string(), qos: z.array(z.string()).nullable(), defaultQos: z.string().nullable() }),
  ),
  users: z.array(
    z.object({
      user: z.string(),
      account: z.string(),
      cluster: z.string(),
      partition: z.string().nullable(),
      qos: z.array(z.string()).nullable(),
      defaultQos: z.string().nullable(),
    }),
  ),
});

/** One command of a plan, exactly as it will run (argv, never a shell line). */
export const slurmStep = z.object({
  kind: z.enum(['create', 'modify', 'remove']),
  /** cancels jobs or removes an association: runs only with an explicit opt-in */
  destructive: z.boolean(),
  /** destructive and planned without the opt-in */
  skipped: z.boolean(),
  description: text,
  argv: z.array(z.string()),
});

const planSummary = z.object({ create: int, modify: int, remove: int, destructive: int, skipped: int, runnable: int });

/** An apply job's report once done: steps applied (Slurm already had `unchanged` ones) and skipped. */
const applyResult = z.object({
  digest: z.string(),
  applied: int,
  unchanged: int,
  skipped: int,
  steps: z.array(z.object({ kind: z.enum(['create', 'modify', 'remove']), destructive: z.boolean(), description: text, unchanged: z.boolean() })),
});
export type SlurmApplyResult = z.output<typeof applyResult>;

const applyJob = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  /** steps done of the plan's runnable steps, and the one running */
  progress: z.object({ done: int.optional(), total: int.optional(), step: text.optional() }).nullable(),
  error: z.string().nullable(),
  attempts: int,
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});
export type SlurmApplyJobView = z.output<typeof applyJob>;

/** Enforcement on Slurm: what the allocations ask of it, the plan to get there, and applying it. */
export const slurmContract = {
  desiredState: route('GET', '/api/v1/slurm/desired-state', {
    querystring: z.object({ day: calendarDay.optional() }),
    response: { 200: z.object({ day: z.string(), tasks: z.array(taskEnforcement), state: slurmState }) },
  }),
  plan: route('GET', '/api/v1/slurm/plan', {
    querystring: z.object({ at: calendarDay.optional(), allowDestructive: z.enum(['true', 'false']).optional() }),
    response: {
      200: z.object({
        source: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('database'), day: z.string() }),
          z.object({ kind: z.literal('file'), name: z.string() }),
        ]),
        allowDestructive: z.boolean(),
        empty: z.boolean(),
        summary: planSummary,
        steps: z.array(slurmStep),
        digest: z.string(),
      }),
    },
  }),
  apply: route('POST', '/api/v1/slurm/apply', {
    body: z.object({ digest, allowDestructive: z.boolean().default(false) }).strict(),
    response: { 202: z.object({ status: z.literal('queued'), jobId: z.string(), digest: z.string(), summary: planSummary }) },
  }),
  job: route('GET', '/api/v1/slurm/jobs/:jobId', {
    params: z.object({ jobId: z.uuid() }),
    response: { 200: z.object({ job: applyJob, result: applyResult.nullable() }) },
  }),
};
