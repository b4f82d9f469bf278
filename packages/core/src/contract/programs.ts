import { z } from 'zod';
import { call, gpuPool, phase, programDefinition, supportType } from '../program/definition.ts';
import { callDocument, callDocumentMediaTypes } from '../call/call-document.ts';
import { callStates } from '../call/call-state.ts';
import { localizedText } from '../shared/localized.ts';
import { file, route, slugParam, text } from './route.ts';

export const programSummary = z.object({
  slug: z.string(),
  revision: z.number().int(),
  name: localizedText,
  shortName: localizedText,
  description: localizedText,
  supportTypes: z.array(supportType),
  taskCount: z.number().int(),
  gpuPools: z.array(gpuPool),
  phases: z.array(phase),
  calls: z.array(call),
});

/** one changed leaf, with the words for its field where the program store names them */
const fieldChange = z.object({ field: z.string(), label: text.optional(), before: z.unknown(), after: z.unknown() });

/** An application whose eligibility verdict an edit of the rules would turn (the preview of a program edit). */
const verdictChange = z.object({
  applicationId: z.string(),
  receiptNo: z.string().nullable(),
  title: z.string().nullable(),
  lead: text,
  status: z.string(),
  before: z.boolean(),
  after: z.boolean(),
  rules: z.array(z.object({ id: z.string(), message: text })),
  overridden: z.boolean(),
  /** the call applied to and its state now (an open call's applicants can still act on the new verdict) */
  call: z.object({ key: z.string(), name: text, state: z.enum(callStates).nullable(), stateLabel: text.nullable(), open: z.boolean() }),
});

/** Validate → preview → commit of a program definition; invalid and conflict answer 422 and 409. */
const programMutation = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('preview'),
    changes: z.array(fieldChange),
    verdictChanges: z.object({ changes: z.array(verdictChange), judged: z.number().int(), notJudged: z.number().int() }).nullish(),
    slug: z.string().optional(),
  }),
  z.object({ status: z.literal('unchanged'), slug: z.string().optional() }),
  z.object({ status: z.literal('committed'), changes: z.array(fieldChange), revision: z.number().int(), slug: z.string().optional() }),
]);

const mode = z.enum(['preview', 'commit']);

/** Programs (public) and the documents their calls publish. */
export const programsContract = {
  list: route('GET', '/api/v1/programs', {
    response: { 200: z.object({ programs: z.array(programSummary) }) },
  }),
  get: route('GET', '/api/v1/programs/:slug', {
    params: slugParam,
    response: { 200: z.object({ slug: z.string(), revision: z.number().int(), updatedAt: z.date(), definition: programDefinition }) },
  }),
  update: route('PUT', '/api/v1/programs/:slug', {
    params: slugParam,
    body: z.object({
      definition: z.record(z.string(), z.unknown()),
      expectedRevision: z.number().int().positive(),
      mode,
      reason: z.string().max(2000).optional(),
    }),
    response: { 200: programMutation },
  }),
  import: route('POST', '/api/v1/programs', {
    body: z.object({ definition: z.record(z.string(), z.unknown()), mode }),
    response: { 200: programMutation },
  }),
  uploadCallDocument: route('POST', '/api/v1/programs/:slug/call-documents', {
    params: slugParam,
    response: { 201: z.object({ document: callDocument.pick({ fileName: true, sha256: true, sizeBytes: true, mediaType: true }) }) },
  }),
  callDocument: route('GET', '/api/v1/calls/:program/:call/documents/:sha256', {
    params: z.object({ program: z.string().min(1).max(80), call: z.string().min(1).max(80), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
    response: { 200: file('the document as the office uploaded it', ...Object.values(callDocumentMediaTypes)) },
  }),
};
