import { eq } from 'drizzle-orm';
import { DEFAULT_UNDER_USE_POLICY, evaluateUnderUse, underUsePolicySchema, type UnderUsePolicy } from '@stagegate/core/usage/under-use-policy';
import { seoulDay } from '@stagegate/core/shared/seoul-time';
import type { FieldIssue, LocalizedText } from '@stagegate/core/shared/localized';
import { underUseReclaimRequest, type ReclaimRequest } from '@stagegate/core/usage/under-use-reclaim';
import type { AllocationChange } from '@stagegate/core/allocation/allocation-diff';
import type { Db } from '../db/connect.ts';
import { tasks, underUsePolicies } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { listAllocations } from '../allocations/allocation-store.ts';
import { loadProgramRules } from '../allocations/program-rules.ts';
import { databaseUnixSeconds } from '../db/clock.ts';
import { hasPendingRequest, submitChangeRequest } from '../allocations/change-request-store.ts';
import { taskPhaseUsage } from './task-usage.ts';
import { phaseSeconds } from '@stagegate/core/usage/usage-series';
import { alreadyWarned, resolveUnderUseFlags, warnUnderUse } from './under-use-flags.ts';

/** A program's under-use policy: its own setting, or DOE-style defaults (warn/reclaim below 50 % after 30 days). */
export async function underUsePolicyFor(db: Db, programSlug: string): Promise<UnderUsePolicy> {
  const [row] = await db.select().from(underUsePolicies).where(eq(underUsePolicies.programSlug, programSlug));
  return row?.policy ?? DEFAULT_UNDER_USE_POLICY;
}

export async function setUnderUsePolicy(
  db: Db,
  actor: Actor,
  programSlug: string,
  input: unknown,
  reason: string,
): Promise<{ ok: true; policy: UnderUsePolicy } | { ok: false; issues: FieldIssue[] }> {
  const parsed = underUsePolicySchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'policy', message: { ko: `잘못된 값: ${i.message}`, en: i.message } })),
    };
  const before = await underUsePolicyFor(db, programSlug);
  await db.transaction(async (tx) => {
    await tx
      .insert(underUsePolicies)
      .values({ programSlug, policy: parsed.data })
      .onConflictDoUpdate({ target: underUsePolicies.programSlug, set: { policy: parsed.data, updatedAt: new Date() } });
    await appendAudit(tx, actor, { action: 'usage.under-use-policy.update', objectType: 'program', objectId: programSlug, before, after: parsed.data, reason });
  });
  return { ok: true, policy: parsed.data };
}

/** The fewest characters of the operator's reason for filing reclaim requests (recorded with each request). */
export const UNDER_USE_REASON_MIN = 5;

/**
 * Runs the program's under-use policy on every task of the phase at `asOf`: each task's level, and
 * for those below the reclaim threshold a reclaim change request (from tomorrow) for the operator to
 * approve — at most one pending per task. A preview files nothing and shows, per task, how many GPUs
 * the request would take from when; a commit needs the operator's written reason.
 */
export async function evaluateProgramUnderUse(db: Db, actor: Actor, programSlug: string, opts: { asOf?: number; mode: 'preview' | 'commit'; reason?: string }) {
  const rules = await loadProgramRules(db, programSlug);
  if (!rules) return undefined;
  const reason = opts.reason?.trim() ?? '';
  if (opts.mode === 'commit' && reason.length < UNDER_USE_REASON_MIN) {
    const issues: FieldIssue[] = [
      {
        field: 'reason',
        message: {
          ko: `회수 요청을 올리는 사유를 ${UNDER_USE_REASON_MIN}자 이상 적어야 합니다`,
          en: `give a reason of at least ${UNDER_USE_REASON_MIN} characters for filing the reclaim requests`,
        },
      },
    ];
    return { ok: false as const, issues };
  }
  const asOf = opts.asOf ?? (await databaseUnixSeconds(db));
  const today = seoulDay(asOf);
  const phase = rules.phases.find((p) => p.start <= today && p.end >= today);
  const policy = await underUsePolicyFor(db, programSlug);
  if (!phase) return { ok: true as const, mode: opts.mode, phaseKey: null, policy, results: [] };
  const list = await listAllocations(db, programSlug);
  const results = [];
  for (const t of await db.select().from(tasks).where(eq(tasks.programSlug, programSlug))) {
    const current = list.find((a) => a.taskId === t.id && a.phaseKey === phase.key && a.start <= today && a.end >= today);
    if (!current) continue;
    const u = await taskPhaseUsage(db, t.id, phase, list, asOf);
    const evaluation = evaluateUnderUse(
      { entitledGpuSeconds: u.entitledGpuSeconds, ...phaseSeconds(phase), usedGpuSeconds: u.usedGpuSeconds, asOf, concurrentGpus: current.gpus },
      policy,
    );
    let requestId: string | null = null;
    let skipped: LocalizedText | null = null;
    let reclaim: { request: ReclaimRequest; changes: AllocationChange[] } | null = null;
    const p = evaluation.proposal;
    if (p) {
      const request = underUseReclaimRequest(current, p, today);
      if (await hasPendingRequest(db, t.id, 'under-use-policy'))
        skipped = { ko: '이 과제에는 승인을 기다리는 회수 요청이 이미 있습니다', en: 'a reclaim proposal already waits for this task' };
      else {
        const res = await submitChangeRequest(db, actor, programSlug, request, {
          mode: opts.mode,
          reason: opts.mode === 'commit' ? reason : p.reason.ko,
          origin: 'under-use-policy',
          explanation: p.reason,
        });
        if (res.status === 'committed' || res.status === 'preview') reclaim = { request, changes: res.changes };
        if (res.status === 'committed') requestId = res.request.id;
        else if (res.status === 'invalid') skipped = { ko: res.issues.map((i) => i.message.ko).join('; '), en: res.issues.map((i) => i.message.en).join('; ') };
        else if (res.status !== 'preview') skipped = { ko: `요청을 올리지 못했습니다 (${res.status})`, en: res.status };
      }
    }
    // a warn-level task hears it once per phase (under_use_flags); a preview says whether it would
    let warning: 'sent' | 'would-send' | 'already-sent' | null = null;
    if (evaluation.level === 'warn' && evaluation.utilisation !== null) {
      if (opts.mode === 'preview') warning = (await alreadyWarned(db, t.id, phase.key)) ? 'already-sent' : 'would-send';
      else {
        const warned = await warnUnderUse(db, actor, {
          programSlug,
          program: rules.program.name,
          taskId: t.id,
          taskKey: t.key,
          phaseKey: phase.key,
          phase: phase.name,
          utilisation: evaluation.utilisation,
          policy,
        });
        warning = warned ? 'sent' : 'already-sent';
      }
    } else if (evaluation.level === 'ok' && opts.mode === 'commit') await resolveUnderUseFlags(db, t.id, phase.key);
    results.push({
      taskId: t.id,
      taskKey: t.key,
      level: evaluation.level,
      utilisation: evaluation.utilisation,
      message: evaluation.message,
      proposal: p,
      reclaim,
      changeRequestId: requestId,
      skipped,
      warning,
    });
  }
  return { ok: true as const, mode: opts.mode, phaseKey: phase.key, policy, results };
}
