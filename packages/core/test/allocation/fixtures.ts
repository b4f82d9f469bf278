import type { Allocation, AllocationRules } from '../../src/allocation/allocation.ts';
import { poolsOfProgram } from '../../src/allocation/resources.ts';

/** specialized-fm as the seed data has it: one pool of 512 B200 (8 per node), two phases. */
export const sfmRules: AllocationRules = {
  pools: poolsOfProgram({
    slug: 'specialized-fm',
    gpuPools: [
      {
        key: 'b200-pool',
        name: { ko: 'B200 공용 풀', en: 'B200 pool' },
        gpuModel: 'NVIDIA B200',
        gpuCount: 512,
        gpusPerNode: 8,
        hostingSite: { ko: '데이터센터', en: 'data centre' },
      },
    ],
  }),
  phases: [
    { key: 'phase-1', name: { ko: '1단계', en: 'Phase 1' }, start: '2025-11-01', end: '2026-03-31' },
    { key: 'phase-2', name: { ko: '2단계', en: 'Phase 2' }, start: '2026-04-01', end: '2026-09-09' },
  ],
};

export function alloc(id: string, over: Partial<Allocation> = {}): Allocation {
  return {
    id,
    taskId: `task-${id}`,
    taskKey: `sfm-${id}`,
    poolKey: 'b200-pool',
    phaseKey: 'phase-2',
    gpus: 256,
    gpuMinutes: null,
    start: '2026-04-01',
    end: '2026-09-09',
    ...over,
  };
}

export const counterIds = (prefix = 'new') => {
  let n = 0;
  return () => `${prefix}-${++n}`;
};
