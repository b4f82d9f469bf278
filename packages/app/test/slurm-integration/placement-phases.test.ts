import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desiredStateFrom, type TaskEnforcement } from '@stagegate/core/slurm/desired-state';
import { isManagedName } from '@stagegate/core/slurm/names';
import { isPlanEmpty, planSlurmChanges, runnableSteps } from '@stagegate/core/slurm/plan';
import type { SlurmState } from '@stagegate/core/slurm/state';
import { applyPlan } from '../../src/slurm-sync/apply-plan.ts';
import { run, startedCluster, submitAs } from './cluster.ts';

// Issue 16 item 7 on the real single-node Slurm: a task's pool placed on the cluster's `debug`
// partition, and a budget per phase. Phase 2 gets a QOS of its own at the boundary, so its
// GPU-minutes start from nothing whatever phase 1 used. Read back with sacctmgr as an operator would.
const cluster = startedCluster();
const { client, env } = cluster;
const [alice] = cluster.users as [string];
const CLUSTER = env.STAGEGATE_SLURM_CLUSTER!;
const PROGRAM = 'itphase';
const ACCOUNT = 'sg-itphase-a';
const P1 = 'sg-itphase-a-p1';
const P2 = 'sg-itphase-a-p2';

const task = (phaseKey: string, gpuMinutes: number): TaskEnforcement => ({
  programSlug: PROGRAM,
  taskKey: 'a',
  gpus: 4,
  gpuMinutes,
  blocked: false,
  members: [alice],
  phaseKey,
  placements: [{ cluster: CLUSTER, partition: 'debug' }],
});
function desired(...tasks: TaskEnforcement[]): SlurmState {
  const r = desiredStateFrom(tasks);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.state;
}
/** Everything on the cluster but this test's own names: what a clean-up plans towards. */
async function othersOnly(): Promise<SlurmState> {
  const s = await client.readState();
  const ours = (name: string) => name.startsWith(`sg-${PROGRAM}`);
  return {
    qos: s.qos.filter((q) => isManagedName(q.name) && !ours(q.name)),
    accounts: s.accounts.filter((a) => isManagedName(a.name) && !ours(a.name)),
    users: s.users.filter((u) => isManagedName(u.account) && !ours(u.account)),
  };
}
async function reconcile(want: SlurmState, allowDestructive = false) {
  const plan = planSlurmChanges(want, await client.readState(), { allowDestructive });
  await applyPlan(client, plan);
  return plan;
}
const sacctmgr = async (...args: string[]) => {
  const r = await run('sacctmgr', ['-n', '-P', ...args], env);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').filter(Boolean);
};
const assocRows = () => sacctmgr('show', 'assoc', 'where', `account=${ACCOUNT}`, 'format=cluster,account,user,partition,qos,defaultqos');
const qosRow = async (name: string) => (await sacctmgr('show', 'qos', 'where', `name=${name}`, 'format=name,grptres,grptresmins,flags'))[0];
/** What the controller counts against a QOS's GrpTRESMins: `gres/gpu=LIMIT(USED)` in assoc_mgr. */
async function usedGpuMinutes(qos: string): Promise<{ limit: number; used: number }> {
  const r = await run('scontrol', ['show', 'assoc_mgr', 'flags=qos', `qos=${qos}`], env);
  expect(r.code, r.stderr).toBe(0);
  const line = r.stdout.split('\n').find((l) => l.includes('GrpTRESMins='))!;
  const m = /gres\/gpu=(\d+)\((\d+)\)/.exec(line.slice(line.indexOf('GrpTRESMins=')));
  if (!m) throw new Error(`no gres/gpu in ${line}`);
  return { limit: Number(m[1]), used: Number(m[2]) };
}
const jobId = (stdout: string) => Number(stdout.trim().split(';')[0]);

beforeAll(async () => {
  await run('scancel', [`--account=${ACCOUNT}`], env);
  await reconcile(await othersOnly(), true);
});
afterAll(async () => {
  await run('scancel', [`--account=${ACCOUNT}`], env);
  await reconcile(await othersOnly(), true);
});

describe('placement and per-phase budgets on a real Slurm', () => {
  it('phase 1: the account and user association are on the cluster and partition, charging the phase-1 QOS', async () => {
    const plan = await reconcile(desired(task('p1', 600)));
    for (const s of plan.steps) {
      if (s.argv[0] === 'sacctmgr' && s.argv[3] !== 'qos') expect(s.argv).toContain(`cluster=${CLUSTER}`);
    }
    expect(await assocRows()).toEqual([`${CLUSTER}|${ACCOUNT}|||${P1}|${P1}`, `${CLUSTER}|${ACCOUNT}|${alice}|debug|${P1}|${P1}`]);
    expect(await qosRow(P1)).toBe(`${P1}|gres/gpu=4|gres/gpu=600|DenyOnLimit,NoDecay`);
    expect(isPlanEmpty(planSlurmChanges(desired(task('p1', 600)), await client.readState()))).toBe(true);

    // 2 GPUs × 400 minutes = 800 GPU-minutes: more than phase 1's 600, refused at submission
    const over = await submitAs(alice, ACCOUNT, 2, env, ['--partition=debug', '--time=400']);
    expect(over.code).not.toBe(0);
    expect(over.stderr).toMatch(/QOSGrpGRESMinutes/);
  });

  it('phase 2: a QOS of its own with its own budget and no usage, the account and association moved to it', async () => {
    const before = await client.readState();
    const plan = planSlurmChanges(desired(task('p2', 1200)), before);
    expect(runnableSteps(plan).map((s) => s.argv.join(' '))).toEqual([
      `sacctmgr -i add qos ${P2} grptres=gres/gpu=4 grptresmins=gres/gpu=1200 flags=DenyOnLimit,NoDecay`,
      `sacctmgr -i modify account where name=${ACCOUNT} cluster=${CLUSTER} set qos=${P2} defaultqos=${P2}`,
      `sacctmgr -i modify user where name=${alice} account=${ACCOUNT} cluster=${CLUSTER} partition=debug set qos=${P2} defaultqos=${P2}`,
    ]);
    // phase 1's QOS is never modified into phase 2's (its usage would come along); it stays until the opt-in
    expect(plan.steps.filter((s) => s.argv.includes(`name=${P1}`)).map((s) => [s.kind, s.skipped])).toEqual([['remove', true]]);
    await applyPlan(client, plan);

    expect(await assocRows()).toEqual([`${CLUSTER}|${ACCOUNT}|||${P2}|${P2}`, `${CLUSTER}|${ACCOUNT}|${alice}|debug|${P2}|${P2}`]);
    expect(await qosRow(P2)).toBe(`${P2}|gres/gpu=4|gres/gpu=1200|DenyOnLimit,NoDecay`);
    expect(await qosRow(P1)).toBe(`${P1}|gres/gpu=4|gres/gpu=600|DenyOnLimit,NoDecay`);
    expect(await usedGpuMinutes(P2)).toEqual({ limit: 1200, used: 0 });
    expect(isPlanEmpty(planSlurmChanges(desired(task('p2', 1200)), await client.readState()))).toBe(true);

    // the job phase 1 refused fits phase 2's own budget, in the task's partition, charged to P2
    const fits = await submitAs(alice, ACCOUNT, 2, env, ['--partition=debug', '--time=400']);
    expect(fits.code, fits.stderr).toBe(0);
    const job = (await client.queue()).find((j) => j.jobId === jobId(fits.stdout));
    expect(job?.qos).toBe(P2);
  });

  it("removes the finished phase's QOS only with the opt-in", async () => {
    await run('scancel', [`--account=${ACCOUNT}`], env);
    await reconcile(desired(task('p2', 1200)), true);
    expect(await sacctmgr('show', 'qos', 'where', `name=${P1}`, 'format=name')).toEqual([]);
    expect(await qosRow(P2)).toBe(`${P2}|gres/gpu=4|gres/gpu=1200|DenyOnLimit,NoDecay`);
  });
});
