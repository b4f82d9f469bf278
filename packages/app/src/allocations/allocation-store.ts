import { asc, eq, sql } from 'drizzle-orm';
import type { Allocation } from '@stagegate/core/allocation/allocation';
import { diffAllocations, type AllocationChange } from '@stagegate/core/allocation/allocation-diff';
import { validateAllocations, type AllocationIssue } from '@stagegate/core/allocation/validate-allocations';
import type { Db, Tx } from '../db/connect.ts';
import { allocationLedger, allocations, programs, tasks } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { loadProgramRules, type ProgramAllocationRules } from './program-rules.ts';
import { particle } from '@stagegate/core/shared/korean-particles';
import { actionsToldToTeams, tellTeamsOfAllocationChanges } from './tell-teams.ts';

/** Every allocation mutation answers validate → preview → commit in one of these shapes. */
export type AllocationMutation =
  | { status: 'invalid'; issues: AllocationIssue[] }
  | { status: 'preview'; changes: AllocationChange[] }
  | { status: 'unchanged' }
  | { status: 'committed'; changes: AllocationChange[] };

export type AllocationRow = typeof allocations.$inferSelect;

const toAllocation = (r: AllocationRow, taskKey: string): Allocation => ({
  id: r.id,
  taskId: r.taskId,
  taskKey,
  poolKey: r.poolKey,
  phaseKey: r.phaseKey,
  gpus: r.gpus,
  gpuMinutes: r.gpuMinutes ?? null,
  start: r.startDate,
  end: r.endDate,
});

/** A program's allocations as core sees them, in a stable order. */
export async function listAllocations(db: Db | Tx, programSlug: string): Promise<Allocation[]> {
  const rows = await db
    .select({ a: allocations, taskKey: tasks.key })
    .from(allocations)
    .innerJoin(tasks, eq(tasks.id, allocations.taskId))
    .where(eq(allocations.programSlug, programSlug))
    .orderBy(asc(allocations.poolKey), asc(allocations.startDate), asc(tasks.key));
  return rows.map((r) => toAllocation(r.a, r.taskKey));
}

export async function listAllAllocations(db: Db | Tx): Promise<Allocation[]> {
  const rows = await db.select({ a: allocations, taskKey: tasks.key }).from(allocations).innerJoin(tasks, eq(tasks.id, allocations.taskId));
  return rows.map((r) => toAllocation(r.a, r.taskKey));
}

export async function findAllocationProgram(db: Db, allocationId: string): Promise<string | undefined> {
  const [row] = await db.select({ programSlug: allocations.programSlug }).from(allocations).where(eq(allocations.id, allocationId));
  return row?.programSlug;
}

/**
 * Locks the row that holds a program's pools (SELECT … FOR UPDATE on the program): every change of
 * what is allocated from them, and every edit of their size, takes this lock first and reads the
 * pools again after it, so a pool shrink and an allocation cannot both pass on stale numbers.
 */
export async function lockPoolRow(tx: Tx, programSlug: string) {
  const [row] = await tx.select().from(programs).where(eq(programs.slug, programSlug)).for('update');
  return row;
}

/** Serialises the changes of one program's allocations across every app process, with its pools. */
export async function lockProgramAllocations(tx: Tx, programSlug: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`allocations:${programSlug}`}))`);
  await lockPoolRow(tx, programSlug);
}

export interface LedgerContext {
  actor: Actor | null;
  reason: string | null;
  changeRequestId?: string | null;
  /** the audit action, e.g. allocation.update or allocation.change-request.approve */
  action: string;
  auditObject?: { type: string; id: string };
}

/** Writes a computed change set: rows, one ledger row per change, one audit row; inside `tx`. */
export async function writeAllocationChanges(tx: Tx, programSlug: string, changes: AllocationChange[], ctx: LedgerContext): Promise<void> {
  const actorLabel = ctx.actor ? `${ctx.actor.email} (${ctx.actor.role})` : 'system';
  for (const c of changes) {
    if (c.kind === 'removed') await tx.delete(allocations).where(eq(allocations.id, c.allocationId));
    else {
      const a = c.after!;
      const values = { taskId: a.taskId, poolKey: a.poolKey, phaseKey: a.phaseKey, gpus: a.gpus, gpuMinutes: a.gpuMinutes, startDate: a.start, endDate: a.end };
      if (c.kind === 'created') await tx.insert(allocations).values({ id: a.id, programSlug, ...values });
      else
        await tx
          .update(allocations)
          .set({ ...values, updatedAt: new Date() })
          .where(eq(allocations.id, a.id));
    }
    await tx.insert(allocationLedger).values({
      programSlug,
      allocationId: c.allocationId,
      taskId: (c.after ?? c.before)!.taskId,
      kind: c.kind,
      before: c.before,
      after: c.after,
      changeRequestId: ctx.changeRequestId ?? null,
      actorLabel,
      reason: ctx.reason,
    });
  }
  await appendAudit(tx, ctx.actor, {
    action: ctx.action,
    objectType: ctx.auditObject?.type ?? 'allocation',
    objectId: ctx.auditObject?.id ?? changes.map((c) => c.allocationId).join(','),
    before: changes.map((c) => c.before).filter(Boolean),
    after: changes.map((c) => c.after).filter(Boolean),
    reason: ctx.reason,
  });
}

/**
 * The operator's editor: turns the current allocations into `edit(current)` and answers with
 * issues, a preview of the changes, or the committed changes. The set is re-read and re-checked
 * under the program's lock before writing, so two editors cannot both overfill a pool.
 */
export async function mutateAllocations(
  db: Db,
  actor: Actor,
  programSlug: string,
  edit: (current: Allocation[], rules: ProgramAllocationRules) => Allocation[] | AllocationIssue[],
  opts: { mode: 'preview' | 'commit'; reason?: string; action: string },
): Promise<AllocationMutation> {
  const rules = await loadProgramRules(db, programSlug);
  if (!rules)
    return {
      status: 'invalid',
      issues: [
        {
          allocationId: '',
          field: 'program',
          message: { ko: `사업 "${programSlug}"${particle(programSlug, '이/가')} 없습니다`, en: `no program "${programSlug}"` },
          involved: [],
        },
      ],
    };
  const judge = (current: Allocation[], rules: ProgramAllocationRules) => {
    const next = edit(current, rules);
    if (next.length > 0 && 'involved' in next[0]!) return { issues: next as AllocationIssue[] };
    const changes = diffAllocations(current, next as Allocation[]);
    const touched = new Set(changes.filter((c) => c.kind !== 'removed').map((c) => c.allocationId));
    return { changes, issues: validateAllocations(next as Allocation[], rules, touched) };
  };
  const first = judge(await listAllocations(db, programSlug), rules);
  if (first.issues.length) return { status: 'invalid', issues: first.issues };
  if (first.changes!.length === 0) return { status: 'unchanged' };
  if (opts.mode === 'preview') return { status: 'preview', changes: first.changes! };
  return db.transaction((tx) => mutateAllocationsIn(tx, actor, programSlug, edit, { reason: opts.reason ?? null, action: opts.action }));
}

/**
 * The commit half of an allocation edit, inside the caller's transaction (a negotiation agreement
 * and its allocation are one transaction): under the pool row's lock, re-read and judged by the
 * same capacity rule, then written with its ledger and audit rows.
 */
export async function mutateAllocationsIn(
  tx: Tx,
  actor: Actor | null,
  programSlug: string,
  edit: (current: Allocation[], rules: ProgramAllocationRules) => Allocation[] | AllocationIssue[],
  ctx: Omit<LedgerContext, 'actor'>,
): Promise<AllocationMutation> {
  await lockProgramAllocations(tx, programSlug);
  // the pools as they are under the lock: a pool may have shrunk since the first look
  const rules = await loadProgramRules(tx, programSlug);
  if (!rules)
    return {
      status: 'invalid',
      issues: [
        {
          allocationId: '',
          field: 'program',
          message: { ko: `사업 "${programSlug}"${particle(programSlug, '이/가')} 없습니다`, en: `no program "${programSlug}"` },
          involved: [],
        },
      ],
    };
  const current = await listAllocations(tx, programSlug);
  const next = edit(current, rules);
  if (next.length > 0 && 'involved' in next[0]!) return { status: 'invalid', issues: next as AllocationIssue[] };
  const changes = diffAllocations(current, next as Allocation[]);
  const touched = new Set(changes.filter((c) => c.kind !== 'removed').map((c) => c.allocationId));
  const issues = validateAllocations(next as Allocation[], rules, touched);
  if (issues.length) return { status: 'invalid', issues };
  if (changes.length === 0) return { status: 'unchanged' };
  await writeAllocationChanges(tx, programSlug, changes, { ...ctx, actor });
  if (actionsToldToTeams.has(ctx.action)) await tellTeamsOfAllocationChanges(tx, programSlug, changes, ctx.reason);
  return { status: 'committed', changes };
}

export async function listLedger(db: Db, programSlug: string, limit = 500) {
  return db
    .select({ l: allocationLedger, taskKey: tasks.key })
    .from(allocationLedger)
    .innerJoin(tasks, eq(tasks.id, allocationLedger.taskId))
    .where(eq(allocationLedger.programSlug, programSlug))
    .orderBy(sql`${allocationLedger.seq} desc`)
    .limit(limit);
}
