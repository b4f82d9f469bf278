import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { applyChangeRequest, requestSubject, type ChangeOutcome, type ChangeRequest } from '@stagegate/core/allocation/change-request';
import {
  RETROACTIVE_REASON_MIN,
  retroactiveReasonMissing,
  retroactiveSupplement,
  type RetroactiveSupplement,
} from '@stagegate/core/allocation/retroactive-supplement';
import type { AllocationChange } from '@stagegate/core/allocation/allocation-diff';
import { applyInOrder, type DecidedChanges } from '@stagegate/core/allocation/change-requests-in-order';
import type { Allocation } from '@stagegate/core/allocation/allocation';
import type { AllocationIssue } from '@stagegate/core/allocation/validate-allocations';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { Db, Tx } from '../db/connect.ts';
import { allocationChangeRequests, tasks, type ChangeRequestOrigin } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { notifyAll, taskRecipients } from '../notifications/notify.ts';
import type { Actor } from '../auth/actor.ts';
import { listAllocations, lockProgramAllocations, writeAllocationChanges, type LedgerContext } from './allocation-store.ts';
import { loadProgramRules } from './program-rules.ts';
import { seoulToday } from '../db/clock.ts';
import type { Committed, Conflict, Invalid, NotFound, Preview } from '@stagegate/core/shared/mutation';

export type ChangeRequestRow = typeof allocationChangeRequests.$inferSelect;

export type ChangeRequestResult =
  | Invalid<AllocationIssue>
  | NotFound
  | { status: 'forbidden' }
  | Conflict
  | Preview<{ changes: AllocationChange[]; retroactive?: RetroactiveSupplement | null }>
  | Committed<{ changes: AllocationChange[]; request: ChangeRequestRow; retroactive?: RetroactiveSupplement | null }>;

const label = (actor: Actor | null) => (actor ? `${actor.email} (${actor.role})` : 'system');
const one = (field: string, ko: string, en: string): AllocationIssue[] => [{ allocationId: '', field, message: { ko, en }, involved: [] }];

async function outcome(db: Db | Tx, programSlug: string, request: ChangeRequest): Promise<ChangeOutcome | undefined> {
  const rules = await loadProgramRules(db as Db, programSlug);
  if (!rules) return undefined;
  return applyChangeRequest(await listAllocations(db, programSlug), request, rules, randomUUID);
}

/**
 * Files a change request (operator, or a member of the task it is about). It is checked against
 * the allocations as they stand, so a request that could never be approved is refused at once;
 * `preview` shows what approving it would do.
 */
export async function submitChangeRequest(
  db: Db,
  actor: Actor | null,
  programSlug: string,
  request: ChangeRequest,
  opts: { mode: 'preview' | 'commit'; reason: string; origin?: ChangeRequestOrigin; explanation?: LocalizedText; memberOf?: string[] },
): Promise<ChangeRequestResult> {
  const out = await outcome(db, programSlug, request);
  if (!out) return { status: 'not_found' };
  const current = await listAllocations(db, programSlug);
  const subject = current.find((a) => a.id === requestSubject(request));
  if (!subject)
    return {
      status: 'invalid',
      issues: one('request.allocationId', '요청 대상 배정이 이 사업에 없습니다', 'the allocation the request is about is not in this program'),
    };
  if (opts.memberOf && !opts.memberOf.includes(subject.taskId)) return { status: 'forbidden' };
  if (!out.ok) return { status: 'invalid', issues: out.issues };
  if (opts.mode === 'preview') return { status: 'preview', changes: out.changes };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(allocationChangeRequests)
      .values({
        programSlug,
        taskId: subject.taskId,
        kind: request.kind,
        request,
        origin: opts.origin ?? 'manual',
        reason: opts.reason,
        explanation: opts.explanation ?? null,
        requestedBy: actor?.id ?? null,
        requestedByLabel: label(actor),
      })
      .returning();
    await appendAudit(tx, actor, {
      action: 'allocation.change-request.submit',
      objectType: 'allocation-change-request',
      objectId: row!.id,
      after: { programSlug, request, origin: row!.origin },
      reason: opts.reason,
    });
    return { status: 'committed' as const, changes: out.changes, request: row! };
  });
}

export async function getChangeRequest(db: Db, id: string): Promise<ChangeRequestRow | undefined> {
  const [row] = await db.select().from(allocationChangeRequests).where(eq(allocationChangeRequests.id, id));
  return row;
}

/**
 * The operator's approval: re-applied to the allocations as they are now (they may have moved since
 * the request), previewed, then committed with a ledger row per change and an audit row.
 */
export async function approveChangeRequest(
  db: Db,
  actor: Actor,
  id: string,
  opts: { mode: 'preview' | 'commit'; reason?: string; retroactiveReason?: string },
): Promise<ChangeRequestResult> {
  const row = await getChangeRequest(db, id);
  if (!row) return { status: 'not_found' };
  if (row.status !== 'pending') return { status: 'conflict', message: `the request is already ${row.status}` };
  const first = await outcome(db, row.programSlug, row.request);
  if (!first) return { status: 'not_found' };
  if (!first.ok) return { status: 'invalid', issues: first.issues };
  // a supplement for days already gone is shown as such in the preview and needs its own reason to commit
  const retroactive = retroactiveSupplement(row.request, await listAllocations(db, row.programSlug), await seoulToday(db));
  if (opts.mode === 'preview') return { status: 'preview', changes: first.changes, retroactive };
  if (retroactive && retroactiveReasonMissing(opts.retroactiveReason)) {
    return {
      status: 'invalid',
      issues: one(
        'retroactiveReason',
        `지난 날짜(${retroactive.startsOn})부터 적용되는 추가 배정이므로 소급 사유를 ${RETROACTIVE_REASON_MIN}자 이상 적어야 합니다`,
        `the supplement takes effect on a day already past (${retroactive.startsOn}): give a retroactive reason of at least ${RETROACTIVE_REASON_MIN} characters`,
      ),
    };
  }
  return db.transaction(async (tx): Promise<ChangeRequestResult> => {
    await lockProgramAllocations(tx, row.programSlug);
    const [locked] = await tx.select().from(allocationChangeRequests).where(eq(allocationChangeRequests.id, id)).for('update');
    if (locked!.status !== 'pending') return { status: 'conflict', message: `the request is already ${locked!.status}` };
    const out = (await outcome(tx, row.programSlug, row.request))!;
    if (!out.ok) return { status: 'invalid', issues: out.issues };
    const why = [opts.reason ?? row.reason, retroactive ? `retroactive from ${retroactive.startsOn}: ${opts.retroactiveReason!.trim()}` : '']
      .filter(Boolean)
      .join('; ');
    const [updated] = await tx
      .update(allocationChangeRequests)
      .set({
        status: 'approved',
        decidedBy: actor.id,
        decidedByLabel: label(actor),
        decisionReason: retroactive ? why : (opts.reason ?? null),
        decidedAt: new Date(),
      })
      .where(eq(allocationChangeRequests.id, id))
      .returning();
    await tellRequester(tx, updated!, true);
    await writeAllocationChanges(tx, row.programSlug, out.changes, {
      actor,
      reason: why,
      changeRequestId: id,
      action: 'allocation.change-request.approve',
      auditObject: { type: 'allocation-change-request', id },
    });
    return { status: 'committed', changes: out.changes, request: updated!, retroactive };
  });
}

/** The team (and whoever asked, if not on it) hears the office's answer in the same transaction. */
async function tellRequester(tx: Tx, row: ChangeRequestRow, approved: boolean): Promise<void> {
  const [task] = await tx.select({ key: tasks.key }).from(tasks).where(eq(tasks.id, row.taskId));
  const to = await taskRecipients(tx, row.taskId);
  if (row.requestedBy && !to.some((r) => 'userId' in r && r.userId === row.requestedBy)) to.push({ userId: row.requestedBy });
  await notifyAll(tx, to, {
    notice: { kind: 'change-request-decided', params: { task: task?.key ?? '', request: row.kind, approved, reason: row.decisionReason } },
    link: '/allocations',
  });
}

export async function rejectChangeRequest(db: Db, actor: Actor, id: string, reason: string): Promise<ChangeRequestResult> {
  return db.transaction(async (tx): Promise<ChangeRequestResult> => {
    const [row] = await tx.select().from(allocationChangeRequests).where(eq(allocationChangeRequests.id, id)).for('update');
    if (!row) return { status: 'not_found' };
    if (row.status !== 'pending') return { status: 'conflict', message: `the request is already ${row.status}` };
    const [updated] = await tx
      .update(allocationChangeRequests)
      .set({ status: 'rejected', decidedBy: actor.id, decidedByLabel: label(actor), decisionReason: reason, decidedAt: new Date() })
      .where(eq(allocationChangeRequests.id, id))
      .returning();
    await tellRequester(tx, updated!, false);
    await appendAudit(tx, actor, {
      action: 'allocation.change-request.reject',
      objectType: 'allocation-change-request',
      objectId: id,
      before: { status: 'pending' },
      after: { status: 'rejected' },
      reason,
    });
    return { status: 'committed', changes: [], request: updated! };
  });
}

/** A program's requests, newest first, with the task key; `taskIds` limits them (an applicant's own). */
export async function listChangeRequests(db: Db, programSlug: string, taskIds?: string[]) {
  const where = taskIds
    ? and(
        eq(allocationChangeRequests.programSlug, programSlug),
        inArray(allocationChangeRequests.taskId, taskIds.length ? taskIds : ['00000000-0000-0000-0000-000000000000']),
      )
    : eq(allocationChangeRequests.programSlug, programSlug);
  const rows = await db
    .select({ r: allocationChangeRequests, taskKey: tasks.key, taskName: tasks.name })
    .from(allocationChangeRequests)
    .innerJoin(tasks, eq(tasks.id, allocationChangeRequests.taskId))
    .where(where)
    .orderBy(desc(allocationChangeRequests.createdAt));
  return rows.map(({ r, taskKey, taskName }) => ({ ...r, taskKey, taskName }));
}

/** Whether a pending request of this kind already waits for the task (the policy files one, not many). */
export async function hasPendingRequest(db: Db, taskId: string, origin: ChangeRequestOrigin): Promise<boolean> {
  const rows = await db
    .select({ id: allocationChangeRequests.id })
    .from(allocationChangeRequests)
    .where(and(eq(allocationChangeRequests.taskId, taskId), eq(allocationChangeRequests.status, 'pending'), eq(allocationChangeRequests.origin, origin)));
  return rows.length > 0;
}

/**
 * What changes decided elsewhere (a stage-evaluation decision: reclaim an eliminated task's GPUs
 * from the day after) would do to a program's allocations now; the preview of
 * `applyDecidedChangesIn`.
 */
export async function previewDecidedChanges(
  db: Db | Tx,
  programSlug: string,
  requests: (current: readonly Allocation[]) => ChangeRequest[],
): Promise<DecidedChanges | undefined> {
  const rules = await loadProgramRules(db as Db, programSlug);
  if (!rules) return undefined;
  const current = await listAllocations(db, programSlug);
  return applyInOrder(current, requests(current), rules, randomUUID);
}

/**
 * Applies changes decided elsewhere inside the caller's transaction: under the program's lock,
 * re-applied to the allocations as they stand, with the same capacity and phase checks as an
 * approval, one ledger row per change and one audit row. No change-request row: the deciding
 * record (e.g. the stage decision, named in `ctx.auditObject`) is the request.
 */
export async function applyDecidedChangesIn(
  tx: Tx,
  actor: Actor | null,
  programSlug: string,
  requests: (current: readonly Allocation[]) => ChangeRequest[],
  ctx: Omit<LedgerContext, 'actor'>,
): Promise<DecidedChanges | undefined> {
  await lockProgramAllocations(tx, programSlug);
  const out = await previewDecidedChanges(tx, programSlug, requests);
  if (!out?.ok || out.changes.length === 0) return out;
  await writeAllocationChanges(tx, programSlug, out.changes, { ...ctx, actor });
  return out;
}
