import type { ConsortiumDraft, MemberDraft } from '../../pages/applications/api';
import type { FieldIssue } from '../../api/types';
import { pick } from '../../format/time';

export const emptyMember = (role = ''): MemberDraft => ({
  organisationId: '',
  name: '',
  type: '',
  country: '',
  registrationNo: '',
  verified: false,
  role,
  purpose: '',
});

function memberFrom(raw: unknown): MemberDraft {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    organisationId: s(o.organisationId),
    name: s(o.name),
    type: s(o.type) as MemberDraft['type'],
    country: s(o.country),
    registrationNo: s(o.registrationNo),
    verified: o.verified === true,
    role: s(o.role),
    purpose: s(o.purpose),
  };
}

/** The stored consortium (kept as typed) as form rows. */
export function consortiumFrom(raw: unknown): ConsortiumDraft {
  const o = (raw && typeof raw === 'object' ? raw : {}) as { lead?: unknown; participants?: unknown };
  return { lead: memberFrom(o.lead), participants: Array.isArray(o.participants) ? o.participants.map(memberFrom) : [] };
}

/**
 * Form rows as the API reads them: the lead's role, and each picked record's id with its role and
 * declared purpose. The
 * facts (name, type, number) are the registry's and are never sent; a row with no record picked yet
 * is left out until one is.
 */
export function consortiumPayload(d: ConsortiumDraft): { lead: Record<string, string>; participants: Record<string, string>[] } {
  const withRole = (m: MemberDraft): Record<string, string> => ({
    ...(m.role.trim() ? { role: m.role.trim() } : {}),
    ...(m.purpose.trim() ? { purpose: m.purpose.trim() } : {}),
  });
  return {
    lead: withRole(d.lead),
    participants: d.participants.filter((p) => p.organisationId).map((p) => ({ organisationId: p.organisationId, ...withRole(p) })),
  };
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
