import { issue, type FieldIssue } from '../shared/localized.ts';
import { isUuid } from '../shared/uuid.ts';
import type { OrganisationRecord } from '../organisation/registry-record.ts';
import { DEFAULT_MAX_PARTICIPANTS, duplicateIssues, participantCapIssue, readPurpose, type Consortium, type ConsortiumMember } from './consortium.ts';
import { particle } from '../shared/korean-particles.ts';

/**
 * An application's consortium as a draft stores it: organisation records picked from the registry,
 * each with its part in the task. Names, types, countries and registration numbers are never
 * typed: they come from the records, so no one can claim another organisation's name or re-type
 * itself into an eligible category.
 */
export interface MemberRef {
  organisationId: string;
  role?: string;
  /** declared by the applicant: the member's purpose in the task, in its own words */
  purpose?: string;
}
export interface ConsortiumRefs {
  participants: MemberRef[];
  leadRole?: string;
  leadPurpose?: string;
}

const ROLE = /^[a-z][a-z0-9_]*$/;
// facts a member used to type; now refused with a pointer to the registry
const TYPED_FACTS = new Set(['name', 'type', 'country', 'registrationNo']);
// a stored member carries the record's facts as a snapshot for readers; they are re-read from the registry
const SNAPSHOT_FACTS = new Set(['name', 'nameEn', 'type', 'country', 'registrationNo', 'verified']);

const koAt = (at: string) => (at === 'lead' ? '주관기관' : `참여기관 ${Number(/\d+/.exec(at)![0]) + 1}`);

function parseRef(raw: unknown, at: string, out: FieldIssue[], opts: { snapshot: boolean; lead: boolean }): MemberRef | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    out.push(issue(at, `${koAt(at)}: 등록된 기관을 골라 주세요`, 'expected an object { "organisationId", "role"? }'));
    return undefined;
  }
  const o = raw as Record<string, unknown>;
  const before = out.length;
  for (const k of Object.keys(o)) {
    if (k === 'organisationId' || k === 'role' || k === 'purpose' || (opts.snapshot && SNAPSHOT_FACTS.has(k))) continue;
    if (TYPED_FACTS.has(k)) {
      out.push(
        issue(
          `${at}.${k}`,
          `${koAt(at)}의 기관명·유형·국가·사업자등록번호는 입력하지 않습니다. 기관 등록부에서 기관을 골라 주세요`,
          `${k} is not typed: pick the organisation from the registry (organisationId); its facts come from its record`,
        ),
      );
    } else {
      out.push(issue(`${at}.${k}`, `${koAt(at)}에 알 수 없는 항목이 있습니다`, 'unknown field; expected organisationId, role and purpose'));
    }
  }
  const id = o.organisationId;
  if (!opts.lead && !isUuid(id)) {
    out.push(
      issue(
        `${at}.organisationId`,
        `${koAt(at)}: 기관 등록부에서 기관을 골라 주세요`,
        'pick a registered organisation: organisationId must be the id of an organisation record',
      ),
    );
  }
  if (o.role !== undefined && o.role !== '' && (typeof o.role !== 'string' || !ROLE.test(o.role))) {
    out.push(issue(`${at}.role`, `${koAt(at)}의 역할 값이 올바르지 않습니다`, 'expected a snake_case role such as model_development, data, global_service'));
  }
  const purpose = readPurpose(o.purpose, `${at}.purpose`, koAt(at), out);
  if (out.length > before) return undefined;
  const role = typeof o.role === 'string' && o.role !== '' ? o.role : undefined;
  return { organisationId: typeof id === 'string' ? id : '', ...(role ? { role } : {}), ...(purpose ? { purpose } : {}) };
}

/**
 * Reads the consortium of a draft from untrusted JSON: `{ lead?: { role?, purpose? }, participants: [{
 * organisationId, role?, purpose? }] }`. The lead is always the applying organisation, so its id is not
 * read. A list longer than the program's cap is refused before any member is looked at.
 * With `snapshot`, the record facts a stored consortium carries beside each id are tolerated.
 */
export function parseConsortiumRefs(
  input: unknown,
  opts: { maxParticipants?: number; snapshot?: boolean } = {},
): { refs?: ConsortiumRefs; issues: FieldIssue[] } {
  const out: FieldIssue[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { issues: [issue('(root)', '컨소시엄 정보(객체)가 필요합니다', 'expected an object { "lead", "participants" }')] };
  }
  const o = input as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (k !== 'lead' && k !== 'participants') out.push(issue(k, '알 수 없는 항목입니다', 'unknown field; expected lead and participants'));
  const raw = o.participants ?? [];
  if (!Array.isArray(raw)) return { issues: [...out, issue('participants', '참여기관 목록이 필요합니다', 'expected an array')] };
  const cap = participantCapIssue(raw.length, opts.maxParticipants ?? DEFAULT_MAX_PARTICIPANTS);
  if (cap) return { issues: [cap] };
  const snapshot = opts.snapshot ?? false;
  const lead = o.lead === undefined ? undefined : parseRef(o.lead, 'lead', out, { snapshot, lead: true });
  const participants = raw.map((p, i) => parseRef(p, `participants[${i}]`, out, { snapshot, lead: false }));
  const firstAt = new Map<string, number>();
  participants.forEach((p, i) => {
    if (!p) return;
    const twin = firstAt.get(p.organisationId);
    if (twin !== undefined)
      out.push(
        issue(
          `participants[${i}]`,
          `참여기관 ${twin + 1}${particle(twin + 1, '과/와')} 같은 기관입니다. 한 기관은 한 번만 적습니다`,
          `same organisation as participants[${twin}]; list each institution once`,
        ),
      );
    else firstAt.set(p.organisationId, i);
  });
  if (out.length) return { issues: out };
  return {
    refs: {
      participants: participants as MemberRef[],
      ...(lead?.role ? { leadRole: lead.role } : {}),
      ...(lead?.purpose ? { leadPurpose: lead.purpose } : {}),
    },
    issues: [],
  };
}

/** One member with its facts from the registry record (the Korean name leads, the English one is matched too). */
export function memberFromRecord(record: OrganisationRecord, role?: string, purpose?: string): ConsortiumMember {
  return {
    name: record.nameKo,
    type: record.type,
    country: record.country,
    ...(record.registrationNo ? { registrationNo: record.registrationNo } : {}),
    ...(role ? { role } : {}),
    ...(purpose ? { purpose } : {}),
    organisationId: record.id,
    verified: record.verified,
    otherNames: [record.nameEn],
  };
}

/**
 * The consortium judged: the lead is the applying organisation's record, each participant its
 * record. An id with no record, or the lead listed again as a participant, is named by its field.
 */
export function consortiumFromRecords(
  refs: ConsortiumRefs,
  lead: OrganisationRecord,
  records: ReadonlyMap<string, OrganisationRecord>,
): { consortium?: Consortium; issues: FieldIssue[] } {
  const out: FieldIssue[] = [];
  const participants: ConsortiumMember[] = [];
  refs.participants.forEach((ref, i) => {
    const at = `participants[${i}]`;
    if (ref.organisationId === lead.id) {
      out.push(issue(at, `참여기관 ${i + 1}${particle(i + 1, '은/는')} 주관기관과 같은 기관입니다`, `${at} is the lead itself; list each institution once`));
      return;
    }
    const record = records.get(ref.organisationId);
    if (!record)
      out.push(
        issue(
          `${at}.organisationId`,
          `참여기관 ${i + 1}: 등록되지 않은 기관입니다. 기관 등록부에서 골라 주세요`,
          'no organisation record with this id; pick a registered organisation',
        ),
      );
    else participants.push(memberFromRecord(record, ref.role, ref.purpose));
  });
  if (out.length) return { issues: out };
  const leadMember = memberFromRecord(lead, refs.leadRole, refs.leadPurpose);
  // two records of one organisation (same number or same folded name) still count once
  const dupes = duplicateIssues(leadMember, participants);
  if (dupes.length) return { issues: dupes };
  return { consortium: { lead: leadMember, participants }, issues: [] };
}

/** What a draft stores: the ids and roles, with the records' facts beside them for readers (review, receipts). */
export function storedConsortium(c: Consortium): { lead: Record<string, unknown>; participants: Record<string, unknown>[] } {
  const snap = (m: ConsortiumMember) => ({
    organisationId: m.organisationId,
    name: m.name,
    ...(m.otherNames?.[0] ? { nameEn: m.otherNames[0] } : {}),
    type: m.type,
    country: m.country,
    ...(m.registrationNo ? { registrationNo: m.registrationNo } : {}),
    ...(m.role ? { role: m.role } : {}),
    ...(m.purpose ? { purpose: m.purpose } : {}),
    verified: m.verified === true,
  });
  return { lead: snap(c.lead), participants: c.participants.map(snap) };
}
