import { and, eq, inArray, isNull } from 'drizzle-orm';
import { aggregateScores } from '@stagegate/core/review/aggregate';
import { closeRound, type RoundTie } from '@stagegate/core/selection/close-round';
import { shortlistStatement, type ShortlistRule } from '@stagegate/core/selection/selection-rounds';
import { reviewForm } from '@stagegate/core/selection/score-sheet';
import type { FieldIssue, LocalizedText } from '@stagegate/core/shared/localized';
import type { Db, Tx } from '../db/connect.ts';
import { reviewAssignments, reviewRounds, roundResults } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { notifyAll, organisationRecipients } from '../notifications/notify.ts';
import { applicationLabel, roundScheme, submittedApplications, type ReviewCall, type ReviewedApplication, type RoundRow } from './review-call.ts';
import { blockingConflicts } from './conflict-service.ts';
import { aggregationRule, countedSheets, sheetGroups, tieBreakGroups } from './ranking-service.ts';

/** The shortlist rule the program gives a round (by key); none for the last round, or a round the office added. */
export function roundRule(call: ReviewCall, round: RoundRow): ShortlistRule | undefined {
  return call.program.calls.find((c) => c.key === call.callKey)?.selectionRounds?.find((r) => r.key === round.key)?.shortlist;
}

/** The round before this one when it shortlists for it; rounds without a rule run side by side with everyone. */
function gatingRound(call: ReviewCall, round: RoundRow): RoundRow | undefined {
  const previous = call.rounds[call.rounds.findIndex((r) => r.id === round.id) - 1];
  return previous && (previous.closedRule ?? roundRule(call, previous)) ? previous : undefined;
}

/**
 * The applications a round reviews: every submitted one in the first round, in a later round only
 * those the previous round passed — none while it is still open.
 */
export async function roundApplications(db: Db | Tx, call: ReviewCall, round: RoundRow): Promise<ReviewedApplication[]> {
  const apps = await submittedApplications(db, call.programSlug, call.callKey);
  const previous = gatingRound(call, round);
  if (!previous) return apps;
  if (!previous.closedAt) return [];
  const passed = await db
    .select({ id: roundResults.applicationId })
    .from(roundResults)
    .where(and(eq(roundResults.roundId, previous.id), eq(roundResults.outcome, 'passed')));
  const ids = new Set(passed.map((p) => p.id));
  return apps.filter((a) => ids.has(a.id));
}

/** Why a round takes no assignment or score now: closed, or waiting for the previous round's shortlist. */
export function roundLockedMessage(call: ReviewCall, round: RoundRow): LocalizedText | null {
  if (round.closedAt)
    return {
      ko: `${round.name.ko} 단계는 마감되어 배정과 점수를 바꿀 수 없습니다`,
      en: `the ${round.name.en} is closed; its assignment and scores cannot change`,
    };
  const previous = gatingRound(call, round);
  if (previous && !previous.closedAt)
    return {
      ko: `앞 단계(${previous.name.ko})를 마감해야 이 단계 대상이 정해집니다`,
      en: `the ${previous.name.en} must be closed first: it decides who is in this round`,
    };
  return null;
}

/** Each round of the call with its rule, whether it is open, and how many entered, passed and left. */
export async function roundsOverview(db: Db | Tx, call: ReviewCall) {
  const ids = call.rounds.map((r) => r.id);
  const results = ids.length ? await db.select().from(roundResults).where(inArray(roundResults.roundId, ids)) : [];
  // an open round's entrants come from the submitted applications and the previous round's results,
  // both read once here rather than once per round (roundApplications asks for one round)
  const submitted = call.rounds.some((r) => !r.closedAt) ? await submittedApplications(db, call.programSlug, call.callKey) : [];
  const entrantsOfOpen = (r: RoundRow) => {
    const previous = gatingRound(call, r);
    if (!previous) return submitted.length;
    if (!previous.closedAt) return 0;
    const passed = new Set(results.filter((x) => x.roundId === previous.id && x.outcome === 'passed').map((x) => x.applicationId));
    return submitted.filter((a) => passed.has(a.id)).length;
  };
  const out = [];
  for (const r of call.rounds) {
    const rule = r.closedRule ?? roundRule(call, r) ?? null;
    const own = results.filter((x) => x.roundId === r.id);
    out.push({
      id: r.id,
      key: r.key,
      name: r.name,
      weight: r.weight,
      shortlist: rule,
      statement: rule ? shortlistStatement(rule) : null,
      /** what the round is scored on: its own criteria, else the call's */
      criteria: reviewForm(roundScheme(call, r)),
      ownCriteria: roundScheme(call, r) !== call.program.selectionScheme,
      state: r.closedAt ? ('closed' as const) : roundLockedMessage(call, r) ? ('waiting' as const) : ('open' as const),
      entrants: r.closedAt ? own.length : entrantsOfOpen(r),
      passed: own.filter((x) => x.outcome === 'passed').length,
      left: own.filter((x) => x.outcome === 'left').length,
      tied: own.filter((x) => x.tied).length,
      closedAt: r.closedAt?.toISOString() ?? null,
      closeReason: r.closeReason,
    });
  }
  return out;
}

export interface CloseRoundRequest {
  mode: 'preview' | 'commit';
  /** under an `office-decides` rule: the tied applications that take the places left */
  tiePasses?: string[];
  reason?: string;
}

export interface ShortlistLine {
  applicationId: string;
  label: string;
  rank: number;
  score: number;
  tied: boolean;
}

export type CloseRoundOutcome =
  | { status: 'invalid'; issues: FieldIssue[]; tie?: RoundTie; tied?: ShortlistLine[] }
  | {
      status: 'preview' | 'committed';
      round: { key: string; name: LocalizedText };
      next: { key: string; name: LocalizedText } | null;
      statement: LocalizedText;
      passes: ShortlistLine[];
      leaves: ShortlistLine[];
      tie: RoundTie | null;
    };

const refuse = (field: string, message: LocalizedText): CloseRoundOutcome => ({ status: 'invalid', issues: [{ field, message }] });

/**
 * Closes a round with its shortlist (preview, then commit): core ranks the round's own scores and
 * applies the program's rule, refusing while a review is missing. The commit records who passes and
 * who leaves, opens the next round to those who passed (only they are assigned and scored there),
 * writes the audit row and tells each applicant organisation, in the same transaction.
 */
export async function closeSelectionRound(db: Db, actor: Actor, call: ReviewCall, round: RoundRow, req: CloseRoundRequest): Promise<CloseRoundOutcome> {
  const rule = roundRule(call, round);
  const next = call.rounds[call.rounds.findIndex((r) => r.id === round.id) + 1] ?? null;
  if (!next)
    return refuse('round', {
      ko: `${round.name.ko} 단계는 마지막 단계입니다 (마지막 단계는 선정 결정으로 마칩니다)`,
      en: `the ${round.name.en} is the last round (the last round ends with the selection decision)`,
    });
  if (!rule)
    return refuse('round', {
      ko: `${round.name.ko} 단계에는 압축 기준이 없어 모든 신청이 다음 단계로 갑니다`,
      en: `the ${round.name.en} has no shortlist rule: every application goes on to the next round`,
    });
  const locked = roundLockedMessage(call, round);
  if (locked) return refuse('round', locked);
  const reason = req.reason?.trim() ?? '';
  // closing is permanent and tells every applicant: the commit says why (a preview does not need it yet)
  if (req.mode === 'commit' && !reason) {
    return refuse(
      'reason',
      req.tiePasses?.length
        ? { ko: '동점 처리의 사유를 적어 주세요', en: 'write the reason for the tie decision' }
        : { ko: '단계를 마감하는 사유를 적어 주세요', en: 'write the reason for closing the round' },
    );
  }

  const [apps, sheets, assignments, blocked] = await Promise.all([
    roundApplications(db, call, round),
    countedSheets(db, call),
    db.select().from(reviewAssignments).where(eq(reviewAssignments.roundId, round.id)),
    blockingConflicts(db, call.programSlug, call.callKey),
  ]);
  const own = sheets.filter((s) => s.roundId === round.id);
  const live = assignments.filter((a) => !blocked.has(`${a.applicationId}|${a.reviewerId}`));
  const labelOf = new Map(apps.map((a) => [a.id, applicationLabel(a)]));
  const closed = closeRound({
    round: { key: round.key, name: round.name, shortlist: rule },
    entries: apps.map((a) => ({
      applicationId: a.id,
      label: labelOf.get(a.id)!,
      assigned: live.filter((x) => x.applicationId === a.id).length,
      submitted: own.filter((s) => s.applicationId === a.id).length,
    })),
    scores: aggregateScores(
      own.map((s) => ({ applicationId: s.applicationId, reviewerId: s.reviewerId, groups: sheetGroups(s.scores) })),
      aggregationRule(call),
    ),
    tieBreakGroups: tieBreakGroups(call, roundScheme(call, round)),
    ...(req.tiePasses ? { tiePasses: req.tiePasses } : {}),
  });
  const ranked = closed.ok ? closed.ranked : (closed.ranked ?? []);
  const tied = new Set(closed.tie?.tied ?? []);
  const line = (id: string): ShortlistLine => {
    const r = ranked.find((x) => x.applicationId === id)!;
    return { applicationId: id, label: labelOf.get(id)!, rank: r.rank, score: Math.round(r.score * 100) / 100, tied: tied.has(id) };
  };
  if (!closed.ok) return { status: 'invalid', issues: closed.issues, ...(closed.tie ? { tie: closed.tie, tied: closed.tie.tied.map(line) } : {}) };
  const body = {
    round: { key: round.key, name: round.name },
    next: { key: next.key, name: next.name },
    statement: closed.statement,
    passes: closed.passes.map(line),
    leaves: closed.leaves.map(line),
    tie: closed.tie,
  };
  if (req.mode === 'preview') return { status: 'preview', ...body };

  return db.transaction(async (tx): Promise<CloseRoundOutcome> => {
    // closed once: a second commit racing this one finds the round closed and changes nothing
    const [locked] = await tx
      .update(reviewRounds)
      .set({ closedAt: new Date(), closedBy: actor.id, closedRule: rule, closeReason: reason })
      .where(and(eq(reviewRounds.id, round.id), isNull(reviewRounds.closedAt)))
      .returning();
    if (!locked) return refuse('round', { ko: `${round.name.ko} 단계는 이미 마감되었습니다`, en: `the ${round.name.en} is already closed` });
    const rows = [...body.passes.map((l) => ({ ...l, outcome: 'passed' as const })), ...body.leaves.map((l) => ({ ...l, outcome: 'left' as const }))];
    if (rows.length)
      await tx
        .insert(roundResults)
        .values(rows.map((l) => ({ roundId: round.id, applicationId: l.applicationId, outcome: l.outcome, rank: l.rank, score: l.score, tied: l.tied })));
    await appendAudit(tx, actor, {
      action: 'review.round.close',
      objectType: 'review-round',
      objectId: round.id,
      before: { state: 'open' },
      after: {
        call: `${call.programSlug}/${call.callKey}`,
        round: round.key,
        rule,
        passed: body.passes.map((l) => l.label),
        left: body.leaves.map((l) => l.label),
        tie: closed.tie ? { tied: closed.tie.tied.map((id) => labelOf.get(id)), places: closed.tie.places, rule: closed.tie.rule } : null,
        opens: next.key,
      },
      reason,
    });
    const callName = call.program.calls.find((c) => c.key === call.callKey)!.name;
    const byId = new Map(apps.map((a) => [a.id, a]));
    for (const l of rows) {
      const a = byId.get(l.applicationId)!;
      await notifyAll(tx, await organisationRecipients(tx, [a.organisationId]), {
        notice: {
          kind: 'round-result',
          params: {
            call: callName,
            round: round.name,
            next: l.outcome === 'passed' ? next.name : null,
            title: a.proposal.title ?? '',
            receiptNo: a.receiptNo ?? '',
            passed: l.outcome === 'passed',
          },
        },
        link: `/applications/${a.id}`,
      });
    }
    return { status: 'committed', ...body };
  });
}
