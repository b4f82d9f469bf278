import { inArray } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { applications } from '../db/schema/index.ts';
import type { LoadedEvaluation } from './evaluation-store.ts';

export interface DeclaredGoal {
  team: string;
  metric: string;
  target: string;
  dueDate: string | null;
}

/**
 * The stage goals each team declared in the proposal it was selected on: what the office checks goal
 * by goal. A task registered without an application (the demo's, an office-made one) declared none here.
 */
export async function declaredStageGoals(db: Db, loaded: LoadedEvaluation): Promise<DeclaredGoal[]> {
  const byApplication = new Map(loaded.teams.flatMap((t) => (t.applicationId ? [[t.applicationId, t.key] as const] : [])));
  if (byApplication.size === 0) return [];
  const rows = await db
    .select({ id: applications.id, proposal: applications.proposal })
    .from(applications)
    .where(inArray(applications.id, [...byApplication.keys()]));
  return rows.flatMap((r) =>
    (r.proposal.stageGoals ?? [])
      .filter((g) => g.metric.trim())
      .map((g) => ({ team: byApplication.get(r.id)!, metric: g.metric.trim(), target: g.target.trim(), dueDate: g.dueDate ?? null })),
  );
}
