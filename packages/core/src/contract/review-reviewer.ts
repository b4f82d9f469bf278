import { z } from 'zod';
import { proposalDomain, proposalDraft } from '../application/proposal.ts';
import { file, route, text } from './route.ts';
import { requiredReason, reviewerEntry, reviewerRound, reviewForm, roundParam, scoreSheet, sheetParams, sheetStatus } from './review-shared.ts';

const myAssignment = z.object({
  roundId: z.string(),
  round: z.object({ key: z.string(), name: text, dueAt: z.string().nullable() }),
  /** when I accepted the round's conflict-of-interest pledge; proposals open after it */
  pledgedAt: z.string().nullable(),
  program: z.string(),
  call: z.string(),
  applicationId: z.string(),
  receiptNo: z.string().nullable(),
  title: z.string(),
  domain: proposalDomain.nullable(),
  conflicted: z.boolean(),
  sheetStatus: z.enum(['none', 'draft', 'submitted']),
  total: z.number().nullable(),
});

/** A consortium member as a reviewer reads it: under blind review without name and registration number. */
const consortiumMember = z.object({
  position: z.enum(['lead', 'participant']),
  type: z.string(),
  role: z.string().nullable(),
  country: z.string(),
  name: z.string().optional(),
  registrationNo: z.string().nullable().optional(),
});

const pledgeView = z.object({
  round: reviewerRound,
  text,
  version: z.number().int(),
  acceptedAt: z.string().nullable(),
  acceptedVersion: z.number().int().nullable(),
});

/** The reviewer's side: my assignments, an assigned proposal and my sheet, the round's pledge, a declared conflict. */
export const reviewReviewerContract = {
  mine: route('GET', '/api/v1/review/me', {
    response: { 200: z.object({ profiles: z.array(reviewerEntry), assignments: z.array(myAssignment) }) },
  }),
  proposal: route('GET', '/api/v1/review/me/rounds/:roundId/applications/:applicationId', {
    params: sheetParams,
    response: {
      200: z.object({
        round: reviewerRound,
        callName: text,
        form: reviewForm,
        application: z.object({
          id: z.string(),
          receiptNo: z.string().nullable(),
          blind: z.boolean(),
          proposal: proposalDraft,
          consortium: z.array(consortiumMember),
        }),
        /** the proposal's PDFs; under blind review their names are neutral */
        attachments: z.array(z.object({ id: z.string(), fileName: z.string(), sizeBytes: z.number().int() })),
        sheet: z
          .object({ status: sheetStatus, scores: scoreSheet, total: z.number().nullable(), submittedAt: z.date().nullable(), updatedAt: z.date() })
          .nullable(),
      }),
    },
  }),
  attachment: route('GET', '/api/v1/review/me/rounds/:roundId/applications/:applicationId/attachments/:attachmentId', {
    params: sheetParams.extend({ attachmentId: z.uuid() }),
    response: { 200: file('a document of the proposal, inline (its name neutral under blind review)', 'application/pdf') },
  }),
  pledge: route('GET', '/api/v1/review/me/rounds/:roundId/pledge', { params: roundParam, response: { 200: pledgeView } }),
  acceptPledge: route('POST', '/api/v1/review/me/rounds/:roundId/pledge', {
    params: roundParam,
    body: z.object({ accept: z.literal(true, 'tick the pledge to accept it'), locale: z.enum(['ko', 'en']).default('ko') }),
    response: { 200: pledgeView },
  }),
  sheet: route('PUT', '/api/v1/review/me/rounds/:roundId/applications/:applicationId/sheet', {
    params: sheetParams,
    body: z.object({
      scores: z.record(z.string(), z.object({ score: z.number().nullable().optional(), comment: z.string().max(6000).nullable().optional() })),
      mode: z.enum(['draft', 'submit']),
    }),
    response: {
      200: z.object({
        status: z.enum(['saved', 'submitted']),
        sheet: z.object({ status: sheetStatus, scores: scoreSheet, total: z.number().nullable(), submittedAt: z.date().nullable() }),
      }),
    },
  }),
  declareConflict: route('POST', '/api/v1/review/me/rounds/:roundId/applications/:applicationId/conflict', {
    params: sheetParams,
    body: z.object({ reason: requiredReason }),
    response: { 200: z.object({ id: z.string(), kind: z.string(), detail: text }) },
  }),
};
