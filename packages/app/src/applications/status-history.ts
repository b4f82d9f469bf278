import { and, asc, eq, inArray, isNotNull, min } from 'drizzle-orm';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { z } from 'zod';
import type { historyEvent } from '@stagegate/core/contract/applications';
import type { Db } from '../db/connect.ts';
import type { Actor } from '../auth/actor.ts';
import { assignmentRuns, auditLog, reviewCallConfig, reviewRounds, roundResults, selectionDecisions } from '../db/schema/index.ts';
import { seesDecision } from '../policies/publication-policy.ts';
import type { ApplicationRow } from './application-store.ts';

/** One step as the API answers it (its shape is the contract's). */
export type HistoryEvent = z.output<typeof historyEvent>;

const OUTCOME: Record<string, LocalizedText> = {
  selected: { ko: '선정', en: 'Selected' },
  reserve: { ko: '예비', en: 'Reserve' },
  rejected: { ko: '미선정', en: 'Not selected' },
};

/**
 * The steps an application went through, oldest first, from what is stored: the audit log
 * (submission, override, withdrawal, reopening), the review rounds' first deployed assignment
 * ("under review" for every application of the call), each closed round it passed or left, and
 * the selection decision. The decision is
 * part of the history only once the call's results are published — before that an applicant sees
 * "under review" and nothing more (the same rule as visible-to-applicant.ts for tasks).
 */
export async function statusHistory(db: Db, actor: Actor | null, app: ApplicationRow): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [{ kind: 'created', at: app.createdAt.toISOString(), detail: {} }];
  const audits = await db
    .select({ action: auditLog.action, at: auditLog.at, after: auditLog.after, reason: auditLog.reason })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.objectType, 'application'),
        eq(auditLog.objectId, app.id),
        inArray(auditLog.action, ['application.submit', 'application.eligibility.override', 'application.withdraw', 'application.reopen']),
      ),
    )
    .orderBy(asc(auditLog.seq));
  const submits = audits.filter((a) => a.action === 'application.submit');
  // applications loaded in bulk (the demo, an import) have no submission audit row: the row itself says when
  if (submits.length === 0 && app.submittedAt) {
    const at = app.submittedAt.toISOString();
    events.push({ kind: 'submitted', at, detail: { receiptNo: app.receiptNo } });
    if (app.verdict)
      events.push({ kind: 'eligibility', at, detail: { eligible: app.verdict.eligible, pendingVerification: !!app.verdict.pendingVerification } });
  }
  for (const a of audits) {
    const after = (a.after ?? {}) as Record<string, unknown>;
    const at = a.at.toISOString();
    if (a.action === 'application.submit') {
      events.push({ kind: 'submitted', at, detail: { receiptNo: typeof after.receiptNo === 'string' ? after.receiptNo : null } });
      // the verdict is judged in the submitting transaction; whether it waits on verification is kept for the last one only
      const last = a === submits.at(-1);
      const eligible = typeof after.eligible === 'boolean' ? after.eligible : (app.verdict?.eligible ?? null);
      events.push({ kind: 'eligibility', at, detail: { eligible, pendingVerification: last && !!app.verdict?.pendingVerification } });
    } else if (a.action === 'application.eligibility.override') {
      events.push({ kind: 'eligibility-override', at, detail: { eligible: after.eligible === true }, reason: a.reason });
    } else if (a.action === 'application.withdraw') {
      events.push({ kind: 'withdrawn', at, detail: {}, reason: a.reason });
    } else {
      events.push({ kind: 'reopened', at, detail: {}, reason: a.reason });
    }
  }
  if (app.status !== 'submitted') return events;
  const [started] = await db
    .select({ at: min(assignmentRuns.deployedAt) })
    .from(assignmentRuns)
    .innerJoin(reviewRounds, eq(reviewRounds.id, assignmentRuns.roundId))
    .where(and(eq(reviewRounds.programSlug, app.programSlug), eq(reviewRounds.callKey, app.callKey), isNotNull(assignmentRuns.deployedAt)));
  if (started?.at) events.push({ kind: 'under-review', at: new Date(started.at).toISOString(), detail: {} });
  // a closed round is told to the applicant when it closes (pass or leave), unlike the final result
  const rounds = await db
    .select({ outcome: roundResults.outcome, key: reviewRounds.key, name: reviewRounds.name, closedAt: reviewRounds.closedAt })
    .from(roundResults)
    .innerJoin(reviewRounds, eq(reviewRounds.id, roundResults.roundId))
    .where(and(eq(roundResults.applicationId, app.id), isNotNull(reviewRounds.closedAt)));
  for (const r of rounds)
    events.push({
      kind: 'round',
      at: r.closedAt!.toISOString(),
      detail: { round: r.key, roundKo: r.name.ko, roundEn: r.name.en, passed: r.outcome === 'passed' },
    });
  const [config] = await db
    .select({ publishedAt: reviewCallConfig.publishedAt })
    .from(reviewCallConfig)
    .where(and(eq(reviewCallConfig.programSlug, app.programSlug), eq(reviewCallConfig.callKey, app.callKey)));
  const published = !!config?.publishedAt;
  if (seesDecision(actor, published)) {
    const [decision] = await db.select().from(selectionDecisions).where(eq(selectionDecisions.applicationId, app.id));
    if (decision) {
      // the applicant learns the result when it was published, not when the office first decided it
      const at = published ? config!.publishedAt! : decision.decidedAt;
      events.push({ kind: 'result', at: at.toISOString(), detail: { outcome: decision.outcome, published }, reason: OUTCOME[decision.outcome] ?? null });
    }
  }
  return events.sort((a, b) => a.at.localeCompare(b.at));
}
