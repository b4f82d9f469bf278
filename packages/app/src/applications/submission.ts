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
import type { Db, Tx } from '../db/connect.ts';
import { byColumnName, insertFromJson } from '../db/insert-from-json.ts';
import { batchGate } from '../db/batch-gate.ts';
import { applications, applicationVersions, callReceiptCounters, callSettings, programs, receipts, type EligibilityOverride } from '../db/schema/index.ts';
import { noticeInsertsSql, noticeRows, notifyAll, organisationRecipients, type NoticeAccount, type NoticeRows } from '../notifications/notify.ts';
import { organisationRecord, type RecordColumns } from '../organisations/organisation-store.ts';
import {
  appendAudit,
  auditInsertRowsSql,
  auditUpdateHeadSql,
  lockAuditHeadSql,
  lockedAuditHead,
  nextAuditChain,
  type AuditChainValues,
} from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { callStateAt, programRevisionColumns, resolveCall, resolveCallFrom, type ResolvedCall } from './call-catalog.ts';
import { databaseNow } from '../db/clock.ts';
import { preparedOnce } from '../db/prepared-once.ts';
import { namedTemplate } from '../db/named-statement.ts';
import { queueTransaction } from '../db/queue-transaction.ts';
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
  return r ? storedReceipt(r) : undefined;
}

/** A receipt as it was stored: what a retry of a submitted version and the receipt page answer. */
function storedReceipt(r: typeof receipts.$inferSelect): Receipt {
  return {
    receiptNo: r.receiptNo,
    applicationId: r.applicationId,
    program: r.programSlug,
    call: r.callKey,
    version: r.version,
    hash: r.hash,
    submittedAt: r.submittedAt.toISOString(),
  };
}

/**
 * One round trip reads all a batch of submissions checks, their application rows locked (in id
 * order, so two batches never wait for each other in a circle): the database's clock, the program's
 * revision and the call's settings, the attachments, and the organisation's accounts (those told,
 * and whether the actor is one of them); and the eligibility facts: the registry records the
 * consortium names (ids that are not uuids are left out, as parseConsortiumRefs refuses them) and
 * the call's other submissions under the application's lead key. A named statement built once: each
 * pooled connection has PostgreSQL parse and plan it once, and the process does not build it again
 * for every batch.
 */
const lockedApplicationsStatement = preparedOnce((db) => {
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
    .where(sql`${applications.id} = any(${sql.placeholder('ids')}::uuid[])`)
    .orderBy(applications.id)
    .for('update', { of: applications })
    .prepare('submission_locked_applications');
});
type LockedApplication = Awaited<ReturnType<ReturnType<typeof lockedApplicationsStatement>['execute']>>[number];

const frozenColumns = ['applicationId', 'version', 'kind', 'baseVersion', 'content', 'hash', 'savedBy', 'savedAt'] as const;
const receiptColumns = ['receiptNo', 'programSlug', 'callKey', 'applicationId', 'version', 'hash', 'submittedAt', 'idempotencyKey'] as const;

/**
 * The audit chain's head (locked and read with the clock) and the receipt counters of the batch's
 * calls (bumped by the batch's number in each; gap-free, since a rolled-back batch rolls its numbers
 * back), taken together in one statement, with the frozen versions written beside them. PostgreSQL
 * locks the head first: every batch of every process waits for it before it takes a counter, so
 * batches take the queues one after another and never in a circle. Its text is built once.
 */
const takeQueues = namedTemplate<
  { receipt_seqs: { program: string; call: string; last: number }[] } & Parameters<typeof lockedAuditHead>[0] & object,
  QueueValues
>(
  () => sql`with frozen as (${insertFromJson(applicationVersions, frozenColumns, 'frozen')}),
      counter as (insert into ${callReceiptCounters} (program_slug, call_key, last)
        select c.program_slug, c.call_key, c.n from json_to_recordset(${sql.placeholder('calls')}::json) as c(program_slug text, call_key text, n int)
        order by c.program_slug, c.call_key
        on conflict (program_slug, call_key) do update set last = ${callReceiptCounters}.last + excluded.last
        returning program_slug, call_key, last)
    select head.*, (select json_agg(json_build_object('program', program_slug, 'call', call_key, 'last', last)) from counter) as receipt_seqs
    from (${lockAuditHeadSql}) as head`,
);
interface QueueValues extends Record<string, unknown> {
  /** JSON: [{ program_slug, call_key, n }], n the batch's submissions to that call */
  calls: string;
  /** JSON: the frozen versions' rows */
  frozen: string;
}

/**
 * Everything else a batch writes, in one statement built once: the receipts, the applications, the
 * notices and the audit rows with the new signed head. Sent with the commit, which releases both
 * queues. Each lead whose applications a limit counts is counted again now that the call's queue
 * is held: every other submission of the call committed before it or waits behind it, so two
 * applications of one lead submitted at the same moment cannot both pass the per-lead limit the
 * verdict checked earlier (a batch never holds two of one lead).
 */
const writeSubmissions = namedTemplate<never, SubmissionWrites>(() => {
  const p = (name: keyof SubmissionWrites & string) => sql.placeholder(name);
  const [inbox, mail] = noticeInsertsSql;
  // the batch's own applications are not submitted yet in this statement's snapshot, so none is left out
  const ledBy = submittedLedBy(sql`g.program_slug`, sql`g.call_key`, sql`g.lead_key`, null);
  return sql`with lead as (select coalesce(bool_and(case when ${ledBy} <= g.allowed then true else stagegate_refuse(g.rule) end), true) as ok
        from json_to_recordset(${p('guards')}::json) as g(program_slug text, call_key text, lead_key text, allowed int, rule text)),
      receipt as (${insertFromJson(receipts, receiptColumns, 'receipts')} where (select ok from lead)),
      application as (update applications a set status = 'submitted', submitted_version = x.submitted_version, submitted_hash = x.submitted_hash,
          submitted_at = x.submitted_at, receipt_no = x.receipt_no, verdict = x.verdict, current_version = x.current_version, last_seq = x.last_seq,
          updated_at = x.updated_at
        from json_populate_recordset(null::applications, ${p('applications')}::json) as x where a.id = x.id),
      inbox as (${inbox}), mail as (${mail}), audit as (${auditInsertRowsSql})
    ${auditUpdateHeadSql}`;
});
interface SubmissionWrites extends NoticeRows, AuditChainValues {
  /** JSON: [{ program_slug, call_key, lead_key, allowed, rule }], the leads a limit counts and how many other submitted applications each may lead */
  guards: string;
  /** JSON: the receipts' rows */
  receipts: string;
  /** JSON: [{ id, submitted_version, submitted_hash, submitted_at, receipt_no, verdict, current_version, last_seq, updated_at }] */
  applications: string;
}

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

interface SubmitRequest {
  actor: Actor | null;
  id: string;
  version: number;
  idempotencyKey: string | undefined;
  authorise: SubmitAuthorisation | undefined;
  /**
   * The database's clock when a batch first judged this submission. A submission the batch deferred,
   * or that goes again on its own because its batch failed, is judged by it: someone else's fault
   * must not push a submission past the deadline it met.
   */
  judgedAt?: Date;
}

/**
 * Submits the version the applicant saw. In one transaction: the deadline by the database's clock,
 * completeness and eligibility, a frozen version with its SHA-256, and the next receipt number of
 * the call (its counter row is locked by the update, so concurrent submissions queue for it).
 * Submitting the same application version again returns the same receipt: a client that lost the
 * answer (a timeout, a killed server) simply retries. Submissions that arrive while others hold the
 * call's queue go in together, in one transaction (see `submissionGateOf`).
 */
export async function submitApplication(
  db: Db,
  actor: Actor | null,
  id: string,
  version: number,
  idempotencyKey?: string,
  mode: 'preview' | 'commit' = 'commit',
  authorise?: SubmitAuthorisation,
): Promise<SubmitResult> {
  const request: SubmitRequest = { actor, id, version, idempotencyKey, authorise };
  if (mode === 'commit') return submissionGateOf(db)(request);
  const [previewed] = (await submitInTransaction(db, [request], mode)).settled;
  if (previewed!.status === 'rejected') throw previewed!.reason;
  return previewed!.value;
}

/** Another application of the same lead was submitted while this one was being checked; rolled back. */
class LeadLimitReached extends Error {
  constructor(readonly issue: FieldIssue) {
    super(issue.message.en);
  }
}

/**
 * Two batches at a time per database, each of up to 32 submissions. Every submission queues for
 * its call's receipt counter and the audit head; those that arrive while two batches run wait here
 * (holding no connection and no backend) and then go in together: one transaction, its round trips
 * and its commit, and one hand-over of the queues for all of them. Two keep the next batch's checks
 * done while the first holds the queues. A lone submission goes straight in. Previews take no
 * queue and pass straight in.
 */
const submissionGates = new WeakMap<Db, (request: SubmitRequest) => Promise<SubmitResult>>();
function submissionGateOf(db: Db) {
  let gate = submissionGates.get(db);
  if (!gate) {
    gate = batchGate<SubmitRequest, SubmitResult>(
      2,
      32,
      (r) => r.id,
      (requests) => submitTogether(db, requests),
    );
    submissionGates.set(db, gate);
  }
  return gate;
}

/**
 * One batch, and what its transaction could not settle: a submission it deferred (a second of one
 * lead) goes on its own after it, and if the batch fails as a whole (a database error, or a lead's
 * limit reached by another process's submission meanwhile), each goes again on its own, so only the
 * one at fault fails.
 */
async function submitTogether(db: Db, requests: SubmitRequest[]): Promise<PromiseSettledResult<SubmitResult>[]> {
  let batch: Awaited<ReturnType<typeof submitInTransaction>>;
  try {
    batch = await submitInTransaction(db, requests, 'commit');
  } catch (error) {
    if (requests.length === 1)
      // rolled back: the receipt number, the frozen version and the notices went with it
      return [
        error instanceof LeadLimitReached
          ? { status: 'fulfilled', value: { status: 'invalid', issues: [error.issue] } }
          : { status: 'rejected', reason: error },
      ];
    const alone: PromiseSettledResult<SubmitResult>[] = [];
    for (const request of requests) alone.push(...(await submitTogether(db, [request])));
    return alone;
  }
  for (const index of batch.deferred) batch.settled[index] = (await submitTogether(db, [requests[index]!]))[0];
  return batch.settled as PromiseSettledResult<SubmitResult>[];
}

/** A submission that passed every check, with what it writes once the batch holds the queues. */
interface ReadySubmission {
  ready: true;
  request: SubmitRequest;
  app: LockedApplication['app'];
  call: ResolvedCall;
  now: Date;
  frozen: number;
  content: unknown;
  hash: string;
  title: string;
  judged: Awaited<ReturnType<typeof judgeConsortium>>;
  accounts: NoticeAccount[];
  /** the per-lead limit this submission is counted against again under the call's queue, unless the office overrode the verdict */
  guard:
    | {
        rule: NonNullable<ReturnType<typeof strictestLeadLimit>>;
        consortium: NonNullable<Awaited<ReturnType<typeof judgeConsortium>>['consortium']>;
        key: string;
      }
    | undefined;
}

/**
 * Judges one submission on its locked row, by the rules a single submission always met: who may
 * submit it, a retry of a submitted version, the deadline by the database's clock, completeness and
 * eligibility. Gives its answer, or what it will write.
 */
async function checkSubmission(
  tx: Tx,
  request: SubmitRequest,
  locked: LockedApplication | undefined,
  mode: 'preview' | 'commit',
): Promise<SubmitResult | ReadySubmission> {
  if (!locked) return { status: 'not_found' };
  const { app } = locked;
  const { id, version } = request;
  const now = request.judgedAt ?? databaseTime(locked);
  if (app.status === 'submitted' && app.submittedVersion === version && app.receiptNo) {
    const [r] = await tx
      .select()
      .from(receipts)
      .where(and(eq(receipts.programSlug, app.programSlug), eq(receipts.callKey, app.callKey), eq(receipts.receiptNo, app.receiptNo)));
    return { status: 'replayed', receipt: storedReceipt(r!) };
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

  const frozen = app.lastSeq + 1;
  const content = {
    consortium: app.consortium,
    proposal: visibleProposal(proposal, call.form),
    attachments: call.form.fields.attachments === 'hidden' ? [] : attachments,
  };
  const hash = sha256(canonicalJson({ applicationId: id, program: app.programSlug, call: app.callKey, version: frozen, content }));
  const limit = strictestLeadLimit(call.program.eligibility.rules);
  const guard =
    limit && judged.consortium && !judged.override ? { rule: limit, consortium: judged.consortium, key: leadIdentity(judged.consortium.lead) } : undefined;
  return { ready: true, request, app, call, now, frozen, content, hash, title: proposal.title ?? '', judged, accounts: locked.accounts, guard };
}

const databaseTime = (locked: LockedApplication) => (locked.now instanceof Date ? locked.now : new Date(locked.now));
const callOf = (s: ReadySubmission) => `${s.app.programSlug}\u0000${s.app.callKey}`;
/** The lead identities a submission is counted under: the one stored with its row, and the one its consortium names now. */
const leadsOf = (s: ReadySubmission) =>
  [s.app.leadKey, s.guard?.key ?? (s.judged.consortium ? leadIdentity(s.judged.consortium.lead) : null)].flatMap((key) =>
    key ? [`${callOf(s)}\u0000${key}`] : [],
  );

async function submitInTransaction(
  db: Db,
  requests: SubmitRequest[],
  mode: 'preview' | 'commit',
): Promise<{ settled: (PromiseSettledResult<SubmitResult> | undefined)[]; deferred: number[] }> {
  return queueTransaction(db, async (tx, lastWrite) => {
    const rows = await lockedApplicationsStatement(tx).execute({ ids: [...new Set(requests.map((r) => r.id))] });
    // The checks below are the heaviest work of a submission in this process; they wait for the
    // I/O already in, so a batch holding the queues that has its answer reads it first and moves on
    await new Promise((r) => setImmediate(r));
    const lockedById = new Map(rows.map((row) => [row.app.id, row]));
    if (rows[0]) for (const request of requests) request.judgedAt ??= databaseTime(rows[0]);
    const settled: (PromiseSettledResult<SubmitResult> | undefined)[] = [];
    const deferred: number[] = [];
    const ready: { index: number; submission: ReadySubmission }[] = [];
    const leads = new Set<string>();
    for (const [index, request] of requests.entries()) {
      const locked = lockedById.get(request.id);
      // the actor's right is this caller's alone; any other failure below fails the batch, which then
      // goes again one by one (a database error leaves the transaction unusable for everyone in it)
      try {
        if (locked) request.authorise?.(locked.app, request.actor !== null && locked.accounts.some((a) => a.id === request.actor!.id));
      } catch (reason) {
        settled[index] = { status: 'rejected', reason };
        continue;
      }
      const checked = await checkSubmission(tx, request, locked, mode);
      if (!('ready' in checked)) settled[index] = { status: 'fulfilled', value: checked };
      // an application counted against a per-lead limit waits for any other of its lead in the batch to
      // commit first: the write counts the lead's submitted applications, and cannot see its own batch's
      else if (checked.guard && leadsOf(checked).some((lead) => leads.has(lead))) deferred.push(index);
      else {
        for (const lead of leadsOf(checked)) leads.add(lead);
        ready.push({ index, submission: checked });
      }
    }
    if (!ready.length) return { settled, deferred };

    // Round trip 1 takes the queues every submission waits in, together and last (see takeQueues)
    const perCall = new Map<string, { program_slug: string; call_key: string; n: number }>();
    for (const { submission: s } of ready) {
      const entry = perCall.get(callOf(s)) ?? { program_slug: s.app.programSlug, call_key: s.app.callKey, n: 0 };
      entry.n += 1;
      perCall.set(callOf(s), entry);
    }
    const queued = await takeQueues.run(tx, {
      calls: JSON.stringify([...perCall.values()]),
      frozen: JSON.stringify(
        ready.map(({ submission: s }) =>
          byColumnName(applicationVersions, frozenColumns, {
            applicationId: s.app.id,
            version: s.frozen,
            kind: 'submitted',
            baseVersion: s.request.version,
            content: s.content,
            hash: s.hash,
            savedBy: s.request.actor?.id ?? null,
            savedAt: s.now.toISOString(),
          }),
        ),
      ),
    });
    const queuedRow = queued.rows[0];
    const head = lockedAuditHead(queuedRow);
    // each call's numbers for this batch follow the ones taken before it, in the batch's order
    const nextSeq = new Map(
      queuedRow!.receipt_seqs.map((c) => [`${c.program}\u0000${c.call}`, Number(c.last) - perCall.get(`${c.program}\u0000${c.call}`)!.n + 1]),
    );
    const submitted = ready.map(({ index, submission: s }) => {
      const seq = nextSeq.get(callOf(s))!;
      nextSeq.set(callOf(s), seq + 1);
      return { index, s, receiptNo: formatReceiptNumber(s.call.call.receiptPrefix, receiptYear(s.call.opens), seq) };
    });

    // Round trip 2 writes everything else at once: the receipts, the applications, the notices and
    // the audit rows with the new signed head. Then commit releases both queues.
    const notices = noticeRows(
      submitted.map(({ s, receiptNo }) => {
        const common = { call: s.call.call.name, title: s.title, receiptNo };
        const outcome = s.judged.verdict?.pendingVerification ? 'pending' : s.judged.eligible ? 'eligible' : 'ineligible';
        return {
          accounts: s.accounts,
          inputs: [
            {
              notice: { kind: 'submission-receipt', params: { ...common, program: s.call.program.name, submittedAt: s.now.toISOString() } },
              link: `/applications/${s.app.id}/receipt`,
              attachments: [{ filename: `${receiptNo}.pdf`, contentType: 'application/pdf', source: { kind: 'receipt', applicationId: s.app.id } }],
            },
            { notice: { kind: 'eligibility-verdict', params: { ...common, outcome } }, link: `/applications/${s.app.id}` },
          ],
        };
      }),
    );
    const audit = nextAuditChain(
      tx,
      head,
      submitted.map(({ s, receiptNo }) => ({
        actor: s.request.actor,
        entry: {
          action: 'application.submit',
          objectType: 'application',
          objectId: s.app.id,
          before: { status: s.app.status },
          after: { status: 'submitted', receiptNo, version: s.frozen, hash: s.hash, eligible: s.judged.eligible },
        },
      })),
    );
    const guarded = submitted.filter(({ s }) => s.guard);
    await lastWrite(
      writeSubmissions.fill(tx, {
        guards: JSON.stringify(
          guarded.map(({ s }) => ({
            program_slug: s.app.programSlug,
            call_key: s.app.callKey,
            lead_key: s.guard!.key,
            allowed: s.guard!.rule.max - 1,
            rule: s.guard!.rule.id,
          })),
        ),
        receipts: JSON.stringify(
          submitted.map(({ s, receiptNo }) =>
            byColumnName(receipts, receiptColumns, {
              receiptNo,
              programSlug: s.app.programSlug,
              callKey: s.app.callKey,
              applicationId: s.app.id,
              version: s.frozen,
              hash: s.hash,
              submittedAt: s.now.toISOString(),
              idempotencyKey: s.request.idempotencyKey ?? null,
            }),
          ),
        ),
        applications: JSON.stringify(
          submitted.map(({ s, receiptNo }) => ({
            id: s.app.id,
            submitted_version: s.request.version,
            submitted_hash: s.hash,
            submitted_at: s.now.toISOString(),
            receipt_no: receiptNo,
            verdict: s.judged.verdict ?? null,
            current_version: s.frozen,
            last_seq: s.frozen,
            updated_at: s.now.toISOString(),
          })),
        ),
        ...notices,
        ...audit,
      }),
    ).catch((error: unknown) => {
      const refused = refusedRule(error);
      const only = submitted.length === 1 ? submitted[0]!.s : undefined;
      if (only?.guard && refused === only.guard.rule.id)
        throw new LeadLimitReached({
          field: `eligibility.${only.guard.rule.id}`,
          message: leadLimitRefusal(only.guard.rule, only.guard.consortium, only.call.program.eligibility),
        });
      throw error;
    });
    for (const { index, s, receiptNo } of submitted)
      settled[index] = {
        status: 'fulfilled',
        value: {
          status: 'submitted',
          receipt: {
            receiptNo,
            applicationId: s.app.id,
            program: s.app.programSlug,
            call: s.app.callKey,
            version: s.frozen,
            hash: s.hash,
            submittedAt: s.now.toISOString(),
          },
        },
      };
    return { settled, deferred };
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
