import { and, count, eq, ne } from 'drizzle-orm';
import type { FieldIssue } from '@stagegate/core/shared/localized';
import { parseConsortium, type Consortium } from '@stagegate/core/eligibility/consortium';
import { checkEligibility } from '@stagegate/core/eligibility/check-eligibility';
import type { Verdict } from '@stagegate/core/eligibility/verdict';
import type { ProgramDefinition } from '@stagegate/core/program/definition';
import { leadIdentity } from '@stagegate/core/application/lead-identity';
import type { Db, Tx } from '../db/connect.ts';
import { applications, type EligibilityOverride } from '../db/schema/index.ts';

export interface EligibilityAnswer {
  /** null when the consortium itself is malformed; `issues` then says where */
  verdict: Verdict | null;
  issues: FieldIssue[];
  override: EligibilityOverride | null;
  /** the office's override when there is one, else the verdict */
  eligible: boolean;
}

/** The lead's identity kept beside each application, so the per-lead count is one indexed query. */
export function leadKeyOf(rawConsortium: unknown): string | null {
  const parsed = parseConsortium(rawConsortium).consortium;
  return parsed ? leadIdentity(parsed.lead) : null;
}

/** Submitted applications of the call led by the same organisation, for the "N per lead" rule. */
async function otherApplicationsLedBy(db: Db | Tx, program: string, call: string, consortium: Consortium, excludeId?: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(applications)
    .where(
      and(
        eq(applications.programSlug, program),
        eq(applications.callKey, call),
        eq(applications.leadKey, leadIdentity(consortium.lead)),
        eq(applications.status, 'submitted'),
        excludeId ? ne(applications.id, excludeId) : undefined,
      ),
    );
  return row?.n ?? 0;
}

/** The verdict the form shows live and submission enforces: core's engine fed with the call's facts. */
export async function judgeConsortium(
  db: Db | Tx,
  program: ProgramDefinition,
  rawConsortium: unknown,
  opts: { call?: string; applicationId?: string; override?: EligibilityOverride | null } = {},
): Promise<EligibilityAnswer> {
  const { consortium, issues } = parseConsortium(rawConsortium);
  const override = opts.override ?? null;
  if (!consortium) return { verdict: null, issues: issues.map((i) => ({ ...i, field: `consortium.${i.field}` })), override, eligible: override?.eligible ?? false };
  const others = opts.call ? await otherApplicationsLedBy(db, program.slug, opts.call, consortium, opts.applicationId) : 0;
  const verdict = checkEligibility(program.eligibility, consortium, { otherApplicationsLedBySameOrg: others });
  return { verdict, issues: [], override, eligible: override ? override.eligible : verdict.eligible };
}

/** Failed rules as field issues, so a refused submission names what to fix. */
export function verdictIssues(verdict: Verdict): FieldIssue[] {
  return verdict.rules.filter((r) => !r.passed).map((r) => ({ field: `eligibility.${r.id}`, message: r.message }));
}
