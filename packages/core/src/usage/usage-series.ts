import type { Allocation } from '../allocation/allocation.ts';
import { allocationEntitlementSeconds } from '../allocation/entitlement.ts';
import { dayNumber, dayString } from '../allocation/calendar-day.ts';
import type { Phase } from '../program/definition.ts';
import { seoulDay, seoulMidnight } from '../shared/seoul-time.ts';
import { gpuHours } from './units.ts';

/** A phase as Unix seconds: from its first Seoul midnight to the Seoul midnight after its last day. */
export const phaseSeconds = (phase: Phase) => ({ phaseStart: seoulMidnight(phase.start), phaseEnd: seoulMidnight(phase.end) + 86_400 });

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
