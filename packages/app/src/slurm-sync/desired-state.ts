import { z } from 'zod';
import { desiredStateFrom, type TaskEnforcement } from '@stagegate/core/slurm/desired-state';
import type { SlurmState } from '@stagegate/core/slurm/state';
import type { Db, Tx } from '../db/connect.ts';
import { enforcementFromDatabase } from '../allocations/slurm-limits-source.ts';
import { SlurmSyncError } from './sync-error.ts';

/**
 * What Slurm must hold, and where that came from (shown with the plan, kept in the audit row): the
 * tasks, checked already, whose Slurm state is made once the scheduler says which cluster an
 * unplaced pool runs on (resolveDesired).
 */
export interface DesiredState {
  tasks: TaskEnforcement[];
  source: { kind: 'database'; day: string } | { kind: 'file'; name: string };
}

/** The Slurm state of a desired state, unplaced pools going to `defaultCluster`. */
export function resolveDesired(desired: DesiredState, defaultCluster: string): SlurmState {
  const source = desired.source.kind === 'database' ? `allocations in the database on ${desired.source.day}` : desired.source.name;
  return desiredStateFromTasks(desired.tasks, source, defaultCluster);
}

/**
 * The allocations active on `at` (default today in Seoul, by the database's clock), budgets,
 * blocked tasks and members, through core's desiredStateFrom.
 */
export async function desiredStateFromDatabase(db: Db | Tx, at?: string): Promise<DesiredState> {
  const { day, tasks } = await enforcementFromDatabase(db, at);
  // an empty desired state would plan the removal of every managed account: never by accident
  if (tasks.length === 0) throw new SlurmSyncError('nothing_to_enforce', `the database holds no allocations to enforce on ${day}`, 'at');
  desiredStateFromTasks(tasks, `allocations in the database on ${day}`, CHECK_CLUSTER);
  return { tasks, source: { kind: 'database', day } };
}

const taskSchema = z.object({
  programSlug: z.string().min(1),
  taskKey: z.string().min(1),
  gpus: z.number().int().min(0),
  gpuMinutes: z.number().int().min(0).nullable().optional(),
  blocked: z.boolean().default(false),
  members: z.array(z.string()).default([]),
  phaseKey: z.string().min(1).nullable().optional(),
  placements: z.array(z.object({ cluster: z.string().min(1).nullable().optional(), partition: z.string().min(1).nullable().optional() }).strict()).optional(),
});
const fileSchema = z.object({ tasks: z.array(taskSchema) }).strict();

/**
 * A desired-state file's content, already parsed as JSON: `{ "tasks": [{ programSlug, taskKey,
 * gpus, gpuMinutes?, blocked?, members, phaseKey?, placements?: [{ cluster?, partition? }] }] }`,
 * for planning against a cluster without a database.
 */
export function desiredStateFromFile(json: unknown, name: string): DesiredState {
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const field = first.path.join('.');
    throw new SlurmSyncError('invalid_desired', `${name}: ${field || '(top level)'}: ${first.message}`, field || undefined);
  }
  desiredStateFromTasks(parsed.data.tasks, name, CHECK_CLUSTER);
  return { tasks: parsed.data.tasks, source: { kind: 'file', name } };
}

// bad names and numbers are reported when the input is read, before any scheduler is asked which
// cluster is the default: any valid name serves for that check
const CHECK_CLUSTER = 'default';

function desiredStateFromTasks(tasks: TaskEnforcement[], source: string, defaultCluster: string): SlurmState {
  const result = desiredStateFrom(tasks, { defaultCluster });
  if (!result.ok) {
    throw new SlurmSyncError('invalid_desired', `${source}: ${result.issues.map((i) => `${i.field}: ${i.message.en}`).join('; ')}`, result.issues[0]?.field);
  }
  return result.state;
}
