import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { canStageEvaluation } from '../../policies/stage-evaluation-policy.ts';
import { ApiError, notFound } from '../errors.ts';
import { publicList, publicView } from '../../stage-evaluation/views.ts';
import { resultsWorkbook } from '../../stage-evaluation/results-workbook.ts';
import { resultsReportPdf } from '../../stage-evaluation/results-report.ts';
import { NoKoreanFontError } from '../../documents/korean-pdf.ts';
import { publicStageEvaluationsContract as c } from '@stagegate/core/contract/public-stage-evaluations';

/** Public record, no account needed: stage-evaluation schemes with their version history, and published results. */
export const publicRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['public'];
    const authorize = (a: Parameters<typeof canStageEvaluation>[0]) => canStageEvaluation(a, 'readPublic');

    app.get(
      c.list.path,
      { config: { authorize }, schema: { ...c.list.schema, tags, summary: 'Stage evaluations and whether their results are published' } },
      async () => ({ evaluations: await publicList(ctx.db) }),
    );

    app.get(
      c.get.path,
      { config: { authorize }, schema: { ...c.get.schema, tags, summary: 'Scheme, version history and, once published, the leaderboard and outcomes' } },
      async (req) => {
        const view = await publicView(ctx.db, req.params.id);
        if (!view) throw notFound('stage evaluation');
        return view;
      },
    );

    async function published(id: string) {
      const view = await publicView(ctx.db, id);
      if (!view) throw notFound('stage evaluation');
      if (!view.published) throw new ApiError(404, 'not_published', 'the results are not published yet');
      return view;
    }

    app.get(c.workbook.path, { config: { authorize }, schema: { ...c.workbook.schema, tags, summary: 'Published results as Excel' } }, async (req, reply) => {
      const view = await published(req.params.id);
      const buf = await resultsWorkbook(view);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="stage-results-${view.evaluation.program}-${view.evaluation.stageKey}.xlsx"`)
        .send(buf);
    });

    app.get(
      c.report.path,
      { config: { authorize }, schema: { ...c.report.schema, tags, summary: 'Published results as a Korean PDF report' } },
      async (req, reply) => {
        const view = await published(req.params.id);
        let buf: Buffer;
        try {
          buf = await resultsReportPdf(view);
        } catch (e) {
          if (e instanceof NoKoreanFontError) throw new ApiError(503, 'no_korean_font', e.message);
          throw e;
        }
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="stage-results-${view.evaluation.program}-${view.evaluation.stageKey}.pdf"`)
          .send(buf);
      },
    );
  };
