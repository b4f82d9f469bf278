import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { desiredStateFrom, type TaskEnforcement } from '@stagegate/core/slurm/desired-state';
import { isPlanEmpty, planSlurmChanges } from '@stagegate/core/slurm/plan';
import type { SlurmState } from '@stagegate/core/slurm/state';
import { applyPlan } from '../../src/slurm-sync/apply-plan.ts';
import { SlurmEmulator } from '../../src/adapters/slurm/emulator.ts';
import type { SlurmStep } from '@stagegate/core/slurm/plan';
import { desiredStateFromFile } from '../../src/slurm-sync/desired-state.ts';
import { planAgainst } from '../../src/slurm-sync/sync-service.ts';
import { SlurmSyncError } from '../../src/slurm-sync/sync-error.ts';

// Issue 16 item 7 against the emulator: the pool's cluster and partition bound where a task's
// members may run, and each phase's budget is a QOS of its own, so phase 1's use never counts in 2.
const task = (over: Partial<TaskEnforcement> = {}): TaskEnforcement => ({
  programSlug: 'fm',
  taskKey: 'a',
  gpus: 8,
  gpuMinutes: 1000,
  blocked: false,
  members: ['alice'],
  phaseKey: 'p1',
  placements: [{ cluster: 'nacc', partition: 'b200' }],
  ...over,
});
function desired(...tasks: TaskEnforcement[]): SlurmState {
  const r = desiredStateFrom(tasks);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.state;
}
async function reconcile(emulator: SlurmEmulator, want: SlurmState, allowDestructive = false) {
  return applyPlan(emulator, planSlurmChanges(want, await emulator.readState(), { allowDestructive }));
}
const step = (argv: string[]): SlurmStep => ({ kind: 'create', destructive: false, skipped: false, description: { ko: '', en: '' }, argv });

describe('the emulator speaks cluster= and partition= like sacctmgr', () => {
  it("refuses a cluster the accounting database does not serve, with Slurm's words", async () => {
    const emulator = new SlurmEmulator({ clusters: ['nacc'] });
    await expect(emulator.run(step(['sacctmgr', '-i', 'add', 'account', 'sg-x', 'cluster=nope', 'parent=root']))).rejects.toThrow(
      /This cluster 'nope' doesn't exist/,
    );
    expect(await emulator.clusters()).toEqual(['nacc']);
  });

  it("lets a member run only in the pool's partition on the pool's cluster", async () => {
    const emulator = new SlurmEmulator({ clusters: ['nacc', 'edge'] });
    await reconcile(emulator, desired(task()));
    expect(emulator.submit({ user: 'alice', account: 'sg-fm-a', gpus: 2, cluster: 'nacc', partition: 'b200' }).state).toBe('RUNNING');
    expect(() => emulator.submit({ user: 'alice', account: 'sg-fm-a', gpus: 2, cluster: 'nacc', partition: 'debug' })).toThrow(
      /account\/partition combination/,
    );
    expect(() => emulator.submit({ user: 'alice', account: 'sg-fm-a', gpus: 2, cluster: 'edge', partition: 'b200' })).toThrow(/Invalid account/);
    expect((await emulator.readState()).users).toEqual([
      { user: 'alice', account: 'sg-fm-a', cluster: 'nacc', partition: 'b200', qos: ['sg-fm-a-p1'], defaultQos: 'sg-fm-a-p1' },
    ]);
  });

  it("without partition=, sacctmgr removes a user's associations in every partition: the plan adds back the ones still wanted", async () => {
    const emulator = new SlurmEmulator({ clusters: ['nacc'] });
    await reconcile(emulator, desired(task({ placements: [{ cluster: 'nacc' }] })));
    const placed = desired(task());
    await reconcile(emulator, placed, true);
    expect((await emulator.readState()).users.map((u) => u.partition)).toEqual(['b200']);
    expect(isPlanEmpty(planSlurmChanges(placed, await emulator.readState(), { allowDestructive: true }))).toBe(true);
  });
});

describe('a budget per phase', () => {
  it('phase 1 uses up its budget; at the boundary phase 2 starts from nothing', async () => {
    const emulator = new SlurmEmulator({ clusters: ['nacc'] });
    await reconcile(emulator, desired(task()));
    const job = emulator.submit({ user: 'alice', account: 'sg-fm-a', gpus: 8, cluster: 'nacc', partition: 'b200', minutes: 100 });
    emulator.finish(job.jobId, 100);
    expect(emulator.qosUsage('sg-fm-a-p1')).toBe(800);
    // 8 GPUs × 30 minutes = 240 > the 200 left: DenyOnLimit refuses it at submission
    expect(() => emulator.submit({ user: 'alice', account: 'sg-fm-a', gpus: 8, cluster: 'nacc', partition: 'b200', minutes: 30 })).toThrow(/QOSGrpGRESMinutes/);

    await reconcile(emulator, desired(task({ phaseKey: 'p2' })));
    expect(emulator.qosUsage('sg-fm-a-p2')).toBe(0);
    expect(emulator.qosUsage('sg-fm-a-p1')).toBe(800);
    const next = emulator.submit({ user: 'alice', account: 'sg-fm-a', gpus: 8, cluster: 'nacc', partition: 'b200', minutes: 30 });
    expect(next).toMatchObject({ state: 'RUNNING', qos: 'sg-fm-a-p2' });
  });

  it("property: whatever phase 1 used, phase 2's QOS starts at zero and charges only phase-2 jobs", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ gpus: fc.integer({ min: 1, max: 8 }), minutes: fc.integer({ min: 1, max: 60 }) }), { maxLength: 6 }),
        fc.array(fc.record({ gpus: fc.integer({ min: 1, max: 8 }), minutes: fc.integer({ min: 1, max: 60 }) }), { maxLength: 6 }),
        async (phase1Jobs, phase2Jobs) => {
          const emulator = new SlurmEmulator({ clusters: ['nacc'] });
          const big = { gpuMinutes: 1_000_000 };
          const runAll = (jobs: { gpus: number; minutes: number }[]) => {
            for (const j of jobs) {
              const started = emulator.submit({ user: 'alice', account: 'sg-fm-a', gpus: j.gpus, cluster: 'nacc', partition: 'b200', minutes: j.minutes });
              emulator.finish(started.jobId, j.minutes);
            }
          };
          await reconcile(emulator, desired(task(big)));
          runAll(phase1Jobs);
          await reconcile(emulator, desired(task({ ...big, phaseKey: 'p2' })));
          expect(emulator.qosUsage('sg-fm-a-p2')).toBe(0);
          runAll(phase2Jobs);
          const sum = (jobs: { gpus: number; minutes: number }[]) => jobs.reduce((n, j) => n + j.gpus * j.minutes, 0);
          expect(emulator.qosUsage('sg-fm-a-p2')).toBe(sum(phase2Jobs));
          expect(emulator.qosUsage('sg-fm-a-p1')).toBe(sum(phase1Jobs));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('the sync service places unplaced pools', () => {
  const file = (tasks: object[]) => desiredStateFromFile({ tasks }, 'desired.json');
  const open = (emulator: SlurmEmulator) => ({ client: emulator, save: async () => {} });
  const unplaced = { programSlug: 'fm', taskKey: 'a', gpus: 2, members: ['alice'], phaseKey: 'p1' };

  it('on the only cluster, or the configured one; with several and none configured it asks instead of guessing', async () => {
    const one = await planAgainst({ desired: file([unplaced]), scheduler: open(new SlurmEmulator({ clusters: ['nacc'] })) });
    expect(one.plan.steps.map((s) => s.argv.join(' '))).toContain('sacctmgr -i add user alice account=sg-fm-a cluster=nacc');

    const two = new SlurmEmulator({ clusters: ['nacc', 'edge'] });
    const refused = await planAgainst({ desired: file([unplaced]), scheduler: open(two) }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SlurmSyncError);
    expect(refused).toMatchObject({ code: 'no_cluster' });
    expect((refused as Error).message).toMatch(/serves nacc, edge/);
    const chosen = await planAgainst({ desired: file([unplaced]), scheduler: open(two), defaultCluster: 'edge' });
    expect(chosen.plan.steps.map((s) => s.argv.join(' '))).toContain('sacctmgr -i add user alice account=sg-fm-a cluster=edge');
  });

  it('says at planning time that a pool is placed on a cluster Slurm does not serve', async () => {
    const placed = { ...unplaced, placements: [{ cluster: 'gone', partition: 'b200' }] };
    const error = await planAgainst({ desired: file([placed]), scheduler: open(new SlurmEmulator({ clusters: ['nacc'] })) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'no_cluster' });
    expect((error as Error).message).toMatch(/does not serve cluster gone/);
  });

  it('names the field of a bad placement in a desired-state file', () => {
    expect(() => file([{ ...unplaced, placements: [{ cluster: 'nacc', partition: 'b200; reboot' }] }])).toThrow(/tasks\.0\.placements\.0/);
  });
});
