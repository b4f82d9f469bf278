import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../src/auth/actor.ts';
import { canProgram } from '../src/policies/program-policy.ts';
import { canAudit } from '../src/policies/audit-policy.ts';
import { canAccount } from '../src/policies/account-policy.ts';
import { canSlurm } from '../src/policies/slurm-policy.ts';

const as = (role: Role): Actor => ({ id: role, email: `${role}@x`, name: role, role });

describe('policies', () => {
  it('programs: anyone reads, only operators change', () => {
    expect(canProgram(null, 'read')).toBe(true);
    for (const r of ['applicant', 'reviewer', 'evaluator'] as Role[]) {
      expect(canProgram(as(r), 'update')).toBe(false);
      expect(canProgram(as(r), 'import')).toBe(false);
    }
    expect(canProgram(as('operator'), 'update')).toBe(true);
    expect(canProgram(null, 'update')).toBe(false);
  });
  it('audit: operators only', () => {
    expect(canAudit(null, 'read')).toBe(false);
    expect(canAudit(as('reviewer'), 'verify')).toBe(false);
    expect(canAudit(as('operator'), 'read')).toBe(true);
  });
  it('accounts: self for any signed-in user, roles by operators', () => {
    expect(canAccount(null, 'readSelf')).toBe(false);
    expect(canAccount(as('applicant'), 'readSelf')).toBe(true);
    expect(canAccount(as('applicant'), 'setRole')).toBe(false);
    expect(canAccount(as('operator'), 'setRole')).toBe(true);
  });
  it("slurm: the plan and its application are the office's alone", () => {
    for (const r of ['applicant', 'reviewer', 'evaluator'] as Role[]) {
      expect(canSlurm(as(r), 'read-plan')).toBe(false);
      expect(canSlurm(as(r), 'sync-slurm')).toBe(false);
    }
    expect(canSlurm(null, 'read-plan')).toBe(false);
    expect(canSlurm(as('operator'), 'sync-slurm')).toBe(true);
  });
});
