import { and, eq } from 'drizzle-orm';
import {
  additionalTerms,
  majorityTally,
  noSelectionIssues,
  noSelectionLabel,
  offeredGpus,
  type MajorityTally,
} from '@stagegate/core/selection/additional-call';
import type { FieldIssue, LocalizedText } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import { reviewCallConfig, selectionDecisions } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { applicationLabel, ensureReviewSetup, submittedApplications, type ReviewCall } from './review-call.ts';
import { countedSheets } from './ranking-service.ts';
import { selectionStateIssue } from './selection-window.ts';

const callOf = (call: ReviewCall) => call.program.calls.find((c) => c.key === call.callKey)!;

/** The call's additional terms, or undefined for a regular call. */
export const termsOf = (call: ReviewCall) => additionalTerms(callOf(call));

/**
 * Each application's standing under an additional call's majority rule, from the submitted sheets
 * of the call's last round (the panel that decides); null for a regular call.
 */
export async function majorityTallies(db: Db, call: ReviewCall): Promise<Map<string, MajorityTally> | null> {
  const terms = termsOf(call);
  if (!terms) return null;
  const last = call.rounds.at(-1);
  const sheets = (await countedSheets(db, call)).filter((s) => s.roundId === last?.id && s.total !== null);
  const apps = await submittedApplications(db, call.programSlug, call.callKey);
  return new Map(
    apps.map((a) => [
      a.id,
      majorityTally(
        terms.decisionRule,
        sheets.filter((s) => s.applicationId === a.id).map((s) => s.total!),
      ),
    ]),
  );
}

/** The call's recorded "no one selected" outcome, as the office and applicants read it. */
export function noSelectionOutcome(call: ReviewCall): { label: LocalizedText; reason: string; at: Date | null } | null {
  return call.config.noSelectionReason ? { label: noSelectionLabel, reason: call.config.noSelectionReason, at: call.config.noSelectionAt } : null;
}

export type NoSelectionResult =
  | { status: 'invalid'; issues: FieldIssue[] }
  | { status: 'preview' | 'committed'; reason: string; rejected: { applicationId: string; label: string }[]; offerReturned: { pool: string; gpus: number }[] };

/**
 * Records "no one selected" as the call's outcome: allowed by the call's terms, with a reason (on commit),
 * while nothing is selected, between the close and the publication. The applications still
 * undecided are recorded as not selected with the same reason (publication needs a decision on
 * each); no task is made, so the slot stays empty and the offered GPUs stay in the pool.
 */
export async function recordNoSelection(db: Db, actor: Actor, call: ReviewCall, reason: string, mode: 'preview' | 'commit'): Promise<NoSelectionResult> {
  const [apps, stored] = await Promise.all([
    submittedApplications(db, call.programSlug, call.callKey),
    db
      .select()
      .from(selectionDecisions)
      .where(and(eq(selectionDecisions.programSlug, call.programSlug), eq(selectionDecisions.callKey, call.callKey))),
  ]);
  const selected = stored.filter((d) => d.outcome === 'selected' && apps.some((a) => a.id === d.applicationId)).length;
  // the reason is typed in the confirmation after the preview, so only the commit must carry it
  const issues = noSelectionIssues(callOf(call), reason, selected).filter((i) => mode === 'commit' || i.field !== 'reason');
  const stateIssue = await selectionStateIssue(db, call);
  if (stateIssue) issues.push(stateIssue);
  if (issues.length) return { status: 'invalid', issues };
  const why = reason.trim();
  const rejected = apps.filter((a) => !stored.some((d) => d.applicationId === a.id)).map((a) => ({ applicationId: a.id, label: applicationLabel(a) }));
  const terms = termsOf(call)!;
  const outcome = { reason: why, rejected, offerReturned: terms.gpuOffer.map((o) => ({ ...o })) };
  if (mode === 'preview') return { status: 'preview', ...outcome };
  return db.transaction(async (tx) => {
    await ensureReviewSetup(tx, actor, call.programSlug, call.callKey);
    const now = new Date();
    for (const r of rejected) {
      await tx
        .insert(selectionDecisions)
        .values({
          applicationId: r.applicationId,
          programSlug: call.programSlug,
          callKey: call.callKey,
          outcome: 'rejected',
          reason: why,
          taskId: null,
          decidedBy: actor.id,
          decidedAt: now,
        })
        .onConflictDoNothing();
      await appendAudit(tx, actor, {
        action: 'selection.decide',
        objectType: 'application',
        objectId: r.applicationId,
        before: null,
        after: { outcome: 'rejected', reason: why, taskId: null },
        reason: why,
      });
    }
    await tx
      .update(reviewCallConfig)
      .set({ noSelectionReason: why, noSelectionAt: now, noSelectionBy: actor.id, updatedAt: now })
      .where(and(eq(reviewCallConfig.programSlug, call.programSlug), eq(reviewCallConfig.callKey, call.callKey)));
    await appendAudit(tx, actor, {
      action: 'selection.no-selection',
      objectType: 'review-call',
      objectId: `${call.programSlug}/${call.callKey}`,
      before: { noSelectionReason: call.config.noSelectionReason },
      after: { noSelectionReason: why, rejected: rejected.length, offerReturned: outcome.offerReturned, gpus: offeredGpus(terms) },
      reason: why,
    });
    return { status: 'committed' as const, ...outcome };
  });
}
