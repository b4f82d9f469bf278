import { and, gte, lte } from 'drizzle-orm';
import type { UsageSummary } from '@stagegate/core/usage/aggregate';
import { coveredDays } from '@stagegate/core/usage/covered-days';
import type { Db, Tx } from '../db/connect.ts';
import { usageDaily, usageImports } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { taskIdsByAccount } from './account-tasks.ts';

export interface UsageImportReport {
  importId: string;
  firstDay: string | null;
  lastDay: string | null;
  jobsRead: number;
  rowsWritten: number;
  /** rows of the replaced days that were there before */
  rowsReplaced: number;
  unmappedAccounts: string[];
  /** GPU jobs charged nothing, with why (never started, no duration in the file) */
  notCharged: UsageSummary['notCharged'];
}

/**
 * Stores a usage summary per account, user and Seoul day. The idempotence rule: an import replaces
 * every stored row on the days it covers (see coveredDays) — all accounts — and adds nothing
 * elsewhere, so importing the same window twice leaves the same rows, and a later overlapping
 * import wins for the days it covers. One transaction: either all of it or none.
 */
export async function storeUsageSummary(db: Db, actor: Actor | null, summary: UsageSummary, source: string): Promise<UsageImportReport> {
  return db.transaction((tx) => storeUsageSummaryIn(tx, actor, summary, source));
}

/** The same, inside the caller's transaction (a durable import job stores it as it marks itself done). */
export async function storeUsageSummaryIn(tx: Tx, actor: Actor | null, summary: UsageSummary, source: string): Promise<UsageImportReport> {
  const days = coveredDays(summary);
  const accounts = await taskIdsByAccount(tx);
  const unmapped = [...new Set(summary.daily.map((d) => d.account).filter((a) => !accounts.has(a)))].sort();
  const [imp] = await tx
    .insert(usageImports)
    .values({
      source,
      firstDay: days?.firstDay ?? null,
      lastDay: days?.lastDay ?? null,
      jobsRead: summary.jobsRead,
      rowsWritten: summary.daily.length,
      unmappedAccounts: unmapped,
      actorLabel: actor ? `${actor.email} (${actor.role})` : 'system',
    })
    .returning();
  let replaced = 0;
  if (days) {
    const gone = await tx
      .delete(usageDaily)
      .where(and(gte(usageDaily.day, days.firstDay), lte(usageDaily.day, days.lastDay)))
      .returning({ day: usageDaily.day });
    replaced = gone.length;
  }
  const rows = summary.daily.map((d) => ({
    account: d.account,
    clusterUsername: d.user,
    day: d.day,
    taskId: accounts.get(d.account) ?? null,
    gpuSeconds: d.gpuSeconds,
    jobs: d.jobs,
    importId: imp!.id,
  }));
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(usageDaily).values(rows.slice(i, i + 1000));
  const report: UsageImportReport = {
    importId: imp!.id,
    firstDay: days?.firstDay ?? null,
    lastDay: days?.lastDay ?? null,
    jobsRead: summary.jobsRead,
    rowsWritten: rows.length,
    rowsReplaced: replaced,
    unmappedAccounts: unmapped,
    notCharged: summary.notCharged,
  };
  await appendAudit(tx, actor, { action: 'usage.import', objectType: 'usage-import', objectId: imp!.id, after: { source, ...report } });
  return report;
}
