import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/auth/actor.ts';
import { canEvaluation } from '../../src/policies/evaluation-policy.ts';
import { canProvenance } from '../../src/policies/provenance-policy.ts';

const as = (role: Role): Actor => ({ id: role, email: `${role}@x`, name: role, role });

describe('evaluation policy', () => {
  it('opens the benchmark catalog to everyone, the public included', () => {
    expect(canEvaluation(null, 'readCatalog')).toBe(true);
  });

  it("lets an applicant read their own task's results and not another team's", () => {
    expect(canEvaluation(as('applicant'), 'readTask', { memberOfTask: true })).toBe(true);
    expect(canEvaluation(as('applicant'), 'readTask', { memberOfTask: false })).toBe(false);
    expect(canEvaluation(as('operator'), 'readTask', { memberOfTask: false })).toBe(true);
    expect(canEvaluation(as('evaluator'), 'readTask', { memberOfTask: false })).toBe(true);
    expect(canEvaluation(as('reviewer'), 'readTask', { memberOfTask: true })).toBe(false);
    expect(canEvaluation(null, 'readTask', { memberOfTask: false })).toBe(false);
  });

  it('leaves entering results to the office and evaluators, even for a team member', () => {
    for (const action of ['import', 'runSuite'] as const) {
      expect(canEvaluation(as('operator'), action)).toBe(true);
      expect(canEvaluation(as('evaluator'), action)).toBe(true);
      expect(canEvaluation(as('applicant'), action, { memberOfTask: true })).toBe(false);
      expect(canEvaluation(as('reviewer'), action)).toBe(false);
    }
  });
});

describe('provenance policy', () => {
  it('is for the office and evaluators only', () => {
    for (const action of ['read', 'start', 'upload', 'attach'] as const) {
      expect(canProvenance(as('operator'), action)).toBe(true);
      expect(canProvenance(as('evaluator'), action)).toBe(true);
      expect(canProvenance(as('applicant'), action)).toBe(false);
      expect(canProvenance(as('reviewer'), action)).toBe(false);
      expect(canProvenance(null, action)).toBe(false);
    }
  });
});
