import { and, asc, eq } from 'drizzle-orm';
import { parseConsortium } from '@stagegate/core/eligibility/consortium';
import { checkEligibility } from '@stagegate/core/eligibility/check-eligibility';
import type { ProposalDraft, ProposalDomain } from '@stagegate/core/application/proposal';
import type { ApplicationStatus } from '@stagegate/core/application/application-status';
import type { Db } from '../db/connect.ts';
import { applications } from '../db/schema/index.ts';
import { organisationsByIds } from '../organisations/organisation-store.ts';
import type { ResolvedCall } from './call-catalog.ts';

export interface CallTableFilters {
  eligibility?: 'eligible' | 'ineligible';
  domain?: ProposalDomain;
  status?: ApplicationStatus;
}

export interface CallTableRow {
  id: string;
  receiptNo: string | null;
  title: string | null;
  leadName: string | null;
  organisationId: string;
  organisationName: string | null;
  participantCount: number;
  domain: ProposalDomain | null;
  /** the verdict (frozen at submission, else judged now), and the office's override when there is one */
  eligible: boolean | null;
  verdictEligible: boolean | null;
  overridden: boolean;
  status: ApplicationStatus;
  submittedAt: string | null;
  updatedAt: string;
}

/** The program office's list of one call's applications, filtered; drafts are judged on the spot. */
export async function callApplications(db: Db, call: ResolvedCall, filters: CallTableFilters = {}): Promise<CallTableRow[]> {
  const rows = await db
    .select()
    .from(applications)
    .where(
      and(
        eq(applications.programSlug, call.program.slug),
        eq(applications.callKey, call.call.key),
        filters.status ? eq(applications.status, filters.status) : undefined,
      ),
    )
    .orderBy(asc(applications.receiptNo), asc(applications.createdAt));
  const orgs = await organisationsByIds(db, [...new Set(rows.map((r) => r.organisationId))]);
  const out = rows.map((r): CallTableRow => {
    const proposal = r.proposal as ProposalDraft;
    const consortium = parseConsortium(factsOfSnapshot(r.consortium)).consortium;
    const raw = r.consortium as { lead?: { name?: unknown }; participants?: unknown[] } | null;
    const verdictEligible = r.verdict ? r.verdict.eligible : consortium ? checkEligibility(call.program.eligibility, consortium, {}).eligible : null;
    const eligible = r.eligibilityOverride ? r.eligibilityOverride.eligible : verdictEligible;
    return {
      id: r.id,
      receiptNo: r.receiptNo,
      title: proposal.title ?? null,
      leadName: consortium?.lead.name ?? (typeof raw?.lead?.name === 'string' ? raw.lead.name : null),
      organisationId: r.organisationId,
      organisationName: orgs.get(r.organisationId)?.nameKo ?? null,
      participantCount: Array.isArray(raw?.participants) ? raw.participants.length : 0,
      domain: proposal.domain ?? null,
      eligible,
      verdictEligible,
      overridden: !!r.eligibilityOverride,
      status: r.status,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      updatedAt: r.updatedAt.toISOString(),
    };
  });
  return out.filter(
    (r) =>
      (!filters.domain || r.domain === filters.domain) &&
      (!filters.eligibility || (filters.eligibility === 'eligible' ? r.eligible === true : r.eligible === false)),
  );
}

const MEMBER_FACTS = ['name', 'type', 'country', 'registrationNo', 'role'] as const;

/**
 * A stored consortium names organisation records and keeps their facts beside each id as a
 * snapshot; the table judges a draft on those facts (a submitted one carries its own verdict).
 */
function factsOfSnapshot(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const facts = (m: unknown) =>
    typeof m === 'object' && m !== null
      ? Object.fromEntries(MEMBER_FACTS.flatMap((k) => ((m as Record<string, unknown>)[k] === undefined ? [] : [[k, (m as Record<string, unknown>)[k]]])))
      : m;
  const o = raw as { lead?: unknown; participants?: unknown };
  return { lead: facts(o.lead), participants: Array.isArray(o.participants) ? o.participants.map(facts) : o.participants };
}
