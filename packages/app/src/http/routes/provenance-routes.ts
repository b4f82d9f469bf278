import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { canProvenance } from '../../policies/provenance-policy.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import { ApiError, invalid, notFound } from '../errors.ts';
import { renderReportHtml } from '../../provenance/index.ts';
import { checkpointsRoot, listCheckpoints } from '../../provenance-store/checkpoints-root.ts';
import { attachEvidence, getComparison, listComparisons, listEvidence, startComparison } from '../../provenance-store/comparison-store.ts';
import { MAX_UPLOAD_BYTES, storeUpload } from '../../provenance-store/uploads.ts';

const idParam = z.object({ id: z.uuid() });

export const provenanceRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const root = () => checkpointsRoot(ctx.config);
  const { default: multipart } = await import('@fastify/multipart');
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });

  app.get('/api/v1/provenance/checkpoints', { config: { authorize: (a) => canProvenance(a, 'read') }, schema: { tags: ['provenance'], summary: 'Checkpoints in the allowed folder on the server (files and sharded folders)' } }, async () => {
    return { root: root(), checkpoints: await listCheckpoints(root()) };
  });

  app.post('/api/v1/provenance/uploads', { config: { authorize: (a) => canProvenance(a, 'upload') }, schema: { tags: ['provenance'], summary: 'Upload a small .safetensors file (multipart field "file") into the checkpoints folder' } }, async (req, reply) => {
    if (!req.isMultipart()) throw new ApiError(415, 'unsupported_media_type', 'send the file as multipart/form-data in a field named "file"', 'file');
    const file = await req.file();
    if (!file) throw invalid([{ field: 'file', message: { ko: '파일이 없습니다', en: 'no file in the request' } }]);
    const res = await storeUpload(root(), { stream: file.file, fileName: file.filename });
    if (res.status === 'invalid') throw invalid(res.issues);
    if (res.status === 'too_large') throw new ApiError(413, 'too_large', res.message, 'file');
    await appendAudit(ctx.db, req.actor, { action: 'provenance.upload', objectType: 'checkpoint', objectId: res.path, after: { bytes: res.bytes, fileName: file.filename } });
    return reply.status(201).send(res);
  });

  app.get('/api/v1/provenance/comparisons', { config: { authorize: (a) => canProvenance(a, 'read') }, schema: { tags: ['provenance'], summary: 'Comparisons, newest first, with their job status' } }, async () => ({ comparisons: await listComparisons(ctx.db) }));

  app.post(
    '/api/v1/provenance/comparisons',
    {
      config: { authorize: (a) => canProvenance(a, 'start') },
      schema: {
        tags: ['provenance'],
        summary: 'Compare a candidate checkpoint with references (paths inside the checkpoints folder): preview, or commit to queue the job',
        body: z.object({ candidate: z.string().max(2000), references: z.array(z.string().max(2000)).max(20), label: z.string().max(200).optional(), mode: z.enum(['preview', 'commit']) }),
      },
    },
    async (req, reply) => {
      const res = await startComparison(ctx.db, root(), req.actor!, req.body);
      if (res.status === 'invalid') throw invalid(res.issues);
      if (res.status === 'committed') return reply.status(202).send(res);
      return res;
    },
  );

  app.get('/api/v1/provenance/comparisons/:id', { config: { authorize: (a) => canProvenance(a, 'read') }, schema: { tags: ['provenance'], summary: 'One comparison: job progress, and the report when done', params: idParam } }, async (req) => {
    const found = await getComparison(ctx.db, req.params.id);
    if (!found) throw notFound('comparison');
    const c = found.comparison;
    return { id: c.id, label: c.label, candidatePath: c.candidatePath, referencePaths: c.referencePaths, verdict: c.verdict, createdAt: c.createdAt, job: found.job, report: c.report, evidence: found.evidence };
  });

  app.get(
    '/api/v1/provenance/comparisons/:id/report.html',
    { config: { authorize: (a) => canProvenance(a, 'read') }, schema: { tags: ['provenance'], summary: 'The report as a self-contained HTML page (ko or en)', params: idParam, querystring: z.object({ lang: z.enum(['ko', 'en']).default('ko') }) } },
    async (req, reply) => {
      const found = await getComparison(ctx.db, req.params.id);
      if (!found) throw notFound('comparison');
      if (!found.comparison.report) throw new ApiError(409, 'not_ready', `the comparison is ${found.job.status}; the report exists once it is done`, 'status');
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderReportHtml(found.comparison.report, req.query.lang));
    },
  );

  app.post(
    '/api/v1/provenance/comparisons/:id/evidence',
    {
      config: { authorize: (a) => canProvenance(a, 'attach') },
      schema: {
        tags: ['provenance'],
        summary: "Attach the report to a task's stage evaluation as evidence for a gate (e.g. originality)",
        params: idParam,
        body: z.object({ taskId: z.uuid(), stageKey: z.string().min(1).max(80), gateKey: z.string().min(1).max(80), note: z.string().max(2000).optional() }),
      },
    },
    async (req, reply) => {
      const res = await attachEvidence(ctx.db, req.actor!, req.params.id, req.body);
      if (res.status === 'not_found') throw notFound('comparison');
      if (res.status === 'invalid') throw invalid(res.issues);
      return reply.status(res.status === 'committed' ? 201 : 200).send(res);
    },
  );

  app.get('/api/v1/provenance/tasks/:taskId/evidence', { config: { authorize: (a) => canProvenance(a, 'read') }, schema: { tags: ['provenance'], summary: 'Gate evidence attached to a task', params: z.object({ taskId: z.uuid() }) } }, async (req) => ({
    evidence: await listEvidence(ctx.db, req.params.taskId),
  }));
};
