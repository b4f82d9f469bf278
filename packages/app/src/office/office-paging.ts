import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { SortOrder } from '@stagegate/core/contract/office';

// the page query and its bound live in the API contract (core)

export interface Paging {
  page: number;
  pageSize: number;
}

export const offsetOf = (p: Paging) => (p.page - 1) * p.pageSize;

/** A page of rows with the total the filters match, so the office sees "31–60 of 412". */
export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * One ORDER BY term in the asked direction, rows without a value last either way (a draft has no
 * receipt number; it belongs after the numbered ones whichever way they run). The expression is one
 * of a list's fixed columns, picked by a whitelisted name, never text from the request.
 */
export const ordered = (expr: SQLWrapper, order: SortOrder): SQL => (order === 'asc' ? sql`${expr} asc nulls last` : sql`${expr} desc nulls last`);
