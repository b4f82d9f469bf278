import { describe, expect, it } from 'vitest';
import { canAllocation, type AllocationAction } from '../../src/policies/allocation-policy.ts';
import { canUsage, type UsageAction } from '../../src/policies/usage-policy.ts';
import type { Actor, Role } from '../../src/auth/actor.ts';

const as = (role: Role): Actor => ({ id: role, email: `${role}@x`, name: role, role });

describe('allocation policy', () => {
  it('keeps edits, decisions and blocking with the operator', () => {
    for (const action of ['edit', 'read-ledger', 'decide-request', 'block-task'] as AllocationAction[]) {
      expect(canAllocation(as('operator'), action)).toBe(true);
      for (const r of ['applicant', 'reviewer', 'evaluator'] as Role[]) expect(canAllocation(as(r), action)).toBe(false);
      expect(canAllocation(null, action)).toBe(false);
    }
  });

  it('lets an applicant ask for a change only for a task they are a member of', () => {
    expect(canAllocation(as('applicant'), 'request-change', { memberOfTask: true })).toBe(true);
    expect(canAllocation(as('applicant'), 'request-change', { memberOfTask: false })).toBe(false);
    expect(canAllocation(as('reviewer'), 'request-change', { memberOfTask: true })).toBe(false);
    expect(canAllocation(as('operator'), 'request-change', { memberOfTask: false })).toBe(true);
  });

  it('shows occupancy to anyone signed in, not to the public', () => {
    expect(canAllocation(as('evaluator'), 'read')).toBe(true);
    expect(canAllocation(null, 'read')).toBe(false);
  });
});

describe('usage policy', () => {
  it("shows an applicant their own task's usage only; imports and policy stay with the operator", () => {
    expect(canUsage(as('applicant'), 'read-task', { memberOfTask: true })).toBe(true);
    expect(canUsage(as('applicant'), 'read-task', { memberOfTask: false })).toBe(false);
    expect(canUsage(as('operator'), 'read-task', { memberOfTask: false })).toBe(true);
    for (const action of ['import', 'export', 'set-policy', 'run-policy'] as UsageAction[]) {
      expect(canUsage(as('operator'), action)).toBe(true);
      expect(canUsage(as('applicant'), action)).toBe(false);
    }
    expect(canUsage(as('reviewer'), 'read-program')).toBe(false);
  });
});
