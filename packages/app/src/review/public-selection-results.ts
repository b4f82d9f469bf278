import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { outcomeLabels } from '@stagegate/core/selection/selection-limits';
import type { Db } from '../db/connect.ts';
import { reviewCallConfig, selectionDecisions } from '../db/schema/index.ts';
import { loadReviewCall } from './review-call.ts';
import { computeRanking } from './ranking-service.ts';
import { noSelectionOutcome } from './additional-call-service.ts';

/** The public page lists at most this many published calls (newest first). */
const CALLS_LISTED = 50;

/**
 * What the public may read of each published selection: the selected (and reserve) proposals by
 * receipt number, title and lead, and how many applied. Nobody who was not selected is named, and
 * no unselected score is shown; the selected proposals' scores appear only when the program
 * publishes review scores (`resultPublication.reviewScores: public`).
 */
export async function publicSelectionResults(db: Db) {
  const published = await db
    .select({ programSlug: reviewCallConfig.programSlug, callKey: reviewCallConfig.callKey, publishedAt: reviewCallConfig.publishedAt })
    .from(reviewCallConfig)
    .where(isNotNull(reviewCallConfig.publishedAt))
    .orderBy(asc(reviewCallConfig.publishedAt))
    .limit(CALLS_LISTED);
  const results = [];
  // one after another: each call's ranking is a handful of queries
  for (const p of published.reverse()) {
    const call = await loadReviewCall(db, p.programSlug, p.callKey);
    if (!call) continue;
    const decisions = await db
      .select({ applicationId: selectionDecisions.applicationId, outcome: selectionDecisions.outcome })
      .from(selectionDecisions)
      .where(and(eq(selectionDecisions.programSlug, p.programSlug), eq(selectionDecisions.callKey, p.callKey)));
    const ranking = await computeRanking(db, call);
    const scoresPublic = (call.program.resultPublication?.reviewScores ?? 'public') === 'public';
    const named = decisions.filter((d): d is typeof d & { outcome: 'selected' | 'reserve' } => d.outcome === 'selected' || d.outcome === 'reserve');
    const rows = named
      .map((d) => ({ d, row: ranking.rows.find((r) => r.applicationId === d.applicationId) }))
      .filter((x) => x.row)
      .map(({ d, row }) => ({
        outcome: d.outcome,
        outcomeLabel: outcomeLabels[d.outcome],
        receiptNo: row!.receiptNo,
        title: row!.title,
        lead: row!.leadName,
        rank: scoresPublic ? row!.rank : null,
        score: scoresPublic ? row!.score : null,
      }))
      .sort((a, b) => (a.outcome === b.outcome ? (a.rank ?? Infinity) - (b.rank ?? Infinity) : a.outcome === 'selected' ? -1 : 1));
    const callDef = call.program.calls.find((c) => c.key === p.callKey);
    const noSelection = noSelectionOutcome(call);
    results.push({
      program: p.programSlug,
      programName: call.program.name,
      call: p.callKey,
      callName: callDef?.name ?? { ko: p.callKey, en: p.callKey },
      publishedAt: p.publishedAt!.toISOString(),
      applications: ranking.rows.length,
      scoresPublished: scoresPublic,
      selected: rows,
      noSelection: noSelection ? { label: noSelection.label } : null,
    });
  }
  return results;
}
