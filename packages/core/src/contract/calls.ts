import { z } from 'zod';
import { callFormConfig, fieldRequirement } from '../application/form-config.ts';
import { applicationStatuses } from '../application/application-status.ts';
import { proposalDomains, proposalFields } from '../application/proposal.ts';
import { callActions, callStates } from '../call/call-state.ts';
import { callBriefing, callDocument } from '../call/call-document.ts';
import { costShareScheme } from '../program/cost-share.ts';
import { file, route, text } from './route.ts';

export const callParams = z.object({ program: z.string().min(1).max(80), call: z.string().min(1).max(80) });

/** A reason the office must write (audited with the change). */
export const writtenReason = z.string().trim().min(1, 'a written reason is required').max(4000);

/**
 * A call as applicants and the office meet it: the program's published call, its form and its
 * effective window; its state, label and the office's next steps by the database's clock.
 */
export const callSummary = z.object({
  program: z.string(),
  programName: text,
  key: z.string(),
  name: text,
  notice: text.nullable(),
  /** the briefing session and the published documents (downloadable once the call opens) */
  briefing: callBriefing.nullable(),
  documents: z.array(callDocument),
  receiptPrefix: z.string(),
  /** the effective window (an office override included), ISO instants */
  opens: z.string(),
  closes: z.string(),
  /** the window the program's data publishes */
  publishedWindow: z.object({ opens: z.string(), closes: z.string() }),
  /** why the window differs from the program's data, if it does */
  windowOverride: z.object({ reason: z.string().nullable() }).nullable(),
  open: z.boolean(),
  /** the call's step (draft → open → closed → under review → results published) */
  state: z.enum(callStates),
  stateLabel: text,
  /** the office's next steps for this call */
  actions: z.array(z.enum(callActions)),
  taskSlots: z.number().int(),
  form: callFormConfig,
  phases: z.array(z.object({ key: z.string(), name: text, start: z.string(), end: z.string() })),
  /** the program's openness tiers and the team's own share at each; null when it has none */
  costShare: costShareScheme.nullable(),
});

/** One row of the office's table of a call's applications. */
export const callTableRow = z.object({
  id: z.string(),
  receiptNo: z.string().nullable(),
  title: z.string().nullable(),
  leadName: z.string().nullable(),
  organisationId: z.string(),
  organisationName: z.string().nullable(),
  participantCount: z.number().int(),
  domain: z.enum(proposalDomains).nullable(),
  /** the verdict (frozen at submission, else judged now), and the office's override when there is one */
  eligible: z.boolean().nullable(),
  verdictEligible: z.boolean().nullable(),
  overridden: z.boolean(),
  status: z.enum(applicationStatuses),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
});

const tableQuery = z.object({
  eligibility: z.enum(['eligible', 'ineligible']).optional(),
  domain: z.enum(proposalDomains).optional(),
  status: z.enum(applicationStatuses).optional(),
});

/** The preview (or commit) of one of the office's steps of a call, with the call as it stands. */
const callStep = z.object({
  status: z.enum(['preview', 'committed']),
  from: z.enum(callStates),
  to: z.enum(callStates),
  opens: z.string(),
  closes: z.string(),
  change: text,
  /** publishing: the decisions that become public */
  publishes: z
    .object({
      selected: z.number().int(),
      reserve: z.number().int(),
      rejected: z.number().int(),
      /** an additional call's recorded "no one selected", which is published with the rest */
      noSelection: z.object({ label: text, reason: z.string(), at: z.date().nullable() }).nullable(),
    })
    .optional(),
  /** closing an open call early: the drafts that could no longer be submitted */
  draftsLeft: z.object({ count: z.number().int(), organisations: z.array(text) }).optional(),
  call: callSummary,
});

/** Calls (public), the office's settings and steps of a call, and its table of applications. */
export const callsContract = {
  list: route('GET', '/api/v1/calls', {
    response: { 200: z.object({ now: z.string(), calls: z.array(callSummary) }) },
  }),
  get: route('GET', '/api/v1/calls/:program/:call', {
    params: callParams,
    response: { 200: z.object({ now: z.string(), call: callSummary }) },
  }),
  settings: route('PUT', '/api/v1/calls/:program/:call/settings', {
    params: callParams,
    body: z.object({
      form: z
        .object({
          fields: z.partialRecord(z.enum(proposalFields), fieldRequirement).optional(),
          maxAttachmentBytes: z
            .number()
            .int()
            .positive()
            .max(1024 * 1024 * 1024)
            .optional(),
          blindReview: z.boolean().optional(),
        })
        .strict()
        .optional(),
      opens: z.iso.datetime({ offset: true }).nullable().optional(),
      closes: z.iso.datetime({ offset: true }).nullable().optional(),
      reason: writtenReason,
    }),
    response: { 200: z.object({ call: callSummary }) },
  }),
  state: route('POST', '/api/v1/calls/:program/:call/state', {
    params: callParams,
    body: z.object({
      action: z.enum(callActions),
      reason: z.string().max(2000),
      closes: z.iso.datetime({ offset: true }).optional(),
      mode: z.enum(['preview', 'commit']),
    }),
    response: { 200: callStep },
  }),
  applications: route('GET', '/api/v1/calls/:program/:call/applications', {
    params: callParams,
    querystring: tableQuery,
    response: { 200: z.object({ applications: z.array(callTableRow) }) },
  }),
  export: route('GET', '/api/v1/calls/:program/:call/applications/export', {
    params: callParams,
    querystring: tableQuery,
    response: { 200: file('the same table as an Excel workbook (Korean headers)', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') },
  }),
};
