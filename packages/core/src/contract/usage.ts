import { z } from 'zod';
import { phase } from '../program/definition.ts';
import { underUsePolicySchema } from '../usage/under-use-policy.ts';
import { allocationChange, taskStatus } from './allocations.ts';
import { file, route, slugParam, text, uuidParam } from './route.ts';

const int = z.number().int();
const instant = z.iso.datetime({ offset: true });
const usageQuery = z.object({ phase: z.string().optional(), asOf: instant.optional() });
/** The reclaim request the policy files: GPUs and/or GPU-minutes off an allocation, from a day on. */
const reclaimRequest = z.object({
  kind: z.literal('reclaim'),
  allocationId: z.string(),
  removeGpus: int,
  removeGpuMinutes: int.optional(),
  effectiveFrom: z.string().optional(),
});
const underUseLevel = z.enum(['too-early', 'ok', 'warn', 'reclaim']);

/** Linear projection of a task's GPU use to the phase end (seconds; utilisation is used ÷ pro-rata). */
const burnRateForecast = z.object({
  asOf: z.number(),
  usedGpuSeconds: z.number(),
  entitledGpuSeconds: z.number(),
  proRataGpuSeconds: z.number(),
  utilisation: z.number().nullable(),
  projectedGpuSeconds: z.number(),
  projectedShare: z.number().nullable(),
  exhaustedAt: z.number().nullable(),
  status: z.enum(['not-started', 'under', 'on-track', 'over']),
  message: text,
});

export const programUsage = z.object({
  programSlug: z.string(),
  phase,
  asOf: z.string(),
  policy: underUsePolicySchema,
  tasks: z.array(
    z.object({
      taskId: z.string(),
      taskKey: z.string(),
      taskName: text,
      status: taskStatus,
      entitledGpuHours: z.number(),
      usedGpuHours: z.number(),
      utilisation: z.number().nullable(),
      projectedShare: z.number().nullable(),
      forecastStatus: burnRateForecast.shape.status,
      forecastMessage: text,
      /** judged while the phase runs only (null before and after) */
      underUseLevel: underUseLevel.nullable(),
      underUseMessage: text.nullable(),
    }),
  ),
});

export const taskUsage = z.object({
  task: z.object({ id: z.string(), key: z.string(), name: text, status: taskStatus, programSlug: z.string() }),
  phases: z.array(phase),
  phase,
  asOf: z.string(),
  entitledGpuHours: z.number(),
  usedGpuHours: z.number(),
  forecast: burnRateForecast,
  series: z.array(z.object({ day: z.string(), used: z.number().nullable(), entitled: z.number(), forecast: z.number().nullable() })),
});

/** One task's verdict of an under-use run, and the reclaim request it files (or would file). */
const underUseResult = z.object({
  taskId: z.string(),
  taskKey: z.string(),
  level: underUseLevel,
  utilisation: z.number().nullable(),
  message: text,
  proposal: z
    .object({
      kind: z.literal('reclaim'),
      reclaimGpuMinutes: int,
      concurrentGpusBefore: int.nullable(),
      concurrentGpusAfter: int.nullable(),
      reason: text,
    })
    .nullable(),
  reclaim: z.object({ request: reclaimRequest, changes: z.array(allocationChange) }).nullable(),
  changeRequestId: z.string().nullable(),
  /** why no request was filed for a task that called for one */
  skipped: text.nullable(),
  /** the warning a warn-level task gets once per phase */
  warning: z.enum(['sent', 'would-send', 'already-sent']).nullable(),
});

/** Usage against entitlement: per program and per task, its Excel export, and the under-use policy. */
export const usageContract = {
  program: route('GET', '/api/v1/programs/:slug/usage', { params: slugParam, querystring: usageQuery, response: { 200: programUsage } }),
  task: route('GET', '/api/v1/tasks/:id/usage', { params: uuidParam, querystring: usageQuery, response: { 200: taskUsage } }),
  export: route('GET', '/api/v1/programs/:slug/usage/export', {
    params: slugParam,
    response: { 200: file('usage per task and month (Korean headers)', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') },
  }),
  policy: route('GET', '/api/v1/programs/:slug/under-use-policy', { params: slugParam, response: { 200: z.object({ policy: underUsePolicySchema }) } }),
  setPolicy: route('PUT', '/api/v1/programs/:slug/under-use-policy', {
    params: slugParam,
    body: z.object({ policy: z.record(z.string(), z.unknown()), reason: z.string().trim().min(1).max(2000) }),
    response: { 200: z.object({ ok: z.literal(true), policy: underUsePolicySchema }) },
  }),
  evaluateUnderUse: route('POST', '/api/v1/programs/:slug/under-use/evaluate', {
    params: slugParam,
    body: z.object({ asOf: instant.optional(), mode: z.enum(['preview', 'commit']).default('preview'), reason: z.string().max(2000).optional() }),
    response: {
      200: z.object({
        ok: z.literal(true),
        mode: z.enum(['preview', 'commit']),
        phaseKey: z.string().nullable(),
        policy: underUsePolicySchema,
        results: z.array(underUseResult),
      }),
    },
  }),
};
