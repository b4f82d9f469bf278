import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fillTaskSlots, taskSlotsOf } from '../../src/selection/task-slots.ts';

const fresh = ['sfm-2025-01', 'sfm-2025-02', 'sfm-2025-03'];

describe('task slots', () => {
  it('fills the registered tasks sfm-01/02 before making any new one', () => {
    const res = fillTaskSlots(
      { count: 2, keys: ['sfm-01', 'sfm-02'] },
      [
        { key: 'sfm-01', applicationId: null },
        { key: 'sfm-02', applicationId: null },
      ],
      ['a', 'b'],
      fresh,
    );
    expect(res).toEqual({
      ok: true,
      fills: [
        { applicationId: 'a', key: 'sfm-01', reuse: true },
        { applicationId: 'b', key: 'sfm-02', reuse: true },
      ],
    });
  });

  it('refuses more new selections than free slots, with the counts', () => {
    const res = fillTaskSlots({ count: 2, keys: ['sfm-01', 'sfm-02'] }, [{ key: 'sfm-01', applicationId: 'x' }], ['a', 'b'], fresh);
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.issue.message.en).toBe('the call funds 2 tasks and 1 are taken; 2 new selections do not fit the 1 free slots');
      expect(res.issue.message.ko).toContain('남은 1개보다 많은 2건');
    }
  });

  it('a call without named slots has the program’s task count and fresh keys', () => {
    expect(taskSlotsOf({ taskCount: 5 }, {})).toEqual({ count: 5, keys: [] });
    expect(fillTaskSlots({ count: 2, keys: [] }, [], ['a'], fresh)).toEqual({ ok: true, fills: [{ applicationId: 'a', key: 'sfm-2025-01', reuse: false }] });
  });

  it('never yields more tasks than slots, whatever exists and is asked (property)', () => {
    const keys = ['s-1', 's-2', 's-3', 's-4'];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.subarray(keys),
        fc.array(fc.record({ key: fc.constantFrom(...keys, 'x-1', 'x-2'), held: fc.boolean() }), { maxLength: 6 }),
        fc.integer({ min: 0, max: 6 }),
        (count, named, rows, asked) => {
          const slots = { count, keys: named.slice(0, count) };
          const existing = [...new Map(rows.map((r, i) => [r.key, { key: r.key, applicationId: r.held ? `held-${i}` : null }])).values()];
          const selected = Array.from({ length: asked }, (_, i) => `app-${i}`);
          const res = fillTaskSlots(slots, existing, selected, ['f-1', 'f-2', 'f-3', 'f-4']);
          const held = existing.filter((t) => t.applicationId !== null).length;
          if (!res.ok) return selected.length > count - held;
          const created = res.fills.filter((f) => !f.reuse).length;
          // the call's tasks: those holding its applications and those registered under its slot keys
          const relevant = existing.filter((t) => t.applicationId !== null || slots.keys.includes(t.key));
          const keysUsed = new Set(res.fills.map((f) => f.key));
          return (
            res.fills.length <= Math.max(0, count - held) &&
            keysUsed.size === res.fills.length &&
            res.fills.every((f) => f.key !== undefined) &&
            relevant.length + created <= Math.max(count, relevant.length)
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
