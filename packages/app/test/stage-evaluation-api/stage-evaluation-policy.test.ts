import { describe, expect, it } from 'vitest';
import { canStageEvaluation, type StageEvaluationAction } from '../../src/policies/stage-evaluation-policy.ts';
import type { Actor, Role } from '../../src/auth/actor.ts';

const actor = (role: Role): Actor => ({ id: `${role}-id`, email: `${role}@x`, name: role, role });
const who = (a: Actor | null, action: StageEvaluationAction, isMember?: boolean) => canStageEvaluation(a, action, isMember === undefined ? undefined : { isMember });

describe('stage-evaluation policy', () => {
  it('keeps published results public and the working view to the office and the panel', () => {
    expect(who(null, 'readPublic')).toBe(true);
    expect(who(null, 'read')).toBe(false);
    expect(who(actor('applicant'), 'read')).toBe(false);
    expect(who(actor('evaluator'), 'read')).toBe(false);
    expect(who(actor('reviewer'), 'read')).toBe(true);
    expect(who(actor('operator'), 'read')).toBe(true);
  });

  it('lets only the office open, version, decide, publish and resolve appeals', () => {
    for (const action of ['open', 'changeScheme', 'enterMeasurements', 'decide', 'publish', 'resolveAppeal'] as const) {
      expect(who(actor('operator'), action)).toBe(true);
      for (const r of ['applicant', 'reviewer', 'evaluator'] as const) expect(who(actor(r), action), `${r} ${action}`).toBe(false);
    }
  });

  it('lets the panel score, check goals and rule on gates', () => {
    for (const action of ['enterExpertScores', 'checkGoals', 'ruleGate'] as const) {
      expect(who(actor('reviewer'), action)).toBe(true);
      expect(who(actor('applicant'), action)).toBe(false);
    }
  });

  it("lets a team's own members declare and appeal, and nobody else's", () => {
    expect(who(actor('applicant'), 'fileAppeal', true)).toBe(true);
    expect(who(actor('applicant'), 'fileAppeal', false)).toBe(false);
    expect(who(actor('applicant'), 'declareGate', false)).toBe(false);
    expect(who(actor('reviewer'), 'fileAppeal', true)).toBe(false);
    expect(who(actor('operator'), 'declareGate', false)).toBe(true);
    expect(who(actor('reviewer'), 'readTeam', false)).toBe(true);
    expect(who(actor('applicant'), 'readTeam', false)).toBe(false);
    expect(who(null, 'readTeam')).toBe(false);
  });
});
