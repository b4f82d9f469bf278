import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Phase } from '@stagegate/core/program/definition';
import type { Allocation } from '@stagegate/core/allocation/allocation';
import { allocationEntitlementSeconds, taskEntitlement } from '@stagegate/core/allocation/entitlement';
import { dayNumber, dayString } from '@stagegate/core/allocation/calendar-day';
import { forecastBurnRate } from '@stagegate/core/usage/burn-rate';
import { seoulDay, seoulMidnight } from '@stagegate/core/shared/seoul-time';
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

export const phaseSeconds = (phase: Phase) => ({ phaseStart: seoulMidnight(phase.start), phaseEnd: seoulMidnight(phase.end) + 86_400 });

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

/** The last Seoul day whose use counts at `asOf` (the day holding asOf's last second), null before the phase. */
export function lastCountedDay(phase: Phase, asOf: number): string | null {
  const { phaseStart, phaseEnd } = phaseSeconds(phase);
  return asOf <= phaseStart ? null : seoulDay(Math.min(asOf, phaseEnd) - 1);
}

/**
 * The series of a task's usage chart over a phase, one point per day, in GPU-hours: cumulative use
 * up to asOf, cumulative entitlement, and the forecast (the rate so far carried to the phase end).
 */
export function usageSeries(
  taskId: string,
  phase: Phase,
  allocations: readonly Allocation[],
  use: Map<string, number>,
  asOf: number,
  projectedGpuSeconds: number,
) {
  const mine = allocations.filter((a) => a.taskId === taskId);
  const cut = lastCountedDay(phase, asOf);
  const last = dayNumber(phase.end);
  const usedByCut = [...use.entries()].filter(([d]) => cut !== null && d <= cut).reduce((s, [, x]) => s + x, 0);
  const points: { day: string; used: number | null; entitled: number; forecast: number | null }[] = [];
  let entitled = 0;
  let used = 0;
  for (let d = dayNumber(phase.start); d <= last; d++) {
    const day = dayString(d);
    entitled += mine.reduce((s, a) => s + allocationEntitlementSeconds(a, { start: day, end: day }), 0);
    const past = cut !== null && day <= cut;
    if (past) used += use.get(day) ?? 0;
    let forecast: number | null = null;
    if (cut !== null && day >= cut) {
      const span = Math.max(1, last - dayNumber(cut));
      forecast = usedByCut + ((projectedGpuSeconds - usedByCut) * (d - dayNumber(cut))) / span;
    }
    points.push({
      day,
      used: past ? gpuHours(used, 1) : null,
      entitled: gpuHours(entitled, 1),
      forecast: forecast === null ? null : gpuHours(Math.round(forecast), 1),
    });
  }
  return points;
}
