import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { FieldIssue, LocalizedText } from '@stagegate/core/shared/localized';
import { checkCompleteness, visibleProposal } from '@stagegate/core/application/completeness';
import { checkTransition, type ApplicationStatus } from '@stagegate/core/application/application-status';
import { acceptsApplicantChanges } from '@stagegate/core/call/call-state';
import { gpuRequestIssues } from '@stagegate/core/allocation/request-limits';
import { declarationIssues } from '@stagegate/core/program/cost-share';
import { formatReceiptNumber, receiptYear } from '@stagegate/core/application/receipt-number';
import { canonicalJson } from '@stagegate/core/application/canonical-json';
import type { ProposalDraft } from '@stagegate/core/application/proposal';
import type { Db } from '../db/connect.ts';
import {
  applications,
  applicationVersions,
  callReceiptCounters,
  callSettings,
  organisationMembers,
  programs,
  receipts,
  type EligibilityOverride,
} from '../db/schema/index.ts';
import { noticeInsertsSql, noticeRows, notifyAll, organisationRecipients, type NoticeAccount, type NoticeRows } from '../notifications/notify.ts';
import { organisationRecord, type RecordColumns } from '../organisations/organisation-store.ts';
import {
  appendAudit,
  auditInsertRowSql,
  auditUpdateHeadSql,
  lockAuditHeadSql,
  lockedAuditHead,
  nextAuditValues,
  type AuditAppendValues,
} from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { callStateAt, programRevisionColumns, resolveCall, resolveCallFrom } from './call-catalog.ts';
import { databaseNow } from '../db/clock.ts';
import { preparedOnce } from '../db/prepared-once.ts';
import { namedTemplate } from '../db/named-statement.ts';
import { queueTransaction } from '../db/queue-transaction.ts';
import { queueGate } from '../db/queue-gate.ts';
import { judgeConsortium, submittedLedBy, verdictIssues } from './eligibility-service.ts';
import { leadIdentity } from '@stagegate/core/application/lead-identity';
import { leadLimitRefusal, strictestLeadLimit } from '@stagegate/core/eligibility/checks/max-applications-per-lead';
import { refusedRule } from '../db/refusal.ts';

export interface Receipt {
  receiptNo: string;
  applicationId: string;
  program: string;
  call: string;
  version: number;
  hash: string;
  submittedAt: string;
}

export type SubmitResult =
  | { status: 'submitted' | 'replayed'; receipt: Receipt }
  | { status: 'preview'; preview: SubmitPreview }
  | { status: 'invalid'; issues: FieldIssue[] }
  | { status: 'deadline'; reason: 'closed' | 'not_yet_open'; message: LocalizedText }
  | { status: 'refused'; message: LocalizedText }
  | { status: 'stale'; currentVersion: number }
  | { status: 'not_found' };

/** An attachment as the frozen version records it. */
interface FrozenAttachment {
  id: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
}

const content0 = (list: readonly unknown[], shown: string) => (shown === 'hidden' ? 0 : list.length);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export async function receiptOf(db: Db, applicationId: string): Promise<Receipt | undefined> {
  const [app] = await db.select().from(applications).where(eq(applications.id, applicationId));
  if (!app?.receiptNo) return undefined;
  const [r] = await db
    .select()
    .from(receipts)
    .where(and(eq(receipts.programSlug, app.programSlug), eq(receipts.callKey, app.callKey), eq(receipts.receiptNo, app.receiptNo)));
  return r
    ? {
        receiptNo: r.receiptNo,
        applicationId,
        program: r.programSlug,
        call: r.callKey,
        version: r.version,
        hash: r.hash,
        submittedAt: r.submittedAt.toISOString(),
      }
    : undefined;
}

/**
 * One round trip reads all a submission checks, the application row locked: the database's clock,
 * whether the actor is a member of its organisation, the program's revision and the call's
 * settings, the attachments, and the accounts to tell (the public has no id: a null never matches a
 * member); and the eligibility facts: the registry records the consortium names (ids that are not
 * uuids are left out, as parseConsortiumRefs refuses them) and the call's other submissions under
 * the application's lead key. A named statement built once: each pooled connection has PostgreSQL
 * parse and plan it once, and the process does not build it again for every submission.
 */
const lockedApplicationStatement = preparedOnce((db) => {
  const member = sql<boolean>`exists (select 1 from ${organisationMembers} where ${organisationMembers.organisationId} = ${applications.organisationId} and ${organisationMembers.userId} = ${sql.placeholder('actor')})`;
  const attachmentList = sql<
    FrozenAttachment[]
  >`coalesce((select json_agg(json_build_object('id', a.id, 'fileName', a.file_name, 'sizeBytes', a.size_bytes, 'sha256', a.sha256) order by a.uploaded_at, a.id)
    from application_attachments a where a.application_id = ${applications.id} and not a.removed), '[]'::json)`;
  const accountList = sql<NoticeAccount[]>`coalesce((select json_agg(json_build_object('id', u.id, 'email', u.email, 'locale', u.locale) order by u.id)
    from organisation_members m join "user" u on u.id = m.user_id where m.organisation_id = ${applications.organisationId}), '[]'::json)`;
  const participants = sql`case when jsonb_typeof(${applications.consortium}->'participants') = 'array' then ${applications.consortium}->'participants' else '[]'::jsonb end`;
  const recordList = sql<RecordColumns[]>`coalesce((select json_agg(json_build_object('id', o.id, 'nameKo', o.name_ko, 'nameEn', o.name_en, 'type', o.type,
      'country', o.country, 'registrationNo', o.registration_no, 'verificationStatus', o.verification_status))
    from organisations o where o.id = ${applications.organisationId} or o.id = any(array(select (p->>'organisationId')::uuid from jsonb_array_elements(${participants}) p
      where jsonb_typeof(p) = 'object' and p->>'organisationId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'))), '[]'::json)`;
  const ledBy = submittedLedBy(applications.programSlug, applications.callKey, applications.leadKey, applications.id);
  return db
    .select({
      app: applications,
      now: sql<Date | string>`now()`,
      member,
      program: programRevisionColumns,
      settings: callSettings,
      attachments: attachmentList,
      accounts: accountList,
      records: recordList,
      ledBy,
    })
    .from(applications)
    .leftJoin(programs, eq(programs.slug, applications.programSlug))
    .leftJoin(callSettings, and(eq(callSettings.programSlug, applications.programSlug), eq(callSettings.callKey, applications.callKey)))
    .where(eq(applications.id, sql.placeholder('id')))
    .for('update', { of: applications })
    .prepare('submission_locked_application');
});

/**
 * The call's receipt counter (bumped; gap-free, since a rolled-back submission rolls its number
 * back) and the audit chain's head (locked and read with the clock), taken together in one
 * statement, with the frozen version written beside them. Its text is built once.
 */
const takeQueues = namedTemplate<{ receipt_seq: number | string } & Parameters<typeof lockedAuditHead>[0] & object, QueueValues>((db) => {
  const p = (name: keyof QueueValues & string) => sql.placeholder(name);
  const frozenVersion = db.insert(applicationVersions).values({
    applicationId: p('id'),
    version: p('frozen'),
    kind: 'submitted',
    baseVersion: p('version'),
    content: p('content'),
    hash: p('hash'),
    savedBy: p('savedBy'),
    savedAt: p('savedAt'),
  });
  const counter = db
    .insert(callReceiptCounters)
    .values({ programSlug: p('program'), callKey: p('call'), last: 1 })
    .onConflictDoUpdate({ target: [callReceiptCounters.programSlug, callReceiptCounters.callKey], set: { last: sql`${callReceiptCounters.last} + 1` } })
    .returning({ last: callReceiptCounters.last });
  return sql`with frozen as (${frozenVersion.getSQL()}), counter as (${counter.getSQL()})
      select head.*, (select last from counter) as receipt_seq from (${lockAuditHeadSql}) as head`;
});
interface QueueValues extends Record<string, unknown> {
  id: string;
  frozen: number;
  version: number;
  content: unknown;
  hash: string;
  savedBy: string | null;
  savedAt: Date;
  program: string;
  call: string;
}

/**
 * Everything else a submission writes, in one statement built once: the receipt, the application,
 * the notices and the audit row with the new signed head. Sent with the commit, which releases
 * both queues.
 */
const writeSubmission = namedTemplate<never, SubmissionWrites>(() => {
  const p = (name: keyof SubmissionWrites & string) => sql.placeholder(name);
  const [inbox, mail] = noticeInsertsSql;
  // the lead's submitted applications counted again now that the call's queue is held: every other
  // submission of the call committed before it or waits behind it, so two applications of one lead
  // submitted at the same moment cannot both pass the per-lead limit the verdict checked earlier
  return sql`with lead as (select case when ${p('leadLimit')}::int is null then true
          when ${submittedLedBy(p('program'), p('call'), p('leadKey'), p('id'))} <= ${p('leadLimit')}::int then true
          else stagegate_refuse(${p('leadRule')}) end as ok),
      receipt as (insert into receipts (receipt_no, program_slug, call_key, application_id, version, hash, submitted_at, idempotency_key)
        select ${p('receiptNo')}, ${p('program')}, ${p('call')}, ${p('id')}::uuid, ${p('frozen')}::int, ${p('hash')}, ${p('now')}::timestamptz, ${p('idempotencyKey')}
        where (select ok from lead)),
      application as (update applications set status = 'submitted', submitted_version = ${p('version')}, submitted_hash = ${p('hash')}, submitted_at = ${p('now')},
        receipt_no = ${p('receiptNo')}, verdict = ${p('verdict')}::jsonb, current_version = ${p('frozen')}, last_seq = ${p('frozen')}, updated_at = ${p('now')}
        where id = ${p('id')}),
      inbox as (${inbox}), mail as (${mail}), audit as (${auditInsertRowSql})
    ${auditUpdateHeadSql}`;
});
interface SubmissionWrites extends NoticeRows, AuditAppendValues {
  receiptNo: string;
  program: string;
  call: string;
  id: string;
  version: number;
  frozen: number;
  hash: string;
  now: string;
  idempotencyKey: string | null;
  verdict: string | null;
  /** the lead key and how many other submitted applications it may lead (null: no limit applies) */
  leadKey: string | null;
  leadLimit: number | null;
  leadRule: string | null;
}

/**
 * Submits the version the applicant saw. In one transaction: the deadline by the database's clock,
 * completeness and eligibility, a frozen version with its SHA-256, and the next receipt number of
 * the call (its counter row is locked by the update, so concurrent submissions queue for it).
 * Submitting the same application version again returns the same receipt: a client that lost the
 * answer (a timeout, a killed server) simply retries.
 */
/** What submitting would freeze, before anything is written: the version, its attachments, the deadline it beats, and that editing ends. */
export interface SubmitPreview {
  version: number;
  title: string;
  attachments: number;
  /** when the call closes for this application (an extension included), by the database clock */
  closesAt: string;
  now: string;
  eligible: boolean;
}

/**
 * Decides whether the actor may submit this application, on the row as it is locked; throws to
 * refuse (the route answers 403). The route reads the application only here, once.
 */
export type SubmitAuthorisation = (app: typeof applications.$inferSelect, memberOfOrganisation: boolean) => void;

export async function submitApplication(
  db: Db,
  actor: Actor | null,
  id: string,
  version: number,
  idempotencyKey?: string,
  mode: 'preview' | 'commit' = 'commit',
  authorise?: SubmitAuthorisation,
): Promise<SubmitResult> {
  if (mode !== 'commit') return submitInTransaction(db, actor, id, version, idempotencyKey, mode, authorise);
  try {
    return await submissionGate(() => submitInTransaction(db, actor, id, version, idempotencyKey, mode, authorise));
  } catch (error) {
    // rolled back: the receipt number, the frozen version and the notices went with it
    if (error instanceof LeadLimitReached) return { status: 'invalid', issues: [error.issue] };
    throw error;
  }
}

/** Another application of the same lead was submitted while this one was being checked; rolled back. */
class LeadLimitReached extends Error {
  constructor(readonly issue: FieldIssue) {
    super(issue.message.en);
  }
}

/**
 * Two submissions at a time per process: all of them queue for the call's receipt counter and the
 * audit head, so a third would only wait in PostgreSQL, holding a connection and a backend, while
 * its checks crowd the process that the one holding the queues needs. Two keep the next one's
 * checks done while the first holds the queues. Measured in the surge bench (medians of 5):
 * unlimited 327/s, three 351/s, two 369/s, one 264/s. Previews take no queue and pass straight in.
 */
const submissionGate = queueGate(2);

async function submitInTransaction(
  db: Db,
  actor: Actor | null,
  id: string,
  version: number,
  idempotencyKey: string | undefined,
  mode: 'preview' | 'commit',
  authorise: SubmitAuthorisation | undefined,
): Promise<SubmitResult> {
  return queueTransaction(db, async (tx, lastWrite): Promise<SubmitResult> => {
    const [locked] = await lockedApplicationStatement(tx).execute({ id, actor: actor?.id ?? null });
    if (!locked) return { status: 'not_found' };
    // The checks below are the heaviest work of a submission in this process; they wait for the
    // I/O already in, so a submission holding the queues that has its answer reads it first and
    // moves on (in the surge bench, 336 → 363 a second)
    await new Promise((r) => setImmediate(r));
    const { app } = locked;
    authorise?.(app, locked.member === true);
    const now = locked.now instanceof Date ? locked.now : new Date(locked.now);
    if (app.status === 'submitted' && app.submittedVersion === version && app.receiptNo) {
      const [r] = await tx
        .select()
        .from(receipts)
        .where(and(eq(receipts.programSlug, app.programSlug), eq(receipts.callKey, app.callKey), eq(receipts.receiptNo, app.receiptNo)));
      return {
        status: 'replayed',
        receipt: {
          receiptNo: r!.receiptNo,
          applicationId: id,
          program: r!.programSlug,
          call: r!.callKey,
          version: r!.version,
          hash: r!.hash,
          submittedAt: r!.submittedAt.toISOString(),
        },
      };
    }
    const transition = checkTransition(app.status, 'submit');
    if (!transition.ok) return { status: 'refused', message: transition.message };
    if (version !== app.currentVersion) return { status: 'stale', currentVersion: app.currentVersion };
    const call = locked.program ? await resolveCallFrom(tx, app.programSlug, app.callKey, locked.program, locked.settings ?? undefined) : undefined;
    if (!call) return { status: 'not_found' };
    const deadline = acceptsApplicantChanges(callStateAt(call, now), { opens: call.opens, closes: call.closes, extendedUntil: app.extendedUntil }, now);
    if (!deadline.open) return { status: 'deadline', reason: deadline.reason, message: deadline.message };

    const attachments = locked.attachments;
    const proposal = app.proposal as ProposalDraft;
    const issues = checkCompleteness(proposal, call.form, {
      phaseKeys: call.program.phases.map((p) => p.key),
      attachmentCount: call.form.fields.attachments === 'hidden' ? 0 : attachments.length,
    });
    const judged = await judgeConsortium(tx, call.program, app.consortium, {
      leadOrganisationId: app.organisationId,
      call: app.callKey,
      applicationId: id,
      override: app.eligibilityOverride,
      facts: { records: locked.records.map(organisationRecord), ledBy: { leadKey: app.leadKey, submitted: Number(locked.ledBy) } },
    });
    issues.push(...gpuRequestIssues(proposal.gpuRequest, call.program), ...declarationIssues(proposal, call.program.costShare, true));
    issues.push(...judged.issues);
    if (judged.verdict && !judged.eligible) issues.push(...verdictIssues(judged.verdict));
    if (issues.length) return { status: 'invalid', issues };
    if (mode === 'preview') {
      const closes = app.extendedUntil && app.extendedUntil > call.closes ? app.extendedUntil : call.closes;
      return {
        status: 'preview',
        preview: {
          version,
          title: proposal.title ?? '',
          attachments: content0(attachments, call.form.fields.attachments),
          closesAt: new Date(closes).toISOString(),
          now: now.toISOString(),
          eligible: judged.eligible,
        },
      };
    }

    const accounts = locked.accounts;
    const frozen = app.lastSeq + 1;
    const content = {
      consortium: app.consortium,
      proposal: visibleProposal(proposal, call.form),
      attachments: call.form.fields.attachments === 'hidden' ? [] : attachments,
    };
    const hash = sha256(canonicalJson({ applicationId: id, program: app.programSlug, call: app.callKey, version: frozen, content }));

    // Round trip 1 takes the two queues every submission waits in, together and last (see takeQueues)
    const queued = await takeQueues.run(tx, {
      id,
      frozen,
      version,
      content,
      hash,
      savedBy: actor?.id ?? null,
      savedAt: now,
      program: app.programSlug,
      call: app.callKey,
    });
    const queuedRow = queued.rows[0];
    const receiptNo = formatReceiptNumber(call.call.receiptPrefix, receiptYear(call.opens), Number(queuedRow!.receipt_seq));

    // Round trip 2 writes everything else at once: the receipt, the application, the notices and
    // the audit row with the new signed head. Then commit releases both queues.
    const common = { call: call.call.name, title: proposal.title ?? '', receiptNo };
    const outcome = judged.verdict?.pendingVerification ? 'pending' : judged.eligible ? 'eligible' : 'ineligible';
    const notices = noticeRows(accounts, [
      {
        notice: { kind: 'submission-receipt', params: { ...common, program: call.program.name, submittedAt: now.toISOString() } },
        link: `/applications/${id}/receipt`,
        attachments: [{ filename: `${receiptNo}.pdf`, contentType: 'application/pdf', source: { kind: 'receipt', applicationId: id } }],
      },
      { notice: { kind: 'eligibility-verdict', params: { ...common, outcome } }, link: `/applications/${id}` },
    ]);
    const audit = nextAuditValues(tx, lockedAuditHead(queuedRow), actor, {
      action: 'application.submit',
      objectType: 'application',
      objectId: id,
      before: { status: app.status },
      after: { status: 'submitted', receiptNo, version: frozen, hash, eligible: judged.eligible },
    });
    // the per-lead limit is counted again under the call's queue (see writeSubmission), unless the office overrode the verdict
    const limit = strictestLeadLimit(call.program.eligibility.rules);
    const guarded = limit && judged.consortium && !judged.override ? { rule: limit, consortium: judged.consortium } : undefined;
    await lastWrite(
      writeSubmission.fill(tx, {
        receiptNo,
        program: app.programSlug,
        call: app.callKey,
        id,
        version,
        frozen,
        hash,
        now: now.toISOString(),
        idempotencyKey: idempotencyKey ?? null,
        verdict: judged.verdict ? JSON.stringify(judged.verdict) : null,
        leadKey: guarded ? leadIdentity(guarded.consortium.lead) : null,
        leadLimit: guarded ? guarded.rule.max - 1 : null,
        leadRule: guarded?.rule.id ?? null,
        ...notices,
        ...audit,
      }),
    ).catch((error: unknown) => {
      if (guarded && refusedRule(error) === guarded.rule.id)
        throw new LeadLimitReached({
          field: `eligibility.${guarded.rule.id}`,
          message: leadLimitRefusal(guarded.rule, guarded.consortium, call.program.eligibility),
        });
      throw error;
    });
    return {
      status: 'submitted',
      receipt: { receiptNo, applicationId: id, program: app.programSlug, call: app.callKey, version: frozen, hash, submittedAt: now.toISOString() },
    };
  });
}

export type ChangeResult =
  | { status: 'committed'; applicationStatus: ApplicationStatus }
  | { status: 'refused'; message: LocalizedText }
  | { status: 'deadline'; message: LocalizedText }
  | { status: 'not_found' };

/** Withdrawal is the applicant's, and only while the call is open (by the database's clock). */
export async function withdrawApplication(db: Db, actor: Actor, id: string, reason?: string): Promise<ChangeResult> {
  return db.transaction(async (tx): Promise<ChangeResult> => {
    const now = await databaseNow(tx);
    const [app] = await tx.select().from(applications).where(eq(applications.id, id)).for('update');
    if (!app) return { status: 'not_found' };
    const t = checkTransition(app.status, 'withdraw');
    if (!t.ok) return { status: 'refused', message: t.message };
    const call = await resolveCall(tx, app.programSlug, app.callKey);
    const deadline = acceptsApplicantChanges(callStateAt(call!, now), { opens: new Date(0), closes: call!.closes, extendedUntil: app.extendedUntil }, now);
    if (!deadline.open)
      return {
        status: 'deadline',
        message: { ko: `${deadline.message.ko}. 사업 담당자에게 문의하세요`, en: `${deadline.message.en} — contact the program office` },
      };
    await tx.update(applications).set({ status: 'withdrawn', updatedAt: now }).where(eq(applications.id, id));
    await appendAudit(tx, actor, {
      action: 'application.withdraw',
      objectType: 'application',
      objectId: id,
      before: { status: app.status },
      after: { status: 'withdrawn' },
      reason: reason ?? null,
    });
    return { status: 'committed', applicationStatus: 'withdrawn' };
  });
}

/** The office reopens one application (back to draft), with a reason, optionally past the call's close. */
export async function reopenApplication(db: Db, actor: Actor, id: string, reason: string, extendedUntil?: Date): Promise<ChangeResult> {
  return db.transaction(async (tx): Promise<ChangeResult> => {
    const [app] = await tx.select().from(applications).where(eq(applications.id, id)).for('update');
    if (!app) return { status: 'not_found' };
    const t = checkTransition(app.status, 'reopen');
    if (!t.ok) return { status: 'refused', message: t.message };
    await tx
      .update(applications)
      .set({ status: 'draft', extendedUntil: extendedUntil ?? app.extendedUntil, submittedVersion: null, updatedAt: sql`now()` })
      .where(eq(applications.id, id));
    await appendAudit(tx, actor, {
      action: 'application.reopen',
      objectType: 'application',
      objectId: id,
      before: { status: app.status, receiptNo: app.receiptNo },
      after: { status: 'draft', extendedUntil: extendedUntil?.toISOString() ?? null },
      reason,
    });
    return { status: 'committed', applicationStatus: 'draft' };
  });
}

/** The office's written override of a verdict; shown beside the verdict, never replacing it. */
export async function overrideEligibility(
  db: Db,
  actor: Actor,
  id: string,
  eligible: boolean,
  reason: string,
): Promise<{ status: 'not_found' } | { status: 'committed'; applicationStatus: ApplicationStatus; override: EligibilityOverride }> {
  return db.transaction(async (tx) => {
    const now = await databaseNow(tx);
    const [app] = await tx.select().from(applications).where(eq(applications.id, id)).for('update');
    if (!app) return { status: 'not_found' as const };
    const override: EligibilityOverride = { eligible, reason, by: actor.id, byLabel: `${actor.name} <${actor.email}>`, at: now.toISOString() };
    await tx.update(applications).set({ eligibilityOverride: override }).where(eq(applications.id, id));
    const call = await resolveCall(tx, app.programSlug, app.callKey);
    if (app.receiptNo && call) {
      const title = (app.proposal as ProposalDraft).title ?? '';
      await notifyAll(tx, await organisationRecipients(tx, [app.organisationId]), {
        notice: { kind: 'eligibility-override', params: { call: call.call.name, title, receiptNo: app.receiptNo, eligible, reason } },
        link: `/applications/${id}`,
      });
    }
    await appendAudit(tx, actor, {
      action: 'application.eligibility.override',
      objectType: 'application',
      objectId: id,
      before: app.eligibilityOverride ?? null,
      after: { eligible },
      reason,
    });
    return { status: 'committed' as const, applicationStatus: app.status, override };
  });
}
