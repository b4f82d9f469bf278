import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desiredStateFrom, type TaskEnforcement } from '@stagegate/core/slurm/desired-state';
import { isPlanEmpty, planSlurmChanges, runnableSteps } from '@stagegate/core/slurm/plan';
import type { SlurmState } from '@stagegate/core/slurm/state';
import { applyPlan } from '../../src/slurm-sync/apply-plan.ts';
import { run, startedCluster, submitAs, waitForJob } from './cluster.ts';

// The program slug is this test's own: leftovers of other programs on the cluster show up as
// skipped destructive steps and are never touched.
const PROGRAM = 'itest';
const A = 'sg-itest-a';
const B = 'sg-itest-b';
const cluster = startedCluster();
const { client, env } = cluster;
const [alice, bob] = cluster.users as [string, string];

const tasks = (blockA: boolean): TaskEnforcement[] => [
  { programSlug: PROGRAM, taskKey: 'a', gpus: 4, blocked: blockA, members: [alice] },
  { programSlug: PROGRAM, taskKey: 'b', gpus: 2, gpuMinutes: 600, blocked: false, members: [bob] },
];
function desired(blockA: boolean): SlurmState {
  const r = desiredStateFrom(tasks(blockA), { defaultCluster: env.STAGEGATE_SLURM_CLUSTER });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.state;
}
async function reconcile(want: SlurmState, allowDestructive = false) {
  const plan = planSlurmChanges(want, await client.readState(), { allowDestructive });
  await applyPlan(client, plan);
  return plan;
}
const jobId = (stdout: string) => Number(stdout.trim().split(';')[0]);
const submitted: number[] = [];

async function cancelOurJobs() {
  for (const user of cluster.users) await run('scancel', [`--user=${user}`], env);
}

beforeAll(async () => {
  await cancelOurJobs();
  // start from nothing of ours, whatever an interrupted run left
  await reconcile({ qos: [], accounts: [], users: [] }, true);
  // removing every managed account leaves only other programs' names behind
  const left = await client.readState();
  expect(left.accounts.filter((a) => a.name.startsWith(`sg-${PROGRAM}`))).toEqual([]);
});

afterAll(async () => {
  await cancelOurJobs();
});

describe('GPU allocations enforced on a real Slurm', () => {
  it('applies two tasks through the CLI; a second apply changes nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sg-slurm-it-'));
    const file = join(dir, 'desired.json');
    await writeFile(file, JSON.stringify({ tasks: tasks(false) }));
    const cli = await run(process.execPath, ['packages/app/bin/stagegate.js', 'slurm', 'apply', '--desired', file, '--yes'], env);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/Slurm matches the allocations\./);

    const state = await client.readState();
    expect(state.qos.find((q) => q.name === A)).toEqual({ name: A, gpus: 4, gpuMinutes: null, blocked: false, flags: [] });
    expect(state.qos.find((q) => q.name === B)).toEqual({ name: B, gpus: 2, gpuMinutes: 600, blocked: false, flags: ['DenyOnLimit', 'NoDecay'] });
    expect(state.accounts.find((a) => a.name === A)).toMatchObject({ parent: 'sg-itest', qos: [A], defaultQos: A });
    expect(state.users.find((u) => u.user === alice && u.account === A)).toMatchObject({ qos: [A], defaultQos: A });

    const again = await run(process.execPath, ['packages/app/bin/stagegate.js', 'slurm', 'plan', '--desired', file, '--json'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ empty: true });
    expect(runnableSteps(planSlurmChanges(desired(false), await client.readState()))).toEqual([]);
  });

  it('runs jobs within the GPU limit and holds the one beyond it with QOSGrpGRES', async () => {
    const first = await submitAs(alice, A, 4, env);
    expect(first.code, first.stderr).toBe(0);
    submitted.push(jobId(first.stdout));
    const running = await waitForJob(client, jobId(first.stdout), (j) => j.state === 'RUNNING');
    expect(running).toMatchObject({ user: alice, account: A, qos: A, gpus: 4 });

    const beyond = await submitAs(alice, A, 1, env);
    expect(beyond.code, beyond.stderr).toBe(0);
    submitted.push(jobId(beyond.stdout));
    const waiting = await waitForJob(client, jobId(beyond.stdout), (j) => j.state === 'PENDING' && j.reason === 'QOSGrpGRES');
    expect(waiting.qos).toBe(A);

    // the other task's GPUs are its own: 4 of the node's 8 are still free
    const other = await submitAs(bob, B, 2, env);
    expect(other.code, other.stderr).toBe(0);
    submitted.push(jobId(other.stdout));
    await waitForJob(client, jobId(other.stdout), (j) => j.state === 'RUNNING');
  });

  it('refuses a job that would overrun the GPU-minute budget at submission', async () => {
    // 2 GPUs × 400 minutes = 800 GPU-minutes > 600: DenyOnLimit refuses rather than queues
    const over = await submitAs(bob, B, 2, env, ['--time=400']);
    expect(over.code).not.toBe(0);
    expect(over.stderr).toMatch(/QOSGrpGRESMinutes/);
  });

  it('blocks a task: new submissions refused, running jobs continue; unblocking accepts again', async () => {
    const plan = await reconcile(desired(true));
    expect(plan.steps.map((s) => s.argv.join(' '))).toEqual([`sacctmgr -i modify qos where name=${A} set grpsubmitjobs=0`]);

    const refused = await submitAs(alice, A, 1, env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/QOSGrpSubmitJobsLimit/);
    const viaSrun = await run('runuser', ['-u', alice, '--', 'srun', `--account=${A}`, '--gres=gpu:b200:1', '--time=1', 'true'], env);
    expect(viaSrun.code).not.toBe(0);
    expect(viaSrun.stderr).toMatch(/QOSGrpSubmitJobsLimit/);
    expect((await client.queue()).find((j) => j.jobId === submitted[0])?.state).toBe('RUNNING');

    // the other task is not blocked
    const bobs = await submitAs(bob, B, 1, env);
    expect(bobs.code, bobs.stderr).toBe(0);
    submitted.push(jobId(bobs.stdout));

    const unblock = await reconcile(desired(false));
    expect(unblock.steps.map((s) => s.argv.join(' '))).toEqual([`sacctmgr -i modify qos where name=${A} set grpsubmitjobs=-1`]);
    const accepted = await submitAs(alice, A, 1, env);
    expect(accepted.code, accepted.stderr).toBe(0);
    submitted.push(jobId(accepted.stdout));
    expect(isPlanEmpty(planSlurmChanges(desired(false), await client.readState()))).toBe(true);
  });

  it("shows the jobs in sacct --json under the tasks' accounts", async () => {
    const deadline = Date.now() + 30_000;
    let jobs = await client.jobs({ accounts: [A, B] });
    while (Date.now() < deadline && !submitted.every((id) => jobs.some((j) => j.jobId === id))) {
      await new Promise((r) => setTimeout(r, 500));
      jobs = await client.jobs({ accounts: [A, B] });
    }
    const ours = submitted.map((id) => jobs.find((j) => j.jobId === id));
    expect(ours.map((j) => j && [j.user, j.account])).toEqual([
      [alice, A],
      [alice, A],
      [bob, B],
      [bob, B],
      [alice, A],
    ]);
    expect(ours[0]).toMatchObject({ state: 'RUNNING', gpus: 4 });
  });

  it('removes a dropped task only with the opt-in, cancelling its jobs', async () => {
    const onlyA = desiredStateFrom([tasks(false)[0]!], { defaultCluster: env.STAGEGATE_SLURM_CLUSTER });
    if (!onlyA.ok) throw new Error('bad fixture');
    const gated = await reconcile(onlyA.state);
    expect(gated.steps.filter((s) => s.skipped).length).toBeGreaterThan(0);
    expect((await client.readState()).accounts.some((a) => a.name === B)).toBe(true);

    await reconcile(onlyA.state, true);
    const after = await client.readState();
    expect(after.accounts.some((a) => a.name === B)).toBe(false);
    expect(after.qos.some((q) => q.name === B)).toBe(false);
    expect((await client.queue()).filter((j) => j.account === B && (j.state === 'RUNNING' || j.state === 'PENDING'))).toEqual([]);
    expect(isPlanEmpty(planSlurmChanges(onlyA.state, after, { allowDestructive: true }))).toBe(true);

    await cancelOurJobs();
    await reconcile({ qos: [], accounts: [], users: [] }, true);
    expect((await client.readState()).accounts.filter((a) => a.name.startsWith('sg-itest'))).toEqual([]);
  });
});
