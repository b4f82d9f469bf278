import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchedulerJob } from '../../src/adapters/slurm/scheduler-client.ts';
import { SlurmClient } from '../../src/adapters/slurm/slurm-client.ts';

/** The cluster scripts/slurm/start.sh started: its env file gives SLURM_CONF and the test users. */
export function startedCluster() {
  const dir = process.env.STAGEGATE_SLURM_DIR ?? '/tmp/stagegate-slurm';
  const envFile = join(dir, 'env');
  if (!existsSync(envFile)) throw new Error(`${envFile} is missing: run \`bash scripts/slurm/start.sh\` first (npm run test:slurm does)`);
  const env = Object.fromEntries(
    readFileSync(envFile, 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  ) as Record<string, string>;
  return { env, users: env.STAGEGATE_SLURM_USERS!.split(' '), client: new SlurmClient({ env: { SLURM_CONF: env.SLURM_CONF! } }) };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(file: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { env: { ...process.env, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** sbatch as a Linux user (root submitting for them), a sleep holding GPUs. */
export function submitAs(user: string, account: string, gpus: number, env: Record<string, string>, extra: string[] = []): Promise<Run> {
  return run(
    'runuser',
    [
      '-u',
      user,
      '--',
      'sbatch',
      '--parsable',
      `--account=${account}`,
      `--gres=gpu:b200:${gpus}`,
      '--time=30',
      '--output=/dev/null',
      '--chdir=/tmp',
      ...extra,
      '--wrap=sleep 600',
    ],
    env,
  );
}

export async function waitForJob(client: SlurmClient, jobId: number, ok: (j: SchedulerJob) => boolean, timeoutMs = 60_000): Promise<SchedulerJob> {
  const deadline = Date.now() + timeoutMs;
  let last: SchedulerJob | undefined;
  while (Date.now() < deadline) {
    last = (await client.queue()).find((j) => j.jobId === jobId);
    if (last && ok(last)) return last;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`job ${jobId} never reached the expected state; last seen ${JSON.stringify(last)}`);
}
