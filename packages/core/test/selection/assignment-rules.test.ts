import { describe, expect, it } from 'vitest';
import { nextRunStatus } from '../../src/selection/assignment-run-state.ts';
import { applyManualChanges, type ManualContext } from '../../src/selection/manual-assignment.ts';
import { clusterUsernameFor, nextTaskKeys, taskKeyPrefix } from '../../src/selection/task-key.ts';
import { reviewerCodes } from '../../src/selection/reviewer-code.ts';
import { checkRounds } from '../../src/selection/round-weights.ts';

describe('assignment runs as a state machine', () => {
  it('goes running → complete → deployed → superseded, or running → no solution', () => {
    expect(nextRunStatus('running', 'solved')).toEqual({ ok: true, to: 'complete' });
    expect(nextRunStatus('running', 'failed')).toEqual({ ok: true, to: 'no_solution' });
    expect(nextRunStatus('complete', 'deploy')).toEqual({ ok: true, to: 'deployed' });
    expect(nextRunStatus('deployed', 'supersede')).toEqual({ ok: true, to: 'superseded' });
  });
  it('never deploys a run without a solution, a running one, or one already deployed', () => {
    for (const s of ['running', 'no_solution', 'deployed', 'superseded'] as const) {
      const r = nextRunStatus(s, 'deploy');
      expect(r.ok, s).toBe(false);
    }
  });
});

describe('manual assignment', () => {
  const ctx: ManualContext = {
    current: [['a1', 'r1']],
    applications: new Map([
      ['a1', 'SFM-2025-0001'],
      ['a2', 'SFM-2025-0002'],
    ]),
    panel: new Map([
      ['r1', { label: '김위원', accepted: true, maxLoad: 1 }],
      ['r2', { label: '이위원', accepted: true, maxLoad: 2 }],
      ['r3', { label: '박위원', accepted: false, maxLoad: 2 }],
    ]),
    conflicts: new Map([['a2|r2', { ko: '같은 기관', en: 'same organisation' }]]),
  };

  it('adds and removes pairs', () => {
    expect(applyManualChanges(ctx, [['a2', 'r1']], [['a1', 'r1']])).toEqual({ proposed: [['a2', 'r1']], issues: [] });
  });
  it('refuses a conflicted pair, saying why', () => {
    const { issues } = applyManualChanges(ctx, [['a2', 'r2']], []);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.field).toBe('add.0');
    expect(issues[0]!.message.en).toBe('이위원 has a conflict of interest with "SFM-2025-0002" and cannot be assigned: same organisation');
  });
  it('refuses loads above the maximum, reviewers off the panel or not accepted, and unknown pairs to remove', () => {
    expect(applyManualChanges(ctx, [['a2', 'r1']], []).issues[0]!.message.en).toContain('above their maximum of 1');
    expect(applyManualChanges(ctx, [['a2', 'r9']], []).issues[0]!.field).toBe('add.0.1');
    expect(applyManualChanges(ctx, [['a2', 'r3']], []).issues[0]!.message.en).toContain('has not accepted');
    expect(applyManualChanges(ctx, [['x', 'r2']], []).issues[0]!.field).toBe('add.0.0');
    expect(applyManualChanges(ctx, [], [['a2', 'r2']]).issues[0]!.field).toBe('remove.0');
  });
});

describe('tasks, codes and rounds', () => {
  it('keys tasks by program initials, call year and sequence, skipping keys taken', () => {
    expect(taskKeyPrefix('specialized-fm')).toBe('sfm');
    expect(taskKeyPrefix('k-ai')).toBe('kai');
    expect(nextTaskKeys('specialized-fm', 2025, 2, [])).toEqual(['sfm-2025-01', 'sfm-2025-02']);
    expect(nextTaskKeys('specialized-fm', 2025, 2, ['sfm-2025-01', 'sfm-2025-03'])).toEqual(['sfm-2025-02', 'sfm-2025-04']);
  });
  it('makes cluster user names from e-mail addresses', () => {
    expect(clusterUsernameFor('Kim.Minsu@demo.kr')).toBe('kim_minsu');
    expect(clusterUsernameFor('1st@demo.kr')).toBe('st');
  });
  it('codes reviewers R01, R02, … in pool order, wider past 99', () => {
    expect([...reviewerCodes(['x', 'y']).values()]).toEqual(['R01', 'R02']);
    expect(reviewerCodes(Array.from({ length: 120 }, (_, i) => `r${i}`)).get('r0')).toBe('R001');
  });
  it('checks rounds: unique keys, non-negative weights not all zero, at least one review each', () => {
    expect(
      checkRounds([
        { key: 'documents', weight: 0.6, reviewsPerProposal: 5 },
        { key: 'presentation', weight: 0.4, reviewsPerProposal: 7 },
      ]),
    ).toEqual([]);
    expect(checkRounds([{ key: 'a', weight: 0, reviewsPerProposal: 1 }]).map((i) => i.field)).toEqual(['rounds']);
    expect(
      checkRounds([
        { key: 'a', weight: -1, reviewsPerProposal: 0 },
        { key: 'a', weight: 1, reviewsPerProposal: 1 },
      ]).map((i) => i.field),
    ).toEqual(['rounds.0.weight', 'rounds.0.reviewsPerProposal', 'rounds.1.key']);
    expect(checkRounds([])).toHaveLength(1);
  });
});
