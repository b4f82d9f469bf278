import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { canSeeOfficeDesk } from '../../policies/office-policy.ts';
import { canOrganisation } from '../../policies/organisation-policy.ts';
import { canApplication } from '../../policies/application-policy.ts';
import { ApiError } from '../errors.ts';
import { officeApplications, officeApplicationsForExport } from '../../office/office-application-list.ts';
import { bulkVerify, officeOrganisations } from '../../office/office-organisation-list.ts';
import { bulkRemindDrafts } from '../../office/office-draft-reminders.ts';
import { MAX_BULK_REMIND, MAX_BULK_VERIFY, MAX_EXPORT_ROWS, officeContract as c } from '@stagegate/core/contract/office';
import { officeJobs } from '../../office/office-job-list.ts';
import { decodeUsageCursor, officeUsage } from '../../office/office-usage-list.ts';
import { applicationsWorkbook } from '../../applications/excel-export.ts';

const exportTooLarge = (total: number) =>
  new ApiError(
    413,
    'export_too_large',
    `the filters match ${total} applications; an export holds at most ${MAX_EXPORT_ROWS} — narrow the program, call or status first`,
    'q',
    [
      {
        field: 'q',
        message: {
          ko: `조건에 맞는 신청서가 ${total}건입니다. 내려받기는 최대 ${MAX_EXPORT_ROWS}건까지이므로 사업, 공고 또는 상태로 먼저 좁혀 주세요`,
          en: `the filters match ${total} applications; an export holds at most ${MAX_EXPORT_ROWS} — narrow the program, call or status first`,
        },
      },
    ],
  );

/** The office's lists across programs: searched, filtered, paged, and exported or acted on in bulk. */
export const officeListRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const office = { authorize: canSeeOfficeDesk };

    app.get(
      c.applications.path,
      {
        config: office,
        schema: {
          ...c.applications.schema,
          tags: ['office'],
          summary:
            'Every application: search by title, organisation or receipt number; filter by program, call, status, eligibility; sorted by a named column (the id breaks ties); paged with a total',
        },
      },
      async (req) => {
        const { page, pageSize, sort, order, ...filters } = req.query;
        const res = await officeApplications(ctx.db, filters, { page, pageSize }, { sort, order });
        return { applications: res.rows, total: res.total, page: res.page, pageSize: res.pageSize };
      },
    );

    app.get(
      c.exportApplications.path,
      {
        config: office,
        schema: {
          ...c.exportApplications.schema,
          tags: ['office'],
          summary: `The filtered applications as .xlsx (Korean headers) in the list's order, at most ${MAX_EXPORT_ROWS} rows`,
        },
      },
      async (req, reply) => {
        const { sort, order, ...filters } = req.query;
        const res = await officeApplicationsForExport(ctx.db, filters, { sort, order });
        if (res.status === 'too_many') throw exportTooLarge(res.total);
        const file = await applicationsWorkbook(res.rows, 'applications');
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', 'attachment; filename="applications.xlsx"')
          .send(file);
      },
    );

    app.get(
      c.organisations.path,
      {
        config: office,
        schema: {
          ...c.organisations.schema,
          tags: ['office'],
          summary: 'Registered organisations: search by name or registration number, filter by verification, sorted by a named column, paged with a total',
        },
      },
      async (req) => {
        const { page, pageSize, sort, order, ...filters } = req.query;
        const res = await officeOrganisations(ctx.db, filters, { page, pageSize }, { sort, order });
        return { organisations: res.rows, total: res.total, page: res.page, pageSize: res.pageSize };
      },
    );

    app.post(
      c.verifyOrganisations.path,
      {
        config: { authorize: (a) => canOrganisation(a, 'verify') },
        schema: {
          ...c.verifyOrganisations.schema,
          tags: ['office'],
          summary: `Verify (or withdraw verification of) up to ${MAX_BULK_VERIFY} organisations: preview what changes, then commit with a reason (one audit entry each)`,
        },
      },
      async (req) => {
        if (req.body.mode === 'commit' && !req.body.reason) {
          throw new ApiError(422, 'invalid', 'reason: a written reason is required', 'reason', [
            { field: 'reason', message: { ko: '사유를 적어 주세요', en: 'a written reason is required' } },
          ]);
        }
        const res = await bulkVerify(ctx.db, req.actor!, req.body);
        if (res.status === 'refused') {
          const message = 'some organisations changed or are gone since the preview; nothing was changed — preview again';
          throw new ApiError(409, 'conflict', message, 'organisations', [
            {
              field: 'organisations',
              message: { ko: '미리보기 뒤에 바뀌었거나 없는 기관이 있어 아무것도 바꾸지 않았습니다. 다시 미리 보아 주세요', en: message },
            },
          ]);
        }
        return res;
      },
    );

    app.post(
      c.remindDrafts.path,
      {
        config: { authorize: (a) => canApplication(a, 'remind') },
        schema: {
          ...c.remindDrafts.schema,
          tags: ['office'],
          summary: `Remind the applicants of up to ${MAX_BULK_REMIND} drafts that their call closes soon (inbox and mail): preview who gets it, then commit with a reason (one audit entry per application)`,
        },
      },
      async (req) => {
        if (req.body.mode === 'commit' && !req.body.reason) {
          throw new ApiError(422, 'invalid', 'reason: a written reason is required', 'reason', [
            { field: 'reason', message: { ko: '사유를 적어 주세요', en: 'a written reason is required' } },
          ]);
        }
        return bulkRemindDrafts(ctx.db, req.actor!, req.body);
      },
    );

    app.get(
      c.jobs.path,
      {
        config: office,
        schema: {
          ...c.jobs.schema,
          tags: ['office'],
          summary: 'Durable jobs, newest first unless sorted by another named column: filter by state and kind, paged with a total',
        },
      },
      async (req) => {
        const { page, pageSize, sort, order, ...filters } = req.query;
        const res = await officeJobs(ctx.db, filters, { page, pageSize }, { sort, order });
        return { jobs: res.rows, total: res.total, page: res.page, pageSize: res.pageSize };
      },
    );

    app.get(
      c.usage.path,
      {
        config: office,
        schema: {
          ...c.usage.schema,
          tags: ['office'],
          summary: 'Daily GPU usage per account and cluster user, newest day first unless sorted by another named column, a page at a time after a cursor',
        },
      },
      async (req) => {
        const { cursor, pageSize, sort, order, ...filters } = req.query;
        const after = cursor ? decodeUsageCursor(cursor) : null;
        // a cursor holds the sort it was made for: under another it would skip or repeat rows
        if (cursor && (!after || after.sort !== sort || after.order !== order))
          throw new ApiError(400, 'invalid', 'cursor: not a cursor this list gave out', 'cursor', [
            { field: 'cursor', message: { ko: '페이지 위치가 올바르지 않습니다. 처음부터 다시 불러 주세요', en: 'not a cursor this list gave out' } },
          ]);
        const res = await officeUsage(ctx.db, filters, after, pageSize, { sort, order });
        return { usage: res.rows, nextCursor: res.nextCursor, pageSize };
      },
    );
  };
