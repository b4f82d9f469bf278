import { describe, expect, it } from 'vitest';
import { describePlan } from '../../src/slurm/describe-plan.ts';
import { desiredStateFrom, type TaskEnforcement } from '../../src/slurm/desired-state.ts';
import { SlurmNameError } from '../../src/slurm/names.ts';
import { isPlanEmpty, planSlurmChanges, runnableSteps } from '../../src/slurm/plan.ts';
import { emptySlurmState, type SlurmState } from '../../src/slurm/state.ts';

function desired(tasks: Partial<TaskEnforcement>[]): SlurmState {
  const r = desiredStateFrom(
    tasks.map((t) => ({ programSlug: 'fm', taskKey: 'a', gpus: 4, blocked: false, members: ['alice'], ...t })),
    { defaultCluster: 'nacc' },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.state;
}

/** The actual state a cluster would show once a desired state is in place (users inherit QOS). */
const asActual = (s: SlurmState): SlurmState => structuredClone(s);

const cmd = (p: ReturnType<typeof planSlurmChanges>) => p.steps.map((s) => s.argv.join(' '));

describe('planSlurmChanges', () => {
  it('creates everything from an empty cluster, QOS before accounts, parents before children', () => {
    const plan = planSlurmChanges(desired([{}, { taskKey: 'b', gpus: 2, gpuMinutes: 600, members: ['bob'] }]), emptySlurmState());
    expect(cmd(plan)).toEqual([
      'sacctmgr -i add qos sg-fm-a grptres=gres/gpu=4',
      'sacctmgr -i add qos sg-fm-b grptres=gres/gpu=2 grptresmins=gres/gpu=600 flags=DenyOnLimit,NoDecay',
      'sacctmgr -i add account sg-fm cluster=nacc parent=root',
      'sacctmgr -i add account sg-fm-a cluster=nacc parent=sg-fm qos=sg-fm-a defaultqos=sg-fm-a',
      'sacctmgr -i add account sg-fm-b cluster=nacc parent=sg-fm qos=sg-fm-b defaultqos=sg-fm-b',
      'sacctmgr -i add user alice account=sg-fm-a cluster=nacc',
      'sacctmgr -i add user bob account=sg-fm-b cluster=nacc',
    ]);
    expect(plan.steps.every((s) => s.kind === 'create' && !s.destructive && !s.skipped)).toBe(true);
  });

  it('plans nothing when the cluster already matches', () => {
    const want = desired([{}, { taskKey: 'b', gpuMinutes: 10 }]);
    const plan = planSlurmChanges(want, asActual(want));
    expect(plan.steps).toEqual([]);
    expect(isPlanEmpty(plan)).toBe(true);
    expect(describePlan(plan)).toMatch(/nothing to do/);
  });

  it('changes only the limits that differ, in one step', () => {
    const actual = asActual(desired([{ gpus: 4 }]));
    const plan = planSlurmChanges(desired([{ gpus: 6, gpuMinutes: 1200 }]), actual);
    expect(cmd(plan)).toEqual(['sacctmgr -i modify qos where name=sg-fm-a set grptres=gres/gpu=6 grptresmins=gres/gpu=1200 flags+=DenyOnLimit,NoDecay']);
    expect(plan.steps[0]!.description.en).toBe('change QOS sg-fm-a: concurrent GPUs 4 → 6, GPU-minute budget none → 1200, flags +DenyOnLimit +NoDecay');

    const dropBudget = planSlurmChanges(desired([{ gpus: 6 }]), asActual(desired([{ gpus: 6, gpuMinutes: 1200 }])));
    expect(cmd(dropBudget)).toEqual(['sacctmgr -i modify qos where name=sg-fm-a set grptresmins=gres/gpu=-1 flags-=DenyOnLimit,NoDecay']);
  });

  it('blocks and unblocks a task with GrpSubmitJobs', () => {
    const open = desired([{}]);
    const blocked = desired([{ blocked: true }]);
    const block = planSlurmChanges(blocked, asActual(open));
    expect(cmd(block)).toEqual(['sacctmgr -i modify qos where name=sg-fm-a set grpsubmitjobs=0']);
    expect(block.steps[0]!.description.en).toMatch(/new submissions refused \(running jobs continue\)/);
    expect(cmd(planSlurmChanges(open, asActual(blocked)))).toEqual(['sacctmgr -i modify qos where name=sg-fm-a set grpsubmitjobs=-1']);
    expect(cmd(planSlurmChanges(blocked, emptySlurmState()))[0]).toBe('sacctmgr -i add qos sg-fm-a grptres=gres/gpu=4 grpsubmitjobs=0');
  });

  it('restores an account QOS someone changed by hand', () => {
    const want = desired([{}]);
    const actual = asActual(want);
    actual.accounts[1]!.qos = ['normal', 'sg-fm-a'];
    actual.users[0]!.qos = ['normal', 'sg-fm-a'];
    expect(cmd(planSlurmChanges(want, actual))).toEqual([
      'sacctmgr -i modify account where name=sg-fm-a cluster=nacc set qos=sg-fm-a defaultqos=sg-fm-a',
      'sacctmgr -i modify user where name=alice account=sg-fm-a cluster=nacc set qos=sg-fm-a defaultqos=sg-fm-a',
    ]);
  });

  it('lists removals as destructive and skips them without the opt-in', () => {
    const actual = asActual(desired([{ members: ['alice', 'bob'] }, { taskKey: 'b' }]));
    const want = desired([{ members: ['alice'] }]);
    const gated = planSlurmChanges(want, actual);
    expect(gated.steps.length).toBeGreaterThan(0);
    expect(gated.steps.every((s) => s.destructive && s.skipped && s.kind === 'remove')).toBe(true);
    expect(isPlanEmpty(gated)).toBe(true);
    expect(describePlan(gated)).toMatch(/skipped: destructive/);

    const allowed = planSlurmChanges(want, actual, { allowDestructive: true });
    expect(runnableSteps(allowed).map((s) => s.argv.join(' '))).toEqual([
      'scancel --clusters=nacc --account=sg-fm-a --user=bob',
      'sacctmgr -i remove user where name=bob account=sg-fm-a cluster=nacc',
      'scancel --clusters=nacc --account=sg-fm-b',
      'sacctmgr -i remove user where name=alice account=sg-fm-b cluster=nacc',
      'sacctmgr -i remove account where name=sg-fm-b cluster=nacc',
      'sacctmgr -i remove qos where name=sg-fm-b',
    ]);
  });

  it('leaves accounts and QOS outside its prefix alone', () => {
    const actual: SlurmState = {
      qos: [{ name: 'high', gpus: 64, gpuMinutes: null, blocked: false, flags: [] }],
      accounts: [
        { name: 'root', cluster: 'nacc', parent: '', qos: ['normal'], defaultQos: null },
        { name: 'physics', cluster: 'nacc', parent: 'root', qos: ['high'], defaultQos: 'high' },
      ],
      users: [{ user: 'alice', account: 'physics', cluster: 'nacc', partition: null, qos: ['high'], defaultQos: 'high' }],
    };
    const plan = planSlurmChanges(emptySlurmState(), actual, { allowDestructive: true });
    expect(plan.steps).toEqual([]);
    const withOurs = planSlurmChanges(desired([{}]), actual, { allowDestructive: true });
    expect(withOurs.steps.length).toBe(4);
    expect(withOurs.steps.filter((s) => /physics|high/.test(s.argv.join(' ')))).toEqual([]);
  });

  it('refuses a hostile name read back from the cluster under its prefix', () => {
    const actual: SlurmState = { ...emptySlurmState(), qos: [{ name: 'sg-x;rm', gpus: 1, gpuMinutes: null, blocked: false, flags: [] }] };
    expect(() => planSlurmChanges(emptySlurmState(), actual, { allowDestructive: true })).toThrow(SlurmNameError);
  });

  it('reads as numbered steps with their commands, in Korean too', () => {
    const plan = planSlurmChanges(desired([{}]), emptySlurmState());
    const en = describePlan(plan);
    expect(en).toMatch(/^Slurm plan: 4 step\(s\) to run\./);
    expect(en).toContain('  1. + create QOS sg-fm-a: 4 concurrent GPUs\n       $ sacctmgr -i add qos sg-fm-a grptres=gres/gpu=4');
    expect(describePlan(plan, 'ko')).toContain('QOS sg-fm-a 생성: 동시 GPU 4');
  });
});
