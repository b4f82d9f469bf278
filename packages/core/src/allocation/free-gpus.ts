import type { Allocation } from './allocation.ts';
import { poolOccupancy } from './occupancy.ts';

/** GPUs of one pool held by the given allocations on `day` (those running that day, whoever holds them). */
export function gpusHeldOn(list: readonly Allocation[], poolKey: string, day: string): number {
  return list.filter((a) => a.poolKey === poolKey && a.start <= day && a.end >= day).reduce((n, a) => n + a.gpus, 0);
}

/** GPUs of each pool not held by any allocation on `day` (a program's pools, or any with a key and a size). */
export function freeGpusOn(
  program: { gpuPools: readonly { key: string; gpuCount: number }[] },
  list: readonly Allocation[],
  day: string,
): Record<string, number> {
  return Object.fromEntries(program.gpuPools.map((p) => [p.key, p.gpuCount - (poolOccupancy(list, p.key, day, day)[0]?.total ?? 0)]));
}
