import { eq } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { tasks } from '../db/schema/index.ts';
import { listAllocations } from '../allocations/allocation-store.ts';
import { loadProgramRules } from '../allocations/program-rules.ts';
import { databaseUnixSeconds } from '../db/clock.ts';
import { seoulDay } from '@stagegate/core/shared/seoul-time';
import { taskPhaseUsage } from './task-usage.ts';
import { phaseSeconds, usageSeries } from '@stagegate/core/usage/usage-series';
import { phaseAt } from '@stagegate/core/program/phase-at';
import { underUsePolicyFor } from './under-use.ts';
import { evaluateUnderUse } from '@stagegate/core/usage/under-use-policy';
import type { ApplicantView } from '../publication/visible-to-applicant.ts';

/** Per task of a program, for one phase: used vs entitled, utilisation and forecast. */
export async function programUsage(db: Db, programSlug: string, opts: { phaseKey?: string; asOf?: number; taskIds?: string[]; view?: ApplicantView } = {}) {
  const rules = await loadProgramRules(db, programSlug);
  if (!rules) return undefined;
  const asOf = opts.asOf ?? (await databaseUnixSeconds(db));
  const phase = opts.phaseKey ? rules.phases.find((p) => p.key === opts.phaseKey) : phaseAt(rules.phases, seoulDay(asOf));
  if (!phase) return null;
  const stored = await listAllocations(db, programSlug);
  const list = opts.view ? opts.view.allocations(programSlug, stored) : stored;
  const policy = await underUsePolicyFor(db, programSlug);
  const allTasks = (await db.select().from(tasks).where(eq(tasks.programSlug, programSlug)))
    .filter((t) => !opts.taskIds || opts.taskIds.includes(t.id))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  const taskRows = opts.view ? opts.view.tasks(allTasks) : allTasks;
  const rows = [];
  for (const t of taskRows) {
    const u = await taskPhaseUsage(db, t.id, phase, list, asOf);
    if (u.entitledGpuSeconds === 0 && u.usedGpuSeconds === 0) continue;
    const { phaseStart, phaseEnd } = phaseSeconds(phase);
    // under-use is judged while the phase runs: afterwards nothing is left to take back
    const underUse =
      u.entitledGpuSeconds > 0 && asOf > phaseStart && asOf < phaseEnd
        ? evaluateUnderUse({ entitledGpuSeconds: u.entitledGpuSeconds, ...phaseSeconds(phase), usedGpuSeconds: u.usedGpuSeconds, asOf }, policy)
        : null;
    rows.push({
      taskId: t.id,
      taskKey: t.key,
      taskName: t.name,
      status: t.status,
      entitledGpuHours: u.entitledGpuHours,
      usedGpuHours: u.usedGpuHours,
      utilisation: u.forecast.utilisation,
      projectedShare: u.forecast.projectedShare,
      forecastStatus: u.forecast.status,
      forecastMessage: u.forecast.message,
      underUseLevel: underUse?.level ?? null,
      underUseMessage: underUse?.message ?? null,
    });
  }
  return { programSlug, phase, asOf: new Date(asOf * 1000).toISOString(), policy, tasks: rows };
}

/** One task's usage chart and figures for a phase (default: the phase at asOf). */
export async function taskUsageChart(db: Db, taskId: string, opts: { phaseKey?: string; asOf?: number; view?: ApplicantView } = {}) {
  const [stored] = await db.select().from(tasks).where(eq(tasks.id, taskId));
  const [task] = stored && opts.view ? opts.view.tasks([stored]) : [stored];
  if (!task) return undefined;
  const rules = await loadProgramRules(db, task.programSlug);
  if (!rules) return undefined;
  const asOf = opts.asOf ?? (await databaseUnixSeconds(db));
  const phase = opts.phaseKey ? rules.phases.find((p) => p.key === opts.phaseKey) : phaseAt(rules.phases, seoulDay(asOf));
  if (!phase) return null;
  const allocated = await listAllocations(db, task.programSlug);
  const list = opts.view ? opts.view.allocations(task.programSlug, allocated) : allocated;
  const u = await taskPhaseUsage(db, task.id, phase, list, asOf);
  return {
    task: { id: task.id, key: task.key, name: task.name, status: task.status, programSlug: task.programSlug },
    phases: rules.phases,
    phase,
    asOf: new Date(asOf * 1000).toISOString(),
    entitledGpuHours: u.entitledGpuHours,
    usedGpuHours: u.usedGpuHours,
    forecast: u.forecast,
    series: usageSeries(task.id, phase, list, u.use, asOf, u.forecast.projectedGpuSeconds),
  };
}
