import { z } from 'zod';
import { desiredStateFrom, type TaskEnforcement } from '@stagegate/core/slurm/desired-state';
import type { SlurmState } from '@stagegate/core/slurm/state';
import { CliError } from '../cli/command.ts';
import { readJsonFile } from '../cli/files.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { withAppContext } from '../cli/context.ts';
import { loadConfig } from '../config.ts';
import { enforcementFromDatabase } from '../allocations/enforcement-source.ts';

/**
 * Where the desired Slurm state comes from: the allocations active today in the database, or a
 * JSON file listing each task's enforcement ({ "tasks": [{ programSlug, taskKey, gpus,
 * gpuMinutes?, blocked?, members }] }). Both go through the same core desiredStateFrom.
 */
export interface DesiredStateOptions {
  file?: string;
}

const taskSchema = z.object({
  programSlug: z.string().min(1),
  taskKey: z.string().min(1),
  gpus: z.number().int().min(0),
  gpuMinutes: z.number().int().min(0).nullable().optional(),
  blocked: z.boolean().default(false),
  members: z.array(z.string()).default([]),
});
const fileSchema = z.object({ tasks: z.array(taskSchema) }).strict();

export async function loadDesiredState(opts: DesiredStateOptions): Promise<SlurmState> {
  if (!opts.file) return desiredStateFromDatabase();
  const parsed = fileSchema.safeParse(await readJsonFile(opts.file));
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new CliError(`${opts.file}: ${first.path.join('.') || '(top level)'}: ${first.message}`);
  }
  return desiredStateFromTasks(parsed.data.tasks, opts.file);
}

/**
 * Without --desired: the database's allocations active today (Seoul, database clock), budgets,
 * blocked tasks and members, through the same desiredStateFrom.
 */
async function desiredStateFromDatabase(): Promise<SlurmState> {
  const config = loadConfig();
  if (!config.databaseUrl && !existsSync(join(config.dataDir, 'pgdata'))) {
    throw new CliError(`no --desired file given and no database at ${config.dataDir} (set STAGEGATE_DATA or DATABASE_URL)`);
  }
  const { day, tasks } = await withAppContext('slurm reconcile', (ctx) => enforcementFromDatabase(ctx.db));
  // an empty desired state would plan the removal of every managed account: never by accident
  if (tasks.length === 0) throw new CliError(`the database holds no allocations to enforce on ${day}; give --desired FILE to plan from a file`);
  return desiredStateFromTasks(tasks, `allocations in the database on ${day}`);
}

export function desiredStateFromTasks(tasks: TaskEnforcement[], source = 'desired state'): SlurmState {
  const result = desiredStateFrom(tasks);
  if (!result.ok) {
    throw new CliError(`${source}: ${result.issues.map((i) => `${i.field}: ${i.message.en}`).join('; ')}`);
  }
  return result.state;
}
