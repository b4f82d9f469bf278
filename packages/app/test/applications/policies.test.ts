import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/auth/actor.ts';
import { canApplication, type ApplicationAction } from '../../src/policies/application-policy.ts';
import { canOrganisation } from '../../src/policies/organisation-policy.ts';

const as = (role: Role): Actor => ({ id: role, email: `${role}@x`, name: role, role });

describe('application policy', () => {
  it('members write, submit and withdraw; strangers and the office do not', () => {
    for (const action of ['edit', 'submit', 'withdraw'] as ApplicationAction[]) {
      expect(canApplication(as('applicant'), action, { memberOfOrganisation: true })).toBe(true);
      expect(canApplication(as('applicant'), action, { memberOfOrganisation: false })).toBe(false);
      expect(canApplication(as('operator'), action, { memberOfOrganisation: false })).toBe(false);
    }
  });
  it('the office reads everything and alone reopens, overrides, lists a call and reminds drafts', () => {
    expect(canApplication(as('operator'), 'read', { memberOfOrganisation: false })).toBe(true);
    expect(canApplication(as('applicant'), 'read', { memberOfOrganisation: false })).toBe(false);
    for (const action of ['reopen', 'overrideEligibility', 'listCall', 'configureCall', 'remind'] as ApplicationAction[]) {
      expect(canApplication(as('operator'), action)).toBe(true);
      expect(canApplication(as('applicant'), action, { memberOfOrganisation: true })).toBe(false);
    }
  });
  it('reviewers, evaluators and the public have no access to applications here', () => {
    for (const who of [null, as('reviewer'), as('evaluator')]) {
      for (const action of ['list', 'read', 'create', 'checkEligibility'] as ApplicationAction[])
        expect(canApplication(who, action, { memberOfOrganisation: true })).toBe(false);
    }
  });
});

describe('organisation policy', () => {
  it('applicants create; admins update and manage members; members read; the office reads and corrects', () => {
    expect(canOrganisation(as('applicant'), 'create')).toBe(true);
    expect(canOrganisation(as('operator'), 'create')).toBe(false);
    expect(canOrganisation(as('applicant'), 'read', { membership: 'member' })).toBe(true);
    expect(canOrganisation(as('applicant'), 'read', { membership: null })).toBe(false);
    expect(canOrganisation(as('applicant'), 'update', { membership: 'member' })).toBe(false);
    expect(canOrganisation(as('applicant'), 'update', { membership: 'admin' })).toBe(true);
    expect(canOrganisation(as('operator'), 'update', { membership: null })).toBe(true);
    expect(canOrganisation(as('operator'), 'manageMembers', { membership: null })).toBe(false);
    expect(canOrganisation(as('reviewer'), 'list')).toBe(false);
    expect(canOrganisation(null, 'list')).toBe(false);
  });
});
