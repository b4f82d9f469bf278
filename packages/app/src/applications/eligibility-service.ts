import { inArray, sql } from 'drizzle-orm';
import type { FieldIssue } from '@stagegate/core/shared/localized';
import { DEFAULT_MAX_PARTICIPANTS, type Consortium } from '@stagegate/core/eligibility/consortium';
import { consortiumFromRecords, parseConsortiumRefs, storedConsortium } from '@stagegate/core/eligibility/consortium-refs';
import { checkEligibility } from '@stagegate/core/eligibility/check-eligibility';
import type { Verdict } from '@stagegate/core/eligibility/verdict';
import type { ProgramDefinition } from '@stagegate/core/program/definition';
import { leadIdentity } from '@stagegate/core/application/lead-identity';
import type { Db, Tx } from '../db/connect.ts';
import { organisations, type EligibilityOverride } from '../db/schema/index.ts';
import { organisationRecord } from '../organisations/organisation-store.ts';
import type { OrganisationRecord } from '@stagegate/core/organisation/registry-record';

export interface EligibilityAnswer {
  /** null when the consortium itself is malformed; `issues` then says where */
  verdict: Verdict | null;
  issues: FieldIssue[];
  override: EligibilityOverride | null;
  /** the office's override when there is one, else the verdict */
  eligible: boolean;
  /** the consortium as judged, every fact from the registry (absent when malformed) */
  consortium?: Consortium;
}

/** The lead's identity kept beside each application, so the per-lead count is one indexed query. */
export function leadKeyOf(lead: { nameKo: string; registrationNo: string | null }): string {
  return leadIdentity({ name: lead.nameKo, ...(lead.registrationNo ? { registrationNo: lead.registrationNo } : {}) });
}

export const maxParticipantsOf = (program: ProgramDefinition) => program.eligibility.maxParticipants ?? DEFAULT_MAX_PARTICIPANTS;

/**
 * The consortium with every fact read from the registry: the lead is the applying organisation,
 * the participants the records the draft names. `snapshot` reads a stored consortium (which keeps
 * the records' facts beside their ids for readers); input from a client may carry ids and roles only.
 */
export async function resolveConsortium(
  db: Db | Tx,
  program: ProgramDefinition,
  raw: unknown,
  leadOrganisationId: string,
  opts: { snapshot?: boolean; records?: readonly OrganisationRecord[] } = {},
): Promise<{ consortium?: Consortium; issues: FieldIssue[] }> {
  const { refs, issues } = parseConsortiumRefs(raw ?? {}, { maxParticipants: maxParticipantsOf(program), snapshot: opts.snapshot });
  if (!refs) return { issues };
  // ids that are not uuids never reach the query: parseConsortiumRefs checked them
  const ids = [leadOrganisationId, ...refs.participants.map((p) => p.organisationId)];
  const rows = opts.records ?? (await db.select().from(organisations).where(inArray(organisations.id, ids))).map(organisationRecord);
  const records = new Map(rows.map((r) => [r.id, r]));
  const lead = records.get(leadOrganisationId);
  if (!lead) return { issues: [{ field: 'lead', message: { ko: '주관기관이 기관 등록부에 없습니다', en: 'the lead organisation is not in the registry' } }] };
  return consortiumFromRecords(refs, lead, records);
}

/** What a draft stores for a consortium sent by a client: ids and roles, with the records' facts beside them. */
export async function draftConsortiumFor(db: Db | Tx, program: ProgramDefinition, raw: unknown, leadOrganisationId: string, opts: { snapshot?: boolean } = {}) {
  const { consortium, issues } = await resolveConsortium(db, program, raw, leadOrganisationId, opts);
  return { stored: consortium ? storedConsortium(consortium) : undefined, issues: issues.map((i) => ({ ...i, field: `consortium.${i.field}` })) };
}

/**
 * What judging a stored consortium reads, when the caller has read it already: the registry records
 * of the lead and the participants, and the call's other submitted applications under the lead key
 * the application was stored with.
 */
interface ConsortiumFacts {
  records: readonly OrganisationRecord[];
  ledBy: { leadKey: string | null; submitted: number };
}

/**
 * How many of the call's submitted applications a lead key leads, one application left out: the
 * count the per-lead limit is judged on — read here, beside the locked application when it is
 * submitted, and again under the call's queue before its receipt is written.
 */
export const submittedLedBy = (program: unknown, call: unknown, leadKey: unknown, except: unknown) =>
  sql<number>`(select count(*)::int from applications o where o.program_slug = ${program} and o.call_key = ${call}
    and o.lead_key = ${leadKey} and o.status = 'submitted' and o.id is distinct from ${except})`;

/** Submitted applications of the call led by the same organisation, for the "N per lead" rule. */
async function otherApplicationsLedBy(db: Db | Tx, program: string, call: string, consortium: Consortium, excludeId?: string): Promise<number> {
  const res = await db.execute(sql`select ${submittedLedBy(program, call, leadIdentity(consortium.lead), excludeId ?? null)} as n`);
  return Number((res as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
}

/**
 * The verdict the form shows live and submission enforces: core's engine fed with the registry's
 * facts and the call's. `leadOrganisationId` is the applying organisation (the application's, never
 * a typed name).
 */
export async function judgeConsortium(
  db: Db | Tx,
  program: ProgramDefinition,
  rawConsortium: unknown,
  opts: {
    leadOrganisationId: string;
    call?: string;
    applicationId?: string;
    override?: EligibilityOverride | null;
    snapshot?: boolean;
    /** read beside other things already (the submission's locked select): see `ConsortiumFacts` */
    facts?: ConsortiumFacts;
  },
): Promise<EligibilityAnswer> {
  const { consortium, issues } = await resolveConsortium(db, program, rawConsortium, opts.leadOrganisationId, {
    snapshot: opts.snapshot ?? true,
    records: opts.facts?.records,
  });
  const override = opts.override ?? null;
  if (!consortium)
    return { verdict: null, issues: issues.map((i) => ({ ...i, field: `consortium.${i.field}` })), override, eligible: override?.eligible ?? false };
  // the count read beside the application holds for the lead key it was stored under; a lead whose
  // record changed since (another name or registration number) is counted under its key of today
  const counted = opts.facts && opts.facts.ledBy.leadKey === leadIdentity(consortium.lead) ? opts.facts.ledBy.submitted : undefined;
  const others = opts.call ? (counted ?? (await otherApplicationsLedBy(db, program.slug, opts.call, consortium, opts.applicationId))) : 0;
  const verdict = checkEligibility(program.eligibility, consortium, { otherApplicationsLedBySameOrg: others });
  return { verdict, issues: [], override, eligible: override ? override.eligible : verdict.eligible, consortium };
}

/** Failed rules as field issues, so a refused submission names what to fix. */
export function verdictIssues(verdict: Verdict): FieldIssue[] {
  return verdict.rules.filter((r) => !r.passed).map((r) => ({ field: `eligibility.${r.id}`, message: r.message }));
}
