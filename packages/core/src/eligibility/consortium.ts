import type { FieldIssue } from '../shared/localized.ts';
import { isOrganisationType, organisationTypes, type OrganisationType } from '../organisation/organisation-type.ts';
import { checkRegistrationNumber, registrationDigits } from '../organisation/registration-number.ts';
import { isCountryCode, normaliseCountryCode } from '../organisation/country.ts';
import { normaliseOrganisationName } from '../organisation/name-normalisation.ts';

/** One institution of an application, as the applicant states it. */
export interface ConsortiumMember {
  name: string;
  type: OrganisationType;
  /** ISO 3166-1 alpha-2, upper-case */
  country: string;
  /** `000-00-00000`, checksum already verified */
  registrationNo?: string;
  /** the member's part in the task, e.g. `model_development`, `data`, `evaluation`, `global_service` */
  role?: string;
}

/** An application is a consortium: one lead institution (주관기관) and any participants (참여기관); alone is a consortium of one. */
export interface Consortium {
  lead: ConsortiumMember;
  participants: ConsortiumMember[];
}

/** Roles a form offers; a program may name others in its rules, so any snake_case word is accepted. */
export const wellKnownRoles = ['model_development', 'data', 'evaluation', 'service', 'global_service'] as const;

export function consortiumMembers(c: Consortium): ConsortiumMember[] {
  return [c.lead, ...c.participants];
}

const memberKeys = ['name', 'type', 'country', 'registrationNo', 'role'] as const;

const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `"${v}"` : typeof v);

function fieldIssue(field: string, ko: string, en: string): FieldIssue {
  return { field, message: { ko, en } };
}

function parseMember(raw: unknown, at: string, out: FieldIssue[]): ConsortiumMember | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    out.push(fieldIssue(at, `기관 정보(객체)가 필요합니다 (받은 값: ${describe(raw)})`, `expected an object, got ${describe(raw)}`));
    return undefined;
  }
  const o = raw as Record<string, unknown>;
  const before = out.length;
  for (const k of Object.keys(o)) {
    if (!(memberKeys as readonly string[]).includes(k)) {
      out.push(fieldIssue(`${at}.${k}`, `알 수 없는 항목입니다 (가능한 항목: ${memberKeys.join(', ')})`, `unknown field; expected one of ${memberKeys.join(', ')}`));
    }
  }
  const name = o.name;
  if (typeof name !== 'string' || name.trim() === '') {
    out.push(fieldIssue(`${at}.name`, '기관명이 필요합니다', `expected a non-empty string, got ${describe(name)}`));
  }
  if (!isOrganisationType(o.type)) {
    out.push(fieldIssue(`${at}.type`, `기관 유형은 다음 중 하나여야 합니다: ${organisationTypes.join(', ')}`, `expected one of ${organisationTypes.join(', ')}, got ${describe(o.type)}`));
  }
  if (typeof o.country !== 'string' || !isCountryCode(o.country)) {
    out.push(fieldIssue(`${at}.country`, `국가는 ISO 두 글자 코드여야 합니다 (예: KR)`, `expected a two-letter ISO country code such as "KR", got ${describe(o.country)}`));
  }
  let registrationNo: string | undefined;
  if (o.registrationNo !== undefined) {
    if (typeof o.registrationNo !== 'string') {
      out.push(fieldIssue(`${at}.registrationNo`, '사업자등록번호는 문자열(000-00-00000)이어야 합니다', `expected a string 000-00-00000, got ${describe(o.registrationNo)}`));
    } else {
      const check = checkRegistrationNumber(o.registrationNo);
      if (check.valid) registrationNo = check.formatted;
      else out.push({ field: `${at}.registrationNo`, message: check.reason });
    }
  }
  if (o.role !== undefined && (typeof o.role !== 'string' || !/^[a-z][a-z0-9_]*$/.test(o.role))) {
    out.push(fieldIssue(`${at}.role`, `역할은 영문 소문자와 밑줄로 적습니다 (예: ${wellKnownRoles.join(', ')})`, `expected a snake_case role such as ${wellKnownRoles.join(', ')}, got ${describe(o.role)}`));
  }
  if (out.length > before) return undefined;
  return {
    name: (name as string).trim(),
    type: o.type as OrganisationType,
    country: normaliseCountryCode(o.country as string),
    ...(registrationNo ? { registrationNo } : {}),
    ...(o.role !== undefined ? { role: o.role as string } : {}),
  };
}

/** Same registration number, or — when either lacks one — the same name once legal forms and spacing are set aside. */
function sameOrganisation(a: ConsortiumMember, b: ConsortiumMember): boolean {
  if (a.registrationNo && b.registrationNo) return registrationDigits(a.registrationNo) === registrationDigits(b.registrationNo);
  return normaliseOrganisationName(a.name) === normaliseOrganisationName(b.name);
}

/**
 * Reads an application's consortium from untrusted JSON. Every problem is returned, each naming
 * its field the way a person reads it (`participants[2].type`), so a file or a form can be fixed
 * in one pass.
 */
export function parseConsortium(input: unknown): { consortium?: Consortium; issues: FieldIssue[] } {
  const out: FieldIssue[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { issues: [fieldIssue('(root)', '{ "lead", "participants" } 형태의 객체가 필요합니다', `expected an object { "lead", "participants" }, got ${describe(input)}`)] };
  }
  const o = input as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (k !== 'lead' && k !== 'participants') out.push(fieldIssue(k, '알 수 없는 항목입니다 (가능한 항목: lead, participants)', 'unknown field; expected lead and participants'));
  }
  let lead: ConsortiumMember | undefined;
  if (o.lead === undefined) out.push(fieldIssue('lead', '주관기관(lead)이 필요합니다', 'required: the lead institution'));
  else lead = parseMember(o.lead, 'lead', out);

  const participants: (ConsortiumMember | undefined)[] = [];
  if (o.participants !== undefined && !Array.isArray(o.participants)) {
    out.push(fieldIssue('participants', '참여기관 목록(배열)이 필요합니다', `expected an array, got ${describe(o.participants)}`));
  } else {
    // a solo application may leave participants out
    ((o.participants as unknown[] | undefined) ?? []).forEach((p, i) => participants.push(parseMember(p, `participants[${i}]`, out)));
  }

  const seen: { member: ConsortiumMember; at: string }[] = lead ? [{ member: lead, at: 'lead' }] : [];
  participants.forEach((p, i) => {
    if (!p) return;
    const twin = seen.find((s) => sameOrganisation(s.member, p));
    if (twin) {
      out.push(fieldIssue(`participants[${i}]`, `${twin.at}와(과) 같은 기관입니다 (${p.name}); 한 기관은 한 번만 적습니다`, `same organisation as ${twin.at} (${p.name}); list each institution once`));
    }
    seen.push({ member: p, at: `participants[${i}]` });
  });

  if (out.length) return { issues: out };
  return { consortium: { lead: lead!, participants: participants as ConsortiumMember[] }, issues: [] };
}
