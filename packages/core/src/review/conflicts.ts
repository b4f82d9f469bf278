import type { LocalizedText } from '../shared/localized.ts';

export interface ReviewerAffiliation {
  organisationId: string;
  /** first and last year (inclusive); no `toYear` means current */
  fromYear: number;
  toYear?: number;
}

export interface ConflictReviewer {
  id: string;
  /** the person behind the reviewer, to find them among application members */
  personId?: string;
  affiliations: ReviewerAffiliation[];
}

export interface ConflictApplication {
  id: string;
  callId: string;
  /** lead and participating institutions of the consortium */
  organisationIds: string[];
  /** people named on the application (researchers, contacts) */
  memberPersonIds: string[];
}

export type ConflictType = 'same-organisation' | 'past-affiliation' | 'competing-application' | 'declared';
/** how grave the tie is; either way an unwaived conflict is never assigned */
export type ConflictSeverity = 'high' | 'medium';

export interface DeclaredConflict {
  applicationId: string;
  reviewerId: string;
  reason: string;
  severity?: ConflictSeverity;
}

export interface ConflictWaiver {
  applicationId: string;
  reviewerId: string;
  type: ConflictType;
  reason: string;
}

export interface Conflict {
  applicationId: string;
  reviewerId: string;
  type: ConflictType;
  severity: ConflictSeverity;
  detail: LocalizedText;
  /** set when the operator waived it; a waived conflict no longer blocks assignment */
  waiver?: { reason: string };
}

export interface ConflictInput {
  reviewers: ConflictReviewer[];
  applications: ConflictApplication[];
  declared?: DeclaredConflict[];
  waivers?: ConflictWaiver[];
  /** the year to measure past affiliations against (the caller's clock, never ours) */
  currentYear: number;
  /** a past affiliation counts if it ended within this many years (default 3) */
  pastAffiliationYears?: number;
}

/**
 * Every conflict of interest between reviewers and applications, with type and severity:
 * current affiliation with any consortium member (high); a past one that ended within N years
 * (medium); the reviewer named on an application in the same call, which conflicts them with
 * every application of that call (high); and declared ones. Waivers are attached, not dropped,
 * so the record shows what was waived and why. Sorted by application, reviewer, type.
 */
export function detectConflicts(input: ConflictInput): Conflict[] {
  const years = input.pastAffiliationYears ?? 3;
  const out = new Map<string, Conflict>();
  const add = (c: Conflict) => {
    const k = `${c.applicationId}\u0000${c.reviewerId}\u0000${c.type}`;
    if (!out.has(k)) out.set(k, c);
  };
  const callOfMember = new Map<string, Set<string>>();
  for (const a of input.applications) {
    for (const person of a.memberPersonIds) {
      (callOfMember.get(person) ?? callOfMember.set(person, new Set()).get(person)!).add(a.callId);
    }
  }
  for (const r of input.reviewers) {
    const memberCalls = r.personId ? callOfMember.get(r.personId) : undefined;
    for (const a of input.applications) {
      const orgs = new Set(a.organisationIds);
      for (const aff of r.affiliations) {
        if (!orgs.has(aff.organisationId)) continue;
        if (aff.toYear === undefined || aff.toYear >= input.currentYear) {
          add({
            applicationId: a.id,
            reviewerId: r.id,
            type: 'same-organisation',
            severity: 'high',
            detail: {
              ko: `평가위원이 컨소시엄 참여기관(${aff.organisationId})에 재직 중입니다`,
              en: `the reviewer works at a consortium member (${aff.organisationId})`,
            },
          });
        } else if (input.currentYear - aff.toYear <= years) {
          add({
            applicationId: a.id,
            reviewerId: r.id,
            type: 'past-affiliation',
            severity: 'medium',
            detail: {
              ko: `평가위원이 ${aff.toYear}년까지 컨소시엄 참여기관(${aff.organisationId})에 재직했습니다(${years}년 이내)`,
              en: `the reviewer worked at a consortium member (${aff.organisationId}) until ${aff.toYear}, within ${years} years`,
            },
          });
        }
      }
      if (memberCalls?.has(a.callId)) {
        add({
          applicationId: a.id,
          reviewerId: r.id,
          type: 'competing-application',
          severity: 'high',
          detail: {
            ko: `평가위원이 같은 공모(${a.callId})의 신청서에 참여하고 있습니다`,
            en: `the reviewer is a member of an application in the same call (${a.callId})`,
          },
        });
      }
    }
  }
  for (const d of input.declared ?? []) {
    add({
      applicationId: d.applicationId,
      reviewerId: d.reviewerId,
      type: 'declared',
      severity: d.severity ?? 'high',
      detail: { ko: `평가위원이 신고한 이해충돌: ${d.reason}`, en: `declared by the reviewer: ${d.reason}` },
    });
  }
  for (const w of input.waivers ?? []) {
    const c = out.get(`${w.applicationId}\u0000${w.reviewerId}\u0000${w.type}`);
    if (c) c.waiver = { reason: w.reason };
  }
  return [...out.values()].sort((a, b) => cmp(a.applicationId, b.applicationId) || cmp(a.reviewerId, b.reviewerId) || cmp(a.type, b.type));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The pairs that must not be assigned: any conflict not waived. Feeds the instance's `conflicts`. */
export function blockingPairs(conflicts: Conflict[]): [string, string][] {
  const seen = new Set<string>();
  const out: [string, string][] = [];
  const waived = new Set(conflicts.filter((c) => c.waiver).map((c) => `${c.applicationId}\u0000${c.reviewerId}\u0000${c.type}`));
  for (const c of conflicts) {
    const k = `${c.applicationId}\u0000${c.reviewerId}`;
    if (waived.has(`${k}\u0000${c.type}`) || seen.has(k)) continue;
    seen.add(k);
    out.push([c.applicationId, c.reviewerId]);
  }
  return out;
}
