import { eq } from 'drizzle-orm';
import { peakAllocated } from '@stagegate/core/allocation/occupancy';
import type { Db } from '../db/connect.ts';
import { allocations, programs } from '../db/schema/index.ts';

/** The most GPUs allocated from each of a program's pools on any day (a pool may not shrink below). */
export async function peakAllocatedByPool(db: Db, programId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ a: allocations })
    .from(allocations)
    .innerJoin(programs, eq(programs.slug, allocations.programSlug))
    .where(eq(programs.id, programId));
  const list = rows.map(({ a }) => ({ id: a.id, taskId: a.taskId, taskKey: '', poolKey: a.poolKey, phaseKey: a.phaseKey, gpus: a.gpus, gpuMinutes: a.gpuMinutes ?? null, start: a.startDate, end: a.endDate }));
  const out: Record<string, number> = {};
  for (const pool of new Set(list.map((a) => a.poolKey))) out[pool] = peakAllocated(list, pool);
  return out;
}
