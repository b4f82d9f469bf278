import { registrationDigits } from '../organisation/registration-number.ts';
import { normaliseOrganisationName } from '../organisation/name-normalisation.ts';
import type { ConsortiumMember } from '../eligibility/consortium.ts';

/**
 * A key under which two applications count as led by the same organisation (for the
 * "at most N applications per lead" rule): its registration number when it has one, else its
 * normalised name.
 */
export function leadIdentity(member: Pick<ConsortiumMember, 'name' | 'registrationNo'>): string {
  return member.registrationNo ? `reg:${registrationDigits(member.registrationNo)}` : `name:${normaliseOrganisationName(member.name)}`;
}
