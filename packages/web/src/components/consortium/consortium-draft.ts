import type { ConsortiumDraft, MemberDraft } from '../../pages/applications/api';
import type { FieldIssue } from '../../api/types';
import { pick } from '../../format/time';

export const emptyMember = (role = ''): MemberDraft => ({ name: '', type: '', country: 'KR', registrationNo: '', role });

function memberFrom(raw: unknown): MemberDraft {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  return { name: s(o.name), type: s(o.type) as MemberDraft['type'], country: s(o.country) || 'KR', registrationNo: s(o.registrationNo), role: s(o.role) };
}

/** The stored consortium (kept as typed) as form rows. */
export function consortiumFrom(raw: unknown): ConsortiumDraft {
  const o = (raw && typeof raw === 'object' ? raw : {}) as { lead?: unknown; participants?: unknown };
  return { lead: memberFrom(o.lead), participants: Array.isArray(o.participants) ? o.participants.map(memberFrom) : [] };
}

/** Form rows as the API reads them: blanks left out, so an empty optional field is absent rather than malformed. */
export function consortiumPayload(d: ConsortiumDraft): { lead: Record<string, string>; participants: Record<string, string>[] } {
  const member = (m: MemberDraft) => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(m)) if (v.trim() !== '') out[k] = k === 'name' ? v : v.trim();
    return out;
  };
  return { lead: member(d.lead), participants: d.participants.map(member) };
}

/** Field → message in the current language; `consortium.` is dropped so rows can look up `lead.name`, `participants[1].type`. */
export function messagesByField(issues: FieldIssue[], lang: string, strip = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const f = strip && i.field.startsWith(strip) ? i.field.slice(strip.length) : i.field;
    out[f] = out[f] ? `${out[f]} · ${pick(i.message, lang)}` : pick(i.message, lang);
  }
  return out;
}
