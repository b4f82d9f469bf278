import { z } from 'zod';
import { proposalDomain } from '../application/proposal.ts';
import { localizedText } from '../shared/localized.ts';
import { outboxMessage } from './notifications.ts';
import { route, text } from './route.ts';
import { callParams, mode, requiredReason, reviewerEntry, reviewForm, reviewIdParam, tokenParam } from './review-shared.ts';

const year = z.number().int().min(1950).max(2100);
const affiliationInput = z
  .object({ organisationName: z.string().trim().min(1).max(300), registrationNo: z.string().max(20).optional(), fromYear: year, toYear: year.nullable() })
  .refine((a) => a.toYear === null || a.toYear >= a.fromYear, { message: 'toYear is before fromYear', path: ['toYear'] });

const expertiseInput = z.object({
  domains: z.array(z.string().trim().min(1).max(80)).max(20).default([]),
  keywords: z.array(z.string().trim().min(1).max(80)).max(50).default([]),
  profile: z.string().max(5000).default(''),
  affiliations: z.array(affiliationInput).max(30).default([]),
});

export const inviteInput = expertiseInput.extend({
  email: z.string().trim().toLowerCase().email(),
  name: z.string().trim().min(1).max(200),
  maxLoad: z.number().int().min(0).max(200).default(5),
  minLoad: z.number().int().min(0).max(200).default(0),
  /** the rounds whose panel the reviewer joins; all rounds when absent */
  rounds: z.array(z.string()).optional(),
});

// no defaults here: a PATCH changes only the fields it carries (issue 12 item 7); `.partial()` of
// expertiseInput would keep its `.default([])` and wipe what the request left out
export const reviewerPatch = z.object({
  domains: expertiseInput.shape.domains.unwrap().optional(),
  keywords: expertiseInput.shape.keywords.unwrap().optional(),
  profile: expertiseInput.shape.profile.unwrap().optional(),
  affiliations: expertiseInput.shape.affiliations.unwrap().optional(),
  name: z.string().trim().min(1).max(200).optional(),
  maxLoad: z.number().int().min(0).max(200).optional(),
  minLoad: z.number().int().min(0).max(200).optional(),
  rounds: z.array(z.string()).optional(),
});

/** Who goes on from a round, as applied (the program's rule, or the one recorded at closing). */
const shortlist = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('top'), count: z.number().int(), ties: z.enum(['all-pass', 'office-decides']) }),
  z.object({ kind: z.literal('threshold'), minScore: z.number() }),
]);

const aggregation = z.object({ method: z.enum(['mean', 'trimmed']), trimMinReviewers: z.number().int(), zScore: z.boolean() });

/** A round of the call under review, with its panel and sheet counts and where its shortlist stands. */
const roundSummary = z.object({
  id: z.string(),
  key: z.string(),
  name: text,
  weight: z.number(),
  reviewsPerProposal: z.number().int(),
  dueAt: z.string().nullable(),
  panel: z.number().int(),
  assigned: z.number().int(),
  submittedSheets: z.number().int(),
  state: z.enum(['open', 'waiting', 'closed']),
  shortlist: shortlist.nullable(),
  statement: text.nullable(),
  entrants: z.number().int(),
  passed: z.number().int(),
  left: z.number().int(),
  tied: z.number().int(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
  /** what the round is scored on: its own criteria when the program gives them, else the call's */
  criteria: reviewForm,
  ownCriteria: z.boolean(),
});

const conflictEntry = z.object({
  id: z.string(),
  applicationId: z.string(),
  application: z.string(),
  reviewerId: z.string(),
  reviewer: z.string(),
  source: z.enum(['detected', 'declared']),
  kind: z.string(),
  severity: z.enum(['high', 'medium']),
  detail: text,
  waived: z.boolean(),
  waiverReason: z.string().nullable(),
  waivedAt: z.date().nullable(),
});

const withdrawal = z.object({
  id: z.string(),
  roundId: z.string(),
  roundKey: z.string(),
  applicationId: z.string(),
  application: z.string(),
  reviewerId: z.string(),
  reviewer: z.string(),
  detail: text,
  sheetSetAside: z.boolean(),
  withdrawnAt: z.date(),
  reassigned: z.object({ reviewerId: z.string().nullable(), reviewer: z.string().nullable(), at: z.date(), reason: z.string().nullable() }).nullable(),
});

const committedReviewer = z.object({ status: z.literal('committed'), reviewer: reviewerEntry });

/** The office's side of a call under review: its set-up, the reviewer pool and invitations, conflicts of interest. */
export const reviewCallsContract = {
  calls: route('GET', '/api/v1/review/calls', {
    response: {
      200: z.object({
        calls: z.array(z.object({ program: z.string(), programName: text, call: z.string(), name: text, opens: z.string(), submitted: z.number().int() })),
      }),
    },
  }),
  overview: route('GET', '/api/v1/review/calls/:program/:call', {
    params: callParams,
    response: {
      200: z.object({
        program: z.string(),
        programName: text,
        call: z.string(),
        callName: text,
        taskCount: z.number().int(),
        poolGpus: z.number().int(),
        config: z.object({ blind: z.boolean(), conflictYears: z.number().int(), aggregation, publishedAt: z.date().nullable(), revision: z.number().int() }),
        rounds: z.array(roundSummary),
        form: reviewForm,
        applications: z.array(
          z.object({ id: z.string(), receiptNo: z.string().nullable(), title: z.string(), label: z.string(), domain: proposalDomain.nullable() }),
        ),
        reviewers: z.object({ total: z.number().int(), accepted: z.number().int(), invited: z.number().int(), declined: z.number().int() }),
      }),
    },
  }),
  config: route('PUT', '/api/v1/review/calls/:program/:call/config', {
    params: callParams,
    body: z.object({
      blind: z.boolean(),
      conflictYears: z.number().int(),
      aggregation: z.object({ method: z.enum(['mean', 'trimmed']), trimMinReviewers: z.number().int(), zScore: z.boolean() }),
      rounds: z
        .array(
          z.object({
            key: z.string().max(40),
            name: localizedText,
            weight: z.number(),
            reviewsPerProposal: z.number().int(),
            dueAt: z.iso.datetime({ offset: true }).nullable().optional(),
          }),
        )
        .max(10),
      expectedRevision: z.number().int().min(0),
      reason: z.string().max(4000).optional(),
    }),
    response: { 200: z.object({ status: z.literal('committed'), revision: z.number().int() }) },
  }),
  pool: route('GET', '/api/v1/review/calls/:program/:call/reviewers', {
    params: callParams,
    response: { 200: z.object({ reviewers: z.array(reviewerEntry) }) },
  }),
  invite: route('POST', '/api/v1/review/calls/:program/:call/reviewers', {
    params: callParams,
    // `preview` answers what the invitation would do and changes nothing; without a mode it commits (scripts of before)
    body: inviteInput.extend({ mode: mode.default('commit') }),
    response: {
      200: z.discriminatedUnion('status', [
        z.object({
          status: z.literal('preview'),
          invitee: z.object({ email: z.string(), name: z.string(), hasAccount: z.boolean(), maxLoad: z.number().int(), minLoad: z.number().int() }),
          /** the panels the reviewer joins, and the earliest due instant among them (the mail states it) */
          rounds: z.array(z.object({ key: z.string(), name: text })),
          dueAt: z.string().nullable(),
        }),
        committedReviewer.extend({ invitationUrl: z.string() }),
      ]),
    },
  }),
  updateReviewer: route('PATCH', '/api/v1/review/reviewers/:id', {
    params: reviewIdParam,
    body: reviewerPatch,
    response: { 200: committedReviewer },
  }),
  outbox: route('GET', '/api/v1/review/calls/:program/:call/outbox', {
    params: callParams,
    response: { 200: z.object({ messages: z.array(outboxMessage) }) },
  }),
  invitation: route('GET', '/api/v1/review/invitations/:token', {
    params: tokenParam,
    response: {
      200: z.object({
        name: z.string(),
        email: z.string(),
        status: z.enum(['invited', 'accepted', 'declined']),
        programName: text,
        callName: text,
        linkedToYou: z.boolean(),
      }),
    },
  }),
  respond: route('POST', '/api/v1/review/invitations/:token/response', {
    params: tokenParam,
    body: z.object({ accept: z.boolean() }),
    response: { 200: committedReviewer },
  }),
  conflicts: route('GET', '/api/v1/review/calls/:program/:call/conflicts', {
    params: callParams,
    response: { 200: z.object({ conflicts: z.array(conflictEntry) }) },
  }),
  detectConflicts: route('POST', '/api/v1/review/calls/:program/:call/conflicts/detect', {
    params: callParams,
    response: {
      200: z.object({
        /** conflicts newly found, found no longer, and assignments withdrawn for one */
        added: z.number().int(),
        stale: z.number().int(),
        withdrawn: z.number().int(),
        conflicts: z.array(conflictEntry),
      }),
    },
  }),
  waive: route('POST', '/api/v1/review/conflicts/:id/waiver', {
    params: reviewIdParam,
    body: z.object({ waive: z.boolean(), reason: requiredReason }),
    response: { 200: z.object({ id: z.string(), waived: z.boolean(), waiverReason: z.string().nullable() }) },
  }),
  lateConflicts: route('GET', '/api/v1/review/calls/:program/:call/late-conflicts', {
    params: callParams,
    response: { 200: z.object({ withdrawals: z.array(withdrawal) }) },
  }),
  reassign: route('POST', '/api/v1/review/withdrawals/:id/reassign', {
    params: reviewIdParam,
    body: z.object({ mode, reviewerId: z.uuid().optional(), reason: z.string().trim().max(4000).default('') }),
    response: {
      200: z.object({
        status: z.enum(['preview', 'committed']),
        withdrawal: z.object({ id: z.string(), application: z.string(), reviewer: z.string(), detail: text, sheetSetAside: z.boolean() }),
        /** the solver's proposal, or null and why in proposalReasons */
        proposal: z.object({ reviewerId: z.string(), reviewer: z.string(), score: z.number() }).nullable(),
        proposalReasons: z.array(text),
        /** the reviewer the commit assigns (the proposal unless the office names another) */
        assign: z.object({ applicationId: z.string(), reviewerId: z.string(), reviewer: z.string() }),
      }),
    },
  }),
};
