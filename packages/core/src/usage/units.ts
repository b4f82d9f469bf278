/**
 * GPU use is counted in integer GPU-seconds; Slurm's budgets (GrpTRESMins) are GPU-minutes; hours
 * are only ever a display.
 */
export const SECONDS_PER_HOUR = 3600;

/** GPU-hours for display, rounded half up to `decimals` places (4 by default: 0.36 GPU-seconds). */
export function gpuHours(gpuSeconds: number, decimals = 4): number {
  const scale = 10 ** decimals;
  return Math.round((gpuSeconds * scale) / SECONDS_PER_HOUR) / scale;
}

/** Whole GPU-minutes used, rounded down (what a GrpTRESMins budget has certainly been charged). */
export function gpuMinutesFloor(gpuSeconds: number): number {
  return Math.floor(gpuSeconds / 60);
}
