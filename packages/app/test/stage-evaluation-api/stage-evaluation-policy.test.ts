import { describe, expect, it } from 'vitest';
import { canStageEvaluation, type StageEvaluationAction } from '../../src/policies/stage-evaluation-policy.ts';
import type { Actor, Role } from '../../src/auth/actor.ts';

const actor = (role: Role): Actor => ({ id: `${role}-id`, email: `${role}@x`, name: role, role });
const who = (a: Actor | null, action: StageEvaluationAction, isMember?: boolean) =>
  canStageEvaluation(a, action, isMember === undefined ? undefined : { isMember });

describe('stage-evaluation policy', () => {
  it('keeps published results public and the working view to the office and the panel', () => {
    expect(who(null, 'readPublic')).toBe(true);
    expect(who(null, 'read')).toBe(false);
    expect(who(actor('applicant'), 'read')).toBe(false);
    expect(who(actor('evaluator'), 'read')).toBe(false);
    // a reviewer reads an evaluation only from a panel seat on it (issue 12 item 1)
    expect(canStageEvaluation(actor('reviewer'), 'read', { seat: null })).toBe(false);
    expect(canStageEvaluation(actor('reviewer'), 'read', { seat: '위원 1' })).toBe(true);
    expect(who(actor('operator'), 'read')).toBe(true);
  });

  it('issue 12 item 1: lets only the office open, version, seat experts, enter inputs, rule gates, decide, publish and resolve appeals', () => {
    for (const action of [
      'open',
      'seatExperts',
      'changeScheme',
      'enterMeasurements',
      'checkGoals',
      'ruleGate',
      'decide',
      'publish',
      'resolveAppeal',
    ] as const) {
      expect(who(actor('operator'), action)).toBe(true);
      for (const r of ['applicant', 'reviewer', 'evaluator'] as const) expect(who(actor(r), action), `${r} ${action}`).toBe(false);
    }
  });

  it('issue 12 item 1: a seated expert scores only under their own seat, only while the evaluation is open', () => {
    const r = actor('reviewer');
    const can = (ctx: Parameters<typeof canStageEvaluation>[2]) => canStageEvaluation(r, 'enterExpertScores', ctx);
    expect(can({ seat: '위원 3', open: true, experts: ['위원 3', '위원 3'] })).toBe(true);
    expect(can({ seat: '위원 3', open: true, experts: ['위원 3', '위원 4'] })).toBe(false);
    expect(can({ seat: '위원 3', open: false, experts: ['위원 3'] })).toBe(false);
    expect(can({ seat: null, open: true, experts: ['위원 3'] })).toBe(false);
    expect(canStageEvaluation(actor('applicant'), 'enterExpertScores')).toBe(false);
    expect(canStageEvaluation(actor('operator'), 'enterExpertScores', { seat: null, open: true, experts: ['아무개'] })).toBe(true);
  });

  it("lets a team's own members declare and appeal, and nobody else's", () => {
    expect(who(actor('applicant'), 'fileAppeal', true)).toBe(true);
    expect(who(actor('applicant'), 'fileAppeal', false)).toBe(false);
    expect(who(actor('applicant'), 'declareGate', false)).toBe(false);
    expect(who(actor('reviewer'), 'fileAppeal', true)).toBe(false);
    expect(who(actor('operator'), 'declareGate', false)).toBe(true);
    expect(who(actor('reviewer'), 'readTeam', false)).toBe(false);
    expect(who(actor('applicant'), 'readTeam', false)).toBe(false);
    expect(who(null, 'readTeam')).toBe(false);
  });
});
