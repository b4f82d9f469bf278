import { and, asc, count, desc, eq, ilike, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { ApplicationStatus } from '@stagegate/core/application/application-status';
import type { ProposalDomain } from '@stagegate/core/application/proposal';
import type { Db } from '../db/connect.ts';
import { applications, organisations } from '../db/schema/index.ts';
import { escapeLike } from '../db/like-pattern.ts';
import type { CallTableRow } from '../applications/call-table.ts';
import { MAX_EXPORT_ROWS, type OfficeSort, type SortOrder } from '@stagegate/core/contract/office';
import { offsetOf, ordered, type Page, type Paging } from './office-paging.ts';

export interface OfficeApplicationFilters {
  q?: string;
  program?: string;
  call?: string;
  status?: ApplicationStatus;
  /** on the stored verdict (frozen at submission) and the office's override; `undecided` is a draft not yet judged */
  eligibility?: 'eligible' | 'ineligible' | 'undecided';
}

export interface ApplicationSorting {
  sort: OfficeSort<'applications'>;
  order: SortOrder;
}
const newestFirst: ApplicationSorting = { sort: 'submittedAt', order: 'desc' };

// the office's override wins over the verdict frozen at submission; a draft has neither
const eligibleExpr = sql<
  boolean | null
>`coalesce((${applications.eligibilityOverride}->>'eligible')::boolean, (${applications.verdict}->>'eligible')::boolean)`;
const titleExpr = sql<string | null>`${applications.proposal}->>'title'`;

function where(f: OfficeApplicationFilters): SQL | undefined {
  const text = f.q?.trim();
  const pattern = text ? `%${escapeLike(text)}%` : '';
  return and(
    text
      ? or(ilike(titleExpr, pattern), ilike(organisations.nameKo, pattern), ilike(organisations.nameEn, pattern), ilike(applications.receiptNo, pattern))
      : undefined,
    f.program ? eq(applications.programSlug, f.program) : undefined,
    f.call ? eq(applications.callKey, f.call) : undefined,
    f.status ? eq(applications.status, f.status) : undefined,
    f.eligibility === 'eligible'
      ? sql`${eligibleExpr} is true`
      : f.eligibility === 'ineligible'
        ? sql`${eligibleExpr} is false`
        : f.eligibility === 'undecided'
          ? sql`${eligibleExpr} is null`
          : undefined,
  );
}

const columns = {
  id: applications.id,
  program: applications.programSlug,
  call: applications.callKey,
  receiptNo: applications.receiptNo,
  title: titleExpr,
  domain: sql<ProposalDomain | null>`${applications.proposal}->>'domain'`,
  organisationId: applications.organisationId,
  organisationName: organisations.nameKo,
  organisationNameEn: organisations.nameEn,
  participantCount: sql<number>`case when jsonb_typeof(${applications.consortium}->'participants') = 'array' then jsonb_array_length(${applications.consortium}->'participants') else 0 end`,
  status: applications.status,
  eligible: eligibleExpr,
  verdictEligible: sql<boolean | null>`(${applications.verdict}->>'eligible')::boolean`,
  overridden: sql<boolean>`${applications.eligibilityOverride} is not null`,
  submittedAt: applications.submittedAt,
  updatedAt: applications.updatedAt,
};

export type OfficeApplicationRow = Awaited<ReturnType<typeof selectRows>>[number];

// the columns the office sorts by; the name comes from the contract's whitelist
const sortColumns: Record<OfficeSort<'applications'>, SQLWrapper> = {
  submittedAt: applications.submittedAt,
  receiptNo: applications.receiptNo,
  title: titleExpr,
  organisation: organisations.nameKo,
  status: applications.status,
};

function selectRows(db: Db, f: OfficeApplicationFilters, limit: number, offset: number, by: ApplicationSorting = newestFirst) {
  return (
    db
      .select(columns)
      .from(applications)
      .innerJoin(organisations, eq(organisations.id, applications.organisationId))
      .where(where(f))
      // by the chosen column (newest submissions first unless asked), rows without a value after the
      // others; the last change, then the id, keep pages stable under ties
      .orderBy(ordered(sortColumns[by.sort], by.order), desc(applications.updatedAt), asc(applications.id))
      .limit(limit)
      .offset(offset)
  );
}

async function countRows(db: Db, f: OfficeApplicationFilters): Promise<number> {
  const [row] = await db.select({ n: count() }).from(applications).innerJoin(organisations, eq(organisations.id, applications.organisationId)).where(where(f));
  return Number(row?.n ?? 0);
}

/** Every program's applications for the office: searched, filtered and one page at a time (two queries whatever the size). */
export async function officeApplications(
  db: Db,
  f: OfficeApplicationFilters,
  paging: Paging,
  by: ApplicationSorting = newestFirst,
): Promise<Page<OfficeApplicationRow>> {
  const [rows, total] = await Promise.all([selectRows(db, f, paging.pageSize, offsetOf(paging), by), countRows(db, f)]);
  return { rows, total, ...paging };
}

/** The rows an export writes, or how many there would be when that is more than an export holds. */
export async function officeApplicationsForExport(
  db: Db,
  f: OfficeApplicationFilters,
  by: ApplicationSorting = newestFirst,
): Promise<{ status: 'ok'; rows: CallTableRow[] } | { status: 'too_many'; total: number }> {
  const rows = await selectRows(db, f, MAX_EXPORT_ROWS + 1, 0, by);
  if (rows.length > MAX_EXPORT_ROWS) return { status: 'too_many', total: await countRows(db, f) };
  return {
    status: 'ok',
    rows: rows.map((r) => ({
      id: r.id,
      receiptNo: r.receiptNo,
      title: r.title,
      leadName: r.organisationName,
      organisationId: r.organisationId,
      organisationName: r.organisationName,
      participantCount: r.participantCount,
      domain: r.domain,
      eligible: r.eligible,
      verdictEligible: r.verdictEligible,
      overridden: r.overridden,
      status: r.status,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      updatedAt: r.updatedAt.toISOString(),
    })),
  };
}
