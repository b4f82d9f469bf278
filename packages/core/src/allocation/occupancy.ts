import { dayNumber, dayString } from './calendar-day.ts';
import type { Allocation } from './allocation.ts';

/** One step of a pool's occupancy: from `start` to `end` (days, both included) the pool holds `total`. */
export interface OccupancyStep {
  start: string;
  end: string;
  total: number;
  /** GPUs held by each task (by task key) during the step */
  byTask: Record<string, number>;
}

/**
 * A pool's occupancy over [from, to] as a step function, for the timeline: consecutive days with the
 * same holdings are one step, and days with nothing allocated appear as steps with total 0.
 */
export function poolOccupancy(list: readonly Allocation[], poolKey: string, from: string, to: string): OccupancyStep[] {
  const lo = dayNumber(from);
  const hi = dayNumber(to);
  if (hi < lo) return [];
  const held = list.filter((a) => a.poolKey === poolKey && a.end >= from && a.start <= to);
  const cuts = new Set<number>([lo, hi + 1]);
  for (const a of held) {
    cuts.add(Math.max(lo, dayNumber(a.start)));
    cuts.add(Math.min(hi + 1, dayNumber(a.end) + 1));
  }
  const sorted = [...cuts].sort((x, y) => x - y);
  const steps: OccupancyStep[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const s = sorted[i]!;
    const e = sorted[i + 1]! - 1;
    const byTask: Record<string, number> = {};
    for (const a of held) {
      if (dayNumber(a.start) <= s && dayNumber(a.end) >= s) byTask[a.taskKey] = (byTask[a.taskKey] ?? 0) + a.gpus;
    }
    const total = Object.values(byTask).reduce((x, y) => x + y, 0);
    const prev = steps[steps.length - 1];
    if (prev && sameHoldings(prev.byTask, byTask)) prev.end = dayString(e);
    else steps.push({ start: dayString(s), end: dayString(e), total, byTask });
  }
  return steps;
}

function sameHoldings(a: Record<string, number>, b: Record<string, number>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** The most GPUs a pool holds on any day (what a program edit may not shrink the pool below). */
export function peakAllocated(list: readonly Allocation[], poolKey: string): number {
  const held = list.filter((a) => a.poolKey === poolKey);
  let peak = 0;
  for (const a of held) {
    const total = held.filter((b) => b.start <= a.start && b.end >= a.start).reduce((s, b) => s + b.gpus, 0);
    peak = Math.max(peak, total);
  }
  return peak;
}
