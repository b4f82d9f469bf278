import { describe, expect, it } from 'vitest';
import { canResource } from '../../src/policies/resource-policy.ts';
import type { Actor, Role } from '../../src/auth/actor.ts';

const as = (role: Role): Actor => ({ id: role, email: `${role}@demo.stagegate.kr`, name: role, role });

describe('resource policy', () => {
  it('lets every signed-in person read, nobody anonymous', () => {
    for (const role of ['operator', 'applicant', 'reviewer', 'evaluator'] as const) expect(canResource(as(role), 'read')).toBe(true);
    expect(canResource(null, 'read')).toBe(false);
  });
  it('keeps editing and binding to the program office', () => {
    for (const action of ['edit', 'bind'] as const) {
      expect(canResource(as('operator'), action)).toBe(true);
      for (const role of ['applicant', 'reviewer', 'evaluator'] as const) expect(canResource(as(role), action)).toBe(false);
      expect(canResource(null, action)).toBe(false);
    }
  });
});
