import { taskAccountName } from '@stagegate/core/slurm/names';
import type { Db, Tx } from '../db/connect.ts';
import { tasks } from '../db/schema/index.ts';

/** Slurm account name → task id, by the same naming rule enforcement uses (sg-<program>-<task>). */
export async function taskIdsByAccount(db: Db | Tx): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const t of await db.select({ id: tasks.id, key: tasks.key, programSlug: tasks.programSlug }).from(tasks)) {
    try {
      map.set(taskAccountName(t.programSlug, t.key), t.id);
    } catch {
      // a task whose key cannot be a Slurm name has no account, so no usage can be charged to it
    }
  }
  return map;
}
