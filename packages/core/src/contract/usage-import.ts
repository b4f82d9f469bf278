import { z } from 'zod';
import { route } from './route.ts';
import { jobView } from './job.ts';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const fileName = z.string().trim().min(1).max(255);

/** Task by task, what the covered days hold now and after (task null: accounts no task holds). */
const usageChange = z.object({
  taskId: z.string().nullable(),
  task: z.string().nullable(),
  program: z.string().nullable(),
  beforeGpuHours: z.number(),
  afterGpuHours: z.number(),
});

/** A preview's report, and an import's (the same, plus what it stored). */
export const usageImportResult = z.object({
  mode: z.enum(['preview', 'commit']),
  source: z.string(),
  firstDay: z.string().nullable(),
  lastDay: z.string().nullable(),
  jobsRead: z.number().int(),
  rowsToWrite: z.number().int(),
  changes: z.array(usageChange),
  unmappedAccounts: z.array(z.string()),
  unmappedCount: z.number().int(),
  notCharged: z.object({ count: z.number().int(), byReason: z.record(z.string(), z.number()) }),
  /** the stored rows of the covered days when read: an import over changed days is refused */
  storedFingerprint: z.string(),
  /** a pull's sacct answer as the preview took it (kept, so the commit stores exactly it) */
  pulled: z.object({ sha256: z.string(), takenAt: z.number(), label: z.string() }).optional(),
  previewJobId: z.string().nullable().optional(),
  importId: z.string().optional(),
  rowsWritten: z.number().int().optional(),
  rowsReplaced: z.number().int().optional(),
});

const importJob = jobView.extend({
  mode: z.enum(['preview', 'commit']).nullable().optional(),
  progress: z
    .object({ phase: z.enum(['reading', 'pulling', 'comparing']).optional(), bytesRead: z.number().optional(), totalBytes: z.number().optional() })
    .nullable(),
  result: usageImportResult.nullable(),
});

/** Why a GPU job was charged nothing (counted in full, listed up to a cap in file order). */
const notChargedReason = z.enum(['never-started', 'finished-without-duration', 'running-without-dump-end']);

/** What a direct import stored: the Seoul days it replaced, and what it read. */
const directImportReport = z.object({
  importId: z.string(),
  firstDay: z.string().nullable(),
  lastDay: z.string().nullable(),
  jobsRead: z.number().int(),
  rowsWritten: z.number().int(),
  rowsReplaced: z.number().int(),
  unmappedAccounts: z.array(z.string()),
  notCharged: z.object({
    count: z.number().int(),
    byReason: z.partialRecord(notChargedReason, z.number().int()),
    jobs: z.array(
      z.object({ jobId: z.string(), account: z.string(), user: z.string(), state: z.string().nullable(), gpus: z.number().int(), reason: notChargedReason }),
    ),
  }),
});

export const usageImportSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('upload'), sha256, fileName }).strict(),
  z.object({ kind: z.literal('slurm') }).strict(),
]);

/** The office imports usage: upload a sacct --json file, then a preview job and an import job (or a document sent whole). */
export const usageImportContract = {
  /** a sacct --json document in the body, imported at once: replaces the Seoul days it covers, all or nothing */
  importDocument: route('POST', '/api/v1/usage/imports', {
    body: z.object({ sacct: z.record(z.string(), z.unknown()), start: z.string().optional(), end: z.string().optional() }),
    response: { 200: directImportReport },
  }),
  upload: route('POST', '/api/v1/usage/uploads', {
    response: { 201: z.object({ upload: z.object({ sha256, sizeBytes: z.number().int(), fileName: z.string() }) }) },
  }),
  request: route('POST', '/api/v1/usage/import-jobs', {
    body: z.discriminatedUnion('mode', [
      z
        .object({
          mode: z.literal('preview'),
          source: usageImportSource,
          /** ISO 8601; a bare date is a Seoul midnight. The window is [start, end). */
          start: z.string().max(40).optional(),
          end: z.string().max(40).optional(),
        })
        .strict(),
      z.object({ mode: z.literal('commit'), previewJobId: z.uuid(), reason: z.string().trim().max(2000).optional() }).strict(),
    ]),
    response: { 202: z.object({ job: importJob }) },
  }),
  job: route('GET', '/api/v1/usage/import-jobs/:jobId', {
    params: z.object({ jobId: z.uuid() }),
    response: { 200: z.object({ job: importJob }) },
  }),
};
