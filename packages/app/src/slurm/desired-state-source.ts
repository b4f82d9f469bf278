import { z } from 'zod';
import { desiredStateFrom, type TaskEnforcement } from '@stagegate/core/slurm/desired-state';
import type { SlurmState } from '@stagegate/core/slurm/state';
import { CliError } from '../cli/command.ts';
import { readJsonFile } from '../cli/files.ts';

/**
 * Where the desired Slurm state comes from. For now a JSON file listing each task's enforcement
 * ({ "tasks": [{ programSlug, taskKey, gpus, gpuMinutes?, blocked?, members }] }); deriving the
 * same list from the database's allocations plugs in here and calls the same desiredStateFrom.
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
  if (!opts.file) throw new CliError('missing required option --desired (deriving the state from the database is not wired yet)');
  const parsed = fileSchema.safeParse(await readJsonFile(opts.file));
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new CliError(`${opts.file}: ${first.path.join('.') || '(top level)'}: ${first.message}`);
  }
  return desiredStateFromTasks(parsed.data.tasks, opts.file);
}

export function desiredStateFromTasks(tasks: TaskEnforcement[], source = 'desired state'): SlurmState {
  const result = desiredStateFrom(tasks);
  if (!result.ok) {
    throw new CliError(`${source}: ${result.issues.map((i) => `${i.field}: ${i.message.en}`).join('; ')}`);
  }
  return result.state;
}
