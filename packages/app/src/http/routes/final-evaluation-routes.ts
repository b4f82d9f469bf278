import { attachmentDisposition } from '../../documents/safe-file-name.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../auth/actor.ts';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import { finalEvaluationsContract as c } from '@stagegate/core/contract/final-evaluations';
import { maskResult, resultsVisible, statusFor } from '@stagegate/core/final-evaluation/publication';
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
  tasksAwaitingFinalEvaluation,
  uploadFinalReport,
  type FinalEvaluationRow,
  type FinalResult,
} from '../../final-evaluation/final-evaluation-store.ts';
import { publishedState, publishFinalEvaluation } from '../../final-evaluation/publication.ts';
import {
  acceptOffer,
  previewAcceptance,
  getProposal,
  listProposals,
  makeOffer,
  negotiationLimits,
  negotiationView,
  proposeSupport,
} from '../../final-evaluation/support-negotiation.ts';
import { isTaskMember, memberTaskIds } from '../../tasks/task-membership.ts';
import { visibleToApplicant } from '../../publication/visible-to-applicant.ts';

function settle<T>(res: FinalResult<T>) {
  if (res.status === 'invalid') throw invalid(res.issues);
  if (res.status === 'conflict') throw new ApiError(409, 'conflict', res.message);
  return res;
}

/** The evaluation as `actor` may know it: a team reads "open" until the office publishes. */
const feJson = (fe: FinalEvaluationRow, office = true) => ({
  id: fe.id,
  program: fe.programSlug,
  name: fe.name,
  excellenceRule: fe.excellenceRule,
  poolKey: fe.poolKey,
  phaseKey: fe.phaseKey,
  maxExtraGpus: fe.maxExtraGpus,
  supportEarliestStart: fe.supportEarliestStart,
  status: statusFor(fe.status, office),
  revision: fe.revision,
});

const tags = ['final-evaluation'];

export const finalEvaluationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const blobs = blobStoreFor(ctx);
    const { default: multipart } = await import('@fastify/multipart');
    await app.register(multipart, { limits: { fileSize: 1024 * 1024 * 1024, files: 1, fields: 10 } });
    const manage = { authorize: (a: Actor | null) => canFinalEvaluation(a, 'manage') };

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

    app.get(
      c.list.path,
      {
        config: { authorize: (a) => canFinalEvaluation(a, 'list') },
        schema: { ...c.list.schema, tags, summary: 'Final evaluations (a team sees those its tasks are in)' },
      },
      async (req) => {
        const all = await listFinalEvaluations(ctx.db);
        if (req.actor!.role === 'operator') return { finalEvaluations: all.map((fe) => feJson(fe)), awaiting: await tasksAwaitingFinalEvaluation(ctx.db) };
        const mine = await publishedMine(req.actor!);
        const visible = [];
        for (const fe of all) if ((await finalTasks(ctx.db, fe.id)).some((t) => mine.has(t.row.taskId))) visible.push(feJson(fe, false));
        return { finalEvaluations: visible };
      },
    );

    app.post(
      c.create.path,
      {
        config: manage,
        schema: {
          ...c.create.schema,
          tags,
          summary: "Open a program's final evaluation with its excellence rule and the extra-GPU pool (`mode: preview` writes nothing)",
        },
      },
      async (req, reply) => {
        const created = await createFinalEvaluation(ctx.db, req.actor!, req.body);
        if (created.status === 'preview') return reply.status(200).send(created);
        const res = settle(created) as { finalEvaluation: FinalEvaluationRow };
        return reply.status(201).send({ finalEvaluation: feJson(res.finalEvaluation) });
      },
    );

    app.get(
      c.get.path,
      {
        config: { authorize: (a) => canFinalEvaluation(a, 'read') },
        schema: { ...c.get.schema, tags, summary: 'Tasks with reports, scores, designations (a team: once published) and support proposals' },
      },
      async (req) => {
        const fe = await load(req.params.id);
        const actor = req.actor!;
        const operator = actor.role === 'operator';
        const mine = operator ? undefined : await publishedMine(actor);
        const rows = (await finalTasks(ctx.db, fe.id)).filter((t) => operator || mine!.has(t.row.taskId));
        if (!operator && rows.length === 0) throw forbidden();
        const proposals = (await listProposals(ctx.db, fe.id)).filter((p) => operator || mine!.has(p.p.taskId));
        // issue 15: a team learns its score and designation when the office publishes them, not before
        const visible = resultsVisible(fe.status, operator);
        return {
          finalEvaluation: feJson(fe, operator),
          limits: await negotiationLimits(ctx.db, fe),
          published: await publishedState(ctx.db, fe),
          tasks: rows.map(({ row, key, name }) =>
            maskResult(
              {
                taskId: row.taskId,
                taskKey: key,
                taskName: name,
                report: row.reportSha256
                  ? { fileName: row.reportFileName, sizeBytes: row.reportSizeBytes, sha256: row.reportSha256, uploadedAt: row.reportUploadedAt }
                  : null,
                score: row.score,
                excellent: row.excellent,
                rank: row.rank,
                designationReason: row.designationReason as LocalizedText | null,
              },
              visible,
            ),
          ),
          proposals: proposals.map(({ p, key }) => ({
            id: p.id,
            taskId: p.taskId,
            taskKey: key,
            goalKind: p.goalKind,
            status: p.status,
            agreedOfferSeq: p.agreedOfferSeq,
            allocationRequest: p.allocationRequest,
          })),
        };
      },
    );

    app.post(
      c.uploadReport.path,
      {
        config: { authorize: (a) => canFinalEvaluation(a, 'uploadReport') },
        schema: { ...c.uploadReport.schema, tags, summary: 'Upload the task\'s final report (PDF, multipart field "file"; checked by content)' },
      },
      async (req, reply) => {
        const fe = await loadTaskFor(req.actor!, req.params.id, req.params.taskId, 'uploadReport');
        if (!req.isMultipart()) throw new ApiError(415, 'unsupported_media_type', 'send the file as multipart/form-data in a field named "file"', 'file');
        const file = await req.file();
        if (!file) throw invalid([{ field: 'file', message: { ko: '파일이 없습니다', en: 'no file in the request' } }]);
        const res = await uploadFinalReport(ctx.db, blobs, req.actor!, fe, req.params.taskId, { stream: file.file, fileName: file.filename });
        if (res.status === 'too_large') throw new ApiError(413, 'too_large', res.message.en, 'file', [{ field: 'file', message: res.message }]);
        const done = settle(res) as { task: { reportFileName: string | null; reportSha256: string | null; reportSizeBytes: number | null } };
        return reply.status(201).send({ report: { fileName: done.task.reportFileName, sha256: done.task.reportSha256, sizeBytes: done.task.reportSizeBytes } });
      },
    );

    app.get(
      c.report.path,
      { config: { authorize: (a) => canFinalEvaluation(a, 'read') }, schema: { ...c.report.schema, tags, summary: "Download the task's final report" } },
      async (req, reply) => {
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
      },
    );

    app.put(
      c.scores.path,
      {
        config: manage,
        schema: {
          ...c.scores.schema,
          tags,
          summary: 'Enter final scores out of 100 (clears an earlier designation and publication; `mode: preview` shows each change)',
        },
      },
      async (req) => {
        const fe = await load(req.params.id);
        const res = await enterFinalScores(ctx.db, req.actor!, fe, req.body);
        return res.status === 'preview' ? res : settle(res);
      },
    );

    app.post(
      c.designation.path,
      {
        config: manage,
        schema: {
          ...c.designation.schema,
          tags,
          summary: 'Designate excellent tasks by the configured rule (preview → commit); only the office sees it until published',
        },
      },
      async (req) => {
        const fe = await load(req.params.id);
        const res = await designate(ctx.db, req.actor!, fe, req.body.mode);
        // the preview also says what designation opens: extra GPUs the excellent tasks may negotiate for, and when
        if (res.status === 'preview') return { ...res, limits: await negotiationLimits(ctx.db, fe) };
        return settle(res);
      },
    );

    app.post(
      c.publish.path,
      {
        config: { authorize: (a) => canFinalEvaluation(a, 'publish') },
        schema: {
          ...c.publish.schema,
          tags,
          summary: 'Publish the designated results: each team is told, the signed results bundle goes public (preview: what becomes public and who is mailed)',
        },
      },
      async (req) => {
        const fe = await load(req.params.id);
        const res = await publishFinalEvaluation(ctx.db, req.actor!, fe, req.body.mode);
        return res.status === 'preview' ? res : settle(res);
      },
    );

    app.post(
      c.propose.path,
      {
        config: { authorize: (a) => canFinalEvaluation(a, 'propose') },
        schema: { ...c.propose.schema, tags, summary: 'An excellent task proposes goals and the extra GPUs and period (opens the negotiation)' },
      },
      async (req, reply) => {
        const fe = await loadTaskFor(req.actor!, req.params.id, req.params.taskId, 'propose');
        const answer = await proposeSupport(ctx.db, req.actor!, fe, req.params.taskId, req.body);
        if (answer.status === 'preview') return reply.status(200).send(answer);
        const res = settle(answer) as { proposal: { id: string } };
        const p = (await getProposal(ctx.db, res.proposal.id))!;
        return reply.status(201).send(await negotiationView(ctx.db, p));
      },
    );

    app.get(
      c.proposal.path,
      {
        config: { authorize: (a) => canFinalEvaluation(a, 'negotiate') },
        schema: { ...c.proposal.schema, tags, summary: 'A negotiation thread: goals, every offer, acceptances, whose turn' },
      },
      async (req) => {
        const p = await loadProposalFor(req.actor!, req.params.id);
        return negotiationView(ctx.db, p);
      },
    );

    app.post(
      c.offer.path,
      {
        config: { authorize: (a) => canFinalEvaluation(a, 'negotiate') },
        schema: { ...c.offer.schema, tags, summary: 'A counter-offer (GPUs, dates); only on your turn' },
      },
      async (req, reply) => {
        const p = await loadProposalFor(req.actor!, req.params.id);
        const answer = await makeOffer(ctx.db, req.actor!, p, sideOf(req.actor!), req.body);
        if (answer.status === 'preview') return reply.status(200).send(answer);
        settle(answer);
        return reply.status(201).send(await negotiationView(ctx.db, (await getProposal(ctx.db, p.id))!));
      },
    );

    app.post(
      c.accept.path,
      {
        config: { authorize: (a) => canFinalEvaluation(a, 'negotiate') },
        schema: {
          ...c.accept.schema,
          tags,
          summary:
            "Accept the other side's latest offer: an agreement, which creates the allocation (preview: the allocation it would create, nothing written)",
        },
      },
      async (req) => {
        const p = await loadProposalFor(req.actor!, req.params.id);
        if (req.body.mode === 'preview') {
          const preview = await previewAcceptance(ctx.db, req.actor!, p, sideOf(req.actor!), req.body.offerSeq);
          if (preview.status === 'invalid') throw invalid(preview.issues);
          return preview;
        }
        settle(await acceptOffer(ctx.db, req.actor!, p, sideOf(req.actor!), req.body.offerSeq));
        return negotiationView(ctx.db, (await getProposal(ctx.db, p.id))!);
      },
    );
  };
