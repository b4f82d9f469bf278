import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../auth/actor.ts';
import { canEvaluation } from '../../policies/evaluation-policy.ts';
import { ApiError, forbidden, invalid, notFound } from '../errors.ts';
import { listBenchmarks, listReferenceModels, listSuites } from '../../evaluation/catalog.ts';
import { importRun, type UploadedText } from '../../evaluation/results-import.ts';
import { visibleTasks } from '../../evaluation/task-access.ts';
import { getTask, isTaskMember, type TaskRow } from '../../tasks/task-membership.ts';
import { visibleToApplicant } from '../../publication/visible-to-applicant.ts';
import { runsWithComparisons, taskResults, taskSummary } from '../../evaluation/task-results.ts';
import { startSuiteRun } from '../../evaluation/suite-run-start.ts';
import { suitesRoot, SUITE_RUN } from '../../evaluation/suite-run-job.ts';
import { getJob, jobView } from '../../jobs/job-queue.ts';
import { evaluationContract as c } from '@stagegate/core/contract/evaluation';

const MAX_RESULTS_FILE = 200 * 1024 * 1024;

/** Reads an import's multipart body: fields `suite` and `mode`, file `results`, files `samples` (any number). */
async function readImportForm(req: FastifyRequest) {
  const fields: Record<string, string> = {};
  let results: UploadedText | null = null;
  const samples: UploadedText[] = [];
  for await (const part of req.parts()) {
    if (part.type === 'field') {
      fields[part.fieldname] = String(part.value);
      continue;
    }
    const buf = await part.toBuffer();
    if (part.file.truncated) throw new ApiError(413, 'too_large', `${part.filename} is larger than ${MAX_RESULTS_FILE / 1024 / 1024} MB`, part.fieldname);
    const file = { fileName: part.filename, text: buf.toString('utf8') };
    if (part.fieldname === 'results') {
      if (results) throw invalid([{ field: 'results', message: { ko: '결과 파일은 하나만 올릴 수 있습니다', en: 'send one results file' } }]);
      results = file;
    } else if (part.fieldname === 'samples') samples.push(file);
    else
      throw invalid([
        {
          field: part.fieldname,
          message: { ko: `알 수 없는 파일 항목 "${part.fieldname}"`, en: `unknown file field "${part.fieldname}"; use results and samples` },
        },
      ]);
  }
  const mode = fields.mode ?? 'preview';
  if (mode !== 'preview' && mode !== 'commit') throw invalid([{ field: 'mode', message: { ko: 'preview 또는 commit', en: 'expected preview or commit' } }]);
  if (!fields.suite)
    throw invalid([{ field: 'suite', message: { ko: '평가 묶음을 고르세요', en: 'choose the suite (stage evaluation) the results are for' } }]);
  return { suite: fields.suite, mode: mode as 'preview' | 'commit', results, samples };
}

export const evaluationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { default: multipart } = await import('@fastify/multipart');
    await app.register(multipart, { limits: { fileSize: MAX_RESULTS_FILE, files: 200, fields: 10 } });

    /** 404 when the task does not exist, 403 when the actor may not read it (an applicant of another team). */
    async function taskFor(actor: Actor | null, taskId: string, action: 'readTask' | 'import' | 'runSuite'): Promise<TaskRow> {
      const task = await getTask(ctx.db, taskId);
      if (!task) throw notFound('task');
      const memberOfTask = await isTaskMember(ctx.db, actor, taskId);
      if (!canEvaluation(actor, action, { memberOfTask })) throw forbidden();
      return (await withPublishedStatus(actor, [task]))[0] ?? throwNotFound();
    }

    /** Issue 12 item 8: an applicant sees a task only as published (see visibleToApplicant). */
    async function withPublishedStatus(actor: Actor | null, rows: TaskRow[]): Promise<TaskRow[]> {
      return (await visibleToApplicant(ctx.db, actor)).tasks(rows);
    }
    const throwNotFound = (): never => {
      throw notFound('task');
    };

    app.get(
      c.catalog.path,
      {
        config: { authorize: (a) => canEvaluation(a, 'readCatalog') },
        schema: { ...c.catalog.schema, tags: ['evaluation'], summary: 'Benchmarks, stage suites and reference models of a program (demo figures are flagged)' },
      },
      async (req) => {
        const [benchmarks, suites, references] = await Promise.all([
          listBenchmarks(ctx.db, req.query.program),
          listSuites(ctx.db, req.query.program),
          listReferenceModels(ctx.db),
        ]);
        return { benchmarks, suites, referenceModels: references };
      },
    );

    app.get(
      c.tasks.path,
      {
        config: { authorize: (a) => canEvaluation(a, 'listTasks') },
        schema: { ...c.tasks.schema, tags: ['evaluation'], summary: 'Tasks whose results the caller may read, with the latest verdict per suite' },
      },
      async (req) => {
        const rows = await withPublishedStatus(req.actor, await visibleTasks(ctx.db, req.actor!));
        const { runs, comparisons } = await runsWithComparisons(
          ctx.db,
          rows.map((r) => r.id),
        );
        return {
          tasks: rows.map((t) => {
            const latest = runs.find((r) => r.taskId === t.id);
            const c = latest ? comparisons.find((x) => x.runId === latest.id) : undefined;
            return {
              ...taskSummary(t),
              latest: latest
                ? {
                    runId: latest.id,
                    createdAt: latest.createdAt,
                    verdict: c?.verdict ?? null,
                    ratio: c?.ratio.suite.aggregate.ratio ?? null,
                    ci: c?.ratio.suite.aggregate.ci ?? null,
                  }
                : null,
            };
          }),
        };
      },
    );

    app.get(
      c.task.path,
      {
        config: { authorize: (a) => canEvaluation(a, 'readTask') },
        schema: {
          ...c.task.schema,
          tags: ['evaluation'],
          summary: "A team's results: per suite the references that count, the latest run's comparison and verdict",
        },
      },
      async (req) => {
        const task = await taskFor(req.actor, req.params.taskId, 'readTask');
        return taskResults(ctx.db, task);
      },
    );

    app.post(
      c.import.path,
      {
        config: { authorize: (a) => canEvaluation(a, 'import') },
        schema: {
          ...c.import.schema,
          tags: ['evaluation'],
          summary: 'Import lm-evaluation-harness results (+ samples_*.jsonl) or a CSV: multipart fields suite, mode=preview|commit, files results and samples',
        },
      },
      async (req, reply) => {
        const task = await taskFor(req.actor, req.params.taskId, 'import');
        if (!req.isMultipart())
          throw new ApiError(415, 'unsupported_media_type', 'send multipart/form-data with fields suite, mode and files results[, samples…]', 'results');
        const form = await readImportForm(req);
        const res = await importRun(ctx.db, req.actor!, task, form);
        if (res.status === 'invalid') throw invalid(res.issues);
        if (res.status === 'committed') return reply.status(201).send(res);
        return res;
      },
    );

    app.post(
      c.suiteRun.path,
      {
        config: { authorize: (a) => canEvaluation(a, 'runSuite') },
        schema: {
          ...c.suiteRun.schema,
          tags: ['evaluation'],
          summary: "Run a suite against the team's OpenAI-compatible endpoint as a job; the results are imported when it finishes",
        },
      },
      async (req, reply) => {
        const task = await taskFor(req.actor, req.params.taskId, 'runSuite');
        const res = await startSuiteRun(ctx.db, suitesRoot(ctx.config), req.actor!, task, req.body);
        if (res.status === 'invalid') throw invalid(res.issues);
        if (res.status === 'committed') return reply.status(202).send(res);
        return res;
      },
    );

    app.get(
      c.job.path,
      { config: { authorize: (a) => canEvaluation(a, 'runSuite') }, schema: { ...c.job.schema, tags: ['evaluation'], summary: 'Progress of a suite run' } },
      async (req) => {
        const job = await getJob(ctx.db, req.params.jobId);
        if (!job || job.kind !== SUITE_RUN) throw notFound('suite run');
        return { job: jobView(job) };
      },
    );
  };
