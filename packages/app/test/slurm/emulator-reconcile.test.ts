import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { desiredStateFrom, type TaskEnforcement } from '@stagegate/core/slurm/desired-state';
import { isPlanEmpty, planSlurmChanges } from '@stagegate/core/slurm/plan';
import type { SlurmState } from '@stagegate/core/slurm/state';
import { ApplyError, applyPlan } from '../../src/slurm-sync/apply-plan.ts';
import { EMULATED_CLUSTER, SlurmEmulator } from '../../src/adapters/slurm/emulator.ts';

function desired(tasks: Partial<TaskEnforcement>[]): SlurmState {
  const r = desiredStateFrom(
    tasks.map((t) => ({ programSlug: 'fm', taskKey: 'a', gpus: 4, blocked: false, members: ['alice'], ...t })),
    { defaultCluster: EMULATED_CLUSTER },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.state;
}

async function reconcile(emulator: SlurmEmulator, want: SlurmState, allowDestructive = false) {
  const plan = planSlurmChanges(want, await emulator.readState(), { allowDestructive });
  return applyPlan(emulator, plan);
}

describe('reconciling against the emulator', () => {
  it('applies a plan from empty, and a second plan is empty', async () => {
    const emulator = new SlurmEmulator();
    const want = desired([{}, { taskKey: 'b', gpus: 2, gpuMinutes: 600, members: ['bob', 'alice'] }]);
    const first = await reconcile(emulator, want);
    expect(first.applied).toHaveLength(8);
    expect(first.applied.every((a) => !a.outcome.unchanged)).toBe(true);
    const second = planSlurmChanges(want, await emulator.readState());
    expect(second.steps).toEqual([]);
  });

  it('enforces what the plan set: GPU limit pends, block refuses, unblock accepts', async () => {
    const emulator = new SlurmEmulator();
    await reconcile(emulator, desired([{ gpus: 4 }, { taskKey: 'b', gpus: 2, members: ['bob'] }]));
    expect(emulator.submit({ user: 'alice', account: 'sg-fm-a', gpus: 4 }).state).toBe('RUNNING');
    expect(emulator.submit({ user: 'alice', account: 'sg-fm-a', gpus: 1 })).toMatchObject({ state: 'PENDING', reason: 'QOSGrpGRES' });
    expect(emulator.submit({ user: 'bob', account: 'sg-fm-b', gpus: 2 }).state).toBe('RUNNING');
    expect(() => emulator.submit({ user: 'bob', account: 'sg-fm-a', gpus: 1 })).toThrow(/Invalid account/);

    await reconcile(
      emulator,
      desired([
        { gpus: 4, blocked: true },
        { taskKey: 'b', gpus: 2, members: ['bob'] },
      ]),
    );
    expect(() => emulator.submit({ user: 'alice', account: 'sg-fm-a', gpus: 1 })).toThrow(/QOSGrpSubmitJobsLimit/);
    expect((await emulator.queue()).filter((j) => j.account === 'sg-fm-a' && j.state === 'RUNNING')).toHaveLength(1);

    await reconcile(emulator, desired([{ gpus: 4 }, { taskKey: 'b', gpus: 2, members: ['bob'] }]));
    expect(emulator.submit({ user: 'alice', account: 'sg-fm-a', gpus: 1 }).state).toBe('PENDING');
  });

  it('removes only with the opt-in, cancelling the jobs first', async () => {
    const emulator = new SlurmEmulator();
    const both = desired([{}, { taskKey: 'b', members: ['bob'] }]);
    await reconcile(emulator, both);
    const job = emulator.submit({ user: 'bob', account: 'sg-fm-b', gpus: 1 });
    const onlyA = desired([{}]);

    const gated = await reconcile(emulator, onlyA);
    expect(gated.applied).toEqual([]);
    expect(gated.skipped.length).toBeGreaterThan(0);
    expect((await emulator.readState()).accounts.map((a) => a.name)).toContain('sg-fm-b');

    await reconcile(emulator, onlyA, true);
    const after = await emulator.readState();
    expect(after.accounts.map((a) => a.name)).toEqual(['root', 'sg-fm', 'sg-fm-a']);
    expect(after.qos.map((q) => q.name)).toEqual(['sg-fm-a']);
    expect((await emulator.jobs()).find((j) => j.jobId === job.jobId)!.state).toBe('CANCELLED');
    expect(planSlurmChanges(onlyA, after, { allowDestructive: true }).steps).toEqual([]);
  });

  it('stops at the first refused step and says which', async () => {
    const emulator = new SlurmEmulator();
    await reconcile(emulator, desired([{}]));
    emulator.submit({ user: 'alice', account: 'sg-fm-a', gpus: 1 });
    // a hand-made plan without the cancel step: Slurm refuses to remove an association with jobs
    const plan = planSlurmChanges({ qos: [], accounts: [], users: [] }, await emulator.readState(), { allowDestructive: true });
    plan.steps = plan.steps.filter((s) => s.argv[0] !== 'scancel');
    const error = await applyPlan(emulator, plan).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplyError);
    expect((error as ApplyError).applied).toHaveLength(0);
    expect((error as ApplyError).message).toMatch(/Job\(s\) active/);
  });

  it('converges from any managed state to any other in one apply (property)', async () => {
    const taskArb = fc.record({
      programSlug: fc.constantFrom('fm', 'sov'),
      taskKey: fc.constantFrom('a', 'b', 'c'),
      gpus: fc.integer({ min: 0, max: 64 }),
      gpuMinutes: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
      blocked: fc.boolean(),
      members: fc.uniqueArray(fc.constantFrom('alice', 'bob', 'carol'), { maxLength: 3 }),
      // a phase QOS per task, pools on one or two clusters and partitions (issue 16 item 7)
      phaseKey: fc.constantFrom('p1', 'p2', null),
      placements: fc.uniqueArray(fc.record({ cluster: fc.constantFrom('nacc', 'edge'), partition: fc.constantFrom('b200', 'h100', null) }), {
        maxLength: 2,
        selector: (p) => `${p.cluster}/${p.partition}`,
      }),
    });
    const stateArb = fc.uniqueArray(taskArb, { selector: (t) => `${t.programSlug}/${t.taskKey}`, maxLength: 5 }).map((tasks) => {
      const r = desiredStateFrom(tasks, { defaultCluster: 'nacc' });
      if (!r.ok) throw new Error(`generated tasks must be valid: ${JSON.stringify(r.issues)}`);
      return r.state;
    });
    await fc.assert(
      fc.asyncProperty(stateArb, stateArb, async (from, to) => {
        const emulator = new SlurmEmulator({ clusters: ['nacc', 'edge'] });
        await reconcile(emulator, from, true);
        await reconcile(emulator, to, true);
        const again = planSlurmChanges(to, await emulator.readState(), { allowDestructive: true });
        expect(again.steps).toEqual([]);
        expect(isPlanEmpty(again)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
