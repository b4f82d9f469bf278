import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isManagedName, taskAccountName } from '@stagegate/core/slurm/names';
import { planSlurmChanges } from '@stagegate/core/slurm/plan';
import { loadConfig } from '../../src/config.ts';
import { createContext } from '../../src/context.ts';
import { importProgram } from '../../src/programs/program-store.ts';
import { tasks, taskMembers } from '../../src/db/schema/index.ts';
import { createAllocation } from '../../src/allocations/allocation-editor.ts';
import { setTaskBlocked } from '../../src/allocations/task-blocking.ts';
import { applyPlan } from '../../src/slurm-sync/apply-plan.ts';
import { run, startedCluster, submitAs, waitForJob } from './cluster.ts';

// The whole path a program office uses: an allocation committed in Stagegate's database becomes
// Slurm limits through `stagegate slurm apply`, and blocking the task in the database stops new
// jobs on the cluster. The program is this test's own, with a phase around today, so the test
// does not depend on the calendar of the seeded programs.
const cluster = startedCluster();
const { client, env } = cluster;
const [alice] = cluster.users as [string];
const PROGRAM = 'itest-db';
const TASK = 'gpu-task';
const account = taskAccountName(PROGRAM, TASK);
const operator = { id: 'itest-operator', email: 'operator@itest.kr', name: 'operator', role: 'operator' as const };

let dir: string;
let dataEnv: Record<string, string>;
let taskId: string;
const submitted: number[] = [];
const jobId = (stdout: string) => Number(stdout.trim().split(';')[0]);
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const stagegate = (args: string[]) => run(process.execPath, ['packages/app/bin/stagegate.js', ...args], dataEnv);

async function withContext<T>(fn: (ctx: Awaited<ReturnType<typeof createContext>>) => Promise<T>): Promise<T> {
  const ctx = await createContext({ ...loadConfig({}), dataDir: join(dir, 'data'), logLevel: 'silent' });
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sg-slurm-db-'));
  dataEnv = { ...env, STAGEGATE_DATA: join(dir, 'data'), LOG_LEVEL: 'silent' };
  const seed = JSON.parse(await readFile(new URL('../../seed/programs/specialized-fm.json', import.meta.url), 'utf8'));
  const program = {
    ...seed,
    slug: PROGRAM,
    name: { ko: '통합 시험 사업', en: 'Integration-test program' },
    phases: [{ key: 'now', name: { ko: '현재 단계', en: 'Current phase' }, start: day(-30), end: day(365) }],
    // allocations are whole nodes: a pool of 2-GPU nodes lets the 8 fake GPUs hold a 2-GPU allocation
    gpuPools: [{ ...seed.gpuPools[0], gpuCount: 8, gpusPerNode: 2 }],
    stageEvaluation: { ...seed.stageEvaluation, decisionPolicy: { kind: 'advanceAtThreshold', minPoints: 50 } },
  };
  taskId = await withContext(async (ctx) => {
    const imported = await importProgram(ctx.db, operator, program);
    expect(imported, JSON.stringify(imported)).toMatchObject({ status: 'committed' });
    const [task] = await ctx.db
      .insert(tasks)
      .values({ programSlug: PROGRAM, key: TASK, name: { ko: '시험 과제', en: 'Test task' } })
      .returning();
    await ctx.db.insert(taskMembers).values({ taskId: task!.id, clusterUsername: alice });
    const created = await createAllocation(
      ctx.db,
      operator,
      PROGRAM,
      { taskId: task!.id, poolKey: seed.gpuPools[0].key, phaseKey: 'now', gpus: 2, start: day(-7), end: day(90) },
      { mode: 'commit', reason: 'integration test' },
    );
    expect(created, JSON.stringify(created)).toMatchObject({ status: 'committed' });
    return task!.id;
  });
});

afterAll(async () => {
  await run('scancel', [`--account=${account}`], env);
  // remove this test's accounts and QOS, whatever state the test stopped in
  const state = await client.readState();
  const ours = (name: string) => name.startsWith(`sg-${PROGRAM}`);
  const keep = {
    qos: state.qos.filter((q) => isManagedName(q.name) && !ours(q.name)),
    accounts: state.accounts.filter((a) => isManagedName(a.name) && !ours(a.name)),
    users: state.users.filter((u) => isManagedName(u.account) && !ours(u.account)),
  };
  await applyPlan(client, planSlurmChanges(keep, state, { allowDestructive: true }));
  await rm(dir, { recursive: true, force: true });
});

describe('allocations in the database enforced on a real Slurm', () => {
  it("applies today's allocation from the database; a second plan has nothing to run", async () => {
    const applied = await stagegate(['slurm', 'apply', '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    // the allocation's phase names the QOS; the unplaced pool runs on the only cluster, any partition
    const state = await client.readState();
    expect(state.qos.find((q) => q.name === `${account}-now`)).toMatchObject({ gpus: 2, blocked: false });
    expect(state.users.find((u) => u.account === account)).toMatchObject({
      user: alice,
      cluster: env.STAGEGATE_SLURM_CLUSTER,
      partition: null,
      defaultQos: `${account}-now`,
    });
    const plan = await stagegate(['slurm', 'plan', '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(JSON.parse(plan.stdout)).toMatchObject({ empty: true });
  });

  it('runs a job within the 2 allocated GPUs and holds the one beyond with QOSGrpGRES', async () => {
    const first = await submitAs(alice, account, 2, env);
    expect(first.code, first.stderr).toBe(0);
    submitted.push(jobId(first.stdout));
    await waitForJob(client, submitted[0]!, (j) => j.state === 'RUNNING');
    const beyond = await submitAs(alice, account, 1, env);
    expect(beyond.code, beyond.stderr).toBe(0);
    submitted.push(jobId(beyond.stdout));
    await waitForJob(client, submitted[1]!, (j) => j.state === 'PENDING' && j.reason === 'QOSGrpGRES');
  });

  it('blocks the task in the database, and after apply the cluster refuses new jobs', async () => {
    await withContext(async (ctx) => expect((await setTaskBlocked(ctx.db, operator, taskId, true, 'integration test: misuse')).status).toBe('committed'));
    const applied = await stagegate(['slurm', 'apply', '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    const refused = await submitAs(alice, account, 1, env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/QOSGrpSubmitJobsLimit/);
    expect((await client.queue()).find((j) => j.jobId === submitted[0])?.state).toBe('RUNNING');
  });
});
