import { z } from 'zod';
import { selectionOutcomes } from '../selection/selection-limits.ts';
import { file, route, text } from './route.ts';
import { callParams, mode, reviewIdParam, scoreSheet } from './review-shared.ts';

const outcome = z.enum(selectionOutcomes);
/** "no one selected", recorded as an additional call's outcome */
const noSelection = z.object({ label: text, reason: z.string(), at: z.date().nullable() });
const decisionChange = z.object({
  applicationId: z.string(),
  label: z.string(),
  before: z.object({ outcome, reason: z.string() }).nullable(),
  after: z.object({ outcome, reason: z.string() }),
});

const rankingRow = z.object({
  applicationId: z.string(),
  receiptNo: z.string().nullable(),
  title: z.string(),
  leadName: z.string(),
  requestedGpus: z.number(),
  rank: z.number().int().nullable(),
  score: z.number().nullable(),
  perRound: z.record(z.string(), z.object({ score: z.number(), reviewCount: z.number().int(), trimmed: z.boolean() }).nullable()),
  missingRounds: z.array(z.string()),
  /** the round whose shortlist the application did not make: it is not ranked, and cannot be selected */
  leftRound: z.object({ key: z.string(), name: text }).nullable(),
  tieBreak: text.nullable(),
  decision: z.object({ outcome, reason: z.string(), taskId: z.string().nullable() }).nullable(),
  /** an additional call's expert-majority standing; null for a regular call */
  majority: z.object({ reviewers: z.number().int(), recommending: z.number().int(), needed: z.number().int(), majority: z.boolean() }).nullable(),
});

/** Ranking, selection and its publication, the exports, and the applicant's result. */
export const reviewSelectionContract = {
  ranking: route('GET', '/api/v1/review/calls/:program/:call/ranking', {
    params: callParams,
    response: {
      200: z.object({
        rows: z.array(rankingRow),
        method: text,
        taskCount: z.number().int(),
        poolGpus: z.number().int(),
        publishedAt: z.date().nullable(),
        rounds: z.array(z.object({ key: z.string(), name: text, weight: z.number() })),
        /** an additional call's terms: the slots it fills, its GPU offer and decision rule */
        additional: z
          .object({
            fills: z.object({ call: z.string(), slots: z.number().int(), name: text }),
            gpuOffer: z.array(z.object({ pool: z.string(), gpus: z.number().int() })),
            decisionRule: z.object({ kind: z.literal('majority'), of: z.literal('experts'), recommendAtPoints: z.number() }),
            allowNoSelection: z.boolean(),
          })
          .nullable(),
        noSelection: noSelection.nullable(),
      }),
    },
  }),
  selection: route('PUT', '/api/v1/review/calls/:program/:call/selection', {
    params: callParams,
    body: z.object({ decisions: z.array(z.object({ applicationId: z.uuid(), outcome, reason: z.string().max(4000) })).max(500), mode }),
    response: {
      200: z.discriminatedUnion('status', [
        z.object({ status: z.literal('unchanged') }),
        /** the task slots the selected fill: a registered task reused, or a new one */
        z.object({
          status: z.literal('preview'),
          changes: z.array(decisionChange),
          tasksToCreate: z.number().int(),
          tasks: z.array(z.object({ key: z.string(), applicationId: z.string(), reuse: z.boolean() })),
        }),
        z.object({
          status: z.literal('committed'),
          changes: z.array(decisionChange),
          tasks: z.array(z.object({ key: z.string(), applicationId: z.string() })),
        }),
      ]),
    },
  }),
  noSelection: route('POST', '/api/v1/review/calls/:program/:call/no-selection', {
    params: callParams,
    body: z.object({ reason: z.string().max(4000), mode }),
    response: {
      200: z.object({
        status: z.enum(['preview', 'committed']),
        reason: z.string(),
        /** the applications still undecided, recorded as not selected */
        rejected: z.array(z.object({ applicationId: z.string(), label: z.string() })),
        offerReturned: z.array(z.object({ pool: z.string(), gpus: z.number().int() })),
      }),
    },
  }),
  publication: route('POST', '/api/v1/review/calls/:program/:call/publication', {
    params: callParams,
    body: z.object({ publish: z.boolean(), reason: z.string().max(2000).optional() }),
    response: { 200: z.object({ status: z.literal('committed'), publishedAt: z.date().nullable() }) },
  }),
  exportXlsx: route('GET', '/api/v1/review/calls/:program/:call/export.xlsx', {
    params: callParams,
    response: { 200: file('every score, reviewers as codes R01, R02, …', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') },
  }),
  summaryPdf: route('GET', '/api/v1/review/calls/:program/:call/summary.pdf', {
    params: callParams,
    response: { 200: file('the ranking as a Korean PDF summary', 'application/pdf') },
  }),
  result: route('GET', '/api/v1/review/results/:id', {
    params: reviewIdParam,
    response: {
      200: z.object({
        applicationId: z.string(),
        receiptNo: z.string().nullable(),
        title: z.string(),
        publishedAt: z.date().nullable(),
        decision: z.object({ outcome, label: text, reason: z.string() }).nullable(),
        /** the call's own outcome when no one was selected */
        callOutcome: noSelection.nullable(),
        rank: z.number().int().nullable(),
        applications: z.number().int(),
        score: z.number().nullable(),
        criteria: z.array(z.object({ key: z.string(), name: text, points: z.number() })),
        /** each round's score and reviews, reviewers numbered per application, never named */
        rounds: z.array(
          z.object({
            key: z.string(),
            name: text,
            score: z.number().nullable(),
            reviews: z.array(z.object({ reviewer: text, total: z.number().nullable(), scores: scoreSheet })),
          }),
        ),
      }),
    },
  }),
};
