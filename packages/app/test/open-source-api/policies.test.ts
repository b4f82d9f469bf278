import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/auth/actor.ts';
import { canArena } from '../../src/policies/arena-policy.ts';
import { canFinalEvaluation } from '../../src/policies/final-evaluation-policy.ts';
import { canOpenSource } from '../../src/policies/open-source-policy.ts';

const as = (role: Actor['role']): Actor => ({ id: role, email: `${role}@x`, name: role, role });
const [operator, applicant, reviewer, evaluator] = (['operator', 'applicant', 'reviewer', 'evaluator'] as const).map(as);

describe('arena policy', () => {
  it('only assigned evaluators vote; only the office sees results', () => {
    expect(canArena(evaluator!, 'vote', { assignedEvaluator: true })).toBe(true);
    expect(canArena(evaluator!, 'vote', { assignedEvaluator: false })).toBe(false);
    expect(canArena(operator!, 'vote', { assignedEvaluator: true })).toBe(false);
    expect(canArena(operator!, 'readResults')).toBe(true);
    expect(canArena(evaluator!, 'readResults')).toBe(false);
    expect(canArena(null, 'list')).toBe(false);
    expect(canArena(reviewer!, 'list')).toBe(false);
  });
});

describe('final-evaluation policy', () => {
  it('members negotiate for their task, the office for the government; only members propose', () => {
    expect(canFinalEvaluation(applicant!, 'negotiate', { memberOfTask: true })).toBe(true);
    expect(canFinalEvaluation(applicant!, 'negotiate', { memberOfTask: false })).toBe(false);
    expect(canFinalEvaluation(operator!, 'negotiate', { memberOfTask: false })).toBe(true);
    expect(canFinalEvaluation(operator!, 'propose', { memberOfTask: false })).toBe(false);
    expect(canFinalEvaluation(applicant!, 'manage')).toBe(false);
    expect(canFinalEvaluation(evaluator!, 'read', { memberOfTask: true })).toBe(false);
  });
});

describe('open-source policy', () => {
  it('the registry is public; members and the office record; the office sets the rule', () => {
    expect(canOpenSource(null, 'read')).toBe(true);
    expect(canOpenSource(null, 'record')).toBe(false);
    expect(canOpenSource(applicant!, 'record', { memberOfTask: false })).toBe(false);
    expect(canOpenSource(applicant!, 'record', { memberOfTask: true })).toBe(true);
    expect(canOpenSource(operator!, 'record', { memberOfTask: false })).toBe(true);
    expect(canOpenSource(applicant!, 'setPolicy')).toBe(false);
  });
});
