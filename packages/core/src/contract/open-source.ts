import { z } from 'zod';
import { isCalendarDay } from '../allocation/calendar-day.ts';
import { route, text } from './route.ts';

/** A release of a task's model as its team (or the office) records it. */
export const releaseInput = z.object({
  taskId: z.uuid(),
  modelName: z.string().trim().min(1).max(200),
  url: z.url().refine((u) => /^https:\/\//.test(u), 'https links only'),
  licence: z.string().trim().min(1).max(200),
  releasedOn: z.string().refine(isCalendarDay, 'expected a date YYYY-MM-DD'),
  /** what the release makes public (the licence is judged on its own); a release without them published weights */
  weights: z.boolean().default(true),
  code: z.boolean().default(false),
  data: z.boolean().default(false),
});

/** A licence (SPDX expression) judged against the OSI-approved list and the program's rule. */
const licenceCheck = z.object({
  licence: z.string(),
  osiApproved: z.boolean(),
  required: z.boolean(),
  verdict: z.enum(['pass', 'fail', 'notRequired', 'invalid']),
  findings: z.array(z.object({ id: z.string(), canonical: z.string().optional(), osiApproved: z.boolean(), note: text.optional() })),
  message: text,
});

const publicRelease = z.object({
  id: z.string(),
  program: z.string(),
  programName: text.nullable(),
  taskKey: z.string(),
  taskName: text,
  modelName: z.string(),
  url: z.string(),
  licence: z.string(),
  releasedOn: z.string(),
  openness: z.object({ weights: z.boolean(), code: z.boolean(), data: z.boolean() }),
  check: licenceCheck,
});

/** A recorded release as stored, with its licence check (`check` repeats `licenceCheck`). */
const recordedRelease = z.object({
  id: z.string(),
  taskId: z.string(),
  programSlug: z.string(),
  modelName: z.string(),
  url: z.string(),
  licence: z.string(),
  releasedOn: z.string(),
  licenceCheck,
  weightsReleased: z.boolean(),
  codeReleased: z.boolean(),
  dataReleased: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
  check: licenceCheck,
});

const taskOpenness = z.object({
  program: z.string(),
  programName: text,
  taskKey: z.string(),
  taskName: text,
  declaration: z.object({
    opennessTier: z.string(),
    budgetWon: z.number(),
    tierName: text,
    teamShareWon: z.number(),
    source: z.enum(['task', 'proposal']),
  }),
  releases: z.array(
    z.object({ modelName: z.string(), releasedOn: z.string(), weights: z.boolean(), code: z.boolean(), data: z.boolean(), osiLicence: z.boolean() }),
  ),
  /** null while the releases reach the declared tier (or none is recorded yet) */
  flag: z
    .object({
      declaredTier: z.string(),
      reachedTier: z.string().nullable(),
      budgetWon: z.number(),
      declaredShareWon: z.number(),
      reachedShareWon: z.number(),
      differenceWon: z.number(),
      message: text,
    })
    .nullable(),
});

/** The public registry of open-source releases, the licence rule per program, and the office's openness review. */
export const openSourceContract = {
  releases: route('GET', '/api/v1/open-source/releases', {
    querystring: z.object({ program: z.string().max(80).optional() }),
    response: {
      200: z.object({ releases: z.array(publicRelease), policies: z.array(z.object({ program: z.string(), requiresOpenSource: z.boolean() })) }),
    },
  }),
  record: route('POST', '/api/v1/open-source/releases', {
    body: releaseInput,
    response: { 201: z.object({ release: recordedRelease }) },
  }),
  openness: route('GET', '/api/v1/open-source/openness', {
    querystring: z.object({ program: z.string().min(1).max(80).optional() }),
    response: { 200: z.object({ tasks: z.array(taskOpenness), flagged: z.number().int() }) },
  }),
  licenceCheck: route('GET', '/api/v1/open-source/licence-check', {
    querystring: z.object({ licence: z.string().min(1).max(200), program: z.string().max(80).optional() }),
    response: { 200: z.object({ check: licenceCheck, osiApprovedIds: z.number().int() }) },
  }),
  policy: route('PUT', '/api/v1/open-source/policies/:program', {
    params: z.object({ program: z.string().min(1).max(80) }),
    body: z.object({ requiresOpenSource: z.boolean(), reason: z.string().max(2000).optional() }),
    response: { 200: z.object({ status: z.enum(['unchanged', 'committed']) }) },
  }),
};
