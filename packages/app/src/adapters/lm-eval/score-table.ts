/** One metric of one task as a results file reports it. */
export interface MetricScore {
  /** metric name without filter, e.g. `acc`, `exact_match` */
  metric: string;
  /** the harness's filter, e.g. `none`, `strict-match`; `none` for CSV rows */
  filter: string;
  value: number;
  /** null when the file gave none or wrote "N/A" */
  stderr: number | null;
}

export interface TaskScores {
  task: string;
  metrics: MetricScore[];
  /** items in the full task and items actually evaluated (the harness's n-samples) */
  samples?: { original: number; effective: number };
  /** the harness's higher_is_better per metric name */
  higherIsBetter: Record<string, boolean>;
  version?: string | number;
  hash?: string;
  /** a harness group aggregating other tasks */
  isGroup: boolean;
  subtasks: string[];
}

/** What an import yields, whatever the source format: scores per task for one model. */
export interface ScoreTable {
  file: string;
  format: 'lm-eval-harness' | 'csv';
  modelName?: string;
  tasks: TaskScores[];
}

/** Tasks whose run was limited (`--limit`): fewer items evaluated than the task has. */
export function limitedTasks(table: ScoreTable): { task: string; original: number; effective: number }[] {
  return table.tasks
    .filter((t) => t.samples && t.samples.effective < t.samples.original)
    .map((t) => ({ task: t.task, original: t.samples!.original, effective: t.samples!.effective }));
}

/** Why a table may not be used for official scoring, or null when it may. */
export function officialScoringRefusal(table: ScoreTable, tasks?: readonly string[]): string | null {
  const limited = limitedTasks(table).filter((l) => !tasks || tasks.includes(l.task));
  if (limited.length === 0) return null;
  const list = limited.map((l) => `${l.task} (${l.effective} of ${l.original} items)`).join(', ');
  return `${table.file}: refused for official scoring: the run was limited — n-samples effective is below original for ${list}; rerun without --limit`;
}

/** Tasks no group contains: what a comparison counts, so a group and its subtasks are not counted twice. */
export function topLevelTasks(table: ScoreTable): TaskScores[] {
  const contained = new Set(table.tasks.flatMap((t) => t.subtasks));
  return table.tasks.filter((t) => !contained.has(t.task));
}

/** The leaf tasks under a task (itself when it is not a group), through nested groups. */
export function leafTasks(table: ScoreTable, task: string): string[] {
  const byName = new Map(table.tasks.map((t) => [t.task, t]));
  const out: string[] = [];
  const visit = (name: string, depth: number) => {
    const t = byName.get(name);
    if (!t || t.subtasks.length === 0 || depth > 20) {
      out.push(name);
      return;
    }
    for (const s of t.subtasks) visit(s, depth + 1);
  };
  visit(task, 0);
  return out;
}
