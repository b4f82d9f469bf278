import type { FieldIssue } from '@stagegate/core/shared/localized';
import { isOrganisationType, organisationTypes, type OrganisationType } from '@stagegate/core/organisation/organisation-type';
import { checkRegistrationNumber } from '@stagegate/core/organisation/registration-number';
import { isCountryCode, normaliseCountryCode } from '@stagegate/core/organisation/country';

export interface OrganisationInput {
  nameKo: string;
  nameEn: string;
  type: OrganisationType;
  country: string;
  registrationNo: string | null;
  /** what backs the declared type and number (certificate numbers, documents); the office reads it when verifying */
  evidence: string | null;
}

// Invisible and control characters make two names look alike while comparing unequal.
const INVISIBLE = /[\p{Cc}\p{Cf}]/u;
// An English name is written in Latin letters; Hangul, Han, kana or Cyrillic there is a mix-up (or a look-alike).
const NON_LATIN_LETTER = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Cyrillic}\p{Script=Greek}]/u;

function nameIssue(field: string, value: unknown, out: FieldIssue[]): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    out.push({ field, message: { ko: '기관명이 필요합니다', en: 'a non-empty name is required' } });
    return undefined;
  }
  const name = value.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (INVISIBLE.test(name))
    out.push({ field, message: { ko: '기관명에 보이지 않는 제어 문자가 있습니다', en: 'the name contains invisible control characters' } });
  if (name.length > 200) out.push({ field, message: { ko: '기관명은 200자 이하여야 합니다', en: 'the name must be at most 200 characters' } });
  return name;
}

/**
 * Reads an organisation from untrusted input, naming every bad field. The Korean name may mix
 * scripts (`LG AI연구원`); the English name must be Latin, so a Korean or look-alike Cyrillic name
 * typed into it is caught. The registration number is required for Korean organisations.
 */
export function parseOrganisationInput(input: Record<string, unknown>): { value?: OrganisationInput; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const nameKo = nameIssue('nameKo', input.nameKo, issues);
  const nameEn = nameIssue('nameEn', input.nameEn, issues);
  if (nameEn && NON_LATIN_LETTER.test(nameEn)) {
    issues.push({
      field: 'nameEn',
      message: {
        ko: '영문 기관명에 한글·한자·키릴 문자 등이 섞여 있습니다. 로마자로 적어 주세요',
        en: 'the English name mixes in non-Latin letters (Hangul, Han, Cyrillic …); write it in Latin letters',
      },
    });
  }
  if (!isOrganisationType(input.type)) {
    issues.push({
      field: 'type',
      message: { ko: `기관 유형은 다음 중 하나여야 합니다: ${organisationTypes.join(', ')}`, en: `expected one of ${organisationTypes.join(', ')}` },
    });
  }
  let country: string | undefined;
  if (typeof input.country !== 'string' || !isCountryCode(input.country)) {
    issues.push({
      field: 'country',
      message: { ko: '국가는 ISO 두 글자 코드여야 합니다 (예: KR)', en: 'expected a two-letter ISO country code such as "KR"' },
    });
  } else country = normaliseCountryCode(input.country);
  let registrationNo: string | null = null;
  if (input.registrationNo !== undefined && input.registrationNo !== null && input.registrationNo !== '') {
    if (typeof input.registrationNo !== 'string') {
      issues.push({ field: 'registrationNo', message: { ko: '사업자등록번호는 문자열(000-00-00000)이어야 합니다', en: 'expected a string 000-00-00000' } });
    } else {
      const check = checkRegistrationNumber(input.registrationNo);
      if (check.valid) registrationNo = check.formatted;
      else issues.push({ field: 'registrationNo', message: check.reason });
    }
  } else if (country === 'KR') {
    issues.push({
      field: 'registrationNo',
      message: { ko: '국내 기관은 사업자등록번호가 필요합니다', en: 'a Korean organisation needs its business registration number' },
    });
  }
  let evidence: string | null = null;
  if (input.evidence !== undefined && input.evidence !== null && input.evidence !== '') {
    if (typeof input.evidence !== 'string' || input.evidence.length > 4000) {
      issues.push({
        field: 'evidence',
        message: { ko: '증빙 설명은 4,000자 이하의 글이어야 합니다', en: 'evidence must be text of at most 4,000 characters' },
      });
    } else evidence = input.evidence.trim();
  }
  if (issues.length) return { issues };
  return { value: { nameKo: nameKo!, nameEn: nameEn!, type: input.type as OrganisationType, country: country!, registrationNo, evidence }, issues };
}
