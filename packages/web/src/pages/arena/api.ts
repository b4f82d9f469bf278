import { arenaContract as c } from '@stagegate/core/contract/arena';
import type { ResponseOf } from '@stagegate/core/contract/route';

export { arenaContract } from '@stagegate/core/contract/arena';
export type ArenaSummary = ResponseOf<typeof c.list>['arenas'][number];
/** The office's view of one arena (an evaluator gets only their progress). */
export type ArenaDetail = Extract<ResponseOf<typeof c.get>, { prompts: number }>;
/** A team of the arena's program the office may give answers for (the coverage lists only teams that have some). */
export interface ArenaTeam {
  taskId: string;
  taskName: ArenaDetail['coverage'][number]['taskName'];
  /** the model the team registered for its task, offered as the model name to ask for */
  targetModel: string | null;
}
