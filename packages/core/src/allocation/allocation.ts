import type { Phase } from '../program/definition.ts';
import type { GpuPoolCapacity } from './resources.ts';

/**
 * A task's right to GPUs of one pool during part of one phase: `gpus` at once (concurrent), and
 * optionally a budget of GPU-minutes (Slurm's GrpTRESMins unit) for the whole period.
 * `start` and `end` are Seoul calendar days, both included.
 */
export interface Allocation {
  id: string;
  taskId: string;
  /** the task's short key, used in messages and Slurm names */
  taskKey: string;
  poolKey: string;
  phaseKey: string;
  gpus: number;
  gpuMinutes: number | null;
  start: string;
  end: string;
}

/** What allocations of one program are checked against. */
export interface AllocationRules {
  pools: GpuPoolCapacity[];
  phases: Phase[];
}

export const describeAllocation = (a: Pick<Allocation, 'taskKey' | 'poolKey' | 'start' | 'end' | 'gpus'>) =>
  `${a.taskKey} ${a.poolKey} ${a.start}–${a.end} (${a.gpus} GPU)`;
