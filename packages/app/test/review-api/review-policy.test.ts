import { describe, expect, it } from 'vitest';
import { canReview } from '../../src/policies/review-policy.ts';
import type { Actor, Role } from '../../src/auth/actor.ts';

const as = (role: Role): Actor => ({ id: role, email: `${role}@x`, name: role, role });
const [operator, applicant, reviewer, evaluator] = (['operator', 'applicant', 'reviewer', 'evaluator'] as const).map(as);

describe('review policy', () => {
  it('gives the running of review to the program office alone', () => {
    expect(canReview(operator!, 'manage')).toBe(true);
    for (const a of [applicant, reviewer, evaluator, null]) expect(canReview(a!, 'manage')).toBe(false);
  });

  it('lets a reviewer read and score only what is assigned and not conflicted', () => {
    expect(canReview(reviewer!, 'readProposal', { assigned: true, conflicted: false, pledged: true })).toBe(true);
    expect(canReview(reviewer!, 'score', { assigned: true, pledged: true })).toBe(true);
    expect(canReview(reviewer!, 'readProposal', { assigned: true, conflicted: false, pledged: false })).toBe(false);
    expect(canReview(reviewer!, 'score', { assigned: true })).toBe(false);
    expect(canReview(reviewer!, 'readProposal', { assigned: false })).toBe(false);
    expect(canReview(reviewer!, 'readProposal', { assigned: true, conflicted: true })).toBe(false);
    expect(canReview(reviewer!, 'score', { assigned: true, conflicted: true })).toBe(false);
    // a conflict may still be declared on an assigned proposal, and only by a reviewer
    expect(canReview(reviewer!, 'declareConflict', { assigned: true, conflicted: true })).toBe(true);
    expect(canReview(operator!, 'readProposal', { assigned: true, pledged: true })).toBe(false);
    expect(canReview(applicant!, 'score', { assigned: true, pledged: true })).toBe(false);
  });

  it('shows applicants their own result only after publication', () => {
    expect(canReview(applicant!, 'readResult', { memberOfApplicant: true, published: false })).toBe(false);
    expect(canReview(applicant!, 'readResult', { memberOfApplicant: false, published: true })).toBe(false);
    expect(canReview(applicant!, 'readResult', { memberOfApplicant: true, published: true })).toBe(true);
    expect(canReview(operator!, 'readResult', {})).toBe(true);
    expect(canReview(reviewer!, 'readResult', { memberOfApplicant: true, published: true })).toBe(false);
  });

  it('lets anyone with the link answer an invitation', () => {
    expect(canReview(null, 'respondInvitation')).toBe(true);
  });
});
