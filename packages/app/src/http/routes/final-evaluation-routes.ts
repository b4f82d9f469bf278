import { attachmentDisposition } from '../../documents/safe-file-name.ts';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../auth/actor.ts';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import { canFinalEvaluation, type FinalEvaluationAction } from '../../policies/final-evaluation-policy.ts';
import { ApiError, forbidden, invalid, notFound } from '../errors.ts';
import { blobStoreFor } from '../../blobs/blob-store-for.ts';
import {
  createFinalEvaluation,
  designate,
  enterFinalScores,
  finalTask,
  finalTasks,
  getFinalEvaluation,
  listFinalEvaluations,
  scoresInput,
  uploadFinalReport,
  type FinalEvaluationRow,
  type FinalResult,
} from '../../final-evaluation/final-evaluation-store.ts';
import { acceptOffer, previewAcceptance, getProposal, listProposals, makeOffer, negotiationLimits, negotiationView, offerInput, proposalInput, proposeSupport } from '../../final-evaluation/support-negotiation.ts';
import { isTaskMember, memberTaskIds } from '../../tasks/task-membership.ts';
import { visibleToApplicant } from '../../publication/visible-to-applicant.ts';

const idParam = z.object({ id: z.uuid() });
const taskParams = idParam.extend({ taskId: z.uuid() });

function settle<T>(res: FinalResult<T>) {
  if (res.status === 'invalid') throw invalid(res.issues);
  if (res.status === 'conflict') throw new ApiError(409, 'conflict', res.message);
  return res;
}

const feJson = (fe: FinalEvaluationRow) => ({
  id: fe.id,
  program: fe.programSlug,
  name: fe.name,
  excellenceRule: fe.excellenceRule,
  poolKey: fe.poolKey,
  phaseKey: fe.phaseKey,
  maxExtraGpus: fe.maxExtraGpus,
  supportEarliestStart: fe.supportEarliestStart,
  status: fe.status,
  revision: fe.revision,
});

export const finalEvaluationRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const blobs = blobStoreFor(ctx);
  const { default: multipart } = await import('@fastify/multipart');
  await app.register(multipart, { limits: { fileSize: 1024 * 1024 * 1024, files: 1, fields: 10 } });

  const load = async (id: string) => {
    const fe = await getFinalEvaluation(ctx.db, id);
    if (!fe) throw notFound('final evaluation');
    return fe;
  };
  /** The actor's tasks as published: a task an unpublished selection made is not theirs yet (issue 12 item 8). */
  const publishedMine = async (actor: Actor) => {
    const view = await visibleToApplicant(ctx.db, actor);
    return new Set([...(await memberTaskIds(ctx.db, actor))].filter((id) => !view.hidesTask(id)));
  };
  const hidden = async (actor: Actor, taskId: string) => (await visibleToApplicant(ctx.db, actor)).hidesTask(taskId);
  /** 404 before 403: the task must be in the final evaluation, then the actor must be allowed on it. */
  const loadTaskFor = async (actor: Actor, id: string, taskId: string, action: FinalEvaluationAction) => {
    const fe = await load(id);
    if (!(await finalTask(ctx.db, fe.id, taskId)) || (await hidden(actor, taskId))) throw notFound('task in this final evaluation');
    if (!canFinalEvaluation(actor, action, { memberOfTask: await isTaskMember(ctx.db, actor, taskId) })) throw forbidden();
    return fe;
  };
  const loadProposalFor = async (actor: Actor, id: string) => {
    const p = await getProposal(ctx.db, id);
    if (!p || (await hidden(actor, p.taskId))) throw notFound('support proposal');
    if (!canFinalEvaluation(actor, 'negotiate', { memberOfTask: await isTaskMember(ctx.db, actor, p.taskId) })) throw forbidden();
    return p;
  };
  const sideOf = (actor: Actor) => (actor.role === 'operator' ? ('operator' as const) : ('task' as const));

  app.get('/api/v1/final-evaluations', { config: { authorize: (a) => canFinalEvaluation(a, 'list') }, schema: { tags: ['final-evaluation'], summary: 'Final evaluations (a team sees those its tasks are in)' } }, async (req) => {
    const all = await listFinalEvaluations(ctx.db);
    if (req.actor!.role === 'operator') return { finalEvaluations: all.map(feJson) };
    const mine = await publishedMine(req.actor!);
    const visible = [];
    for (const fe of all) if ((await finalTasks(ctx.db, fe.id)).some((t) => mine.has(t.row.taskId))) visible.push(feJson(fe));
    return { finalEvaluations: visible };
  });

  app.post('/api/v1/final-evaluations', { config: { authorize: (a) => canFinalEvaluation(a, 'manage') }, schema: { tags: ['final-evaluation'], summary: 'Open a program\'s final evaluation with its excellence rule and the extra-GPU pool (`mode: preview` writes nothing)', body: z.record(z.string(), z.unknown()) } }, async (req, reply) => {
    const created = await createFinalEvaluation(ctx.db, req.actor!, req.body);
    if (created.status === 'preview') return reply.status(200).send(created);
    const res = settle(created) as { finalEvaluation: FinalEvaluationRow };
    return reply.status(201).send({ finalEvaluation: feJson(res.finalEvaluation) });
  });

  app.get('/api/v1/final-evaluations/:id', { config: { authorize: (a) => canFinalEvaluation(a, 'read') }, schema: { tags: ['final-evaluation'], summary: 'Tasks with reports, scores, designations and support proposals', params: idParam } }, async (req) => {
    const fe = await load(req.params.id);
    const actor = req.actor!;
    const operator = actor.role === 'operator';
    const mine = operator ? undefined : await publishedMine(actor);
    const rows = (await finalTasks(ctx.db, fe.id)).filter((t) => operator || mine!.has(t.row.taskId));
    if (!operator && rows.length === 0) throw forbidden();
    const proposals = (await listProposals(ctx.db, fe.id)).filter((p) => operator || mine!.has(p.p.taskId));
    return {
      finalEvaluation: feJson(fe),
      limits: await negotiationLimits(ctx.db, fe),
      tasks: rows.map(({ row, key, name }) => ({
        taskId: row.taskId,
        taskKey: key,
        taskName: name,
        report: row.reportSha256 ? { fileName: row.reportFileName, sizeBytes: row.reportSizeBytes, sha256: row.reportSha256, uploadedAt: row.reportUploadedAt } : null,
        score: row.score,
        excellent: row.excellent,
        rank: row.rank,
        designationReason: row.designationReason as LocalizedText | null,
      })),
      proposals: proposals.map(({ p, key }) => ({ id: p.id, taskId: p.taskId, taskKey: key, goalKind: p.goalKind, status: p.status, agreedOfferSeq: p.agreedOfferSeq, allocationRequest: p.allocationRequest })),
    };
  });

  app.post('/api/v1/final-evaluations/:id/tasks/:taskId/report', { config: { authorize: (a) => canFinalEvaluation(a, 'uploadReport') }, schema: { tags: ['final-evaluation'], summary: 'Upload the task\'s final report (PDF, multipart field "file"; checked by content)', params: taskParams } }, async (req, reply) => {
    const fe = await loadTaskFor(req.actor!, req.params.id, req.params.taskId, 'uploadReport');
    if (!req.isMultipart()) throw new ApiError(415, 'unsupported_media_type', 'send the file as multipart/form-data in a field named "file"', 'file');
    const file = await req.file();
    if (!file) throw invalid([{ field: 'file', message: { ko: '파일이 없습니다', en: 'no file in the request' } }]);
    const res = await uploadFinalReport(ctx.db, blobs, req.actor!, fe, req.params.taskId, { stream: file.file, fileName: file.filename });
    if (res.status === 'too_large') throw new ApiError(413, 'too_large', res.message.en, 'file', [{ field: 'file', message: res.message }]);
    const done = settle(res) as { task: { reportFileName: string | null; reportSha256: string | null; reportSizeBytes: number | null } };
    return reply.status(201).send({ report: { fileName: done.task.reportFileName, sha256: done.task.reportSha256, sizeBytes: done.task.reportSizeBytes } });
  });

  app.get('/api/v1/final-evaluations/:id/tasks/:taskId/report', { config: { authorize: (a) => canFinalEvaluation(a, 'read') }, schema: { tags: ['final-evaluation'], summary: 'Download the task\'s final report', params: taskParams } }, async (req, reply) => {
    const fe = await loadTaskFor(req.actor!, req.params.id, req.params.taskId, 'read');
    const t = await finalTask(ctx.db, fe.id, req.params.taskId);
    if (!t?.reportSha256) throw notFound('final report');
    const bytes = await blobs.open(t.reportSha256);
    if (!bytes) throw notFound('final report file');
    return reply
      .type('application/pdf')
      .header('content-length', t.reportSizeBytes ?? undefined)
      .header('content-disposition', attachmentDisposition(t.reportFileName ?? 'final-report.pdf', 'final-report.pdf'))
      .send(bytes);
  });

  app.put('/api/v1/final-evaluations/:id/scores', { config: { authorize: (a) => canFinalEvaluation(a, 'manage') }, schema: { tags: ['final-evaluation'], summary: 'Enter final scores out of 100 (clears an earlier designation; `mode: preview` shows each change)', params: idParam, body: scoresInput } }, async (req) => {
    const fe = await load(req.params.id);
    const res = await enterFinalScores(ctx.db, req.actor!, fe, req.body);
    return res.status === 'preview' ? res : settle(res);
  });

  app.post('/api/v1/final-evaluations/:id/designation', { config: { authorize: (a) => canFinalEvaluation(a, 'manage') }, schema: { tags: ['final-evaluation'], summary: 'Designate excellent tasks by the configured rule (preview → commit)', params: idParam, body: z.object({ mode: z.enum(['preview', 'commit']) }) } }, async (req) => {
    const fe = await load(req.params.id);
    const res = await designate(ctx.db, req.actor!, fe, req.body.mode);
    // the preview also says what designation opens: extra GPUs the excellent tasks may negotiate for, and when
    if (res.status === 'preview') return { ...res, limits: await negotiationLimits(ctx.db, fe) };
    return settle(res);
  });

  app.post('/api/v1/final-evaluations/:id/tasks/:taskId/support', { config: { authorize: (a) => canFinalEvaluation(a, 'propose') }, schema: { tags: ['final-evaluation'], summary: 'An excellent task proposes goals and the extra GPUs and period (opens the negotiation)', params: taskParams, body: proposalInput } }, async (req, reply) => {
    const fe = await loadTaskFor(req.actor!, req.params.id, req.params.taskId, 'propose');
    const res = settle(await proposeSupport(ctx.db, req.actor!, fe, req.params.taskId, req.body)) as { proposal: { id: string } };
    const p = (await getProposal(ctx.db, res.proposal.id))!;
    return reply.status(201).send(await negotiationView(ctx.db, p));
  });

  app.get('/api/v1/support-proposals/:id', { config: { authorize: (a) => canFinalEvaluation(a, 'negotiate') }, schema: { tags: ['final-evaluation'], summary: 'A negotiation thread: goals, every offer, acceptances, whose turn', params: idParam } }, async (req) => {
    const p = await loadProposalFor(req.actor!, req.params.id);
    return negotiationView(ctx.db, p);
  });

  app.post('/api/v1/support-proposals/:id/offers', { config: { authorize: (a) => canFinalEvaluation(a, 'negotiate') }, schema: { tags: ['final-evaluation'], summary: 'A counter-offer (GPUs, dates); only on your turn', params: idParam, body: offerInput } }, async (req, reply) => {
    const p = await loadProposalFor(req.actor!, req.params.id);
    settle(await makeOffer(ctx.db, req.actor!, p, sideOf(req.actor!), req.body));
    return reply.status(201).send(await negotiationView(ctx.db, (await getProposal(ctx.db, p.id))!));
  });

  app.post('/api/v1/support-proposals/:id/accept', { config: { authorize: (a) => canFinalEvaluation(a, 'negotiate') }, schema: { tags: ['final-evaluation'], summary: 'Accept the other side\'s latest offer: an agreement, which creates the allocation (preview: the allocation it would create, nothing written)', params: idParam, body: z.object({ offerSeq: z.number().int().positive(), mode: z.enum(['preview', 'commit']).default('commit') }) } }, async (req) => {
    const p = await loadProposalFor(req.actor!, req.params.id);
    if (req.body.mode === 'preview') {
      const preview = await previewAcceptance(ctx.db, req.actor!, p, sideOf(req.actor!), req.body.offerSeq);
      if (preview.status === 'invalid') throw invalid(preview.issues);
      return preview;
    }
    settle(await acceptOffer(ctx.db, req.actor!, p, sideOf(req.actor!), req.body.offerSeq));
    return negotiationView(ctx.db, (await getProposal(ctx.db, p.id))!);
  });
};
