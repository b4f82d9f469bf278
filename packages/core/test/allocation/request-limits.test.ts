import { describe, expect, it } from 'vitest';
import { gpuRequestIssues } from '../../src/allocation/request-limits.ts';

const rules = {
  phases: [
    {
      key: 'phase-1',
      name: { ko: '1단계', en: 'Phase 1' },
      maxGpusPerTask: { gpus: 256, reason: { ko: '공고: 과제당 B200 256장', en: 'the call: 256 B200 per task' } },
    },
    { key: 'phase-2', name: { ko: '2단계', en: 'Phase 2' } },
  ],
  gpuPools: [{ gpuCount: 512 }],
};

describe('a GPU request within the program’s rules', () => {
  it('refuses phase 1 above the per-task cap, naming the field and the call’s reason', () => {
    const issues = gpuRequestIssues([{ phaseKey: 'phase-1', gpus: 512 }], rules);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.field).toBe('proposal.gpuRequest[0].gpus');
    expect(issues[0]!.message.en).toBe(
      'the request is above the cap: the task would hold 512 GPUs in Phase 1, above the per-task cap of 256 (the call: 256 B200 per task)',
    );
    expect(issues[0]!.message.ko).toContain('공고: 과제당 B200 256장');
  });

  it('phase 2 has no per-task cap (the demo supplement is 256 + 64) but never more than the pool', () => {
    expect(
      gpuRequestIssues(
        [
          { phaseKey: 'phase-1', gpus: 256 },
          { phaseKey: 'phase-2', gpus: 320 },
        ],
        rules,
      ),
    ).toEqual([]);
    const over = gpuRequestIssues([{ phaseKey: 'phase-2', gpus: 600 }], rules);
    expect(over.map((i) => i.message.en)).toEqual(["600 GPUs asked for Phase 2 are more than the program's pools hold (512)"]);
  });
});
