import { z } from 'zod';
import { excellenceRule } from '../final-evaluation/excellence.ts';
import { file, route, text } from './route.ts';

const idParam = z.object({ id: z.uuid() });
const taskParams = idParam.extend({ taskId: z.uuid() });
const mode = z.enum(['preview', 'commit']);
const side = z.enum(['task', 'operator']);
const goalKind = z.enum(['performance', 'serviceDevelopment']);

/** A final evaluation's settings and where it stands (a team reads "open" until the office publishes). */
export const finalEvaluationSummary = z.object({
  id: z.string(),
  program: z.string(),
  name: text,
  excellenceRule,
  poolKey: z.string(),
  phaseKey: z.string(),
  maxExtraGpus: z.number().int().nullable(),
  supportEarliestStart: z.string().nullable(),
  status: z.enum(['open', 'designated', 'published']),
  revision: z.number().int(),
});

/** What an offer may ask for: the office's ceiling, from the earliest start, within the support phase. */
const limits = z.object({ maxGpus: z.number().int().optional(), earliestStart: z.string().optional(), latestEnd: z.string().optional() });

/** What an agreement asks the allocations service for (and the allocation it made, when it could). */
const allocationRequest = z.object({
  taskId: z.string(),
  poolKey: z.string(),
  gpus: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  allocationId: z.string().optional(),
  state: z.enum(['created', 'pending']),
  note: z.string().optional(),
});

/** One task's result: masked (null) for a team until the office publishes. */
const finalTaskView = z.object({
  taskId: z.string(),
  taskKey: z.string(),
  taskName: text,
  report: z.object({ fileName: z.string().nullable(), sizeBytes: z.number().int().nullable(), sha256: z.string(), uploadedAt: z.date().nullable() }).nullable(),
  score: z.number().nullable(),
  excellent: z.boolean().nullable(),
  rank: z.number().int().nullable(),
  designationReason: text.nullable(),
});

export const finalEvaluationDetail = z.object({
  finalEvaluation: finalEvaluationSummary,
  limits,
  /** when the office published the results and the signed bundle holding them; null until then */
  published: z.object({ publishedAt: z.date(), bundleId: z.string(), edition: z.number().int() }).nullable(),
  tasks: z.array(finalTaskView),
  proposals: z.array(
    z.object({
      id: z.string(),
      taskId: z.string(),
      taskKey: z.string(),
      goalKind,
      status: z.enum(['negotiating', 'agreed', 'withdrawn']),
      agreedOfferSeq: z.number().int().nullable(),
      allocationRequest: allocationRequest.nullable(),
    }),
  ),
});

const offerTerms = z.object({ seq: z.number().int(), side, gpus: z.number().int(), startsOn: z.string(), endsOn: z.string() });

/** A negotiation thread: the goals, every offer (immutable), acceptances, and whose move it is. */
export const negotiationView = z.object({
  proposal: z.object({
    id: z.string(),
    finalEvaluationId: z.string(),
    taskId: z.string(),
    goalKind,
    goals: z.string(),
    status: z.enum(['negotiating', 'agreed', 'withdrawn']),
    agreedOfferSeq: z.number().int().nullable(),
    allocationRequest: allocationRequest.nullable(),
    createdBy: z.string(),
    createdAt: z.date(),
  }),
  taskKey: z.string(),
  offers: z.array(
    z.object({
      proposalId: z.string(),
      seq: z.number().int(),
      side,
      gpus: z.number().int(),
      startsOn: z.string(),
      endsOn: z.string(),
      note: z.string().nullable(),
      madeBy: z.string(),
      madeAt: z.date(),
    }),
  ),
  acceptances: z.array(z.object({ proposalId: z.string(), offerSeq: z.number().int(), side, acceptedBy: z.string(), acceptedAt: z.date() })),
  state: z.discriminatedUnion('state', [
    z.object({ state: z.literal('awaitingProposal'), turn: z.literal('task') }),
    z.object({ state: z.literal('negotiating'), turn: side, latest: offerTerms }),
    z.object({ state: z.literal('agreed'), agreed: offerTerms }),
    z.object({ state: z.literal('withdrawn') }),
  ]),
  limits,
});

const allocation = z.object({
  id: z.string(),
  taskId: z.string(),
  taskKey: z.string(),
  poolKey: z.string(),
  phaseKey: z.string(),
  gpus: z.number().int(),
  gpuMinutes: z.number().nullable(),
  start: z.string(),
  end: z.string(),
});

const designation = z.object({
  taskId: z.string(),
  task: z.string(),
  score: z.number().nullable(),
  rank: z.number().int().nullable(),
  excellent: z.boolean(),
  reason: text,
});

/** Final scores out of 100 (two decimals, checked by core); the request as the API has always taken it. */
export const scoresBody = z.object({
  scores: z
    .array(z.object({ taskId: z.uuid(), score: z.number().min(0).max(1000) }))
    .min(1)
    .max(500),
  reason: z.string().max(2000).optional(),
  /** preview: each task's score before and after, and whether a designation is cleared; omitted: commit */
  mode: mode.default('commit'),
});

/** A counter-offer's terms (checked by core's turn and validity rules). */
export const offerBody = z.object({
  gpus: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  note: z.string().max(4000).optional(),
  /** preview: the offer as it would stand beside the one it answers, nothing written; omitted: commit (an offer is never edited) */
  mode: mode.default('commit'),
});

const offerTermsView = z.object({ seq: z.number().int(), side, gpus: z.number().int(), startsOn: z.string(), endsOn: z.string() });
/** What an offer or a proposal would put on the table (core's previewOffer). */
const offerPreview = z.object({
  status: z.literal('preview'),
  offer: offerTermsView.extend({ days: z.number().int(), gpuHours: z.number(), answers: offerTermsView.nullable(), turnAfter: side }),
});

/** An excellent task's proposal: its goals and the first offer. */
export const proposalBody = offerBody.extend({
  goalKind,
  goals: z.string().min(1).max(20_000),
});

/** One task's result as publication makes it public, in rank order. */
const publishedResult = z.object({
  taskId: z.string(),
  taskKey: z.string(),
  taskName: text,
  score: z.number().nullable(),
  rank: z.number().int().nullable(),
  excellent: z.boolean().nullable(),
  reason: text.nullable(),
});

/**
 * The final evaluation (specialized-fm, September 2026): the office opens it, enters scores,
 * designates the excellent tasks by the rule and publishes the results; a task's members upload its
 * report, read their result once published, and an excellent task negotiates extra GPUs.
 */
export const finalEvaluationsContract = {
  list: route('GET', '/api/v1/final-evaluations', {
    response: {
      200: z.object({
        finalEvaluations: z.array(finalEvaluationSummary),
        /** the office's: per program, its active or completed tasks that no final evaluation holds yet (the next cohort) */
        awaiting: z.record(z.string(), z.number().int()).optional(),
      }),
    },
  }),
  create: route('POST', '/api/v1/final-evaluations', {
    // checked by the service, which names each field in its own words (the API before the contract)
    body: z.record(z.string(), z.unknown()),
    response: {
      200: z.object({
        status: z.literal('preview'),
        finalEvaluation: z.object({
          program: z.string(),
          name: text,
          excellenceRule,
          poolKey: z.string(),
          phaseKey: z.string(),
          maxExtraGpus: z.number().int().nullable(),
          supportEarliestStart: z.string().nullable(),
        }),
        tasks: z.array(z.object({ key: z.string(), name: text })),
      }),
      201: z.object({ finalEvaluation: finalEvaluationSummary }),
    },
  }),
  get: route('GET', '/api/v1/final-evaluations/:id', { params: idParam, response: { 200: finalEvaluationDetail } }),
  uploadReport: route('POST', '/api/v1/final-evaluations/:id/tasks/:taskId/report', {
    params: taskParams,
    response: {
      201: z.object({ report: z.object({ fileName: z.string().nullable(), sha256: z.string().nullable(), sizeBytes: z.number().int().nullable() }) }),
    },
  }),
  report: route('GET', '/api/v1/final-evaluations/:id/tasks/:taskId/report', {
    params: taskParams,
    response: { 200: file("the task's final report", 'application/pdf') },
  }),
  scores: route('PUT', '/api/v1/final-evaluations/:id/scores', {
    params: idParam,
    body: scoresBody,
    response: {
      200: z.union([
        z.object({
          status: z.literal('preview'),
          changes: z.array(z.object({ taskId: z.string(), taskKey: z.string(), taskName: text, before: z.number().nullable(), after: z.number() })),
          clearsDesignation: z.boolean(),
          withdrawsPublication: z.boolean(),
        }),
        z.object({ status: z.literal('committed'), updated: z.number().int() }),
      ]),
    },
  }),
  designation: route('POST', '/api/v1/final-evaluations/:id/designation', {
    params: idParam,
    body: z.object({ mode }),
    response: {
      200: z.union([
        z.object({ status: z.literal('preview'), designations: z.array(designation), limits }),
        z.object({ status: z.literal('committed'), designations: z.array(designation) }),
      ]),
    },
  }),
  publish: route('POST', '/api/v1/final-evaluations/:id/publish', {
    params: idParam,
    body: z.object({ mode }),
    response: {
      200: z.union([
        z.object({
          status: z.literal('preview'),
          results: z.array(publishedResult),
          /** each task's accounts that are mailed (and told in their inbox) */
          recipients: z.array(z.object({ taskId: z.string(), taskKey: z.string(), people: z.array(z.object({ name: z.string(), email: z.string() })) })),
          publicBundle: z.literal(true),
        }),
        z.object({ status: z.literal('committed'), publishedAt: z.string(), bundleId: z.string().nullable() }),
      ]),
    },
  }),
  propose: route('POST', '/api/v1/final-evaluations/:id/tasks/:taskId/support', {
    params: taskParams,
    body: proposalBody,
    response: { 200: offerPreview, 201: negotiationView },
  }),
  proposal: route('GET', '/api/v1/support-proposals/:id', { params: idParam, response: { 200: negotiationView } }),
  offer: route('POST', '/api/v1/support-proposals/:id/offers', { params: idParam, body: offerBody, response: { 200: offerPreview, 201: negotiationView } }),
  accept: route('POST', '/api/v1/support-proposals/:id/accept', {
    params: idParam,
    body: z.object({ offerSeq: z.number().int().positive(), mode: mode.default('commit') }),
    response: {
      200: z.union([
        z.object({
          status: z.literal('preview'),
          agreement: z.object({ taskKey: z.string(), poolKey: z.string(), gpus: z.number().int(), startsOn: z.string(), endsOn: z.string() }),
          changes: z.array(
            z.object({
              kind: z.enum(['created', 'changed', 'removed']),
              allocationId: z.string(),
              taskKey: z.string(),
              before: allocation.nullable(),
              after: allocation.nullable(),
              fields: z.array(z.string()),
            }),
          ),
        }),
        negotiationView,
      ]),
    },
  }),
};
