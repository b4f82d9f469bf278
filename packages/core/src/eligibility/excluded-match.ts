import type { z } from 'zod';
import { normaliseOrganisationName } from '../organisation/name-normalisation.ts';
import { registrationDigits } from '../organisation/registration-number.ts';
import type { excludedOrganisation } from './rules.ts';
import type { ConsortiumMember } from './consortium.ts';

export type ExcludedOrganisation = z.infer<typeof excludedOrganisation>;

/**
 * Whether a member is the excluded organisation. The registration number decides when both sides
 * carry one (names vary, numbers do not); otherwise the member's name is compared, normalised,
 * with the listed Korean name, English name and every alias.
 */
export function isExcludedOrganisation(member: Pick<ConsortiumMember, 'name' | 'registrationNo'>, excluded: ExcludedOrganisation): boolean {
  if (member.registrationNo && excluded.registrationNo) {
    return registrationDigits(member.registrationNo) === registrationDigits(excluded.registrationNo);
  }
  const key = normaliseOrganisationName(member.name);
  return [excluded.name.ko, excluded.name.en, ...excluded.aliases].some((n) => normaliseOrganisationName(n) === key);
}

export function findExclusion(member: ConsortiumMember, list: readonly ExcludedOrganisation[]): ExcludedOrganisation | undefined {
  return list.find((e) => isExcludedOrganisation(member, e));
}
