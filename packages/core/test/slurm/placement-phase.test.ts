import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enforcementOn } from '../../src/allocation/slurm-limits.ts';
import { describePlan } from '../../src/slurm/describe-plan.ts';
import { desiredStateFrom, type TaskEnforcement } from '../../src/slurm/desired-state.ts';
import { taskPhaseQosName } from '../../src/slurm/names.ts';
import { isPlanEmpty, planSlurmChanges, runnableSteps } from '../../src/slurm/plan.ts';
import { emptySlurmState, type SlurmState } from '../../src/slurm/state.ts';
import { alloc } from '../allocation/fixtures.ts';

// issue 16 item 7: each allocation's pool is placed on a cluster and partition, and its budget is
// a QOS of the task and phase, so a phase's GPU-minutes never count another phase's use.
const fm = (over: Partial<TaskEnforcement> = {}): TaskEnforcement => ({
  programSlug: 'fm',
  taskKey: 'a',
  gpus: 8,
  gpuMinutes: 6000,
  blocked: false,
  members: ['alice'],
  phaseKey: 'p1',
  placements: [{ cluster: 'nacc', partition: 'b200' }],
  ...over,
});
function state(tasks: TaskEnforcement[], defaultCluster = 'nacc'): SlurmState {
  const r = desiredStateFrom(tasks, { defaultCluster });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.state;
}
const cmd = (steps: { argv: string[] }[]) => steps.map((s) => s.argv.join(' '));

describe('desired state: cluster, partition and a QOS per phase', () => {
  it('names the cluster and partition of the pool and the phase QOS with NoDecay and the phase budget', () => {
    const s = state([fm()]);
    expect(s.qos).toEqual([{ name: 'sg-fm-a-p1', gpus: 8, gpuMinutes: 6000, blocked: false, flags: ['DenyOnLimit', 'NoDecay'], phase: 'p1' }]);
    expect(s.accounts).toEqual([
      { name: 'sg-fm', cluster: 'nacc', parent: 'root', qos: null, defaultQos: null },
      { name: 'sg-fm-a', cluster: 'nacc', parent: 'sg-fm', qos: ['sg-fm-a-p1'], defaultQos: 'sg-fm-a-p1' },
    ]);
    expect(s.users).toEqual([{ user: 'alice', account: 'sg-fm-a', cluster: 'nacc', partition: 'b200', qos: ['sg-fm-a-p1'], defaultQos: 'sg-fm-a-p1' }]);
  });

  it('puts a task whose pools run on two clusters on both, with one QOS for the task and phase', () => {
    const s = state([
      fm({
        placements: [
          { cluster: 'nacc', partition: 'b200' },
          { cluster: 'edge', partition: 'h100' },
        ],
      }),
    ]);
    expect(s.accounts.map((a) => `${a.cluster}/${a.name}`)).toEqual(['nacc/sg-fm', 'nacc/sg-fm-a', 'edge/sg-fm', 'edge/sg-fm-a']);
    expect(s.users.map((u) => `${u.cluster}/${u.partition}`)).toEqual(['nacc/b200', 'edge/h100']);
    expect(s.qos.map((q) => q.name)).toEqual(['sg-fm-a-p1']);
  });

  it('uses the default cluster for an unplaced pool, and names the field when there is none', () => {
    expect(state([fm({ placements: [] })], 'local').users[0]).toMatchObject({ cluster: 'local', partition: null });
    const r = desiredStateFrom([fm({ placements: [{ partition: 'b200' }] })]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]!.field).toBe('tasks.0.placements.0.cluster');
      expect(r.issues[0]!.message.ko).toMatch(/클러스터/);
    }
    const bad = desiredStateFrom([fm({ placements: [{ cluster: 'nacc', partition: 'b200;reboot' }] })]);
    expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(['tasks.0.placements.0']);
  });

  it("refuses a phase QOS that is another task's name", () => {
    const r = desiredStateFrom([fm({ taskKey: 'a', phaseKey: 'b' }), fm({ taskKey: 'a-b', phaseKey: null })]);
    expect(r.ok).toBe(false);
  });
});

describe('the phase boundary', () => {
  const phase1 = state([fm()]);
  const phase2 = state([fm({ phaseKey: 'p2', gpuMinutes: 9000 })]);

  it("creates the next phase's QOS, moves the account and its user to it, and leaves the old QOS behind the opt-in", () => {
    const plan = planSlurmChanges(phase2, structuredClone(phase1));
    expect(cmd(runnableSteps(plan))).toEqual([
      'sacctmgr -i add qos sg-fm-a-p2 grptres=gres/gpu=8 grptresmins=gres/gpu=9000 flags=DenyOnLimit,NoDecay',
      'sacctmgr -i modify account where name=sg-fm-a cluster=nacc set qos=sg-fm-a-p2 defaultqos=sg-fm-a-p2',
      'sacctmgr -i modify user where name=alice account=sg-fm-a cluster=nacc partition=b200 set qos=sg-fm-a-p2 defaultqos=sg-fm-a-p2',
    ]);
    expect(cmd(plan.steps.filter((s) => s.skipped))).toEqual(['sacctmgr -i remove qos where name=sg-fm-a-p1']);
    // the new QOS is made fresh: its budget is never a modification of phase 1's (whose usage it would keep)
    expect(plan.steps.some((s) => s.argv.includes('name=sg-fm-a-p1') && s.kind === 'modify')).toBe(false);

    const en = describePlan(plan);
    expect(en).toContain(
      'create QOS sg-fm-a-p2 of phase p2: 8 concurrent GPUs, budget 9000 GPU-minutes for this phase only, no usage carried over, never decaying',
    );
    expect(en).toContain(
      "phase p2 starts for account sg-fm-a on cluster nacc: jobs now charge QOS sg-fm-a-p2 (this phase's own budget); sg-fm-a-p1's usage stays behind",
    );
    expect(en).toContain('on cluster nacc, partition b200');
    const ko = describePlan(plan, 'ko');
    expect(ko).toContain('단계 p2의 QOS sg-fm-a-p2 생성');
    expect(ko).toContain('[클러스터 nacc, 파티션 b200]');
  });

  it('every account and user command names its cluster; QOS commands do not (slurmdbd keeps QOS for all clusters)', () => {
    const plan = planSlurmChanges(phase2, state([fm({ taskKey: 'b', members: ['bob'] })]), { allowDestructive: true });
    for (const s of plan.steps) {
      const [tool, , , entity] = s.argv;
      if (tool === 'scancel') expect(s.argv).toContain('--clusters=nacc');
      else if (entity === 'qos') expect(s.argv.some((a) => a.startsWith('cluster='))).toBe(false);
      else expect(s.argv).toContain('cluster=nacc');
    }
  });

  it('moves a user to the new partition when the pool moves: the new association first, the old one behind the opt-in', () => {
    const moved = state([fm({ placements: [{ cluster: 'nacc', partition: 'b200-new' }] })]);
    const plan = planSlurmChanges(moved, structuredClone(phase1));
    expect(cmd(runnableSteps(plan))).toEqual(['sacctmgr -i add user alice account=sg-fm-a cluster=nacc partition=b200-new']);
    expect(cmd(plan.steps.filter((s) => s.skipped))).toEqual([
      'scancel --clusters=nacc --account=sg-fm-a --user=alice --partition=b200',
      'sacctmgr -i remove user where name=alice account=sg-fm-a cluster=nacc partition=b200',
    ]);
  });
});

const taskArb = fc.record({
  programSlug: fc.constantFrom('fm', 'kai'),
  taskKey: fc.constantFrom('a', 'b', 'c'),
  gpus: fc.integer({ min: 0, max: 64 }),
  gpuMinutes: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
  blocked: fc.boolean(),
  members: fc.uniqueArray(fc.constantFrom('alice', 'bob', 'carol'), { maxLength: 3 }),
  phaseKey: fc.constantFrom('p1', 'p2'),
  placements: fc.uniqueArray(fc.record({ cluster: fc.constantFrom('nacc', 'edge'), partition: fc.constantFrom('b200', 'h100', null) }), {
    minLength: 1,
    maxLength: 2,
    selector: (p) => `${p.cluster}/${p.partition}`,
  }),
});
const tasksArb = fc.uniqueArray(taskArb, { maxLength: 4, selector: (t) => `${t.programSlug}/${t.taskKey}` });

describe('properties', () => {
  it('a state planned against itself is empty, whatever the placements and phases', () => {
    fc.assert(
      fc.property(tasksArb, (tasks) => {
        const s = state(tasks);
        expect(planSlurmChanges(s, structuredClone(s), { allowDestructive: true }).steps).toEqual([]);
      }),
    );
  });

  it('from any state to any other, the plan never modifies a QOS of another phase, and never leaves out a cluster', () => {
    fc.assert(
      fc.property(tasksArb, tasksArb, (before, after) => {
        const plan = planSlurmChanges(state(after), state(before), { allowDestructive: true });
        for (const s of plan.steps) {
          if (s.argv[0] === 'sacctmgr' && s.argv[3] !== 'qos') expect(s.argv.some((a) => a.startsWith('cluster='))).toBe(true);
          if (s.argv[3] === 'qos' && s.kind === 'modify') {
            // a modified QOS is one both states hold under the same name: the same task and phase
            const name = s.argv[5]!.slice('name='.length);
            expect(state(after).qos.some((q) => q.name === name) && state(before).qos.some((q) => q.name === name)).toBe(true);
          }
        }
        expect(isPlanEmpty(planSlurmChanges(state(after), emptySlurmState()))).toBe(after.length === 0);
      }),
    );
  });

  it("a phase-2 budget never counts phase-1 allocations, and its QOS is never phase 1's", () => {
    const p1 = { start: '2026-01-01', end: '2026-03-31' };
    const p2 = { start: '2026-04-01', end: '2026-06-30' };
    const slot = fc.record({
      phase: fc.constantFrom('p1', 'p2'),
      offset: fc.integer({ min: 0, max: 80 }),
      len: fc.integer({ min: 0, max: 20 }),
      minutes: fc.integer({ min: 1, max: 10_000 }),
    });
    fc.assert(
      fc.property(fc.array(slot, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 90 }), (slots, dayOffset) => {
        const at = (start: string, n: number) => new Date(Date.parse(`${start}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
        const allocations = slots.map((s, i) => {
          const phase = s.phase === 'p1' ? p1 : p2;
          const start = at(phase.start, s.offset);
          const end = at(start, s.len) > phase.end ? phase.end : at(start, s.len);
          return alloc(`x${i}`, { taskId: 'task-a', taskKey: 'a', phaseKey: s.phase, start, end, gpus: 8, gpuMinutes: s.minutes });
        });
        const day = at(p2.start, dayOffset);
        const [t] = enforcementOn(day, [{ id: 'task-a', key: 'a', programSlug: 'fm', status: 'active', members: ['alice'] }], allocations);
        const inPhase2 = allocations.filter((a) => a.phaseKey === 'p2' && a.start <= day);
        if (t!.phaseKey === 'p2') {
          const active = inPhase2.some((a) => a.end >= day);
          expect(t!.gpuMinutes).toBe(active ? inPhase2.reduce((n, a) => n + a.gpuMinutes!, 0) : null);
          expect(state([t!]).qos[0]!.name).toBe(taskPhaseQosName('fm', 'a', 'p2'));
        } else {
          // nothing of phase 2 has begun: the task is still on phase 1's QOS, with no GPUs
          expect(inPhase2).toEqual([]);
          expect(t!.gpus).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
