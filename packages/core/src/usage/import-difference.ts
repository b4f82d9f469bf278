/**
 * What an import would change, task by task, on the Seoul days it covers: an import replaces those
 * days whole (store-usage's rule), so the task's GPU time there goes from what is stored to what the
 * file says. Shown to the office before it commits; accounts without a task are one line.
 */
export interface UsageOnDays {
  /** null: an account no task holds */
  taskId: string | null;
  gpuSeconds: number;
}

export interface TaskUsageChange {
  taskId: string | null;
  beforeGpuHours: number;
  afterGpuHours: number;
}

const hours = (seconds: number) => Math.round((seconds / 3600) * 100) / 100;

export function compareImportedUsage(stored: UsageOnDays[], imported: UsageOnDays[]): TaskUsageChange[] {
  const sums = new Map<string | null, { before: number; after: number }>();
  const at = (taskId: string | null) => sums.get(taskId) ?? sums.set(taskId, { before: 0, after: 0 }).get(taskId)!;
  for (const r of stored) at(r.taskId).before += r.gpuSeconds;
  for (const r of imported) at(r.taskId).after += r.gpuSeconds;
  return [...sums]
    .map(([taskId, s]) => ({ taskId, beforeGpuHours: hours(s.before), afterGpuHours: hours(s.after) }))
    .sort((a, b) => (a.taskId === null ? 1 : b.taskId === null ? -1 : a.taskId.localeCompare(b.taskId)));
}
