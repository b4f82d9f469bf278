import { and, eq, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { officeSorts, sortOrders, type OfficeSort, type SortOrder } from '@stagegate/core/contract/office';
import type { Db } from '../db/connect.ts';
import { tasks, usageDaily } from '../db/schema/index.ts';
import { ordered } from './office-paging.ts';

type UsageSort = OfficeSort<'usage'>;

/**
 * Where the last page ended: the sort it was made for, that row's value of the sorted column, and
 * its day, account and cluster user name (together unique). Opaque to the client (base64url JSON) so
 * a page boundary never depends on how many rows came before it. The newest-day-first cursor keeps
 * its first form, three strings, so an address saved before the list could be sorted still reads.
 */
interface UsageCursor {
  sort: UsageSort;
  order: SortOrder;
  value: string | number;
  day: string;
  account: string;
  user: string;
}

const isDefault = (c: { sort: UsageSort; order: SortOrder }) => c.sort === 'day' && c.order === 'desc';

export const encodeUsageCursor = (c: UsageCursor) =>
  Buffer.from(JSON.stringify(isDefault(c) ? [c.day, c.account, c.user] : [c.day, c.account, c.user, c.sort, c.order, c.value])).toString('base64url');

export function decodeUsageCursor(text: string): UsageCursor | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || (v.length !== 3 && v.length !== 6) || !v.slice(0, 3).every((x) => typeof x === 'string')) return null;
    const [day, account, user, sort = 'day', order = 'desc', value = day] = v as [string, string, string, unknown?, unknown?, unknown?];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
    if (!(officeSorts.usage as readonly unknown[]).includes(sort) || !(sortOrders as readonly unknown[]).includes(order)) return null;
    const s = sort as UsageSort;
    if (s === 'gpuHours' ? !Number.isSafeInteger(value) : typeof value !== 'string') return null;
    return { sort: s, order: order as SortOrder, value: value as string | number, day, account, user };
  } catch {
    return null;
  }
}

export interface OfficeUsageFilters {
  account?: string;
  from?: string;
  to?: string;
}

export interface UsageSorting {
  sort: UsageSort;
  order: SortOrder;
}

const taskKey = sql<string>`coalesce(${tasks.key}, '')`;
// the columns the office sorts by; the name comes from the contract's whitelist
const sortColumns: Record<UsageSort, SQLWrapper> = { day: usageDaily.day, gpuHours: usageDaily.gpuSeconds, task: taskKey, account: usageDaily.account };

interface Term {
  expr: SQLWrapper;
  order: SortOrder;
  value: (c: UsageCursor) => string | number;
}

/** The sorted column, then day, account and user (the row's key) so every row has one place. */
function termsOf(by: UsageSorting): Term[] {
  const sorted: Term = { expr: sortColumns[by.sort], order: by.order, value: (c) => c.value };
  const day: Term = { expr: usageDaily.day, order: by.sort === 'day' ? by.order : 'desc', value: (c) => c.day };
  const account: Term = { expr: usageDaily.account, order: by.sort === 'account' ? by.order : 'asc', value: (c) => c.account };
  const user: Term = { expr: usageDaily.clusterUsername, order: 'asc', value: (c) => c.user };
  if (by.sort === 'day') return [day, account, user];
  if (by.sort === 'account') return [account, day, user];
  return [sorted, day, account, user];
}

/** The rows after the cursor in the terms' order: (a > x) or (a = x and b > y) or …, each way as its term runs. */
function after(terms: Term[], c: UsageCursor): SQL | undefined {
  const beyond = (t: Term) => (t.order === 'asc' ? sql`${t.expr} > ${t.value(c)}` : sql`${t.expr} < ${t.value(c)}`);
  return or(...terms.map((t, i) => and(...terms.slice(0, i).map((p) => sql`${p.expr} = ${p.value(c)}`), beyond(t))));
}

/** Daily GPU usage rows for the office, sorted (newest day first unless asked), a page after the cursor (one query). */
export async function officeUsage(db: Db, f: OfficeUsageFilters, cursor: UsageCursor | null, limit: number, by: UsageSorting = { sort: 'day', order: 'desc' }) {
  const terms = termsOf(by);
  const rows = await db
    .select({
      day: usageDaily.day,
      account: usageDaily.account,
      clusterUsername: usageDaily.clusterUsername,
      taskId: usageDaily.taskId,
      task: tasks.key,
      gpuSeconds: usageDaily.gpuSeconds,
      jobs: usageDaily.jobs,
    })
    .from(usageDaily)
    .leftJoin(tasks, eq(tasks.id, usageDaily.taskId))
    .where(
      and(
        cursor ? after(terms, cursor) : undefined,
        f.account ? eq(usageDaily.account, f.account) : undefined,
        f.from ? sql`${usageDaily.day} >= ${f.from}` : undefined,
        f.to ? sql`${usageDaily.day} <= ${f.to}` : undefined,
      ),
    )
    .orderBy(...terms.map((t) => ordered(t.expr, t.order)))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const valueOf = (r: (typeof rows)[number]): string | number =>
    by.sort === 'gpuHours' ? r.gpuSeconds : by.sort === 'task' ? (r.task ?? '') : by.sort === 'account' ? r.account : r.day;
  return {
    rows: page.map((r) => ({ ...r, gpuHours: Math.round((r.gpuSeconds / 3600) * 100) / 100 })),
    nextCursor:
      rows.length > limit && last ? encodeUsageCursor({ ...by, value: valueOf(last), day: last.day, account: last.account, user: last.clusterUsername }) : null,
  };
}
