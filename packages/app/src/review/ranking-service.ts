import { and, eq, inArray } from 'drizzle-orm';
import type { AggregationRule } from '@stagegate/core/review/aggregate';
import { rankSelection } from '@stagegate/core/review/rank-selection';
import type { ScoreSheet } from '@stagegate/core/selection/score-sheet';
import { consortiumMembers } from '@stagegate/core/eligibility/consortium';
import { peakGpus, type SelectionOutcome } from '@stagegate/core/selection/selection-limits';
import { tieBreakOrder, type SelectionScheme } from '@stagegate/core/selection/selection-scheme';
import { aggregationRuleOf, rankingScheme as rankingSchemeOf } from '@stagegate/core/selection/ranking-scheme';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { Db, Tx } from '../db/connect.ts';
import { reviewAssignments, reviewSheets, roundResults, selectionDecisions } from '../db/schema/index.ts';
import { blockingConflicts } from './conflict-service.ts';
import { submittedApplications, type ReviewCall, type RoundRow } from './review-call.ts';
import { readAll } from '../db/read-all.ts';

export interface RankingRow {
  applicationId: string;
  receiptNo: string | null;
  title: string;
  leadName: string;
  requestedGpus: number;
  rank: number | null;
  score: number | null;
  perRound: Record<string, { score: number; reviewCount: number; trimmed: boolean } | null>;
  missingRounds: string[];
  /** the round whose shortlist the application did not make: it is not ranked, and cannot be selected */
  leftRound: { key: string; name: LocalizedText } | null;
  tieBreak: LocalizedText | null;
  decision: { outcome: SelectionOutcome; reason: string; taskId: string | null } | null;
}

/** Core names groups by key; people read group names. */
function readableTieBreak(message: LocalizedText, call: ReviewCall): LocalizedText {
  const out = { ...message };
  for (const lang of ['ko', 'en'] as const) {
    for (const g of rankingScheme(call).groups) out[lang] = out[lang].replaceAll(`'${g.key}'`, `'${g.name[lang]}'`);
  }
  return out;
}

/** What the ranking states about its own method, shown above the table and in the PDF. */
export function methodStatement(call: ReviewCall): LocalizedText {
  const a = call.config.aggregation;
  const method =
    a.method === 'trimmed'
      ? {
          ko: `평가위원 ${a.trimMinReviewers}명 이상이면 최고·최저점을 제외한 평균(절사 평균), 그 미만이면 평균`,
          en: `mean without the highest and lowest score when ${a.trimMinReviewers} or more reviewers scored, plain mean otherwise`,
        }
      : { ko: '평균', en: 'mean' };
  const z = a.zScore ? { ko: ', 평가위원별 z-점수 정규화 후', en: ', after per-reviewer z-score normalisation' } : { ko: '', en: '' };
  const groups = tieBreakGroups(call);
  const names = groups.map((k) => rankingScheme(call).groups.find((g) => g.key === k)!.name);
  const weights = call.rounds.map((r) => `${r.name.ko} ${r.weight}`).join(' · ');
  const weightsEn = call.rounds.map((r) => `${r.name.en} ${r.weight}`).join(' · ');
  return {
    ko: `집계: ${method.ko}${z.ko}. 단계 가중치: ${weights}. 동점 처리: ${names.map((n) => n.ko).join(' → ')} 점수 → 평가 수 → 접수번호 순.`,
    en: `Aggregation: ${method.en}${z.en}. Round weights: ${weightsEn}. Ties: ${names.map((n) => n.en).join(' → ')} score, then more reviews, then earlier receipt number.`,
  };
}

/** The criteria the final ranking breaks ties by (core's rule: the heaviest round's, the call's when rounds weigh alike). */
export function rankingScheme(call: ReviewCall): SelectionScheme {
  return rankingSchemeOf(call.program, call.callKey, call.rounds);
}

/** Ties go to the heavier criteria group first (marketability at 40 for specialized-fm); equal points keep scheme order. */
export function tieBreakGroups(call: ReviewCall, scheme: SelectionScheme = rankingScheme(call)): string[] {
  return tieBreakOrder(scheme);
}

/** The call's configured aggregation in core's terms. */
export function aggregationRule(call: ReviewCall): AggregationRule {
  return aggregationRuleOf(call.config.aggregation);
}

/** A sheet's points per criteria group (comments stay with the sheet). */
export const sheetGroups = (scores: ScoreSheet): Record<string, number> => Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, v.score ?? 0]));

/** Submitted sheets that count: the pair is still assigned, not conflicted, and the sheet not set aside for a late conflict. */
export async function countedSheets(db: Db | Tx, call: ReviewCall) {
  const roundIds = call.rounds.map((r) => r.id);
  if (roundIds.length === 0) return [];
  const [sheets, assignments, blocked] = await readAll(db, [
    () =>
      db
        .select()
        .from(reviewSheets)
        .where(and(inArray(reviewSheets.roundId, roundIds), eq(reviewSheets.status, 'submitted'))),
    () => db.select().from(reviewAssignments).where(inArray(reviewAssignments.roundId, roundIds)),
    () => blockingConflicts(db, call.programSlug, call.callKey),
  ]);
  const assigned = new Set(assignments.map((a) => `${a.roundId}|${a.applicationId}|${a.reviewerId}`));
  return sheets.filter(
    (s) => !s.setAsideAt && assigned.has(`${s.roundId}|${s.applicationId}|${s.reviewerId}`) && !blocked.has(`${s.applicationId}|${s.reviewerId}`),
  );
}

/** Per application: the closed round it left, not shortlisted. */
export async function leftRounds(db: Db | Tx, call: ReviewCall): Promise<Map<string, RoundRow>> {
  const ids = call.rounds.map((r) => r.id);
  if (!ids.length) return new Map();
  const rows = await db
    .select()
    .from(roundResults)
    .where(and(inArray(roundResults.roundId, ids), eq(roundResults.outcome, 'left')));
  return new Map(rows.map((r) => [r.applicationId, call.rounds.find((x) => x.id === r.roundId)!]));
}

/**
 * Aggregates each round as configured, combines rounds by weight and ranks with the stated
 * tie-breaks — all in core; this only loads, maps and labels.
 */
export async function computeRanking(db: Db | Tx, call: ReviewCall): Promise<{ rows: RankingRow[]; method: LocalizedText }> {
  const [apps, sheets, decisions, left] = await readAll(db, [
    () => submittedApplications(db, call.programSlug, call.callKey),
    () => countedSheets(db, call),
    () =>
      db
        .select()
        .from(selectionDecisions)
        .where(and(eq(selectionDecisions.programSlug, call.programSlug), eq(selectionDecisions.callKey, call.callKey))),
    () => leftRounds(db, call),
  ]);
  // core ranks by key and breaks its last tie by key order: the receipt number makes that "submitted earlier"
  const keyOf = new Map(apps.map((a) => [a.id, a.receiptNo ?? a.id]));
  const rule = aggregationRule(call);
  const { perRound, ranked, missing, weighted } = rankSelection({
    rule,
    rounds: call.rounds.map((r) => ({ key: r.key, weight: r.weight })),
    tieBreakGroups: tieBreakGroups(call),
    sheets: sheets.map((s) => ({
      round: call.rounds.find((r) => r.id === s.roundId)!.key,
      applicationId: keyOf.get(s.applicationId) ?? s.applicationId,
      reviewerId: s.reviewerId,
      groups: sheetGroups(s.scores),
    })),
  });
  const rankOf = new Map(ranked.map((r) => [r.applicationId, r]));
  const rows: RankingRow[] = apps.map((a) => {
    const k = keyOf.get(a.id)!;
    const r = rankOf.get(k);
    const d = decisions.find((x) => x.applicationId === a.id);
    return {
      applicationId: a.id,
      receiptNo: a.receiptNo,
      title: a.proposal.title ?? '',
      leadName: consortiumMembers(a.consortium)[0]?.name ?? '',
      requestedGpus: peakGpus(a.proposal.gpuRequest ?? []),
      rank: r?.rank ?? null,
      score: r ? Math.round(r.score * 100) / 100 : null,
      perRound: Object.fromEntries(
        call.rounds.map((round) => {
          const s = perRound.get(round.key)!.get(k);
          return [round.key, s ? { score: Math.round(s.score * 100) / 100, reviewCount: s.reviewCount, trimmed: s.trimmed } : null];
        }),
      ),
      missingRounds: r ? [] : (missing.get(k) ?? weighted),
      leftRound: left.has(a.id) ? { key: left.get(a.id)!.key, name: left.get(a.id)!.name } : null,
      tieBreak: r?.tieBreak ? readableTieBreak(r.tieBreak.message, call) : null,
      decision: d ? { outcome: d.outcome, reason: d.reason, taskId: d.taskId } : null,
    };
  });
  rows.sort((x, y) => (x.rank ?? Infinity) - (y.rank ?? Infinity) || String(x.receiptNo).localeCompare(String(y.receiptNo)));
  return { rows, method: methodStatement(call) };
}
