import { z } from 'zod';
import { applicationStatuses } from '../application/application-status.ts';
import { file, route, text } from './route.ts';
import { jobState, jobView } from './job.ts';

/** The most applications one bulk reminder reaches. */
export const MAX_BULK_REMIND = 200;
/** The most organisations one bulk verification touches. */
export const MAX_BULK_VERIFY = 200;
/** The most rows one page of an office list holds, whatever the client asks. */
export const MAX_PAGE_SIZE = 100;
/** The page sizes the lists offer on screen (the API takes any size from 1 to MAX_PAGE_SIZE). */
export const PAGE_SIZES = [25, 50, 100] as const;
/** The most rows one export writes; above it the office narrows the filters first. */
export const MAX_EXPORT_ROWS = 10_000;

/**
 * The columns each list sorts by, named as the API takes them in `sort`. Only these names reach
 * the database (each maps to a fixed expression in the app), so no text from the address becomes SQL.
 */
export const officeSorts = {
  applications: ['submittedAt', 'receiptNo', 'title', 'organisation', 'status'],
  organisations: ['name', 'createdAt', 'verification', 'verifiedAt'],
  jobs: ['createdAt', 'state', 'kind', 'finishedAt'],
  usage: ['day', 'gpuHours', 'task', 'account'],
} as const;
export type OfficeList = keyof typeof officeSorts;
export type OfficeSort<L extends OfficeList> = (typeof officeSorts)[L][number];
export const sortOrders = ['asc', 'desc'] as const;
export type SortOrder = (typeof sortOrders)[number];

/** Each list's order when the address names none (the order it had before it could be sorted). */
export const defaultSorts: { [L in OfficeList]: { sort: OfficeSort<L>; order: SortOrder } } = {
  applications: { sort: 'submittedAt', order: 'desc' },
  organisations: { sort: 'name', order: 'asc' },
  jobs: { sort: 'createdAt', order: 'desc' },
  usage: { sort: 'day', order: 'desc' },
};

const sortQuery = <L extends OfficeList>(list: L) => ({
  sort: z
    .enum(officeSorts[list] as unknown as [OfficeSort<L>, ...OfficeSort<L>[]], `sort is one of ${officeSorts[list].join(', ')}`)
    .default(defaultSorts[list].sort),
  order: z.enum(sortOrders, 'order is asc or desc').default(defaultSorts[list].order),
});

const pageSize = z.coerce.number().int().min(1).max(MAX_PAGE_SIZE, `pageSize is at most ${MAX_PAGE_SIZE}`).default(25);
export const pageQuery = {
  page: z.coerce.number().int().min(1, 'page starts at 1').max(100_000).default(1),
  pageSize,
};
const pageAnswer = { total: z.number().int(), page: z.number().int(), pageSize: z.number().int() };

const slug = z.string().trim().min(1).max(80);
const q = z.string().max(200, 'q is at most 200 characters').default('');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
const verification = z.enum(['verified', 'unverified']);

export const applicationFilters = z.object({
  q,
  program: slug.optional(),
  call: slug.optional(),
  status: z.enum(applicationStatuses).optional(),
  eligibility: z.enum(['eligible', 'ineligible', 'undecided']).optional(),
});

const officeApplication = z.object({
  id: z.string(),
  program: z.string(),
  call: z.string(),
  receiptNo: z.string().nullable(),
  title: z.string().nullable(),
  domain: z.string().nullable(),
  organisationId: z.string(),
  organisationName: z.string(),
  organisationNameEn: z.string().nullable(),
  participantCount: z.number().int(),
  status: z.enum(applicationStatuses),
  /** the office's override, else the verdict frozen at submission; null for a draft */
  eligible: z.boolean().nullable(),
  verdictEligible: z.boolean().nullable(),
  overridden: z.boolean(),
  submittedAt: z.date().nullable(),
  updatedAt: z.date(),
});

const officeOrganisation = z.object({
  id: z.string(),
  nameKo: z.string(),
  nameEn: z.string().nullable(),
  type: z.string(),
  country: z.string(),
  registrationNo: z.string().nullable(),
  verificationStatus: verification,
  verifiedAt: z.date().nullable(),
  /** goes with a verification, so the office never verifies facts it did not see */
  revision: z.number().int(),
  createdAt: z.date(),
});

const bulkVerifyItem = z.object({
  id: z.string(),
  nameKo: z.string().nullable(),
  nameEn: z.string().nullable(),
  before: verification.nullable(),
  after: verification,
  /** `change` is written on commit; `unchanged` already holds; `stale` changed since the office looked; `missing` is no organisation */
  outcome: z.enum(['change', 'unchanged', 'stale', 'missing']),
  currentRevision: z.number().int().nullable(),
});

const officeUsageRow = z.object({
  day: z.string(),
  account: z.string(),
  clusterUsername: z.string(),
  taskId: z.string().nullable(),
  /** the task's key (e.g. K-AI-01), when the account belongs to one */
  task: z.string().nullable(),
  gpuSeconds: z.number().int(),
  gpuHours: z.number(),
  jobs: z.number().int(),
});

const calendarKind = z.enum(['phase', 'call', 'stage-evaluation', 'appeal-window', 'final-evaluation']);
const officeHome = z.object({
  waiting: z.array(
    z.object({
      kind: z.enum(['organisations', 'appeals', 'changeRequests', 'supplements', 'underUse', 'lateConflicts', 'failedJobs']),
      /** how many wait in all; `items` shows the oldest few */
      total: z.number().int(),
      items: z.array(z.object({ id: z.string(), label: text, since: z.string(), link: z.string() })),
    }),
  ),
  calendar: z.object({
    today: z.string(),
    entries: z.array(
      z.object({
        program: z.string(),
        programName: text,
        kind: calendarKind,
        title: text,
        start: z.string(),
        end: z.string(),
        closesAt: z.string().nullable(),
        when: z.enum(['past', 'now', 'upcoming']),
      }),
    ),
    deadlines: z.array(z.object({ program: z.string(), kind: calendarKind, title: text, closesAt: z.string(), daysLeft: z.number().int() })),
  }),
});

const remindItem = z.object({
  id: z.string(),
  title: z.string().nullable(),
  organisationName: z.string().nullable(),
  call: text.nullable(),
  closesAt: z.string().nullable(),
  /** `send` is reminded on commit; the others are left out, each with why */
  outcome: z.enum(['send', 'not-draft', 'call-closed', 'no-recipients', 'missing']),
  /** who gets it: the members of the applying organisation */
  recipients: z.array(z.object({ name: z.string(), email: z.string() })),
});

/** The office's desk and its lists across programs: searched, filtered, sorted, paged, and acted on in bulk. */
export const officeContract = {
  home: route('GET', '/api/v1/office/home', { response: { 200: officeHome } }),
  applications: route('GET', '/api/v1/office/applications', {
    querystring: applicationFilters.extend({ ...sortQuery('applications'), ...pageQuery }),
    response: { 200: z.object({ applications: z.array(officeApplication), ...pageAnswer }) },
  }),
  exportApplications: route('GET', '/api/v1/office/applications/export', {
    querystring: applicationFilters.extend(sortQuery('applications')),
    response: {
      200: file(
        `the filtered applications, at most ${MAX_EXPORT_ROWS} rows, Korean headers`,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ),
    },
  }),
  organisations: route('GET', '/api/v1/office/organisations', {
    querystring: z.object({ q, verification: verification.optional(), ...sortQuery('organisations'), ...pageQuery }),
    response: { 200: z.object({ organisations: z.array(officeOrganisation), ...pageAnswer }) },
  }),
  verifyOrganisations: route('POST', '/api/v1/office/organisations/verification', {
    body: z.object({
      organisations: z
        .array(z.object({ id: z.uuid(), expectedRevision: z.number().int().positive() }))
        .min(1, 'choose at least one organisation')
        .max(MAX_BULK_VERIFY, `at most ${MAX_BULK_VERIFY} organisations at once`),
      verified: z.boolean(),
      mode: z.enum(['preview', 'commit']),
      reason: z.string().trim().max(4000).default(''),
    }),
    response: { 200: z.object({ status: z.enum(['preview', 'committed']), items: z.array(bulkVerifyItem), changed: z.number().int() }) },
  }),
  jobs: route('GET', '/api/v1/office/jobs', {
    querystring: z.object({ q, state: jobState.optional(), kind: z.string().trim().min(1).max(80).optional(), ...sortQuery('jobs'), ...pageQuery }),
    response: { 200: z.object({ jobs: z.array(jobView), ...pageAnswer }) },
  }),
  usage: route('GET', '/api/v1/office/usage', {
    querystring: z.object({
      account: z.string().trim().min(1).max(120).optional(),
      from: day.optional(),
      to: day.optional(),
      ...sortQuery('usage'),
      /** where the last page ended, as the previous answer gave it (it holds the sort it was made for) */
      cursor: z.string().max(600).optional(),
      pageSize,
    }),
    response: { 200: z.object({ usage: z.array(officeUsageRow), nextCursor: z.string().nullable(), pageSize: z.number().int() }) },
  }),
  remindDrafts: route('POST', '/api/v1/office/applications/reminders', {
    body: z.object({
      applications: z.array(z.uuid()).min(1, 'choose at least one application').max(MAX_BULK_REMIND, `at most ${MAX_BULK_REMIND} applications at once`),
      mode: z.enum(['preview', 'commit']),
      reason: z.string().trim().max(4000).default(''),
    }),
    response: {
      200: z.object({ status: z.enum(['preview', 'committed']), items: z.array(remindItem), applications: z.number().int(), recipients: z.number().int() }),
    },
  }),
};
