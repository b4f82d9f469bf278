import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareImportedUsage } from '../../src/usage/import-difference.ts';

describe('compareImportedUsage', () => {
  it('sums GPU time per task before and after, tasks in order and accounts without a task last', () => {
    const rows = compareImportedUsage(
      [
        { taskId: 'b', gpuSeconds: 7200 },
        { taskId: 'a', gpuSeconds: 3600 },
        { taskId: 'b', gpuSeconds: 1800 },
      ],
      [
        { taskId: null, gpuSeconds: 360 },
        { taskId: 'a', gpuSeconds: 5400 },
        { taskId: 'c', gpuSeconds: 36 },
      ],
    );
    expect(rows).toEqual([
      { taskId: 'a', beforeGpuHours: 1, afterGpuHours: 1.5 },
      { taskId: 'b', beforeGpuHours: 2.5, afterGpuHours: 0 },
      { taskId: 'c', beforeGpuHours: 0, afterGpuHours: 0.01 },
      { taskId: null, beforeGpuHours: 0, afterGpuHours: 0.1 },
    ]);
  });

  it('keeps every GPU-second: the totals before and after equal the inputs’ (to the hundredth of an hour per line)', () => {
    const row = fc.record({ taskId: fc.constantFrom('a', 'b', 'c', null), gpuSeconds: fc.integer({ min: 0, max: 10_000_000 }) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.array(row, { maxLength: 30 }), (stored, imported) => {
        const out = compareImportedUsage(stored, imported);
        const total = (rs: typeof stored) => rs.reduce((s, r) => s + r.gpuSeconds, 0) / 3600;
        expect(Math.abs(out.reduce((s, r) => s + r.beforeGpuHours, 0) - total(stored))).toBeLessThanOrEqual(0.005 * out.length + 1e-9);
        expect(Math.abs(out.reduce((s, r) => s + r.afterGpuHours, 0) - total(imported))).toBeLessThanOrEqual(0.005 * out.length + 1e-9);
        expect(new Set(out.map((r) => r.taskId)).size).toBe(out.length);
      }),
    );
  });
});
