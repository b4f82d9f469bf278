import { and, asc, desc, eq, gt, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { usageDaily } from '../db/schema/index.ts';

/**
 * Where the last page ended: the day (newest first), then account and cluster user name. Opaque to
 * the client (base64url JSON) so a page boundary never depends on how many rows came before it.
 */
interface UsageCursor {
  day: string;
  account: string;
  user: string;
}

export const encodeUsageCursor = (c: UsageCursor) => Buffer.from(JSON.stringify([c.day, c.account, c.user])).toString('base64url');

export function decodeUsageCursor(text: string): UsageCursor | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => typeof x === 'string')) return null;
    const [day, account, user] = v as [string, string, string];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
    return { day, account, user };
  } catch {
    return null;
  }
}

export interface OfficeUsageFilters {
  account?: string;
  from?: string;
  to?: string;
}

/** Daily GPU usage rows for the office, newest day first, a page after the cursor (one query). */
export async function officeUsage(db: Db, f: OfficeUsageFilters, after: UsageCursor | null, limit: number) {
  const past: SQL | undefined = after
    ? or(
        lt(usageDaily.day, after.day),
        and(eq(usageDaily.day, after.day), gt(usageDaily.account, after.account)),
        and(eq(usageDaily.day, after.day), eq(usageDaily.account, after.account), gt(usageDaily.clusterUsername, after.user)),
      )
    : undefined;
  const rows = await db
    .select({ day: usageDaily.day, account: usageDaily.account, clusterUsername: usageDaily.clusterUsername, taskId: usageDaily.taskId, gpuSeconds: usageDaily.gpuSeconds, jobs: usageDaily.jobs })
    .from(usageDaily)
    .where(and(past, f.account ? eq(usageDaily.account, f.account) : undefined, f.from ? sql`${usageDaily.day} >= ${f.from}` : undefined, f.to ? sql`${usageDaily.day} <= ${f.to}` : undefined))
    .orderBy(desc(usageDaily.day), asc(usageDaily.account), asc(usageDaily.clusterUsername))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({ ...r, gpuHours: Math.round((r.gpuSeconds / 3600) * 100) / 100 })),
    nextCursor: rows.length > limit && last ? encodeUsageCursor({ day: last.day, account: last.account, user: last.clusterUsername }) : null,
  };
}
