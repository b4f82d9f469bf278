import { eq } from 'drizzle-orm';
import { addDays } from '@stagegate/core/allocation/calendar-day';
import { DEFAULT_UNDER_USE_POLICY, evaluateUnderUse, underUsePolicySchema, type UnderUsePolicy } from '@stagegate/core/usage/under-use-policy';
import { seoulDay } from '@stagegate/core/usage/seoul-day';
import type { FieldIssue } from '@stagegate/core/shared/localized';
import type { ChangeRequest } from '@stagegate/core/allocation/change-request';
import type { Db } from '../db/connect.ts';
import { tasks, underUsePolicies } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { listAllocations } from '../allocations/allocation-store.ts';
import { loadProgramRules } from '../allocations/program-rules.ts';
import { databaseUnixSeconds } from '../allocations/today.ts';
import { hasPendingRequest, submitChangeRequest } from '../allocations/change-request-store.ts';
import { phaseSeconds, taskPhaseUsage } from './task-usage.ts';

/** A program's under-use policy: its own setting, or DOE-style defaults (warn/reclaim below 50 % after 30 days). */
export async function underUsePolicyFor(db: Db, programSlug: string): Promise<UnderUsePolicy> {
  const [row] = await db.select().from(underUsePolicies).where(eq(underUsePolicies.programSlug, programSlug));
  return row?.policy ?? DEFAULT_UNDER_USE_POLICY;
}

export async function setUnderUsePolicy(db: Db, actor: Actor, programSlug: string, input: unknown, reason: string): Promise<{ ok: true; policy: UnderUsePolicy } | { ok: false; issues: FieldIssue[] }> {
  const parsed = underUsePolicySchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'policy', message: { ko: `잘못된 값: ${i.message}`, en: i.message } })) };
  const before = await underUsePolicyFor(db, programSlug);
  await db.transaction(async (tx) => {
    await tx.insert(underUsePolicies).values({ programSlug, policy: parsed.data }).onConflictDoUpdate({ target: underUsePolicies.programSlug, set: { policy: parsed.data, updatedAt: new Date() } });
    await appendAudit(tx, actor, { action: 'usage.under-use-policy.update', objectType: 'program', objectId: programSlug, before, after: parsed.data, reason });
  });
  return { ok: true, policy: parsed.data };
}

/**
 * Runs the program's under-use policy on every task of the phase at `asOf`: each task's level, and
 * for those below the reclaim threshold a reclaim change request (from tomorrow) for the operator to
 * approve — at most one pending per task.
 */
export async function evaluateProgramUnderUse(db: Db, actor: Actor, programSlug: string, opts: { asOf?: number; fileRequests: boolean }) {
  const rules = await loadProgramRules(db, programSlug);
  if (!rules) return undefined;
  const asOf = opts.asOf ?? (await databaseUnixSeconds(db));
  const today = seoulDay(asOf);
  const phase = rules.phases.find((p) => p.start <= today && p.end >= today);
  const policy = await underUsePolicyFor(db, programSlug);
  if (!phase) return { phaseKey: null, policy, results: [] };
  const list = await listAllocations(db, programSlug);
  const results = [];
  for (const t of await db.select().from(tasks).where(eq(tasks.programSlug, programSlug))) {
    const current = list.find((a) => a.taskId === t.id && a.phaseKey === phase.key && a.start <= today && a.end >= today);
    if (!current) continue;
    const u = await taskPhaseUsage(db, t.id, phase, list, asOf);
    const evaluation = evaluateUnderUse({ entitledGpuSeconds: u.entitledGpuSeconds, ...phaseSeconds(phase), usedGpuSeconds: u.usedGpuSeconds, asOf, concurrentGpus: current.gpus }, policy);
    let requestId: string | null = null;
    let skipped: string | null = null;
    const p = evaluation.proposal;
    if (p && opts.fileRequests) {
      const tomorrow = addDays(today, 1);
      const removeGpus = p.concurrentGpusBefore !== null && p.concurrentGpusAfter !== null ? p.concurrentGpusBefore - p.concurrentGpusAfter : 0;
      const request: ChangeRequest = { kind: 'reclaim', allocationId: current.id, removeGpus, ...(current.gpuMinutes !== null || removeGpus === 0 ? { removeGpuMinutes: p.reclaimGpuMinutes } : {}), ...(tomorrow <= current.end ? { effectiveFrom: tomorrow } : {}) };
      if (await hasPendingRequest(db, t.id, 'under-use-policy')) skipped = 'a reclaim proposal already waits for this task';
      else {
        const res = await submitChangeRequest(db, actor, programSlug, request, { mode: 'commit', reason: p.reason.ko, origin: 'under-use-policy', explanation: p.reason });
        if (res.status === 'committed') requestId = res.request.id;
        else skipped = res.status === 'invalid' ? res.issues.map((i) => i.message.en).join('; ') : res.status;
      }
    }
    results.push({ taskId: t.id, taskKey: t.key, level: evaluation.level, utilisation: evaluation.utilisation, message: evaluation.message, proposal: p, changeRequestId: requestId, skipped });
  }
  return { phaseKey: phase.key, policy, results };
}
