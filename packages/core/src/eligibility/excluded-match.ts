import type { z } from 'zod';
import { normaliseOrganisationName } from '../organisation/name-normalisation.ts';
import { registrationDigits } from '../organisation/registration-number.ts';
import type { excludedOrganisation } from './rules.ts';
import type { ConsortiumMember } from './consortium.ts';

export type ExcludedOrganisation = z.infer<typeof excludedOrganisation>;

/**
 * The listed organisation a member is, if any: the same registration number, or any of its names
 * (Korean, English) equal to a listed name or alias once folded (NFKC, look-alike letters, legal
 * forms, spacing). Either match excludes: a registered look-alike with a number of its own must not
 * slip past a list entry that carries a number.
 */
export function findExclusion(member: ConsortiumMember, list: readonly ExcludedOrganisation[]): ExcludedOrganisation | undefined {
  const keys = memberNameKeys(member);
  return list.find((e) => matchesExcluded(member, keys, e));
}

function memberNameKeys(member: Pick<ConsortiumMember, 'name' | 'otherNames'>): Set<string> {
  return new Set([member.name, ...(member.otherNames ?? [])].map(normaliseOrganisationName));
}

function matchesExcluded(member: Pick<ConsortiumMember, 'registrationNo'>, keys: Set<string>, excluded: ExcludedOrganisation): boolean {
  if (member.registrationNo && excluded.registrationNo && registrationDigits(member.registrationNo) === registrationDigits(excluded.registrationNo))
    return true;
  return excludedNameKeys(excluded).some((n) => keys.has(n));
}

// folding is kept by normaliseOrganisationName itself, for these names and the members' alike
function excludedNameKeys(excluded: ExcludedOrganisation): string[] {
  return [excluded.name.ko, excluded.name.en, ...excluded.aliases].map(normaliseOrganisationName);
}
