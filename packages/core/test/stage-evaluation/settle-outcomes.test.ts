import { describe, expect, it } from 'vitest';
import type { DecisionProposal } from '../../src/stage-evaluation/propose-decision.ts';
import { defaultDecisionDay } from '../../src/stage-evaluation/decision-day.ts';
import { settleOutcomes } from '../../src/stage-evaluation/settle-outcomes.ts';

const teams = [
  { id: 'id-a', key: 'A' },
  { id: 'id-b', key: 'B' },
  { id: 'id-c', key: 'C' },
];
const why = { ko: '최하위', en: 'last on points' };

function results(over: Partial<DecisionProposal> = {}, issues: { field: string; message: { ko: string; en: string } }[] = []) {
  const proposal: DecisionProposal = {
    policy: 'eliminateLowest',
    items: [
      { team: 'A', outcome: 'continue', reasons: [], rank: 1, total: 90 },
      { team: 'B', outcome: 'continue', reasons: [], rank: 2, total: 80 },
      { team: 'C', outcome: 'eliminate', reasons: [why], basis: 'points', rank: 3, total: 70 },
    ],
    blocking: [],
    unresolvedTie: [],
    incomplete: [],
    ...over,
  };
  return { issues, proposal };
}

describe('settling the outcomes the office confirms', () => {
  it('takes the proposal where the office does not depart from it, keeping rank, total, reasons and basis', () => {
    const { issues, outcomes } = settleOutcomes(results(), teams, {});
    expect(issues).toEqual([]);
    expect(outcomes).toEqual([
      { taskId: 'id-a', taskKey: 'A', proposed: 'continue', outcome: 'continue', reasons: [], rank: 1, total: 90 },
      { taskId: 'id-b', taskKey: 'B', proposed: 'continue', outcome: 'continue', reasons: [], rank: 2, total: 80 },
      { taskId: 'id-c', taskKey: 'C', proposed: 'eliminate', outcome: 'eliminate', reasons: [why], basis: 'points', rank: 3, total: 70 },
    ]);
  });

  it('records an override beside what the scheme proposed', () => {
    const { issues, outcomes } = settleOutcomes(results(), teams, { C: 'continue', B: 'eliminate' });
    expect(issues).toEqual([]);
    expect(outcomes.map((o) => [o.taskKey, o.proposed, o.outcome])).toEqual([
      ['A', 'continue', 'continue'],
      ['B', 'continue', 'eliminate'],
      ['C', 'eliminate', 'continue'],
    ]);
  });

  it('refuses an override naming a team outside the evaluation, by the override’s field', () => {
    const { issues } = settleOutcomes(results(), teams, { Z: 'eliminate' });
    expect(issues).toEqual([{ field: 'overrides.Z', message: { ko: '"Z"는 이 평가의 팀이 아닙니다', en: '"Z" is not a team of this evaluation' } }]);
  });

  it('asks the operator to settle every team tied at the boundary', () => {
    const tied = results({ unresolvedTie: ['B', 'C'] });
    expect(settleOutcomes(tied, teams, { B: 'continue' }).issues).toEqual([
      { field: 'overrides.C', message: { ko: '동점인 C 팀의 결과를 운영자가 정해야 합니다', en: 'the operator must decide C, tied at the boundary' } },
    ]);
    expect(settleOutcomes(tied, teams, { B: 'continue', C: 'eliminate' }).issues).toEqual([]);
  });

  it('puts missing inputs first, under the inputs field', () => {
    const message = { ko: 'C 팀의 입력이 없습니다', en: 'no input for C' };
    const { issues } = settleOutcomes(results({}, [{ field: 'C.benchmark.mmlu', message }]), teams, { Z: 'continue' });
    expect(issues.map((i) => i.field)).toEqual(['inputs.C.benchmark.mmlu', 'overrides.Z']);
    expect(issues[0]!.message).toEqual(message);
  });
});

describe('the default decision day', () => {
  it('is the end of the evaluation period, or today once the period is over', () => {
    expect(defaultDecisionDay('2026-01-10', '2026-01-12')).toBe('2026-01-12');
    expect(defaultDecisionDay('2026-01-12', '2026-01-12')).toBe('2026-01-12');
    expect(defaultDecisionDay('2026-01-20', '2026-01-12')).toBe('2026-01-20');
  });
});
