import { isUnverified, UNVERIFIED_MESSAGE } from '../../auth/email-verification.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import { runStatusLabel } from '@stagegate/core/selection/assignment-run-state';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../auth/actor.ts';
import { canReview } from '../../policies/review-policy.ts';
import { ApiError, forbidden, invalid, notFound } from '../errors.ts';
import { getApplicationRow, getRound, reviewerOutbox, roundCounts, sheetsOfRound, submittedPerCall } from '../../review/review-desk-store.ts';
import { isMember, listAttachments } from '../../applications/application-store.ts';
import { listCalls } from '../../applications/call-catalog.ts';
import { applicationLabel, callSlots, loadReviewCall, submittedApplications, updateReviewConfig, type ReviewCall } from '../../review/review-call.ts';
import {
  findInvitation,
  getReviewer,
  inviteReviewer,
  listPool,
  poolEntriesOf,
  poolEntryFor,
  respondToInvitation,
  reviewerView,
  updateReviewer,
} from '../../review/reviewer-pool.ts';
import { declareConflict, getConflict, listConflicts, waiveConflict } from '../../review/conflict-service.ts';
import { detectAndWithdraw, withdrawLateConflicts } from '../../review/late-conflict-withdrawal.ts';
import { listWithdrawals, reassignWithdrawal } from '../../review/late-conflict-reassign.ts';
import { currentAssignment, deployRun, getRun, listRuns, manualAssignment, roundPanelReviewers, runAssignment } from '../../review/assignment-service.ts';
import { formFor, getSheet, myAssignments, proposalForReviewer, reviewerAccess, saveSheet } from '../../review/scoring-service.ts';
import { computeRanking } from '../../review/ranking-service.ts';
import { applicantResult, publishResults, saveSelection } from '../../review/selection-service.ts';
import { scoresWorkbook } from '../../review/review-export.ts';
import { rankingPdf } from '../../review/ranking-pdf.ts';
import { majorityTallies, noSelectionOutcome, recordNoSelection, termsOf } from '../../review/additional-call-service.ts';
import { offeredGpus } from '@stagegate/core/selection/additional-call';
import { NoKoreanFontError } from '../../documents/korean-pdf.ts';
import { inlineDisposition } from '../../documents/safe-file-name.ts';
import { acceptPledge, getPledge } from '../../review/pledge-service.ts';
import { conflictPledgeText, PLEDGE_VERSION } from '@stagegate/core/review/conflict-pledge';
import { getAttachment } from '../../applications/attachment-service.ts';
import { blobStoreFor } from '../../blobs/blob-store-for.ts';
import { closeSelectionRound, roundLockedMessage, roundsOverview } from '../../review/round-service.ts';
import { selectionLetterFacts, selectionLetterFileName, selectionLetterPdf } from '../../review/selection-letter.ts';
import { selectionResultsContract as selectionResults } from '@stagegate/core/contract/selection-results';
import { reviewContract as c } from '@stagegate/core/contract/review';

const operator = (a: Actor | null) => canReview(a, 'manage');
const reviewer = (a: Actor | null) => canReview(a, 'listOwn');
const refused = (status: number, code: string, field: string, message: LocalizedText) => new ApiError(status, code, message.en, field, [{ field, message }]);

/** Under blind review the reviewer gets a neutral name, not the one the applicant gave the file. */
function reviewerFileName(original: string, index: number, blind: boolean): string {
  return blind ? `proposal-attachment-${index + 1}.pdf` : original;
}

export const reviewRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = ctx.db;
    const callOr404 = async (program: string, call: string): Promise<ReviewCall> => {
      const c = await loadReviewCall(db, program, call);
      if (!c) throw notFound(`call "${program}/${call}"`);
      return c;
    };
    const roundOr404 = async (roundId: string) => {
      const round = await getRound(db, roundId);
      if (!round) throw notFound('round');
      return { round, call: (await loadReviewCall(db, round.programSlug, round.callKey))! };
    };

    // ── the office's view of a call under review ───────────────────────────────────────────────
    app.get(
      c.calls.path,
      { config: { authorize: operator }, schema: { ...c.calls.schema, tags: ['review'], summary: 'Calls with submitted applications, for review' } },
      async () => {
        const [calls, submitted] = await Promise.all([listCalls(db), submittedPerCall(db)]);
        return {
          calls: calls.map((c) => ({
            program: c.program.slug,
            programName: c.program.name,
            call: c.call.key,
            name: c.call.name,
            opens: c.opens.toISOString(),
            submitted: submitted.get(`${c.program.slug}/${c.call.key}`) ?? 0,
          })),
        };
      },
    );

    app.get(
      c.overview.path,
      {
        config: { authorize: operator },
        schema: { ...c.overview.schema, tags: ['review'], summary: 'Review set-up of a call: settings, rounds, applications, counts' },
      },
      async (req) => {
        const call = await callOr404(req.params.program, req.params.call);
        const apps = await submittedApplications(db, call.programSlug, call.callKey);
        const pool = await listPool(db, call.programSlug, call.callKey);
        const overview = new Map((await roundsOverview(db, call)).map((o) => [o.id, o]));
        const counts = await roundCounts(
          db,
          call.rounds.map((r) => r.id),
        );
        const rounds = call.rounds.map((r) => {
          const o = overview.get(r.id)!;
          const n = counts.get(r.id)!;
          return {
            id: r.id,
            key: r.key,
            name: r.name,
            weight: r.weight,
            reviewsPerProposal: r.reviewsPerProposal,
            dueAt: r.dueAt?.toISOString() ?? null,
            panel: n.panel,
            assigned: n.assigned,
            submittedSheets: n.submittedSheets,
            state: o.state,
            shortlist: o.shortlist,
            statement: o.statement,
            entrants: o.entrants,
            passed: o.passed,
            left: o.left,
            tied: o.tied,
            closedAt: o.closedAt,
            closeReason: o.closeReason,
            criteria: o.criteria,
            ownCriteria: o.ownCriteria,
          };
        });
        return {
          program: call.programSlug,
          programName: call.program.name,
          call: call.callKey,
          callName: call.program.calls.find((c) => c.key === call.callKey)!.name,
          taskCount: callSlots(call).count,
          poolGpus: call.program.gpuPools.reduce((s, p) => s + p.gpuCount, 0),
          config: {
            blind: call.config.blind,
            conflictYears: call.config.conflictYears,
            aggregation: call.config.aggregation,
            publishedAt: call.config.publishedAt,
            revision: call.config.revision,
          },
          rounds,
          form: formFor(call),
          applications: apps.map((a) => ({
            id: a.id,
            receiptNo: a.receiptNo,
            title: a.proposal.title ?? '',
            label: applicationLabel(a),
            domain: a.proposal.domain ?? null,
          })),
          reviewers: {
            total: pool.length,
            accepted: pool.filter((p) => p.status === 'accepted').length,
            invited: pool.filter((p) => p.status === 'invited').length,
            declined: pool.filter((p) => p.status === 'declined').length,
          },
        };
      },
    );

    app.put(
      c.config.path,
      {
        config: { authorize: operator },
        schema: { ...c.config.schema, tags: ['review'], summary: 'Blind review, conflict look-back, aggregation and rounds with weights' },
      },
      async (req) => {
        const call = await callOr404(req.params.program, req.params.call);
        const res = await updateReviewConfig(db, req.actor!, call, req.body);
        if (res.status === 'invalid') throw invalid(res.issues);
        if (res.status === 'conflict') throw new ApiError(409, 'conflict', res.message, 'expectedRevision');
        return res;
      },
    );

    // ── reviewer pool and invitations ───────────────────────────────────────────────────────────
    app.get(
      c.pool.path,
      { config: { authorize: operator }, schema: { ...c.pool.schema, tags: ['review'], summary: 'The reviewer pool of a call' } },
      async (req) => {
        const call = await callOr404(req.params.program, req.params.call);
        return { reviewers: await listPool(db, call.programSlug, call.callKey) };
      },
    );

    app.post(
      c.invite.path,
      {
        config: { authorize: operator },
        schema: {
          ...c.invite.schema,
          tags: ['review'],
          summary: 'Invite a reviewer by e-mail: preview (who, panels, due date, account or not), then commit (the message goes to the outbox)',
        },
      },
      async (req) => {
        const call = await callOr404(req.params.program, req.params.call);
        const { mode, ...input } = req.body;
        const res = await inviteReviewer(db, req.actor!, call, input, ctx.config.publicUrl, mode);
        if (res.status === 'invalid') throw invalid(res.issues);
        return res;
      },
    );

    app.patch(
      c.updateReviewer.path,
      {
        config: { authorize: (a) => canReview(a, 'manage') || canReview(a, 'editOwnProfile') },
        schema: { ...c.updateReviewer.schema, tags: ['review'], summary: 'Expertise and affiliations (own, or any for the office); loads and panels (office)' },
      },
      async (req) => {
        const row = await getReviewer(db, req.params.id);
        if (!row) throw notFound('reviewer');
        const actor = req.actor!;
        if (actor.role !== 'operator') {
          if (row.userId !== actor.id) throw forbidden();
          const officeOnly = (['maxLoad', 'minLoad', 'rounds', 'name'] as const).filter((k) => req.body[k] !== undefined);
          if (officeOnly.length)
            throw refused(403, 'forbidden', officeOnly[0]!, {
              ko: '배정 수와 평가 단계는 운영자만 바꿀 수 있습니다',
              en: 'loads, panels and names are set by the program office',
            });
        }
        const res = await updateReviewer(db, actor, row, req.body);
        if (res.status === 'invalid') throw invalid(res.issues);
        return res;
      },
    );

    app.get(
      c.outbox.path,
      {
        config: { authorize: operator },
        schema: { ...c.outbox.schema, tags: ['review'], summary: 'Messages waiting for a mail relay (no mail server in a pilot)' },
      },
      async (req) => {
        const call = await callOr404(req.params.program, req.params.call);
        return { messages: await reviewerOutbox(db, call.programSlug, call.callKey) };
      },
    );

    app.get(
      c.invitation.path,
      {
        config: { authorize: (a) => canReview(a, 'respondInvitation') },
        schema: { ...c.invitation.schema, tags: ['review'], summary: 'What an invitation link is for' },
      },
      async (req) => {
        const row = await findInvitation(db, req.params.token);
        if (!row) throw notFound('invitation');
        const call = (await loadReviewCall(db, row.programSlug, row.callKey))!;
        return {
          name: row.name,
          email: row.email,
          status: row.status,
          programName: call.program.name,
          callName: call.program.calls.find((c) => c.key === call.callKey)!.name,
          linkedToYou: !!req.actor && row.userId === req.actor.id,
        };
      },
    );

    app.post(
      c.respond.path,
      {
        config: { authorize: (a) => canReview(a, 'respondInvitation') },
        schema: { ...c.respond.schema, tags: ['review'], summary: 'Accept (signed in as a reviewer) or decline an invitation' },
      },
      async (req) => {
        if (req.body.accept && isUnverified(req.actor)) throw refused(403, 'email_unverified', 'email', UNVERIFIED_MESSAGE);
        const res = await respondToInvitation(db, req.actor, req.params.token, req.body.accept);
        if (res.status === 'not_found') throw notFound('invitation');
        if (res.status === 'refused') throw refused(req.actor ? 403 : 401, req.actor ? 'forbidden' : 'unauthenticated', 'accept', res.message);
        return res;
      },
    );

    // ── conflicts of interest ───────────────────────────────────────────────────────────────────
    const conflictView = async (call: ReviewCall) => {
      const [rows, pool, apps] = await Promise.all([
        listConflicts(db, call.programSlug, call.callKey),
        listPool(db, call.programSlug, call.callKey),
        submittedApplications(db, call.programSlug, call.callKey),
      ]);
      return rows.map((r) => ({
        id: r.id,
        applicationId: r.applicationId,
        application: applicationLabel(apps.find((a) => a.id === r.applicationId) ?? { id: r.applicationId, receiptNo: null, proposal: {} }),
        reviewerId: r.reviewerId,
        reviewer: pool.find((p) => p.id === r.reviewerId)?.name ?? '',
        source: r.source,
        kind: r.kind,
        severity: r.severity,
        detail: r.detail,
        waived: !!r.waivedAt,
        waiverReason: r.waiverReason,
        waivedAt: r.waivedAt,
      }));
    };

    app.get(
      c.conflicts.path,
      {
        config: { authorize: operator },
        schema: { ...c.conflicts.schema, tags: ['review'], summary: 'Conflicts of interest, detected and declared, with waivers' },
      },
      async (req) => {
        const call = await callOr404(req.params.program, req.params.call);
        return { conflicts: await conflictView(call) };
      },
    );

    app.post(
      c.detectConflicts.path,
      {
        config: { authorize: operator },
        schema: { ...c.detectConflicts.schema, tags: ['review'], summary: 'Run the conflict rules again over applications and pool' },
      },
      async (req) => {
        const call = await callOr404(req.params.program, req.params.call);
        const res = await db.transaction((tx) => detectAndWithdraw(tx, req.actor, call));
        return { ...res, conflicts: await conflictView(call) };
      },
    );

    app.get(
      c.lateConflicts.path,
      {
        config: { authorize: operator },
        schema: {
          ...c.lateConflicts.schema,
          tags: ['review'],
          summary: 'Assignments withdrawn for a conflict found after assignment, waiting for (or given) a new reviewer',
        },
      },
      async (req) => {
        const call = await callOr404(req.params.program, req.params.call);
        return { withdrawals: await listWithdrawals(db, call) };
      },
    );

    app.post(
      c.reassign.path,
      {
        config: { authorize: operator },
        schema: {
          ...c.reassign.schema,
          tags: ['review'],
          summary: "Reassign a withdrawn review: preview the solver's proposal, then commit it (or a named reviewer) with a reason",
        },
      },
      async (req) => {
        const res = await reassignWithdrawal(db, req.actor!, req.params.id, req.body);
        if (res.status === 'not_found') throw notFound('withdrawal');
        if (res.status === 'conflict') throw refused(409, 'conflict', 'id', res.message);
        if (res.status === 'invalid') throw invalid(res.issues);
        return res;
      },
    );

    app.post(
      c.waive.path,
      { config: { authorize: operator }, schema: { ...c.waive.schema, tags: ['review'], summary: 'Waive a conflict (or reinstate it), with a reason' } },
      async (req) => {
        const row = await getConflict(db, req.params.id);
        if (!row) throw notFound('conflict');
        const updated = await waiveConflict(db, req.actor!, row, req.body.waive, req.body.reason);
        return { id: updated.id, waived: !!updated.waivedAt, waiverReason: updated.waiverReason };
      },
    );

    // ── assignment: run → preview → deploy, and manual edits through the same path ──────────────
    app.get(
      c.assignment.path,
      {
        config: { authorize: operator },
        schema: { ...c.assignment.schema, tags: ['review'], summary: "A round's current assignment, panel loads and recent runs" },
      },
      async (req) => {
        const { round, call } = await roundOr404(req.params.roundId);
        const [pairs, panel, runs, sheets] = await Promise.all([
          currentAssignment(db, round.id),
          roundPanelReviewers(db, round.id),
          listRuns(db, round.id),
          sheetsOfRound(db, round.id),
        ]);
        const conflicts = await listConflicts(db, call.programSlug, call.callKey);
        const blocked = new Set(conflicts.filter((c) => !c.waivedAt).map((c) => `${c.applicationId}|${c.reviewerId}`));
        return {
          round: { id: round.id, key: round.key, name: round.name, reviewsPerProposal: round.reviewsPerProposal },
          pairs: pairs.map(([applicationId, reviewerId]) => ({
            applicationId,
            reviewerId,
            conflicted: blocked.has(`${applicationId}|${reviewerId}`),
            sheet: sheets.find((s) => s.applicationId === applicationId && s.reviewerId === reviewerId)?.status ?? ('none' as const),
          })),
          panel: panel.map((r) => ({
            id: r.id,
            name: r.name,
            status: r.status,
            maxLoad: r.maxLoad,
            minLoad: r.minLoad,
            load: pairs.filter((p) => p[1] === r.id).length,
          })),
          runs: runs.map((r) => ({
            id: r.id,
            kind: r.kind,
            status: r.status,
            statusLabel: runStatusLabel(r.status),
            options: r.options,
            createdAt: r.createdAt,
            objective: r.result.objective ?? null,
            changes: r.result.diff ? { added: r.result.diff.added.length, removed: r.result.diff.removed.length, kept: r.result.diff.kept.length } : null,
          })),
        };
      },
    );

    const runView = (r: NonNullable<Awaited<ReturnType<typeof getRun>>>) => ({
      id: r.id,
      roundId: r.roundId,
      kind: r.kind,
      status: r.status,
      statusLabel: runStatusLabel(r.status),
      options: r.options,
      result: r.result,
      createdAt: r.createdAt,
      finishedAt: r.finishedAt,
      deployedAt: r.deployedAt,
    });

    app.post(
      c.runSolver.path,
      {
        config: { authorize: operator },
        schema: {
          ...c.runSolver.schema,
          tags: ['review'],
          summary: 'Run the solver: the run ends complete (with a diff to preview) or with no solution and why',
        },
      },
      async (req) => {
        const { round, call } = await roundOr404(req.params.roundId);
        const locked = roundLockedMessage(call, round);
        if (locked) throw refused(409, 'refused', 'roundId', locked);
        return { run: runView(await runAssignment(db, req.actor!, call, round, { balance: req.body.balance })) };
      },
    );

    app.get(
      c.run.path,
      { config: { authorize: operator }, schema: { ...c.run.schema, tags: ['review'], summary: 'One run with its result and diff' } },
      async (req) => {
        const run = await getRun(db, req.params.runId);
        if (!run) throw notFound('run');
        return { run: runView(run) };
      },
    );

    app.post(
      c.deploy.path,
      {
        config: { authorize: operator },
        schema: { ...c.deploy.schema, tags: ['review'], summary: "Commit a complete run: it becomes the round's assignment" },
      },
      async (req) => {
        const run = await getRun(db, req.params.runId);
        if (!run) throw notFound('run');
        const { round, call } = await roundOr404(run.roundId);
        const res = await deployRun(db, req.actor!, call, round, run.id);
        if (res.status === 'stale') throw refused(409, 'stale', 'runId', res.message);
        if (res.status === 'refused') throw refused(409, 'refused', 'runId', res.message);
        if (res.status === 'invalid') throw invalid(res.issues);
        return { run: runView(res.run) };
      },
    );

    app.post(
      c.manual.path,
      {
        config: { authorize: operator },
        schema: { ...c.manual.schema, tags: ['review'], summary: 'Add or remove pairs by hand: preview (diff) then commit; conflicted pairs are refused' },
      },
      async (req) => {
        const { round, call } = await roundOr404(req.params.roundId);
        const res = await manualAssignment(db, req.actor!, call, round, req.body);
        if (res.status === 'invalid') throw invalid(res.issues);
        if (res.status === 'stale') throw refused(409, 'stale', 'basis', res.message);
        if (res.status === 'refused') throw refused(409, 'refused', 'add', res.message);
        if (res.status === 'committed') return { status: 'committed' as const, run: runView(res.run) };
        return res;
      },
    );

    app.post(
      c.close.path,
      {
        config: { authorize: operator },
        schema: {
          ...c.close.schema,
          tags: ['review'],
          summary:
            'Close a round with its shortlist: preview who passes, who leaves and any tie at the cut, then commit (the next round opens to those who passed; applicants are told)',
        },
      },
      async (req) => {
        const { round, call } = await roundOr404(req.params.roundId);
        const res = await closeSelectionRound(db, req.actor!, call, round, req.body);
        if (res.status === 'invalid') {
          // a tie the office must settle is part of the preview: it names the tied applications to choose from
          if (res.tie && req.body.mode === 'preview') return { status: 'tie-decision' as const, tie: res.tie, tied: res.tied ?? [], issues: res.issues };
          throw invalid(res.issues);
        }
        return res;
      },
    );

    // ── the reviewer's side ─────────────────────────────────────────────────────────────────────
    app.get(
      c.mine.path,
      { config: { authorize: reviewer }, schema: { ...c.mine.schema, tags: ['review'], summary: 'My reviewer profiles and my assignments' } },
      async (req) => {
        const entries = await poolEntriesOf(db, req.actor!.id);
        return { profiles: entries.map((e) => reviewerView(e)), assignments: await myAssignments(db, req.actor!) };
      },
    );

    const accessOr403 = async (actor: Actor, roundId: string, applicationId: string, action: 'readProposal' | 'score' | 'declareConflict') => {
      const access = await reviewerAccess(db, actor, roundId, applicationId);
      if (!access) throw notFound('assignment');
      if (!canReview(actor, action, access)) {
        if (access.assigned && !access.conflicted && !access.pledged && action !== 'declareConflict') {
          throw refused(403, 'pledge_required', 'pledge', {
            ko: '이 라운드의 이해충돌 방지 서약에 동의해야 제안서를 열람할 수 있습니다',
            en: "accept this round's conflict-of-interest pledge before opening its proposals",
          });
        }
        const message: LocalizedText = access.conflicted
          ? { ko: '이해충돌이 있는 제안서는 열람할 수 없습니다', en: 'you have a conflict of interest with this proposal' }
          : { ko: '배정되지 않은 제안서는 열람할 수 없습니다', en: 'this proposal is not assigned to you' };
        throw refused(403, 'forbidden', 'applicationId', message);
      }
      return access;
    };

    app.get(
      c.proposal.path,
      {
        config: { authorize: reviewer },
        schema: { ...c.proposal.schema, tags: ['review'], summary: 'An assigned proposal (identities withheld under blind review), the form and my sheet' },
      },
      async (req) => {
        const access = await accessOr403(req.actor!, req.params.roundId, req.params.applicationId, 'readProposal');
        const app = (await submittedApplications(db, access.call.programSlug, access.call.callKey)).find((a) => a.id === req.params.applicationId);
        if (!app) throw notFound('application');
        const sheet = await getSheet(db, access.round.id, app.id, access.reviewerId!);
        const files = await listAttachments(db, app.id);
        return {
          round: { id: access.round.id, key: access.round.key, name: access.round.name, dueAt: access.round.dueAt?.toISOString() ?? null },
          callName: access.call.program.calls.find((c) => c.key === access.call.callKey)!.name,
          form: formFor(access.call, access.round),
          application: proposalForReviewer(app, access.call.config.blind),
          attachments: files.map((f, i) => ({ id: f.id, fileName: reviewerFileName(f.fileName, i, access.call.config.blind), sizeBytes: f.sizeBytes })),
          sheet: sheet ? { status: sheet.status, scores: sheet.scores, total: sheet.total, submittedAt: sheet.submittedAt, updatedAt: sheet.updatedAt } : null,
        };
      },
    );

    // The file is served inline so the scoring page can show it in a frame; under blind review its
    // name (often the organisation's) is replaced, but the PDF's own pages are not redacted.
    const blobs = blobStoreFor(ctx);
    app.get(
      c.attachment.path,
      {
        config: { authorize: reviewer },
        schema: { ...c.attachment.schema, tags: ['review'], summary: 'A document of an assigned proposal, inline (file name neutral under blind review)' },
      },
      async (req, reply) => {
        const access = await accessOr403(req.actor!, req.params.roundId, req.params.applicationId, 'readProposal');
        const files = await listAttachments(db, req.params.applicationId);
        const index = files.findIndex((f) => f.id === req.params.attachmentId);
        const a = index < 0 ? undefined : await getAttachment(db, req.params.applicationId, req.params.attachmentId);
        if (!a) throw notFound('attachment');
        const bytes = await blobs.open(a.sha256);
        if (!bytes) throw notFound('attachment file');
        return reply
          .type('application/pdf')
          .header('content-length', a.sizeBytes)
          .header('cache-control', 'private, no-store')
          .header('content-disposition', inlineDisposition(reviewerFileName(a.fileName, index, access.call.config.blind), 'proposal.pdf'))
          .send(bytes);
      },
    );

    const pledgeView = (round: NonNullable<Awaited<ReturnType<typeof getRound>>>, pledge: Awaited<ReturnType<typeof getPledge>>) => ({
      round: { id: round.id, key: round.key, name: round.name, dueAt: round.dueAt?.toISOString() ?? null },
      text: conflictPledgeText,
      version: PLEDGE_VERSION,
      acceptedAt: pledge?.acceptedAt.toISOString() ?? null,
      acceptedVersion: pledge?.version ?? null,
    });
    const myEntryOr404 = async (actor: Actor, roundId: string) => {
      const { round } = await roundOr404(roundId);
      const entry = await poolEntryFor(db, actor.id, round.programSlug, round.callKey);
      if (!entry) throw notFound('round');
      return { round, entry };
    };
    app.get(
      c.pledge.path,
      {
        config: { authorize: reviewer },
        schema: { ...c.pledge.schema, tags: ['review'], summary: "The round's conflict-of-interest pledge (ko/en) and whether I accepted it" },
      },
      async (req) => {
        const { round, entry } = await myEntryOr404(req.actor!, req.params.roundId);
        return pledgeView(round, await getPledge(db, round.id, entry.id));
      },
    );
    app.post(
      c.acceptPledge.path,
      {
        config: { authorize: reviewer },
        schema: { ...c.acceptPledge.schema, tags: ['review'], summary: "Accept the round's conflict-of-interest pledge (once; proposals open after it)" },
      },
      async (req) => {
        const { round, entry } = await myEntryOr404(req.actor!, req.params.roundId);
        const { pledge } = await acceptPledge(db, req.actor!, round.id, entry.id, req.body.locale);
        return pledgeView(round, pledge);
      },
    );

    app.put(
      c.sheet.path,
      {
        config: { authorize: reviewer },
        schema: { ...c.sheet.schema, tags: ['review'], summary: 'Save a draft or submit my scores (each within [0, points], a comment per criterion)' },
      },
      async (req) => {
        const access = await accessOr403(req.actor!, req.params.roundId, req.params.applicationId, 'score');
        const res = await saveSheet(db, req.actor!, access, req.params.applicationId, req.body.scores, req.body.mode);
        if (res.status === 'invalid') throw invalid(res.issues);
        if (res.status === 'refused') throw refused(409, 'refused', 'mode', res.message);
        return {
          status: res.status,
          sheet: { status: res.sheet.status, scores: res.sheet.scores, total: res.sheet.total, submittedAt: res.sheet.submittedAt },
        };
      },
    );

    app.post(
      c.declareConflict.path,
      {
        config: { authorize: reviewer },
        schema: { ...c.declareConflict.schema, tags: ['review'], summary: 'Declare a conflict of interest with an assigned proposal' },
      },
      async (req) => {
        const access = await accessOr403(req.actor!, req.params.roundId, req.params.applicationId, 'declareConflict');
        const row = await declareConflict(db, req.actor!, access.call, access.reviewerId!, req.params.applicationId, req.body.reason, (tx) =>
          withdrawLateConflicts(tx, req.actor, access.call),
        );
        return { id: row.id, kind: row.kind, detail: row.detail };
      },
    );

    // ── ranking, selection, publication, exports ───────────────────────────────────────────────
    app.get(
      c.ranking.path,
      {
        config: { authorize: operator },
        schema: { ...c.ranking.schema, tags: ['review'], summary: 'Aggregated scores, combined rounds, rank with tie-break reasons, decisions' },
      },
      async (req) => {
        const call = await callOr404(req.params.program, req.params.call);
        const ranking = await computeRanking(db, call);
        const terms = termsOf(call);
        const tallies = await majorityTallies(db, call);
        return {
          ...ranking,
          rows: ranking.rows.map((r) => ({ ...r, majority: tallies?.get(r.applicationId) ?? null })),
          taskCount: callSlots(call).count,
          poolGpus: terms ? offeredGpus(terms) : call.program.gpuPools.reduce((s, p) => s + p.gpuCount, 0),
          publishedAt: call.config.publishedAt,
          rounds: call.rounds.map((r) => ({ key: r.key, name: r.name, weight: r.weight })),
          additional: terms
            ? {
                fills: {
                  ...terms.fills,
                  name: call.program.calls.find((c) => c.key === terms.fills.call)?.name ?? { ko: terms.fills.call, en: terms.fills.call },
                },
                gpuOffer: terms.gpuOffer,
                decisionRule: terms.decisionRule,
                allowNoSelection: terms.allowNoSelection,
              }
            : null,
          noSelection: noSelectionOutcome(call),
        };
      },
    );

    app.put(
      c.selection.path,
      {
        config: { authorize: operator },
        schema: {
          ...c.selection.schema,
          tags: ['review'],
          summary: 'Record selected / reserve / rejected with reasons: preview, then commit (selected become tasks)',
        },
      },
      async (req) => {
        const call = await callOr404(req.params.program, req.params.call);
        const res = await saveSelection(db, req.actor!, call, req.body.decisions, req.body.mode);
        if (res.status === 'invalid') throw invalid(res.issues);
        return res;
      },
    );

    app.post(
      c.noSelection.path,
      {
        config: { authorize: operator },
        schema: {
          ...c.noSelection.schema,
          tags: ['review'],
          summary: 'Record "no one selected" as an additional call\'s outcome, with a reason: preview, then commit',
        },
      },
      async (req) => {
        const call = await callOr404(req.params.program, req.params.call);
        const res = await recordNoSelection(db, req.actor!, call, req.body.reason, req.body.mode);
        if (res.status === 'invalid') throw invalid(res.issues);
        return res;
      },
    );

    app.post(
      c.publication.path,
      { config: { authorize: operator }, schema: { ...c.publication.schema, tags: ['review'], summary: 'Publish (or withdraw) results to applicants' } },
      async (req) => {
        const call = await callOr404(req.params.program, req.params.call);
        const res = await publishResults(db, req.actor!, call, req.body.publish, req.body.reason);
        if (res.status === 'refused') throw refused(409, 'refused', 'publish', res.message);
        return res;
      },
    );

    app.get(
      c.exportXlsx.path,
      {
        config: { authorize: operator },
        schema: { ...c.exportXlsx.schema, tags: ['review'], summary: 'Every score as .xlsx, reviewers as codes R01, R02, …' },
      },
      async (req, reply) => {
        const call = await callOr404(req.params.program, req.params.call);
        const buf = await scoresWorkbook(db, call);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="review-${call.programSlug}-${call.callKey}.xlsx"`)
          .send(buf);
      },
    );

    app.get(
      c.summaryPdf.path,
      { config: { authorize: operator }, schema: { ...c.summaryPdf.schema, tags: ['review'], summary: 'The ranking as a Korean PDF summary' } },
      async (req, reply) => {
        const call = await callOr404(req.params.program, req.params.call);
        try {
          const buf = await rankingPdf(db, call);
          return reply
            .type('application/pdf')
            .header('content-disposition', `attachment; filename="ranking-${call.programSlug}-${call.callKey}.pdf"`)
            .send(buf);
        } catch (e) {
          if (e instanceof NoKoreanFontError) throw new ApiError(503, 'no_korean_font', e.message);
          throw e;
        }
      },
    );

    // ── the applicant's result ──────────────────────────────────────────────────────────────────
    app.get(
      c.result.path,
      {
        config: { authorize: (a) => canReview(a, 'readResult', { memberOfApplicant: true, published: true }) },
        schema: { ...c.result.schema, tags: ['review'], summary: 'An application’s decision and anonymised reviews, once published' },
      },
      async (req) => {
        const row = await getApplicationRow(db, req.params.id);
        if (!row) throw notFound('application');
        const call = (await loadReviewCall(db, row.programSlug, row.callKey))!;
        const actor = req.actor!;
        const member = actor.role === 'applicant' ? await isMember(db, actor, row) : false;
        if (!canReview(actor, 'readResult', { memberOfApplicant: member, published: !!call.config.publishedAt })) {
          if (actor.role === 'applicant' && member)
            throw refused(403, 'not_published', 'id', { ko: '심사 결과가 아직 공개되지 않았습니다', en: 'the results have not been published yet' });
          throw forbidden();
        }
        return { applicationId: row.id, receiptNo: row.receiptNo, title: row.proposal.title ?? '', ...(await applicantResult(db, call, row.id)) };
      },
    );

    app.get(
      selectionResults.letter.path,
      {
        config: { authorize: (a) => canReview(a, 'readResult', { memberOfApplicant: true, published: true }) },
        schema: {
          ...selectionResults.letter.schema,
          tags: ['review'],
          summary: 'A published selection result as the official letter: a Korean page, then an English page (times in Asia/Seoul)',
        },
      },
      async (req, reply) => {
        const row = await getApplicationRow(db, req.params.id);
        if (!row) throw notFound('application');
        const call = (await loadReviewCall(db, row.programSlug, row.callKey))!;
        const actor = req.actor!;
        const member = actor.role === 'applicant' ? await isMember(db, actor, row) : false;
        if (!canReview(actor, 'readResult', { memberOfApplicant: member, published: !!call.config.publishedAt })) {
          // before publication nobody outside the office may learn the result, so there is no letter yet
          if (actor.role === 'applicant' && member)
            throw refused(403, 'not_published', 'id', { ko: '심사 결과가 아직 공개되지 않았습니다', en: 'the results have not been published yet' });
          throw forbidden();
        }
        const facts = await selectionLetterFacts(db, call, row.id);
        if (!facts) throw notFound('published decision for this application');
        try {
          return reply
            .type('application/pdf')
            .header('content-disposition', `attachment; filename="${selectionLetterFileName(facts)}"`)
            .send(await selectionLetterPdf(facts));
        } catch (e) {
          if (e instanceof NoKoreanFontError) throw new ApiError(503, 'no_korean_font', e.message);
          throw e;
        }
      },
    );
  };
