import { z } from 'zod';
import type { LocalizedText } from '../shared/localized.ts';

/** The kinds of organisation a program's eligibility rules speak about. */
export const organisationTypes = [
  'large_enterprise',
  'midsize_enterprise',
  'sme',
  'startup',
  'university',
  'research_institute',
  'public_institution',
] as const;
export const organisationType = z.enum(organisationTypes);
export type OrganisationType = z.infer<typeof organisationType>;

export const organisationTypeLabels: Record<OrganisationType, LocalizedText> = {
  large_enterprise: { ko: '대기업', en: 'large enterprise' },
  midsize_enterprise: { ko: '중견기업', en: 'mid-size enterprise' },
  sme: { ko: '중소기업', en: 'SME' },
  startup: { ko: '스타트업', en: 'start-up' },
  university: { ko: '대학', en: 'university' },
  research_institute: { ko: '연구기관', en: 'research institute' },
  public_institution: { ko: '공공기관', en: 'public institution' },
};

export function isOrganisationType(value: unknown): value is OrganisationType {
  return typeof value === 'string' && (organisationTypes as readonly string[]).includes(value);
}
