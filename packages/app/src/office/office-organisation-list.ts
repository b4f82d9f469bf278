import { and, asc, count, eq, ilike, inArray, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import type { Actor } from '../auth/actor.ts';
import { organisations } from '../db/schema/index.ts';
import { escapeLike } from '../db/like-pattern.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { OfficeSort, SortOrder } from '@stagegate/core/contract/office';
import { offsetOf, ordered, type Page, type Paging } from './office-paging.ts';

export interface OfficeOrganisationFilters {
  q?: string;
  verification?: 'verified' | 'unverified';
}

function where(f: OfficeOrganisationFilters): SQL | undefined {
  const text = f.q?.trim();
  const pattern = text ? `%${escapeLike(text)}%` : '';
  return and(
    text ? or(ilike(organisations.nameKo, pattern), ilike(organisations.nameEn, pattern), ilike(organisations.registrationNo, pattern)) : undefined,
    f.verification ? eq(organisations.verificationStatus, f.verification) : undefined,
  );
}

const columns = {
  id: organisations.id,
  nameKo: organisations.nameKo,
  nameEn: organisations.nameEn,
  type: organisations.type,
  country: organisations.country,
  registrationNo: organisations.registrationNo,
  verificationStatus: organisations.verificationStatus,
  verifiedAt: organisations.verifiedAt,
  revision: organisations.revision,
  createdAt: organisations.createdAt,
};

export interface OrganisationSorting {
  sort: OfficeSort<'organisations'>;
  order: SortOrder;
}
// the columns the office sorts by; the name comes from the contract's whitelist
const sortColumns: Record<OfficeSort<'organisations'>, SQLWrapper> = {
  name: organisations.nameKo,
  createdAt: organisations.createdAt,
  verification: organisations.verificationStatus,
  verifiedAt: organisations.verifiedAt,
};

/** Registered organisations for the office: searched by name or registration number, filtered by verification, sorted (by name unless asked), one page at a time. */
export async function officeOrganisations(db: Db, f: OfficeOrganisationFilters, paging: Paging, by: OrganisationSorting = { sort: 'name', order: 'asc' }) {
  const [rows, [n]] = await Promise.all([
    db
      .select(columns)
      .from(organisations)
      .where(where(f))
      // the id keeps pages stable where the column ties (many share a type of verification)
      .orderBy(ordered(sortColumns[by.sort], by.order), asc(organisations.id))
      .limit(paging.pageSize)
      .offset(offsetOf(paging)),
    db.select({ n: count() }).from(organisations).where(where(f)),
  ]);
  return { rows, total: Number(n?.n ?? 0), ...paging } satisfies Page<unknown>;
}

export interface BulkVerifyInput {
  organisations: { id: string; expectedRevision: number }[];
  verified: boolean;
  mode: 'preview' | 'commit';
  reason: string;
}

export interface BulkVerifyItem {
  id: string;
  nameKo: string | null;
  nameEn: string | null;
  before: 'unverified' | 'verified' | null;
  after: 'unverified' | 'verified';
  /** `change` is written on commit; `unchanged` already holds; `stale` changed since the office looked; `missing` is no organisation */
  outcome: 'change' | 'unchanged' | 'stale' | 'missing';
  currentRevision: number | null;
}

export type BulkVerifyResult =
  { status: 'preview' | 'committed'; items: BulkVerifyItem[]; changed: number } | { status: 'refused'; items: BulkVerifyItem[]; changed: 0 };

/**
 * Verifies (or withdraws verification of) many organisations at once. The preview says what each
 * would become; the commit changes them all or none — one stale or missing organisation refuses the
 * lot, so the office never verifies facts it did not see — with one audit row per organisation.
 */
export async function bulkVerify(db: Db, actor: Actor, input: BulkVerifyInput): Promise<BulkVerifyResult> {
  return db.transaction(async (tx) => {
    const ids = [...new Set(input.organisations.map((o) => o.id))];
    const rows = await tx.select().from(organisations).where(inArray(organisations.id, ids)).orderBy(asc(organisations.id)).for('update');
    const byId = new Map(rows.map((r) => [r.id, r]));
    const after = input.verified ? ('verified' as const) : ('unverified' as const);
    const seen = new Set<string>();
    const items: BulkVerifyItem[] = [];
    for (const want of input.organisations) {
      if (seen.has(want.id)) continue;
      seen.add(want.id);
      const o = byId.get(want.id);
      const outcome = !o ? 'missing' : o.revision !== want.expectedRevision ? 'stale' : o.verificationStatus === after ? 'unchanged' : 'change';
      items.push({
        id: want.id,
        nameKo: o?.nameKo ?? null,
        nameEn: o?.nameEn ?? null,
        before: o?.verificationStatus ?? null,
        after,
        outcome,
        currentRevision: o?.revision ?? null,
      });
    }
    const changing = items.filter((i) => i.outcome === 'change');
    if (input.mode === 'preview') return { status: 'preview' as const, items, changed: changing.length };
    if (items.some((i) => i.outcome === 'stale' || i.outcome === 'missing')) return { status: 'refused' as const, items, changed: 0 as const };
    if (changing.length > 0) {
      await tx
        .update(organisations)
        .set({
          verificationStatus: after,
          verifiedAt: input.verified ? sql`now()` : null,
          verifiedBy: input.verified ? actor.id : null,
          revision: sql`${organisations.revision} + 1`,
          updatedAt: sql`now()`,
        })
        .where(
          inArray(
            organisations.id,
            changing.map((i) => i.id),
          ),
        );
    }
    for (const i of changing) {
      const o = byId.get(i.id)!;
      await appendAudit(tx, actor, {
        action: input.verified ? 'organisation.verify' : 'organisation.unverify',
        objectType: 'organisation',
        objectId: o.id,
        before: { verificationStatus: o.verificationStatus },
        after: { verificationStatus: after, type: o.type, registrationNo: o.registrationNo, country: o.country },
        reason: input.reason,
      });
    }
    return { status: 'committed' as const, items, changed: changing.length };
  });
}
