import type { TFunction } from 'i18next';
import { organisationTypes } from '@stagegate/core/organisation/organisation-type';
import { wellKnownRoles } from '@stagegate/core/eligibility/consortium';

/** Countries offered first; any ISO code typed by hand is accepted too (searchable select). */
const commonCountries = ['KR', 'US', 'JP', 'CN', 'GB', 'DE', 'FR', 'CA', 'SG', 'IN', 'TW', 'VN', 'AU', 'NL', 'SE', 'CH', 'FI', 'IL', 'AE', 'SA'];

export function countryOptions(lang: string, extra?: string): { value: string; label: string }[] {
  const names = new Intl.DisplayNames([lang === 'en' ? 'en' : 'ko'], { type: 'region' });
  const codes = extra && !commonCountries.includes(extra) && /^[A-Z]{2}$/.test(extra) ? [...commonCountries, extra] : commonCountries;
  return codes.map((c) => ({ value: c, label: `${names.of(c) ?? c} (${c})` }));
}

export const organisationTypeOptions = (t: TFunction) => organisationTypes.map((v) => ({ value: v, label: t(`applications.orgType.${v}`) }));

export const roleOptions = (t: TFunction) => wellKnownRoles.map((v) => ({ value: v, label: t(`applications.role.${v}`) }));
