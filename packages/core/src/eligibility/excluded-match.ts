import type { z } from 'zod';
import { normaliseOrganisationName } from '../organisation/name-normalisation.ts';
import { registrationDigits } from '../organisation/registration-number.ts';
import type { excludedOrganisation } from './rules.ts';
import type { ConsortiumMember } from './consortium.ts';

export type ExcludedOrganisation = z.infer<typeof excludedOrganisation>;

/**
 * Whether a member is the excluded organisation: the same registration number, or any of its names
 * (Korean, English) equal to a listed name or alias once folded (NFKC, look-alike letters, legal
 * forms, spacing). Either match excludes: a registered look-alike with a number of its own must not
 * slip past a list entry that carries a number.
 */
export function isExcludedOrganisation(member: Pick<ConsortiumMember, 'name' | 'registrationNo' | 'otherNames'>, excluded: ExcludedOrganisation): boolean {
  if (member.registrationNo && excluded.registrationNo && registrationDigits(member.registrationNo) === registrationDigits(excluded.registrationNo))
    return true;
  const keys = new Set([member.name, ...(member.otherNames ?? [])].map(normaliseOrganisationName));
  return [excluded.name.ko, excluded.name.en, ...excluded.aliases].some((n) => keys.has(normaliseOrganisationName(n)));
}

export function findExclusion(member: ConsortiumMember, list: readonly ExcludedOrganisation[]): ExcludedOrganisation | undefined {
  return list.find((e) => isExcludedOrganisation(member, e));
}
