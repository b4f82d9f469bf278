import type { OrganisationType } from './organisation-type.ts';

/** An organisation as the registry holds it: the facts it declared and whether the office verified them. */
export interface OrganisationRecord {
  id: string;
  nameKo: string;
  nameEn: string;
  type: OrganisationType;
  country: string;
  registrationNo: string | null;
  verified: boolean;
}

/** Facts the office verifies; changing any of them puts the record back to unverified. */
export const verifiedFacts = ['type', 'registrationNo', 'country', 'nameKo', 'nameEn'] as const;

export function changesVerifiedFacts(
  before: Pick<OrganisationRecord, (typeof verifiedFacts)[number]>,
  after: Pick<OrganisationRecord, (typeof verifiedFacts)[number]>,
): boolean {
  return verifiedFacts.some((f) => before[f] !== after[f]);
}
