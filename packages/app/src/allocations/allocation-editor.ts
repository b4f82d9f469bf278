import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Allocation } from '@stagegate/core/allocation/allocation';
import type { AllocationIssue } from '@stagegate/core/allocation/validate-allocations';
import type { Db } from '../db/connect.ts';
import { tasks } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { findAllocationProgram, mutateAllocations, type AllocationMutation } from './allocation-store.ts';
import { particle } from '@stagegate/core/shared/korean-particles';

export interface AllocationInput {
  taskId: string;
  poolKey: string;
  phaseKey: string;
  gpus: number;
  gpuMinutes?: number | null;
  start: string;
  end: string;
}

const problem = (field: string, ko: string, en: string, allocationId = ''): AllocationIssue[] => [{ allocationId, field, message: { ko, en }, involved: [] }];

/** A new allocation for a task of the program. */
export async function createAllocation(
  db: Db,
  actor: Actor,
  programSlug: string,
  input: AllocationInput,
  opts: { mode: 'preview' | 'commit'; reason?: string },
): Promise<AllocationMutation & { allocationId?: string }> {
  const [task] = await db.select().from(tasks).where(eq(tasks.id, input.taskId));
  if (!task || task.programSlug !== programSlug) {
    return {
      status: 'invalid',
      issues: problem(
        'taskId',
        `사업 ${programSlug}에 과제 ${input.taskId}${particle(input.taskId, '이/가')} 없습니다`,
        `no task ${input.taskId} in program ${programSlug}`,
      ),
    };
  }
  const id = randomUUID();
  const fresh: Allocation = {
    id,
    taskId: task.id,
    taskKey: task.key,
    poolKey: input.poolKey,
    phaseKey: input.phaseKey,
    gpus: input.gpus,
    gpuMinutes: input.gpuMinutes ?? null,
    start: input.start,
    end: input.end,
  };
  const res = await mutateAllocations(db, actor, programSlug, (current) => [...current, fresh], { ...opts, action: 'allocation.create' });
  return { ...res, allocationId: res.status === 'committed' ? id : undefined };
}

export type AllocationPatch = Partial<Pick<Allocation, 'gpus' | 'gpuMinutes' | 'start' | 'end' | 'phaseKey'>>;

/** Edits an allocation in place (the operator's direct correction; requests go through change requests). */
export async function updateAllocation(
  db: Db,
  actor: Actor,
  allocationId: string,
  patch: AllocationPatch,
  opts: { mode: 'preview' | 'commit'; reason?: string },
): Promise<AllocationMutation | undefined> {
  const programSlug = await findAllocationProgram(db, allocationId);
  if (!programSlug) return undefined;
  return mutateAllocations(db, actor, programSlug, (current) => current.map((a) => (a.id === allocationId ? { ...a, ...patch } : a)), {
    ...opts,
    action: 'allocation.update',
  });
}

export async function removeAllocation(
  db: Db,
  actor: Actor,
  allocationId: string,
  opts: { mode: 'preview' | 'commit'; reason?: string },
): Promise<AllocationMutation | undefined> {
  const programSlug = await findAllocationProgram(db, allocationId);
  if (!programSlug) return undefined;
  return mutateAllocations(db, actor, programSlug, (current) => current.filter((a) => a.id !== allocationId), { ...opts, action: 'allocation.remove' });
}
