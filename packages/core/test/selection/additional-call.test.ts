import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { majorityIssues, majorityTally, noSelectionIssues, offeredGpus } from '../../src/selection/additional-call.ts';
import { fillTaskSlots, taskSlotsOf } from '../../src/selection/task-slots.ts';
import { validateProgram } from '../../src/program/validate-program.ts';

const kai = JSON.parse(readFileSync(new URL('../../../app/seed/programs/k-ai.json', import.meta.url), 'utf8'));
const rule = { kind: 'majority', of: 'experts', recommendAtPoints: 70 } as const;
const fields = (input: unknown) => validateProgram(input).issues.map((i) => i.field);

describe('additional call (K-AI 2026 replacement call)', () => {
  it('reads the seed: one slot of 2025-call, 768 B200 offered, expert majority, no selection allowed', () => {
    const { program, issues } = validateProgram(kai);
    expect(issues).toEqual([]);
    const call = program!.calls.find((c) => c.key === '2026-additional-call')!;
    expect(call.kind).toBe('additional');
    expect(call.additional).toMatchObject({
      fills: { call: '2025-call', slots: 1 },
      allowNoSelection: true,
      decisionRule: { kind: 'majority', of: 'experts' },
    });
    expect(offeredGpus(call.additional!)).toBe(768);
    expect(taskSlotsOf(program!, call).count).toBe(1);
    expect(program!.calls.find((c) => c.key === '2025-call')!.kind).toBe('regular');
  });

  it('needs more than half of the submitting reviewers: 3 of 5 is a majority, 2 of 4 is not', () => {
    expect(majorityTally(rule, [70, 82, 75, 40, 69.9])).toEqual({ reviewers: 5, recommending: 3, needed: 3, majority: true });
    expect(majorityTally(rule, [90, 88, 50, 60])).toEqual({ reviewers: 4, recommending: 2, needed: 3, majority: false });
    expect(majorityTally(rule, []).majority).toBe(false);
  });

  it('refuses a selection without a majority, naming its field and the count; others pass', () => {
    const issues = majorityIssues([
      { field: 'decisions.0.outcome', label: 'KAI-2026-0001', outcome: 'selected', tally: majorityTally(rule, [90, 50, 50]) },
      { field: 'decisions.1.outcome', label: 'KAI-2026-0002', outcome: 'rejected', tally: majorityTally(rule, [10]) },
      { field: 'decisions.2.outcome', label: 'KAI-2026-0003', outcome: 'selected', tally: majorityTally(rule, [90, 80, 50]) },
    ]);
    expect(issues.map((i) => i.field)).toEqual(['decisions.0.outcome']);
    expect(issues[0]!.message.ko).toContain('3명 중 1명 추천, 2명 필요');
  });

  it('selects at most the freed slot', () => {
    const slots = taskSlotsOf(
      { taskCount: 5 },
      {
        kind: 'additional',
        additional: { fills: { call: '2025-call', slots: 1 }, gpuOffer: [{ pool: 'b200-pool', gpus: 768 }], decisionRule: rule, allowNoSelection: true },
      },
    );
    const two = fillTaskSlots(slots, [], ['a', 'b'], ['k-ai-2026-01', 'k-ai-2026-02']);
    expect(two.ok).toBe(false);
    expect(fillTaskSlots(slots, [], ['a'], ['k-ai-2026-01'])).toEqual({ ok: true, fills: [{ applicationId: 'a', key: 'k-ai-2026-01', reuse: false }] });
  });

  it('records "no one selected" only where allowed, with a reason, and with nobody selected', () => {
    const additional = {
      kind: 'additional' as const,
      additional: { fills: { call: '2025-call', slots: 1 }, gpuOffer: [{ pool: 'b200-pool', gpus: 768 }], decisionRule: rule, allowNoSelection: true },
    };
    expect(noSelectionIssues(additional, '과반 추천 없음', 0)).toEqual([]);
    expect(noSelectionIssues(additional, '  ', 0).map((i) => i.field)).toEqual(['reason']);
    expect(noSelectionIssues(additional, 'x', 1).map((i) => i.field)).toEqual(['outcome']);
    expect(noSelectionIssues({ kind: 'regular' }, 'x', 0).map((i) => i.field)).toEqual(['outcome']);
    expect(noSelectionIssues({ ...additional, additional: { ...additional.additional, allowNoSelection: false } }, 'x', 0).map((i) => i.field)).toEqual([
      'outcome',
    ]);
  });

  it('names the field of each broken term: missing terms, unknown call, too many slots, offer outside the pool', () => {
    const withCall = (patch: object) => ({ ...kai, calls: [kai.calls[0], { ...kai.calls[1], ...patch }] });
    const terms = kai.calls[1].additional;
    expect(fields(withCall({ additional: undefined }))).toEqual(['calls.1.additional']);
    expect(fields(withCall({ kind: 'regular' }))).toEqual(['calls.1.kind']);
    expect(fields(withCall({ additional: { ...terms, fills: { call: 'no-such-call', slots: 1 } } }))).toEqual(['calls.1.additional.fills.call']);
    expect(fields(withCall({ additional: { ...terms, fills: { call: '2025-call', slots: 6 } } }))).toEqual(['calls.1.additional.fills.slots']);
    expect(fields(withCall({ additional: { ...terms, gpuOffer: [{ pool: 'h100-pool', gpus: 768 }] } }))).toEqual(['calls.1.additional.gpuOffer.0.pool']);
    expect(fields(withCall({ additional: { ...terms, gpuOffer: [{ pool: 'b200-pool', gpus: 764 }] } }))).toEqual(['calls.1.additional.gpuOffer.0.gpus']);
    expect(fields(withCall({ additional: { ...terms, gpuOffer: [{ pool: 'b200-pool', gpus: 2568 }] } }))).toEqual(['calls.1.additional.gpuOffer.0.gpus']);
    expect(fields(withCall({ additional: { ...terms, decisionRule: { kind: 'unanimous', of: 'experts', recommendAtPoints: 70 } } }))).toEqual([
      'calls.1.additional.decisionRule.kind',
    ]);
  });
});
