import { z } from 'zod';
import { applicationStatuses } from '../application/application-status.ts';
import { proposalDraft } from '../application/proposal.ts';
import type { EligibilityRule } from '../eligibility/rules.ts';
import { file, route, text, uuidParam } from './route.ts';
import { callSummary, writtenReason } from './calls.ts';

const fieldIssue = z.object({ field: z.string(), message: text });
const status = z.enum(applicationStatuses);

/** A proposal as stored: a draft may miss any field (the submission checks completeness). */
export const storedProposal = z.object(proposalDraft.shape);

const ruleKinds = [
  'allowedLeadTypes',
  'allowedParticipantTypes',
  'requiredMemberType',
  'excludedOrganisations',
  'domesticOnly',
  'consortiumSize',
  'maxApplicationsPerLead',
] as const satisfies readonly EligibilityRule['kind'][];

/** How each rule of the program judged a consortium, in the program's order (core's `Verdict`). */
export const verdict = z.object({
  eligible: z.boolean(),
  rules: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(ruleKinds),
      passed: z.boolean(),
      message: text,
      /** names of the members that caused a failure */
      members: z.array(z.string()),
      /** a pass that rests on facts the office has not verified yet: those members' names (absent in verdicts stored before it existed) */
      pending: z.array(z.string()).optional(),
    }),
  ),
  // verdicts stored before pending verification existed have no such field: they are still read, not a 500
  pendingVerification: z
    .object({ members: z.array(z.string()), message: text })
    .nullable()
    .optional(),
});

/** The office's written override of a verdict, shown beside it. */
export const eligibilityOverride = z.object({ eligible: z.boolean(), reason: z.string(), by: z.string(), byLabel: z.string(), at: z.string() });

export const application = z.object({
  id: z.string(),
  program: z.string(),
  call: z.string(),
  organisationId: z.string(),
  status,
  currentVersion: z.number().int(),
  /** the consortium as stored: organisation ids and roles, the records' facts beside them */
  consortium: z.unknown(),
  proposal: storedProposal,
  receiptNo: z.string().nullable(),
  submittedAt: z.date().nullable(),
  submittedHash: z.string().nullable(),
  eligibilityOverride: eligibilityOverride.nullable(),
  extendedUntil: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const attachment = z.object({ id: z.string(), fileName: z.string(), sizeBytes: z.number().int(), sha256: z.string(), uploadedAt: z.date() });

export const receipt = z.object({
  receiptNo: z.string(),
  applicationId: z.string(),
  program: z.string(),
  call: z.string(),
  version: z.number().int(),
  hash: z.string(),
  submittedAt: z.string(),
});

const versionKind = z.enum(['draft', 'conflicted', 'submitted']);

/** One step of an application's history, oldest first. */
export const historyEvent = z.object({
  kind: z.enum(['created', 'submitted', 'eligibility', 'eligibility-override', 'withdrawn', 'reopened', 'under-review', 'round', 'result']),
  at: z.string(),
  /** what the step says beyond its kind: a receipt number, a verdict, a selection round, an outcome */
  detail: z.object({
    receiptNo: z.string().nullable().optional(),
    eligible: z.boolean().nullable().optional(),
    pendingVerification: z.boolean().optional(),
    round: z.string().optional(),
    roundKo: z.string().optional(),
    roundEn: z.string().optional(),
    passed: z.boolean().optional(),
    outcome: z.string().optional(),
    published: z.boolean().optional(),
  }),
  /** the office's written reason, or the words of an outcome */
  reason: z.union([text, z.string()]).nullable().optional(),
});

/** The API's error body. */
const apiError = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional(), issues: z.array(fieldIssue).optional() }),
});

/** A save based on an older version: nothing is overwritten, the edit is kept as a conflicted version, and the current one comes back to merge with. */
const saveConflict = z.object({
  error: z.object({ code: z.literal('conflict'), message: z.string(), field: z.string().optional(), issues: z.array(fieldIssue).optional() }),
  currentVersion: z.number().int(),
  current: z.object({ consortium: z.unknown(), proposal: storedProposal }),
  conflictedVersion: z.number().int(),
});

const saved = { 200: z.object({ version: z.number().int(), savedAt: z.date() }), 409: z.union([saveConflict, apiError]) };

/** What submitting would freeze, before anything is written. */
const submitPreview = z.object({
  status: z.literal('preview'),
  version: z.number().int(),
  title: z.string(),
  attachments: z.number().int(),
  /** when the call closes for this application (an extension included), by the database clock */
  closesAt: z.string(),
  now: z.string(),
  eligible: z.boolean(),
});

const versionParams = uuidParam.extend({ version: z.coerce.number().int().positive() });
const attachmentParams = uuidParam.extend({ attachmentId: z.uuid() });
const eligibilityAnswer = { verdict: verdict.nullable(), issues: z.array(fieldIssue), eligible: z.boolean() };

/** Applications: drafts and their versions, attachments, submission and receipts, eligibility. */
export const applicationsContract = {
  checkEligibility: route('POST', '/api/v1/eligibility/check', {
    body: z.object({ program: z.string().min(1).max(80), call: z.string().max(80).optional(), organisationId: z.uuid(), consortium: z.unknown() }),
    response: { 200: z.object(eligibilityAnswer) },
  }),
  list: route('GET', '/api/v1/applications', {
    response: {
      200: z.object({
        applications: z.array(
          z.object({
            id: z.string(),
            program: z.string(),
            call: z.string(),
            organisationId: z.string(),
            status,
            title: z.string().nullable(),
            receiptNo: z.string().nullable(),
            currentVersion: z.number().int(),
            updatedAt: z.date(),
          }),
        ),
      }),
    },
  }),
  create: route('POST', '/api/v1/applications', {
    body: z.object({
      program: z.string().min(1).max(80),
      call: z.string().min(1).max(80),
      organisationId: z.uuid(),
      consortium: z.unknown().optional(),
      proposal: z.unknown().optional(),
    }),
    response: { 201: z.object({ application }) },
  }),
  get: route('GET', '/api/v1/applications/:id', {
    params: uuidParam,
    response: {
      200: z.object({
        application,
        attachments: z.array(attachment),
        call: callSummary.nullable(),
        permissions: z.object({ edit: z.boolean(), submit: z.boolean(), withdraw: z.boolean(), reopen: z.boolean(), overrideEligibility: z.boolean() }),
      }),
    },
  }),
  history: route('GET', '/api/v1/applications/:id/history', {
    params: uuidParam,
    response: { 200: z.object({ events: z.array(historyEvent) }) },
  }),
  save: route('PATCH', '/api/v1/applications/:id', {
    params: uuidParam,
    body: z.object({ baseVersion: z.number().int().positive(), consortium: z.unknown().optional(), proposal: z.unknown().optional() }),
    response: saved,
  }),
  versions: route('GET', '/api/v1/applications/:id/versions', {
    params: uuidParam,
    response: {
      200: z.object({
        versions: z.array(
          z.object({
            version: z.number().int(),
            kind: versionKind,
            baseVersion: z.number().int().nullable(),
            hash: z.string().nullable(),
            savedBy: z.string().nullable(),
            savedAt: z.date(),
          }),
        ),
      }),
    },
  }),
  version: route('GET', '/api/v1/applications/:id/versions/:version', {
    params: versionParams,
    response: {
      200: z.object({
        version: z.number().int(),
        kind: versionKind,
        baseVersion: z.number().int().nullable(),
        hash: z.string().nullable(),
        savedAt: z.date(),
        content: z.unknown(),
      }),
    },
  }),
  restore: route('POST', '/api/v1/applications/:id/versions/:version/restore', {
    params: versionParams,
    body: z.object({ baseVersion: z.number().int().positive() }),
    response: saved,
  }),
  eligibility: route('GET', '/api/v1/applications/:id/eligibility', {
    params: uuidParam,
    response: { 200: z.object({ ...eligibilityAnswer, override: eligibilityOverride.nullable(), frozenVerdict: verdict.nullable() }) },
  }),
  overrideEligibility: route('PUT', '/api/v1/applications/:id/eligibility-override', {
    params: uuidParam,
    body: z.object({ eligible: z.boolean(), reason: writtenReason }),
    response: { 200: z.object({ override: eligibilityOverride }) },
  }),
  /** multipart: the PDF in a field named "file" */
  uploadAttachment: route('POST', '/api/v1/applications/:id/attachments', {
    params: uuidParam,
    response: { 201: z.object({ attachment }) },
  }),
  attachment: route('GET', '/api/v1/applications/:id/attachments/:attachmentId', {
    params: attachmentParams,
    response: { 200: file('the attachment as uploaded', 'application/pdf') },
  }),
  removeAttachment: route('DELETE', '/api/v1/applications/:id/attachments/:attachmentId', {
    params: attachmentParams,
    response: { 200: z.object({ removed: z.literal(true) }) },
  }),
  submit: route('POST', '/api/v1/applications/:id/submit', {
    params: uuidParam,
    body: z.object({ version: z.number().int().positive(), mode: z.enum(['preview', 'commit']).default('commit') }),
    response: {
      /** the preview, or the receipt again for a retried submission */
      200: z.union([submitPreview, z.object({ receipt, replayed: z.literal(true) })]),
      201: z.object({ receipt, replayed: z.literal(false) }),
    },
  }),
  receipt: route('GET', '/api/v1/applications/:id/receipt', {
    params: uuidParam,
    response: { 200: z.object({ receipt }) },
  }),
  receiptDownload: route('GET', '/api/v1/applications/:id/receipt/download', {
    params: uuidParam,
    querystring: z.object({ format: z.enum(['txt', 'pdf']).default('txt') }),
    response: { 200: file('the receipt: UTF-8 text (default) or a Korean PDF', 'text/plain', 'application/pdf') },
  }),
  withdraw: route('POST', '/api/v1/applications/:id/withdraw', {
    params: uuidParam,
    body: z.object({ reason: z.string().max(4000).optional() }),
    response: { 200: z.object({ status }) },
  }),
  reopen: route('POST', '/api/v1/applications/:id/reopen', {
    params: uuidParam,
    body: z.object({ reason: writtenReason, extendedUntil: z.iso.datetime({ offset: true }).optional() }),
    response: { 200: z.object({ status }) },
  }),
};
