import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { canUsage } from '../../policies/usage-policy.ts';
import { ApiError, invalid, notFound } from '../errors.ts';
import { blobStoreFor } from '../../blobs/blob-store-for.ts';
import { BlobRejected } from '../../blobs/blob-store.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import { getJob, jobView, type JobRow } from '../../jobs/job-queue.ts';
import { requestUsageCommit, requestUsagePreview, USAGE_IMPORT } from '../../usage/usage-import-job.ts';
import { MAX_SACCT_BYTES } from '../../usage/import-sacct.ts';
import { parseWindowInstant, WindowInstantError } from '../../usage/window-instant.ts';
import { usageImportContract as c, usageImportResult } from '@stagegate/core/contract/usage-import';

/** A sacct --json dump of a large cluster's busy month stays well under this. */
const fileName = z.string().trim().min(1).max(255);

type ImportJobAnswer = z.output<(typeof c.job.schema.response)[200]>['job'];

/** A job as the contract shows it: the report only once done, read back through its schema. */
function importJobView(job: JobRow): ImportJobAnswer {
  const payload = job.payload as { mode?: 'preview' | 'commit' };
  return {
    ...jobView(job),
    mode: payload.mode ?? null,
    progress: job.progress as ImportJobAnswer['progress'],
    result: job.status === 'done' && job.result ? usageImportResult.parse(job.result) : null,
  };
}

function boundOf(text: string | undefined, field: 'start' | 'end'): number | null {
  if (!text) return null;
  try {
    return parseWindowInstant(text, field);
  } catch (e) {
    if (e instanceof WindowInstantError) throw invalid([{ field, message: { ko: '날짜를 2026-04-01처럼 적어 주세요.', en: e.message } }]);
    throw e;
  }
}

/** The office imports usage from the browser: upload a sacct --json file (or pull it), preview, commit — each read by a durable job. */
export const usageImportRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const blobs = blobStoreFor(ctx);
    const { default: multipart } = await import('@fastify/multipart');
    await app.register(multipart, { limits: { fileSize: MAX_SACCT_BYTES, files: 1, fields: 5 } });

    app.post(
      c.upload.path,
      {
        config: { authorize: (a) => canUsage(a, 'import') },
        schema: {
          ...c.upload.schema,
          tags: ['usage'],
          summary: 'Upload a sacct --json file (multipart field "file") to preview and import; kept where every process reads it',
        },
      },
      async (req, reply) => {
        if (!req.isMultipart()) throw new ApiError(415, 'unsupported_media_type', 'send the file as multipart/form-data in a field named "file"', 'file');
        const file = await req.file();
        if (!file) throw invalid([{ field: 'file', message: { ko: '파일이 없습니다.', en: 'no file in the request' } }]);
        const name = fileName.safeParse(file.filename).data ?? 'sacct.json';
        try {
          const stored = await blobs.put(file.file, {
            maxBytes: MAX_SACCT_BYTES,
            headBytes: 64,
            inspectHead: (head) =>
              /^\s*\{/.test(head.toString('utf8')) || head.length === 0 ? undefined : 'not a sacct --json document: it must start with "{"',
          });
          if (file.file.truncated) throw new BlobRejected('too_large', `larger than ${MAX_SACCT_BYTES} bytes`);
          if (stored.sizeBytes === 0) throw new BlobRejected('bad_content', 'the file is empty');
          await appendAudit(ctx.db, req.actor, {
            action: 'usage.upload',
            objectType: 'blob',
            objectId: stored.sha256,
            after: { fileName: name, sizeBytes: stored.sizeBytes },
          });
          return reply.status(201).send({ upload: { sha256: stored.sha256, sizeBytes: stored.sizeBytes, fileName: name } });
        } catch (e) {
          if (e instanceof BlobRejected) {
            const ko = e.reason === 'too_large' ? '파일이 너무 큽니다(최대 2 GiB).' : 'sacct --json 파일이 아닙니다. { 로 시작하는 JSON이어야 합니다.';
            throw new ApiError(e.reason === 'too_large' ? 413 : 422, e.reason, `file: ${e.message}`, 'file', [
              { field: 'file', message: { ko, en: e.message } },
            ]);
          }
          throw e;
        }
      },
    );

    app.post(
      c.request.path,
      {
        config: { authorize: (a) => canUsage(a, 'import') },
        schema: {
          ...c.request.schema,
          tags: ['usage'],
          summary:
            'Queue a usage import job: "preview" reads the source and shows what the covered days would hold; "commit" stores exactly what a finished preview showed',
        },
      },
      async (req, reply) => {
        const body = req.body;
        const res =
          body.mode === 'preview'
            ? await requestUsagePreview(ctx, req.actor!, { source: body.source, start: boundOf(body.start, 'start'), end: boundOf(body.end, 'end') })
            : await requestUsageCommit(ctx, req.actor!, body.previewJobId, body.reason || undefined);
        if (!res.ok) {
          const first = res.issues[0]!;
          throw new ApiError(
            res.status,
            res.status === 422 ? 'invalid' : res.status === 404 ? 'not_found' : 'conflict',
            `${first.field}: ${first.message.en}`,
            first.field,
            res.issues,
          );
        }
        return reply.status(202).send({ job: importJobView(res.job) });
      },
    );

    app.get(
      c.job.path,
      {
        config: { authorize: (a) => canUsage(a, 'import') },
        schema: { ...c.job.schema, tags: ['usage'], summary: 'A usage import job: status, progress (bytes read), and its preview or import report when done' },
      },
      async (req) => {
        const job = await getJob(ctx.db, req.params.jobId);
        if (!job || job.kind !== USAGE_IMPORT) throw notFound('usage import job');
        return { job: importJobView(job) };
      },
    );
  };
