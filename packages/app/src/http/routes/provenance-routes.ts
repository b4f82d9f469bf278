import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { canProvenance } from '../../policies/provenance-policy.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import { ApiError, invalid, notFound } from '../errors.ts';
import { renderReportHtml } from '../../provenance/index.ts';
import { checkpointsRoot, listCheckpoints } from '../../provenance/checkpoints-root.ts';
import { attachEvidence, getComparison, listComparisons, listEvidence, startComparison } from '../../provenance/comparison-store.ts';
import { MAX_UPLOAD_BYTES, storeUpload } from '../../provenance/uploads.ts';
import { provenanceContract as c } from '@stagegate/core/contract/provenance';

export const provenanceRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const root = () => checkpointsRoot(ctx.config);
    const { default: multipart } = await import('@fastify/multipart');
    await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });

    app.get(
      c.checkpoints.path,
      {
        config: { authorize: (a) => canProvenance(a, 'read') },
        schema: { ...c.checkpoints.schema, tags: ['provenance'], summary: 'Checkpoints in the allowed folder on the server (files and sharded folders)' },
      },
      async () => {
        return { root: root(), checkpoints: await listCheckpoints(root()) };
      },
    );

    app.post(
      c.upload.path,
      {
        config: { authorize: (a) => canProvenance(a, 'upload') },
        schema: { ...c.upload.schema, tags: ['provenance'], summary: 'Upload a small .safetensors file (multipart field "file") into the checkpoints folder' },
      },
      async (req, reply) => {
        if (!req.isMultipart()) throw new ApiError(415, 'unsupported_media_type', 'send the file as multipart/form-data in a field named "file"', 'file');
        const file = await req.file();
        if (!file) throw invalid([{ field: 'file', message: { ko: '파일이 없습니다', en: 'no file in the request' } }]);
        const res = await storeUpload(root(), { stream: file.file, fileName: file.filename });
        if (res.status === 'invalid') throw invalid(res.issues);
        if (res.status === 'too_large') throw new ApiError(413, 'too_large', res.message, 'file');
        await appendAudit(ctx.db, req.actor, {
          action: 'provenance.upload',
          objectType: 'checkpoint',
          objectId: res.path,
          after: { bytes: res.bytes, fileName: file.filename },
        });
        return reply.status(201).send(res);
      },
    );

    app.get(
      c.comparisons.path,
      {
        config: { authorize: (a) => canProvenance(a, 'read') },
        schema: { ...c.comparisons.schema, tags: ['provenance'], summary: 'Comparisons, newest first, with their job status' },
      },
      async () => ({ comparisons: await listComparisons(ctx.db) }),
    );

    app.post(
      c.start.path,
      {
        config: { authorize: (a) => canProvenance(a, 'start') },
        schema: {
          ...c.start.schema,
          tags: ['provenance'],
          summary: 'Compare a candidate checkpoint with references (paths inside the checkpoints folder): preview, or commit to queue the job',
        },
      },
      async (req, reply) => {
        const res = await startComparison(ctx.db, root(), req.actor!, req.body);
        if (res.status === 'invalid') throw invalid(res.issues);
        if (res.status === 'committed') return reply.status(202).send(res);
        return res;
      },
    );

    app.get(
      c.comparison.path,
      {
        config: { authorize: (a) => canProvenance(a, 'read') },
        schema: { ...c.comparison.schema, tags: ['provenance'], summary: 'One comparison: job progress, and the report when done' },
      },
      async (req) => {
        const found = await getComparison(ctx.db, req.params.id);
        if (!found) throw notFound('comparison');
        const c = found.comparison;
        return {
          id: c.id,
          label: c.label,
          candidatePath: c.candidatePath,
          referencePaths: c.referencePaths,
          verdict: c.verdict,
          createdAt: c.createdAt,
          job: found.job,
          report: c.report,
          evidence: found.evidence,
        };
      },
    );

    app.get(
      c.reportHtml.path,
      {
        config: { authorize: (a) => canProvenance(a, 'read') },
        schema: { ...c.reportHtml.schema, tags: ['provenance'], summary: 'The report as a self-contained HTML page (ko or en)' },
      },
      async (req, reply) => {
        const found = await getComparison(ctx.db, req.params.id);
        if (!found) throw notFound('comparison');
        if (!found.comparison.report)
          throw new ApiError(409, 'not_ready', `the comparison is ${found.job.status}; the report exists once it is done`, 'status');
        return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderReportHtml(found.comparison.report, req.query.lang));
      },
    );

    app.post(
      c.attach.path,
      {
        config: { authorize: (a) => canProvenance(a, 'attach') },
        schema: {
          ...c.attach.schema,
          tags: ['provenance'],
          summary: "Attach the report to a task's stage evaluation as evidence for a gate (e.g. originality)",
        },
      },
      async (req, reply) => {
        const res = await attachEvidence(ctx.db, req.actor!, req.params.id, req.body);
        if (res.status === 'not_found') throw notFound('comparison');
        if (res.status === 'invalid') throw invalid(res.issues);
        return reply.status(res.status === 'committed' ? 201 : 200).send(res);
      },
    );

    app.get(
      c.taskEvidence.path,
      {
        config: { authorize: (a) => canProvenance(a, 'read') },
        schema: { ...c.taskEvidence.schema, tags: ['provenance'], summary: 'Gate evidence attached to a task' },
      },
      async (req) => ({
        evidence: await listEvidence(ctx.db, req.params.taskId),
      }),
    );
  };
