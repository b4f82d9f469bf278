import type { FieldIssue, LocalizedText } from '../shared/localized.ts';
import { isOrganisationType, organisationTypes, type OrganisationType } from '../organisation/organisation-type.ts';
import { checkRegistrationNumber, registrationDigits } from '../organisation/registration-number.ts';
import { isCountryCode, normaliseCountryCode } from '../organisation/country.ts';
import { normaliseOrganisationName } from '../organisation/name-normalisation.ts';
import { particle } from '../shared/korean-particles.ts';

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
  /**
   * what the member declares it does in the task, in its own words; a program may require it of
   * foreign participants (specialized-fm: global service development only)
   */
  purpose?: string;
  /** the registry record the facts come from; absent for a consortium typed into a file */
  organisationId?: string;
  /** whether the program office has verified the record's type and registration number */
  verified?: boolean;
  /** the record's other names (its English name), matched against exclusion lists too */
  otherNames?: string[];
}

/** Participants a program accepts unless its data says otherwise (issue 12: 15,000 stalled the server). */
export const DEFAULT_MAX_PARTICIPANTS = 200;

/** An application is a consortium: one lead institution (주관기관) and any participants (참여기관); alone is a consortium of one. */
export interface Consortium {
  lead: ConsortiumMember;
  participants: ConsortiumMember[];
}

/** Roles a form offers; a program may name others in its rules, so any snake_case word is accepted. */
export const wellKnownRoles = ['model_development', 'data', 'evaluation', 'service', 'global_service'] as const;

const roleLabels: Record<(typeof wellKnownRoles)[number], LocalizedText> = {
  model_development: { ko: '모델 개발', en: 'model development' },
  data: { ko: '데이터', en: 'data' },
  evaluation: { ko: '평가', en: 'evaluation' },
  service: { ko: '서비스', en: 'service' },
  global_service: { ko: '글로벌 서비스 개발', en: 'global service development' },
};

/** A role as a person reads it; a role a program invented keeps its own word. */
export function roleLabel(role: string): LocalizedText {
  return (roleLabels as Record<string, LocalizedText>)[role] ?? { ko: role, en: role };
}

/** A declared purpose is a sentence or two; longer text belongs in the proposal. */
export const MAX_PURPOSE_LENGTH = 500;

/** A member's declared purpose, trimmed; an empty one counts as none. Problems go to `out` under `field`. */
export function readPurpose(raw: unknown, field: string, koWho: string, out: FieldIssue[]): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') {
    out.push(fieldIssue(field, `${koWho}의 참여 목적은 글로 적습니다`, 'expected the declared purpose as text'));
    return undefined;
  }
  const text = raw.trim();
  if (text.length > MAX_PURPOSE_LENGTH) {
    out.push(
      fieldIssue(
        field,
        `${koWho}의 참여 목적은 ${MAX_PURPOSE_LENGTH}자 이내로 적습니다 (${text.length}자)`,
        `the declared purpose is at most ${MAX_PURPOSE_LENGTH} characters (got ${text.length})`,
      ),
    );
    return undefined;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) {
    out.push(fieldIssue(field, `${koWho}의 참여 목적에 쓸 수 없는 문자가 있습니다`, 'the declared purpose holds control characters'));
    return undefined;
  }
  return text === '' ? undefined : text;
}

export function consortiumMembers(c: Consortium): ConsortiumMember[] {
  return [c.lead, ...c.participants];
}

const memberKeys = ['name', 'type', 'country', 'registrationNo', 'role', 'purpose'] as const;

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
      out.push(
        fieldIssue(`${at}.${k}`, `알 수 없는 항목입니다 (가능한 항목: ${memberKeys.join(', ')})`, `unknown field; expected one of ${memberKeys.join(', ')}`),
      );
    }
  }
  const name = o.name;
  if (typeof name !== 'string' || name.trim() === '') {
    out.push(fieldIssue(`${at}.name`, '기관명이 필요합니다', `expected a non-empty string, got ${describe(name)}`));
  }
  if (!isOrganisationType(o.type)) {
    out.push(
      fieldIssue(
        `${at}.type`,
        `기관 유형은 다음 중 하나여야 합니다: ${organisationTypes.join(', ')}`,
        `expected one of ${organisationTypes.join(', ')}, got ${describe(o.type)}`,
      ),
    );
  }
  if (typeof o.country !== 'string' || !isCountryCode(o.country)) {
    out.push(
      fieldIssue(
        `${at}.country`,
        `국가는 ISO 두 글자 코드여야 합니다 (예: KR)`,
        `expected a two-letter ISO country code such as "KR", got ${describe(o.country)}`,
      ),
    );
  }
  let registrationNo: string | undefined;
  if (o.registrationNo !== undefined) {
    if (typeof o.registrationNo !== 'string') {
      out.push(
        fieldIssue(
          `${at}.registrationNo`,
          '사업자등록번호는 문자열(000-00-00000)이어야 합니다',
          `expected a string 000-00-00000, got ${describe(o.registrationNo)}`,
        ),
      );
    } else {
      const check = checkRegistrationNumber(o.registrationNo);
      if (check.valid) registrationNo = check.formatted;
      else out.push({ field: `${at}.registrationNo`, message: check.reason });
    }
  }
  if (o.role !== undefined && (typeof o.role !== 'string' || !/^[a-z][a-z0-9_]*$/.test(o.role))) {
    out.push(
      fieldIssue(
        `${at}.role`,
        `역할은 영문 소문자와 밑줄로 적습니다 (예: ${wellKnownRoles.join(', ')})`,
        `expected a snake_case role such as ${wellKnownRoles.join(', ')}, got ${describe(o.role)}`,
      ),
    );
  }
  const purpose = readPurpose(o.purpose, `${at}.purpose`, koPosition(at), out);
  if (out.length > before) return undefined;
  return {
    name: (name as string).trim(),
    type: o.type as OrganisationType,
    country: normaliseCountryCode(o.country as string),
    ...(registrationNo ? { registrationNo } : {}),
    ...(o.role !== undefined ? { role: o.role as string } : {}),
    ...(purpose ? { purpose } : {}),
  };
}

/**
 * Finds members listed twice: the same registration number, or — when either lacks one — the same
 * name once legal forms and spacing are set aside. One pass with three indexes, so a long list costs
 * linear time (a pairwise scan of 15,000 participants took a minute).
 */
export class DuplicateFinder {
  private readonly byNumber = new Map<string, string>();
  private readonly byName = new Map<string, string>();
  private readonly byNameWithoutNumber = new Map<string, string>();

  /** Registers a member under `at`; returns where its twin was listed, if any. */
  add(member: Pick<ConsortiumMember, 'name' | 'registrationNo'>, at: string): string | undefined {
    const name = normaliseOrganisationName(member.name);
    const digits = member.registrationNo ? registrationDigits(member.registrationNo) : undefined;
    const twin = digits ? (this.byNumber.get(digits) ?? this.byNameWithoutNumber.get(name)) : this.byName.get(name);
    if (digits && !this.byNumber.has(digits)) this.byNumber.set(digits, at);
    if (!digits && !this.byNameWithoutNumber.has(name)) this.byNameWithoutNumber.set(name, at);
    if (!this.byName.has(name)) this.byName.set(name, at);
    return twin;
  }
}

/** A list longer than the program allows is refused before any member is read. */
export function participantCapIssue(count: number, max: number, field = 'participants'): FieldIssue | undefined {
  if (count <= max) return undefined;
  return fieldIssue(
    field,
    `참여기관은 최대 ${max}곳까지 적을 수 있습니다 (받은 수: ${count.toLocaleString('en-US')}곳)`,
    `at most ${max} participants per consortium (got ${count.toLocaleString('en-US')})`,
  );
}

/** `lead` → 주관기관, `participants[2]` → 참여기관 3: a Korean reader sees no field paths. */
export function koPosition(at: string): string {
  const m = /^participants\[(\d+)\]$/.exec(at);
  return m ? `참여기관 ${Number(m[1]) + 1}` : '주관기관';
}

/** Members listed twice, each named by its field (`participants[3]`) and its twin's. */
export function duplicateIssues(lead: ConsortiumMember | undefined, participants: readonly (ConsortiumMember | undefined)[]): FieldIssue[] {
  const out: FieldIssue[] = [];
  const finder = new DuplicateFinder();
  if (lead) finder.add(lead, 'lead');
  participants.forEach((p, i) => {
    if (!p) return;
    const twin = finder.add(p, `participants[${i}]`);
    if (twin)
      out.push(
        fieldIssue(
          `participants[${i}]`,
          `${koPosition(twin)}${particle(koPosition(twin), '과/와')} 같은 기관입니다 (${p.name}); 한 기관은 한 번만 적습니다`,
          `same organisation as ${twin} (${p.name}); list each institution once`,
        ),
      );
  });
  return out;
}

/**
 * Reads an application's consortium from untrusted JSON. Every problem is returned, each naming
 * its field the way a person reads it (`participants[2].type`), so a file or a form can be fixed
 * in one pass.
 */
export function parseConsortium(input: unknown, opts: { maxParticipants?: number } = {}): { consortium?: Consortium; issues: FieldIssue[] } {
  const out: FieldIssue[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      issues: [
        fieldIssue('(root)', '{ "lead", "participants" } 형태의 객체가 필요합니다', `expected an object { "lead", "participants" }, got ${describe(input)}`),
      ],
    };
  }
  const o = input as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (k !== 'lead' && k !== 'participants')
      out.push(fieldIssue(k, '알 수 없는 항목입니다 (가능한 항목: lead, participants)', 'unknown field; expected lead and participants'));
  }
  let lead: ConsortiumMember | undefined;
  if (o.lead === undefined) out.push(fieldIssue('lead', '주관기관(lead)이 필요합니다', 'required: the lead institution'));
  else lead = parseMember(o.lead, 'lead', out);

  const participants: (ConsortiumMember | undefined)[] = [];
  if (o.participants !== undefined && !Array.isArray(o.participants)) {
    out.push(fieldIssue('participants', '참여기관 목록(배열)이 필요합니다', `expected an array, got ${describe(o.participants)}`));
  } else if (Array.isArray(o.participants) && participantCapIssue(o.participants.length, opts.maxParticipants ?? DEFAULT_MAX_PARTICIPANTS)) {
    return { issues: [participantCapIssue(o.participants.length, opts.maxParticipants ?? DEFAULT_MAX_PARTICIPANTS)!] };
  } else {
    // a solo application may leave participants out
    ((o.participants as unknown[] | undefined) ?? []).forEach((p, i) => participants.push(parseMember(p, `participants[${i}]`, out)));
  }

  out.push(...duplicateIssues(lead, participants));

  if (out.length) return { issues: out };
  return { consortium: { lead: lead!, participants: participants as ConsortiumMember[] }, issues: [] };
}
