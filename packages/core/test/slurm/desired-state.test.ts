import { describe, expect, it } from 'vitest';
import { desiredStateFrom, type TaskEnforcement } from '../../src/slurm/desired-state.ts';

const task = (over: Partial<TaskEnforcement> = {}): TaskEnforcement => ({
  programSlug: 'specialized-fm',
  taskKey: 'T1',
  gpus: 4,
  blocked: false,
  members: ['alice'],
  placements: [{ cluster: 'nacc', partition: 'b200' }],
  ...over,
});

describe('desiredStateFrom', () => {
  it('gives one account per program, one account and QOS per task, one association per member', () => {
    const r = desiredStateFrom([
      task(),
      task({ taskKey: 'T2', gpus: 2, gpuMinutes: 6000, members: ['bob', 'alice', 'bob'] }),
      task({ programSlug: 'sovereign-ai', taskKey: 'T1', gpus: 8, blocked: true, members: [] }),
    ]);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const { state } = r;
    expect(state.accounts.map((a) => [a.name, a.parent])).toEqual([
      ['sg-specialized-fm', 'root'],
      ['sg-specialized-fm-t1', 'sg-specialized-fm'],
      ['sg-specialized-fm-t2', 'sg-specialized-fm'],
      ['sg-sovereign-ai', 'root'],
      ['sg-sovereign-ai-t1', 'sg-sovereign-ai'],
    ]);
    expect(state.qos).toEqual([
      { name: 'sg-specialized-fm-t1', gpus: 4, gpuMinutes: null, blocked: false, flags: [] },
      { name: 'sg-specialized-fm-t2', gpus: 2, gpuMinutes: 6000, blocked: false, flags: ['DenyOnLimit', 'NoDecay'] },
      { name: 'sg-sovereign-ai-t1', gpus: 8, gpuMinutes: null, blocked: true, flags: [] },
    ]);
    expect(state.users.map((u) => `${u.user}@${u.account}`)).toEqual(['alice@sg-specialized-fm-t1', 'bob@sg-specialized-fm-t2', 'alice@sg-specialized-fm-t2']);
    const t2 = state.accounts.find((a) => a.name === 'sg-specialized-fm-t2')!;
    expect(t2.qos).toEqual(['sg-specialized-fm-t2']);
    expect(t2.defaultQos).toBe('sg-specialized-fm-t2');
  });

  it('names the field of every bad value instead of passing it on', () => {
    const r = desiredStateFrom([
      task({ taskKey: 'acct;rm -rf' }),
      task({ taskKey: 'T3', members: ['ok', 'eve; reboot'] }),
      task({ taskKey: 'T4', gpus: 2.5 }),
      task({ taskKey: 'T5', gpuMinutes: -1 }),
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.field)).toEqual(['tasks.0.taskKey', 'tasks.1.members.1', 'tasks.2.gpus', 'tasks.3.gpuMinutes']);
    expect(r.issues.every((i) => i.message.ko && i.message.en)).toBe(true);
  });

  it('refuses two allocations for one task and names that collide', () => {
    const twice = desiredStateFrom([task(), task({ gpus: 8 })]);
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.issues[0]!.message.en).toMatch(/one allocation per task/);

    // program "a-b" and task "b" of program "a" would both be sg-a-b
    const collide = desiredStateFrom([task({ programSlug: 'a', taskKey: 'b' }), task({ programSlug: 'a-b', taskKey: 'x' })]);
    expect(collide.ok).toBe(false);
    if (!collide.ok) expect(collide.issues[0]).toMatchObject({ field: 'tasks.1.programSlug' });
  });

  it('treats task keys that differ only in case as the same Slurm name', () => {
    const r = desiredStateFrom([task({ taskKey: 'T1' }), task({ taskKey: 't1' })]);
    expect(r.ok).toBe(false);
  });
});
