import { attachmentDisposition } from '../../documents/safe-file-name.ts';
import { statusHistory } from '../../applications/status-history.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { applicationsContract as apps } from '@stagegate/core/contract/applications';
import { callsContract as calls } from '@stagegate/core/contract/calls';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../auth/actor.ts';
import { canApplication } from '../../policies/application-policy.ts';
import { ApiError, forbidden, invalid, notFound } from '../errors.ts';
import { callSummary, listCalls, resolveCall } from '../../applications/call-catalog.ts';
import { changeCallState } from '../../applications/call-state-service.ts';
import { databaseNow } from '../../db/clock.ts';
import { updateCallSettings } from '../../applications/call-settings.ts';
import {
  createApplication,
  getApplication,
  getVersion,
  isMember,
  listApplicationsFor,
  listAttachments,
  listVersions,
  parseDraftParts,
  saveDraft,
  type ApplicationRow,
  type DraftContent,
  type SaveResult,
} from '../../applications/application-store.ts';
import { draftConsortiumFor, judgeConsortium } from '../../applications/eligibility-service.ts';
import { membershipOf } from '../../organisations/organisation-store.ts';
import { isUnverified, UNVERIFIED_MESSAGE } from '../../auth/email-verification.ts';
import { overrideEligibility, receiptOf, reopenApplication, submitApplication, withdrawApplication } from '../../applications/submission.ts';
import { getAttachment, removeAttachment, uploadAttachment, type AttachmentRow } from '../../applications/attachment-service.ts';
import { blobStoreFor } from '../../blobs/blob-store-for.ts';
import { callApplications } from '../../applications/call-table.ts';
import { applicationsWorkbook } from '../../applications/excel-export.ts';
import { receiptPdf, receiptText } from '../../applications/receipt-document.ts';
import { NoKoreanFontError } from '../../documents/korean-pdf.ts';
import { getProgram } from '../../programs/program-store.ts';
import { particle } from '@stagegate/core/shared/korean-particles';

const applicantOrOperator = (a: Actor | null) => canApplication(a, 'list');
const operatorOnly = (a: Actor | null) => canApplication(a, 'listCall');

/** A refusal said in both languages: the message in English, the issue carrying ko/en. */
const refusal = (status: number, code: string, field: string, message: LocalizedText) => new ApiError(status, code, message.en, field, [{ field, message }]);

function attachmentJson(a: AttachmentRow) {
  return { id: a.id, fileName: a.fileName, sizeBytes: a.sizeBytes, sha256: a.sha256, uploadedAt: a.uploadedAt };
}

function applicationJson(r: ApplicationRow) {
  return {
    id: r.id,
    program: r.programSlug,
    call: r.callKey,
    organisationId: r.organisationId,
    status: r.status,
    currentVersion: r.currentVersion,
    consortium: r.consortium,
    proposal: r.proposal,
    receiptNo: r.receiptNo,
    submittedAt: r.submittedAt,
    submittedHash: r.submittedHash,
    eligibilityOverride: r.eligibilityOverride,
    extendedUntil: r.extendedUntil,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

function sendSave(reply: FastifyReply, res: SaveResult) {
  if (res.status === 'invalid') throw invalid(res.issues);
  if (res.status === 'not_editable') throw refusal(409, 'not_editable', 'status', res.message);
  if (res.status === 'deadline')
    throw refusal(res.reason === 'closed' ? 409 : 422, res.reason === 'closed' ? 'call_closed' : 'call_not_open', 'deadline', res.message);
  if (res.status === 'conflict') {
    return reply.status(409).send({
      error: {
        code: 'conflict',
        message: `someone saved version ${res.currentVersion} meanwhile; your edit is kept as version ${res.conflictedVersion}`,
        field: 'baseVersion',
        issues: [
          {
            field: 'baseVersion',
            message: {
              ko: `다른 사람이 먼저 저장했습니다 (현재 버전 ${res.currentVersion}). 내 수정은 버전 ${res.conflictedVersion}으로 보관했습니다`,
              en: `someone saved version ${res.currentVersion} meanwhile; your edit is kept as version ${res.conflictedVersion}`,
            },
          },
        ],
      },
      currentVersion: res.currentVersion,
      current: res.current,
      conflictedVersion: res.conflictedVersion,
    });
  }
  return { version: res.version, savedAt: res.savedAt };
}

export const applicationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const blobs = blobStoreFor(ctx);
    const { default: multipart } = await import('@fastify/multipart');
    // the per-call limit is enforced while streaming; this is only the hard ceiling
    await app.register(multipart, { limits: { fileSize: 1024 * 1024 * 1024, files: 1, fields: 10 } });

    /** Loads an application and checks the actor may do `action` to it (404 before 403). */
    async function loadFor(actor: Actor | null, id: string, action: Parameters<typeof canApplication>[1]): Promise<ApplicationRow> {
      const row = await getApplication(ctx.db, id);
      if (!row) throw notFound('application');
      const memberOfOrganisation = actor ? await isMember(ctx.db, actor, row) : false;
      if (!canApplication(actor, action, { memberOfOrganisation })) throw forbidden();
      return row;
    }

    /** A consortium as a draft keeps it: records resolved from the registry, or a 400 naming the field. */
    async function storedDraftConsortium(row: ApplicationRow, raw: unknown, snapshot: boolean) {
      const program = await getProgram(ctx.db, row.programSlug);
      const res = await draftConsortiumFor(ctx.db, program!.definition, raw, row.organisationId, { snapshot });
      if (!res.stored) throw invalid(res.issues);
      return res.stored;
    }

    async function callOr404(program: string, call: string) {
      const c = await resolveCall(ctx.db, program, call);
      if (!c) throw notFound(`call ${program}/${call}`);
      return c;
    }

    // ── calls ──────────────────────────────────────────────────────────────────
    app.get(
      calls.list.path,
      {
        config: { authorize: () => true },
        schema: { ...calls.list.schema, tags: ['calls'], summary: 'Every call with its effective window, form and whether it is open now (database clock)' },
      },
      async () => {
        const now = await databaseNow(ctx.db);
        return { now: now.toISOString(), calls: (await listCalls(ctx.db)).map((c) => callSummary(c, now)) };
      },
    );

    app.get(calls.get.path, { config: { authorize: () => true }, schema: { ...calls.get.schema, tags: ['calls'], summary: 'One call' } }, async (req) => {
      const now = await databaseNow(ctx.db);
      return { now: now.toISOString(), call: callSummary(await callOr404(req.params.program, req.params.call), now) };
    });

    app.put(
      calls.settings.path,
      {
        config: { authorize: (a) => canApplication(a, 'configureCall') },
        schema: {
          ...calls.settings.schema,
          tags: ['calls'],
          summary: 'Configure a call’s form and (when needed) override its window; audited with the reason',
        },
      },
      async (req) => {
        const b = req.body;
        const toDate = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : new Date(v));
        const res = await updateCallSettings(ctx.db, req.actor, req.params.program, req.params.call, {
          form: b.form as never,
          opens: toDate(b.opens),
          closes: toDate(b.closes),
          reason: b.reason,
        });
        if (res.status === 'invalid') throw invalid(res.issues);
        const now = await databaseNow(ctx.db);
        return { call: callSummary(await callOr404(req.params.program, req.params.call), now) };
      },
    );

    app.post(
      calls.state.path,
      {
        config: { authorize: (a) => canApplication(a, 'configureCall') },
        schema: {
          ...calls.state.schema,
          tags: ['calls'],
          summary:
            'The office’s step of a call — open, close (early), start review, publish or withdraw results: preview, then commit; audited with the reason',
        },
      },
      async (req) => {
        const b = req.body;
        const res = await changeCallState(ctx.db, req.actor!, req.params.program, req.params.call, {
          action: b.action,
          reason: b.reason,
          mode: b.mode,
          ...(b.closes ? { closes: new Date(b.closes) } : {}),
        });
        if (res.status === 'not_found') throw notFound(`call ${req.params.program}/${req.params.call}`);
        if (res.status === 'invalid') throw invalid(res.issues);
        if (res.status === 'refused') throw refusal(409, 'call_state', res.field, res.message);
        const now = await databaseNow(ctx.db);
        return { ...res, call: callSummary(await callOr404(req.params.program, req.params.call), now) };
      },
    );

    app.get(
      calls.applications.path,
      {
        config: { authorize: operatorOnly },
        schema: { ...calls.applications.schema, tags: ['calls'], summary: 'The office’s table of a call’s applications, filtered' },
      },
      async (req) => {
        const call = await callOr404(req.params.program, req.params.call);
        return { applications: await callApplications(ctx.db, call, req.query) };
      },
    );

    app.get(
      calls.export.path,
      { config: { authorize: operatorOnly }, schema: { ...calls.export.schema, tags: ['calls'], summary: 'The same table as .xlsx (Korean headers)' } },
      async (req, reply) => {
        const call = await callOr404(req.params.program, req.params.call);
        const rows = await callApplications(ctx.db, call, req.query);
        const file = await applicationsWorkbook(rows, `${call.program.slug} ${call.call.key}`);
        const name = `applications-${call.program.slug}-${call.call.key}.xlsx`;
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(file);
      },
    );

    // ── eligibility (live, for the form) ───────────────────────────────────────
    app.post(
      apps.checkEligibility.path,
      {
        config: { authorize: (a) => canApplication(a, 'checkEligibility') },
        schema: {
          ...apps.checkEligibility.schema,
          tags: ['eligibility'],
          summary: 'Verdict for a consortium as it is being edited: the lead is one of my organisations, participants are organisation records',
        },
      },
      async (req) => {
        const program = await getProgram(ctx.db, req.body.program);
        if (!program)
          throw invalid([
            {
              field: 'program',
              message: { ko: `사업 "${req.body.program}"${particle(req.body.program, '이/가')} 없습니다`, en: `unknown program "${req.body.program}"` },
            },
          ]);
        // an applicant judges consortia led by its own organisations only
        if (req.actor!.role !== 'operator' && !(await membershipOf(ctx.db, req.body.organisationId, req.actor!.id))) throw forbidden();
        const answer = await judgeConsortium(ctx.db, program.definition, req.body.consortium, {
          leadOrganisationId: req.body.organisationId,
          call: req.body.call,
          snapshot: false,
        });
        // a list beyond the program's cap is a refused request, not a verdict
        if (!answer.verdict && answer.issues.some((i) => i.field === 'consortium.participants')) throw invalid(answer.issues);
        return { eligible: answer.eligible, verdict: answer.verdict, issues: answer.issues };
      },
    );

    // ── applications ───────────────────────────────────────────────────────────
    app.get(
      apps.list.path,
      {
        config: { authorize: applicantOrOperator },
        schema: { ...apps.list.schema, tags: ['applications'], summary: 'My organisations’ applications (all for the office)' },
      },
      async (req) => {
        const rows = await listApplicationsFor(ctx.db, req.actor!);
        return {
          applications: rows.map((r) => ({
            id: r.id,
            program: r.programSlug,
            call: r.callKey,
            organisationId: r.organisationId,
            status: r.status,
            title: (r.proposal as { title?: string }).title ?? null,
            receiptNo: r.receiptNo,
            currentVersion: r.currentVersion,
            updatedAt: r.updatedAt,
          })),
        };
      },
    );

    app.post(
      apps.create.path,
      {
        config: { authorize: (a) => canApplication(a, 'create') },
        schema: {
          ...apps.create.schema,
          tags: ['applications'],
          summary: 'Start a draft for a call on behalf of one of my organisations (it becomes the lead)',
        },
      },
      async (req, reply) => {
        const res = await createApplication(ctx.db, req.actor!, req.body);
        if (res.status === 'forbidden') throw forbidden();
        if (res.status === 'invalid') throw invalid(res.issues);
        return reply.status(201).send({ application: applicationJson(res.application) });
      },
    );

    app.get(
      apps.get.path,
      {
        config: { authorize: applicantOrOperator },
        schema: { ...apps.get.schema, tags: ['applications'], summary: 'One application (read-only for the office)' },
      },
      async (req) => {
        const row = await loadFor(req.actor, req.params.id, 'read');
        const member = await isMember(ctx.db, req.actor!, row);
        const can = (action: Parameters<typeof canApplication>[1]) => canApplication(req.actor, action, { memberOfOrganisation: member });
        const call = await resolveCall(ctx.db, row.programSlug, row.callKey);
        const now = await databaseNow(ctx.db);
        return {
          application: applicationJson(row),
          attachments: (await listAttachments(ctx.db, row.id)).map(attachmentJson),
          call: call ? callSummary(call, now) : null,
          permissions: {
            edit: can('edit') && row.status === 'draft',
            submit: can('submit') && row.status === 'draft',
            withdraw: can('withdraw') && row.status !== 'withdrawn',
            reopen: can('reopen') && row.status !== 'draft',
            overrideEligibility: can('overrideEligibility'),
          },
        };
      },
    );

    app.get(
      apps.history.path,
      {
        config: { authorize: applicantOrOperator },
        schema: {
          ...apps.history.schema,
          tags: ['applications'],
          summary: 'The application’s steps: submitted (receipt), eligibility, under review, and the result once published',
        },
      },
      async (req) => {
        const row = await loadFor(req.actor, req.params.id, 'read');
        return { events: await statusHistory(ctx.db, req.actor, row) };
      },
    );

    app.patch(
      apps.save.path,
      {
        config: { authorize: applicantOrOperator },
        schema: { ...apps.save.schema, tags: ['applications'], summary: 'Save the draft (autosave); 409 with the current version if baseVersion is stale' },
      },
      async (req, reply) => {
        const row = await loadFor(req.actor, req.params.id, 'edit');
        const parts = parseDraftParts(req.body);
        if (parts.issues.length) throw invalid(parts.issues);
        const consortium = parts.consortium === undefined ? undefined : await storedDraftConsortium(row, parts.consortium, false);
        return sendSave(reply, await saveDraft(ctx.db, req.actor!, req.params.id, req.body.baseVersion, { consortium, proposal: parts.proposal }));
      },
    );

    app.get(
      apps.versions.path,
      {
        config: { authorize: applicantOrOperator },
        schema: { ...apps.versions.schema, tags: ['applications'], summary: 'Version history: drafts, conflicted saves, frozen submissions' },
      },
      async (req) => {
        await loadFor(req.actor, req.params.id, 'read');
        return { versions: await listVersions(ctx.db, req.params.id) };
      },
    );

    app.get(
      apps.version.path,
      { config: { authorize: applicantOrOperator }, schema: { ...apps.version.schema, tags: ['applications'], summary: 'One version’s content' } },
      async (req) => {
        await loadFor(req.actor, req.params.id, 'read');
        const v = await getVersion(ctx.db, req.params.id, req.params.version);
        if (!v) throw notFound('version');
        return { version: v.version, kind: v.kind, baseVersion: v.baseVersion, hash: v.hash, savedAt: v.savedAt, content: v.content };
      },
    );

    app.post(
      apps.restore.path,
      {
        config: { authorize: applicantOrOperator },
        schema: { ...apps.restore.schema, tags: ['applications'], summary: 'Make an earlier (or conflicted) version the current draft' },
      },
      async (req, reply) => {
        const row = await loadFor(req.actor, req.params.id, 'edit');
        const v = await getVersion(ctx.db, req.params.id, req.params.version);
        if (!v) throw notFound('version');
        const content = v.content as DraftContent;
        // the restored consortium is read against today's registry, so its facts are current
        const consortium = await storedDraftConsortium(row, content.consortium, true);
        return sendSave(reply, await saveDraft(ctx.db, req.actor!, req.params.id, req.body.baseVersion, { consortium, proposal: content.proposal }, v.version));
      },
    );

    app.get(
      apps.eligibility.path,
      {
        config: { authorize: applicantOrOperator },
        schema: { ...apps.eligibility.schema, tags: ['applications'], summary: 'Live verdict of the draft’s consortium, with the office’s override if any' },
      },
      async (req) => {
        const row = await loadFor(req.actor, req.params.id, 'read');
        const program = await getProgram(ctx.db, row.programSlug);
        const answer = await judgeConsortium(ctx.db, program!.definition, row.consortium, {
          leadOrganisationId: row.organisationId,
          call: row.callKey,
          applicationId: row.id,
          override: row.eligibilityOverride,
        });
        delete answer.consortium;
        return { ...answer, frozenVerdict: row.verdict ?? null };
      },
    );

    app.put(
      apps.overrideEligibility.path,
      {
        config: { authorize: (a) => canApplication(a, 'overrideEligibility') },
        schema: { ...apps.overrideEligibility.schema, tags: ['applications'], summary: 'Override the verdict with a written reason (audited, shown)' },
      },
      async (req) => {
        await loadFor(req.actor, req.params.id, 'overrideEligibility');
        const res = await overrideEligibility(ctx.db, req.actor!, req.params.id, req.body.eligible, req.body.reason);
        if (res.status === 'not_found') throw notFound('application');
        return { override: res.override };
      },
    );

    // ── attachments ────────────────────────────────────────────────────────────
    app.post(
      apps.uploadAttachment.path,
      {
        config: { authorize: applicantOrOperator },
        schema: {
          ...apps.uploadAttachment.schema,
          tags: ['applications'],
          summary: 'Upload a PDF (multipart field "file"); checked by content, size limit per call',
        },
      },
      async (req, reply) => {
        const row = await loadFor(req.actor, req.params.id, 'edit');
        if (!req.isMultipart()) throw new ApiError(415, 'unsupported_media_type', 'send the file as multipart/form-data in a field named "file"', 'file');
        const call = await resolveCall(ctx.db, row.programSlug, row.callKey);
        const file = await req.file();
        if (!file) throw invalid([{ field: 'file', message: { ko: '파일이 없습니다', en: 'no file in the request' } }]);
        const res = await uploadAttachment(ctx.db, blobs, req.actor!, row, { stream: file.file, fileName: file.filename }, call!.form.maxAttachmentBytes);
        if (res.status === 'invalid') throw invalid(res.issues);
        if (res.status === 'too_large') throw refusal(413, 'too_large', 'file', res.message);
        if (res.status === 'not_editable') throw refusal(409, 'not_editable', 'status', res.message);
        return reply.status(201).send({ attachment: attachmentJson(res.attachment) });
      },
    );

    app.get(
      apps.attachment.path,
      {
        config: { authorize: applicantOrOperator },
        schema: { ...apps.attachment.schema, tags: ['applications'], summary: 'Download an attachment (streamed)' },
      },
      async (req, reply) => {
        await loadFor(req.actor, req.params.id, 'read');
        const a = await getAttachment(ctx.db, req.params.id, req.params.attachmentId);
        if (!a) throw notFound('attachment');
        const bytes = await blobs.open(a.sha256);
        if (!bytes) throw notFound('attachment file');
        return reply
          .type('application/pdf')
          .header('content-length', a.sizeBytes)
          .header('content-disposition', attachmentDisposition(a.fileName, 'attachment.pdf'))
          .send(bytes);
      },
    );

    app.delete(
      apps.removeAttachment.path,
      {
        config: { authorize: applicantOrOperator },
        schema: { ...apps.removeAttachment.schema, tags: ['applications'], summary: 'Remove an attachment from the draft' },
      },
      async (req) => {
        const row = await loadFor(req.actor, req.params.id, 'edit');
        const res = await removeAttachment(ctx.db, req.actor!, row, req.params.attachmentId);
        if (res === 'not_found') throw notFound('attachment');
        if (res !== 'removed') throw refusal(409, 'not_editable', 'status', res);
        return { removed: true as const };
      },
    );

    // ── submission ─────────────────────────────────────────────────────────────
    app.post(
      apps.submit.path,
      {
        config: { authorize: applicantOrOperator },
        schema: {
          ...apps.submit.schema,
          tags: ['applications'],
          summary: 'Submit the version I saw (preview first: what is frozen, the deadline); idempotent per application + version (retry safely)',
        },
      },
      async (req, reply) => {
        const key = req.headers['idempotency-key'];
        // the application is read once, locked, and the actor's right to submit it judged on that row
        const res = await submitApplication(
          ctx.db,
          req.actor!,
          req.params.id,
          req.body.version,
          typeof key === 'string' ? key.slice(0, 200) : undefined,
          req.body.mode,
          (_row, memberOfOrganisation) => {
            if (!canApplication(req.actor, 'submit', { memberOfOrganisation })) throw forbidden();
            if (isUnverified(req.actor)) throw refusal(403, 'email_unverified', 'email', UNVERIFIED_MESSAGE);
          },
        );
        switch (res.status) {
          case 'preview':
            return reply.status(200).send({ status: 'preview', ...res.preview });
          case 'submitted':
            return reply.status(201).send({ receipt: res.receipt, replayed: false });
          case 'replayed':
            return reply.status(200).send({ receipt: res.receipt, replayed: true });
          case 'invalid':
            throw invalid(res.issues);
          case 'deadline':
            throw refusal(res.reason === 'closed' ? 409 : 422, res.reason === 'closed' ? 'call_closed' : 'call_not_open', 'deadline', res.message);
          case 'refused':
            throw refusal(409, 'not_submittable', 'status', res.message);
          case 'stale':
            throw refusal(409, 'stale_version', 'version', {
              ko: `최신 저장본(버전 ${res.currentVersion})을 확인한 뒤 제출하세요`,
              en: `version ${req.body.version} is not the latest saved version (${res.currentVersion}); review it and submit again`,
            });
          case 'not_found':
            throw notFound('application');
        }
      },
    );

    app.get(
      apps.receipt.path,
      { config: { authorize: applicantOrOperator }, schema: { ...apps.receipt.schema, tags: ['applications'], summary: 'The receipt (JSON)' } },
      async (req) => {
        await loadFor(req.actor, req.params.id, 'read');
        const receipt = await receiptOf(ctx.db, req.params.id);
        if (!receipt) throw notFound('receipt');
        return { receipt };
      },
    );

    app.get(
      apps.receiptDownload.path,
      {
        config: { authorize: applicantOrOperator },
        schema: { ...apps.receiptDownload.schema, tags: ['applications'], summary: 'The receipt as a downloadable file: UTF-8 text (default) or a Korean PDF' },
      },
      async (req, reply) => {
        const row = await loadFor(req.actor, req.params.id, 'read');
        const receipt = await receiptOf(ctx.db, row.id);
        if (!receipt) throw notFound('receipt');
        const call = await resolveCall(ctx.db, row.programSlug, row.callKey);
        const frozen = await getVersion(ctx.db, row.id, receipt.version);
        const content = frozen!.content as { consortium: { lead?: { name?: string }; participants?: unknown[] }; proposal: { title?: string } };
        const details = {
          title: content.proposal.title ?? '',
          leadName: content.consortium.lead?.name ?? '',
          participantCount: content.consortium.participants?.length ?? 0,
        };
        if (req.query.format === 'pdf') {
          try {
            const pdf = await receiptPdf(receipt, call!, details);
            return reply.type('application/pdf').header('content-disposition', `attachment; filename="${receipt.receiptNo}.pdf"`).send(pdf);
          } catch (e) {
            if (e instanceof NoKoreanFontError) throw new ApiError(503, 'no_korean_font', e.message);
            throw e;
          }
        }
        const text = receiptText(receipt, call!, details);
        return reply.type('text/plain; charset=utf-8').header('content-disposition', `attachment; filename="${receipt.receiptNo}.txt"`).send(text);
      },
    );

    app.post(
      apps.withdraw.path,
      { config: { authorize: applicantOrOperator }, schema: { ...apps.withdraw.schema, tags: ['applications'], summary: 'Withdraw before the call closes' } },
      async (req) => {
        await loadFor(req.actor, req.params.id, 'withdraw');
        const res = await withdrawApplication(ctx.db, req.actor!, req.params.id, req.body.reason);
        if (res.status === 'not_found') throw notFound('application');
        if (res.status === 'refused') throw refusal(409, 'not_withdrawable', 'status', res.message);
        if (res.status === 'deadline') throw refusal(409, 'call_closed', 'deadline', res.message);
        return { status: res.applicationStatus };
      },
    );

    app.post(
      apps.reopen.path,
      {
        config: { authorize: (a) => canApplication(a, 'reopen') },
        schema: {
          ...apps.reopen.schema,
          tags: ['applications'],
          summary: 'The office reopens one application, with a reason, optionally until a later instant',
        },
      },
      async (req) => {
        await loadFor(req.actor, req.params.id, 'reopen');
        const res = await reopenApplication(
          ctx.db,
          req.actor!,
          req.params.id,
          req.body.reason,
          req.body.extendedUntil ? new Date(req.body.extendedUntil) : undefined,
        );
        if (res.status === 'not_found') throw notFound('application');
        if (res.status !== 'committed') throw refusal(409, 'not_reopenable', 'status', res.message);
        return { status: res.applicationStatus };
      },
    );
  };
