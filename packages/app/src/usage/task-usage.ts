import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Phase } from '@stagegate/core/program/definition';
import type { Allocation } from '@stagegate/core/allocation/allocation';
import { taskEntitlement } from '@stagegate/core/allocation/entitlement';
import { forecastBurnRate } from '@stagegate/core/usage/burn-rate';
import { lastCountedDay, phaseSeconds } from '@stagegate/core/usage/usage-series';
import { gpuHours } from '@stagegate/core/usage/units';
import type { Db } from '../db/connect.ts';
import { usageDaily } from '../db/schema/index.ts';

/** GPU-seconds per Seoul day a task used between two days (both included). */
export async function dailyUse(db: Db, taskId: string, first: string, last: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ day: usageDaily.day, gpuSeconds: sql<string>`sum(${usageDaily.gpuSeconds})` })
    .from(usageDaily)
    .where(and(eq(usageDaily.taskId, taskId), gte(usageDaily.day, first), lte(usageDaily.day, last)))
    .groupBy(usageDaily.day)
    .orderBy(asc(usageDaily.day));
  return new Map(rows.map((r) => [r.day, Number(r.gpuSeconds)]));
}

/** One task in one phase: used against entitled, utilisation, and the burn-rate forecast to the phase end. */
export async function taskPhaseUsage(db: Db, taskId: string, phase: Phase, allocations: readonly Allocation[], asOf: number) {
  const entitled = taskEntitlement(allocations, taskId, phase).gpuSeconds;
  const { phaseStart, phaseEnd } = phaseSeconds(phase);
  const cut = lastCountedDay(phase, asOf);
  const use = cut === null ? new Map<string, number>() : await dailyUse(db, taskId, phase.start, cut);
  const used = [...use.values()].reduce((s, x) => s + x, 0);
  const forecast = forecastBurnRate({ entitledGpuSeconds: entitled, phaseStart, phaseEnd, usedGpuSeconds: used, asOf });
  return {
    phaseKey: phase.key,
    entitledGpuSeconds: entitled,
    usedGpuSeconds: used,
    entitledGpuHours: gpuHours(entitled, 1),
    usedGpuHours: gpuHours(used, 1),
    forecast,
    use,
  };
}
