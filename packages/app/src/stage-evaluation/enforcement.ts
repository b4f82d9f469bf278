import { eq, inArray } from 'drizzle-orm';
import type { Allocation } from '@stagegate/core/allocation/allocation';
import { addDays } from '@stagegate/core/allocation/calendar-day';
import { enforcementOn, type EnforcedTask } from '@stagegate/core/allocation/enforcement';
import { desiredStateFrom } from '@stagegate/core/slurm/desired-state';
import { planSlurmChanges } from '@stagegate/core/slurm/plan';
import { describePlan } from '@stagegate/core/slurm/describe-plan';
import type { ProgramDefinition } from '@stagegate/core/program/definition';
import type { Db, Tx } from '../db/connect.ts';
import { allocationLedger, allocations, taskMembers, tasks, type EnforcementRecord, type TaskStatus } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import type { TaskRow } from './evaluation-store.ts';

/*
 * Minimal hooks against the allocations and tasks tables, written here because the allocation
 * service (packages/app/src/allocations) did not exist yet: end a task's allocations on a day and
 * set a task's status. Both append to the allocation ledger / audit log in the caller's transaction.
 */

type AllocationRow = typeof allocations.$inferSelect;

export function toAllocation(row: AllocationRow, taskKey: string): Allocation {
  return { id: row.id, taskId: row.taskId, taskKey, poolKey: row.poolKey, phaseKey: row.phaseKey, gpus: row.gpus, gpuMinutes: row.gpuMinutes, start: row.startDate, end: row.endDate };
}

export async function programAllocations(db: Db | Tx, programSlug: string): Promise<AllocationRow[]> {
  return db.select().from(allocations).where(eq(allocations.programSlug, programSlug));
}

/** GPUs of each pool not held by any allocation on `day`. */
export function freeGpusOn(program: ProgramDefinition, rows: readonly AllocationRow[], day: string): Record<string, number> {
  return Object.fromEntries(
    program.gpuPools.map((p) => [p.key, p.gpuCount - rows.filter((a) => a.poolKey === p.key && a.startDate <= day && a.endDate >= day).reduce((s, a) => s + a.gpus, 0)]),
  );
}

export interface PlannedEnforcement {
  records: EnforcementRecord[];
  /** GPUs back in each pool from the day after the decision */
  gpusReturned: Record<string, number>;
  freeBefore: Record<string, number>;
  freeAfter: Record<string, number>;
  /** what Slurm must change, read from the desired state before and after (Korean and English) */
  slurmPlan: { ko: string[]; en: string[] };
}

/**
 * What confirming the decision does, computed before anything changes: every eliminated task's
 * allocations end on the decision day (those not yet started are removed), the task becomes
 * `eliminated` so Slurm blocks new jobs, and continuing tasks keep the next-phase allocations that
 * start after the decision.
 */
export async function planEnforcement(
  db: Db | Tx,
  program: ProgramDefinition,
  teams: readonly TaskRow[],
  outcomes: ReadonlyMap<string, 'continue' | 'eliminate'>,
  decidedOn: string,
): Promise<PlannedEnforcement> {
  const rows = await programAllocations(db, program.slug);
  const records: EnforcementRecord[] = [];
  const gpusReturned: Record<string, number> = {};
  const kept: AllocationRow[] = [];
  const byTask = new Map<string, AllocationRow[]>();
  for (const r of rows) byTask.set(r.taskId, [...(byTask.get(r.taskId) ?? []), r]);
  const dayAfter = addDays(decidedOn, 1);
  for (const r of rows) {
    if (outcomes.get(r.taskId) !== 'eliminate') kept.push(r);
    else if (r.startDate <= decidedOn) kept.push({ ...r, endDate: r.endDate < decidedOn ? r.endDate : decidedOn });
  }
  for (const task of teams) {
    const outcome = outcomes.get(task.id) ?? 'continue';
    const mine = byTask.get(task.id) ?? [];
    if (outcome === 'eliminate') {
      const ending = mine.filter((a) => a.endDate > decidedOn);
      records.push({
        taskId: task.id,
        taskKey: task.key,
        action: 'eliminate',
        statusBefore: task.status,
        statusAfter: 'eliminated',
        allocationsEnded: ending.map((a) => ({ allocationId: a.id, poolKey: a.poolKey, gpus: a.gpus, endedOn: a.startDate <= decidedOn ? decidedOn : addDays(a.startDate, -1) })),
        allocationsStarted: [],
      });
    } else {
      records.push({
        taskId: task.id,
        taskKey: task.key,
        action: 'continue',
        statusBefore: task.status,
        statusAfter: task.status,
        allocationsEnded: [],
        allocationsStarted: mine.filter((a) => a.startDate > decidedOn).map((a) => ({ allocationId: a.id, poolKey: a.poolKey, gpus: a.gpus, startsOn: a.startDate })),
      });
    }
  }
  const freeBefore = freeGpusOn(program, rows, dayAfter);
  const freeAfter = freeGpusOn(program, kept, dayAfter);
  for (const p of program.gpuPools) {
    const back = freeAfter[p.key]! - freeBefore[p.key]!;
    if (back > 0) gpusReturned[p.key] = back;
    else delete gpusReturned[p.key];
  }
  const slurmPlan = await slurmPlanFor(db, program.slug, teams, rows, kept, outcomes, dayAfter);
  return { records, gpusReturned, freeBefore, freeAfter, slurmPlan };
}

/** The desired Slurm state the day after the decision, without and with it, and the steps between. */
async function slurmPlanFor(
  db: Db | Tx,
  programSlug: string,
  teams: readonly TaskRow[],
  before: readonly AllocationRow[],
  after: readonly AllocationRow[],
  outcomes: ReadonlyMap<string, 'continue' | 'eliminate'>,
  day: string,
): Promise<{ ko: string[]; en: string[] }> {
  const ids = teams.map((t) => t.id);
  const members = ids.length ? await db.select().from(taskMembers).where(inArray(taskMembers.taskId, ids)) : [];
  const enforced = (eliminating: boolean): EnforcedTask[] =>
    teams.map((t) => ({
      id: t.id,
      key: t.key,
      programSlug,
      status: eliminating && outcomes.get(t.id) === 'eliminate' ? 'eliminated' : (t.status as EnforcedTask['status']),
      members: members.filter((m) => m.taskId === t.id).map((m) => m.clusterUsername),
    }));
  const keyOf = new Map(teams.map((t) => [t.id, t.key]));
  const list = (rows: readonly AllocationRow[]) => rows.filter((r) => keyOf.has(r.taskId)).map((r) => toAllocation(r, keyOf.get(r.taskId)!));
  const was = desiredStateFrom(enforcementOn(day, enforced(false), list(before)));
  const will = desiredStateFrom(enforcementOn(day, enforced(true), list(after)));
  if (!was.ok || !will.ok) {
    const issues = [...(was.ok ? [] : was.issues), ...(will.ok ? [] : will.issues)];
    return { ko: issues.map((i) => i.message.ko), en: issues.map((i) => i.message.en) };
  }
  const plan = planSlurmChanges(will.state, was.state);
  return { ko: describePlan(plan, 'ko').split('\n'), en: describePlan(plan, 'en').split('\n') };
}

/** Ends an eliminated task's allocations on `lastDay`: shortened if running, removed if not yet started. */
export async function endTaskAllocations(tx: Tx, actor: Actor, task: TaskRow, lastDay: string, reason: string): Promise<void> {
  const rows = await tx.select().from(allocations).where(eq(allocations.taskId, task.id));
  for (const r of rows) {
    if (r.endDate <= lastDay) continue;
    const before = toAllocation(r, task.key);
    const label = `${actor.email} (${actor.role})`;
    if (r.startDate > lastDay) {
      await tx.delete(allocations).where(eq(allocations.id, r.id));
      await tx.insert(allocationLedger).values({ programSlug: r.programSlug, allocationId: r.id, taskId: r.taskId, kind: 'removed', before, after: null, actorLabel: label, reason });
      await appendAudit(tx, actor, { action: 'allocation.remove', objectType: 'allocation', objectId: r.id, before, after: null, reason });
    } else {
      await tx.update(allocations).set({ endDate: lastDay, updatedAt: new Date() }).where(eq(allocations.id, r.id));
      const after = { ...before, end: lastDay };
      await tx.insert(allocationLedger).values({ programSlug: r.programSlug, allocationId: r.id, taskId: r.taskId, kind: 'changed', before, after, actorLabel: label, reason });
      await appendAudit(tx, actor, { action: 'allocation.end', objectType: 'allocation', objectId: r.id, before, after, reason });
    }
  }
}

/** Sets a task's status (`eliminated` blocks its new Slurm jobs through the desired state). */
export async function setTaskStatus(tx: Tx, actor: Actor, task: TaskRow, status: TaskStatus, reason: string): Promise<void> {
  if (task.status === status) return;
  await tx.update(tasks).set({ status, updatedAt: new Date() }).where(eq(tasks.id, task.id));
  await appendAudit(tx, actor, { action: 'task.status', objectType: 'task', objectId: task.id, before: { key: task.key, status: task.status }, after: { key: task.key, status }, reason });
}
