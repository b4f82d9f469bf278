import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, dayString } from '../../src/allocation/calendar-day.ts';
import { taskPhaseCapIssues } from '../../src/allocation/capacity.ts';
import type { AllocationRules } from '../../src/allocation/allocation.ts';
import { alloc, sfmRules } from './fixtures.ts';

// specialized-fm's call: 256 B200 per task in phase 1 (the pool itself is larger here so only the cap speaks)
const rules: AllocationRules = {
  pools: sfmRules.pools.map((p) => ({ ...p, gpus: 4096, nodes: 512 })),
  phases: sfmRules.phases.map((p) =>
    p.key === 'phase-1' ? { ...p, maxGpusPerTask: { gpus: 256, reason: { ko: '공고: 과제당 B200 256장', en: 'the call: 256 B200 per task' } } } : p,
  ),
};
const P1 = { start: '2025-11-01', end: '2026-03-31' };
const span = dayNumber(P1.end) - dayNumber(P1.start);

describe('issue 13 item 4: the per-task cap per phase', () => {
  it('property: a task is refused exactly when, on some day of the phase, it would hold more than 256', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            task: fc.constantFrom('a', 'b'),
            nodes: fc.integer({ min: 1, max: 40 }),
            s: fc.integer({ min: 0, max: span }),
            len: fc.integer({ min: 0, max: 60 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (rows) => {
          const list = rows.map((r, i) => ({
            ...alloc(`x${i}`, { taskId: `task-${r.task}`, taskKey: `sfm-${r.task}`, phaseKey: 'phase-1', gpus: r.nodes * 8 }),
            start: addDays(P1.start, r.s),
            end: addDays(P1.start, Math.min(span, r.s + r.len)),
          }));
          const over = new Set<string>();
          for (let d = dayNumber(P1.start); d <= dayNumber(P1.end); d++) {
            const day = dayString(d);
            for (const t of ['a', 'b']) {
              const held = list.filter((a) => a.taskKey === `sfm-${t}` && a.start <= day && a.end >= day).reduce((s, a) => s + a.gpus, 0);
              if (held > 256) over.add(`sfm-${t}`);
            }
          }
          const issues = taskPhaseCapIssues(list, rules);
          expect(new Set(issues.map((i) => i.message.en.split(' ')[3]))).toEqual(over);
          for (const i of issues) expect(i.message.en).toContain('above the per-task cap of 256 (the call: 256 B200 per task)');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('leaves a phase without a cap alone', () => {
    expect(taskPhaseCapIssues([alloc('big', { gpus: 512 })], rules)).toEqual([]);
  });
});
