import { arenaContract as c } from '@stagegate/core/contract/arena';
import type { ResponseOf } from '@stagegate/core/contract/route';

export { arenaContract } from '@stagegate/core/contract/arena';
export type ArenaSummary = ResponseOf<typeof c.list>['arenas'][number];
/** The office's view of one arena (an evaluator gets only their progress). */
export type ArenaDetail = Extract<ResponseOf<typeof c.get>, { prompts: number }>;
