import { rankApplications, type AggregatedScore, type RankedApplication } from '../review/aggregate.ts';
import type { FieldIssue, LocalizedText } from '../shared/localized.ts';
import { josa } from '../shared/korean-particles.ts';
import { shortlistStatement, type ShortlistRule } from './selection-rounds.ts';

/** An application in the round and how far its reviews are: assigned pairs that count, and submitted sheets of them. */
export interface RoundEntry {
  applicationId: string;
  label: string;
  assigned: number;
  submitted: number;
}

export interface CloseRoundInput {
  round: { key: string; name: LocalizedText; shortlist: ShortlistRule };
  /** every application in the round (the ones the previous round passed) */
  entries: RoundEntry[];
  /** the round's aggregates, one per application with counted sheets */
  scores: AggregatedScore[];
  /** criteria groups that separate equal totals, heaviest first */
  tieBreakGroups: readonly string[];
  /** under `office-decides`, the tied applications the office lets through */
  tiePasses?: readonly string[];
}

export interface RoundTie {
  /** the tied applications around the cut, in rank order */
  tied: string[];
  /** places of the shortlist left for the tied group (at a threshold: all of them) */
  places: number;
  /** `threshold`: the applications scoring exactly the minimum, which pass */
  rule: 'all-pass' | 'office-decides' | 'threshold';
  /** who of the tied group passes */
  passes: string[];
}

export type CloseRoundResult =
  | { ok: false; issues: FieldIssue[]; tie?: RoundTie; ranked?: RankedApplication[] }
  | { ok: true; ranked: RankedApplication[]; passes: string[]; leaves: string[]; tie: RoundTie | null; statement: LocalizedText };

/** Same float dust as the ranking: sums of one-decimal points. */
const EPS = 1e-9;

/** Equal on the score and on every tie-break group: what is left to order them (reviews, receipt order) is not merit. */
function tiedOnMerit(a: AggregatedScore, b: AggregatedScore, groups: readonly string[]): boolean {
  return Math.abs(a.score - b.score) <= EPS && groups.every((g) => Math.abs((a.groups[g] ?? 0) - (b.groups[g] ?? 0)) <= EPS);
}

/**
 * Closes a round: refuses while any application of the round lacks a review (a missing score is
 * not zero), ranks the round's own scores with the stated tie-breaks, and applies the shortlist
 * rule. Ties at a top-N cut are stated: the whole tied group passes (`all-pass`), or the office
 * names who of them takes the places left (`office-decides`) — never an arbitrary order. At a
 * threshold those exactly at the minimum pass, and the result names them too.
 */
export function closeRound(input: CloseRoundInput): CloseRoundResult {
  const issues: FieldIssue[] = [];
  const scoreOf = new Map(input.scores.map((s) => [s.applicationId, s]));
  for (const e of input.entries) {
    if (e.assigned === 0) {
      issues.push({
        field: 'round',
        message: { ko: `${josa(e.label, '은/는')} 이 단계에 배정된 평가위원이 없습니다`, en: `${e.label} has no reviewer assigned in this round` },
      });
    } else if (e.submitted < e.assigned || !scoreOf.has(e.applicationId)) {
      issues.push({
        field: 'round',
        message: {
          ko: `${josa(e.label, '은/는')} 평가 ${e.assigned}건 중 ${e.submitted}건만 제출되었습니다 (빠진 점수를 0점으로 보지 않습니다)`,
          en: `${e.label} has ${e.submitted} of ${e.assigned} reviews submitted (a missing score is not taken as zero)`,
        },
      });
    }
  }
  if (issues.length) return { ok: false, issues };
  const inRound = new Set(input.entries.map((e) => e.applicationId));
  const ranked = rankApplications(
    input.scores.filter((s) => inRound.has(s.applicationId)),
    [...input.tieBreakGroups],
  );
  const rule = input.round.shortlist;
  const statement = shortlistStatement(rule);
  const split = (passing: Set<string>) => ({
    passes: ranked.filter((r) => passing.has(r.applicationId)).map((r) => r.applicationId),
    leaves: ranked.filter((r) => !passing.has(r.applicationId)).map((r) => r.applicationId),
  });
  if (rule.kind === 'threshold') {
    // exactly at the minimum passes; the result names them, as a tie at a top-N cut is named
    const atLine = ranked.filter((r) => Math.abs(r.score - rule.minScore) <= EPS).map((r) => r.applicationId);
    const tie: RoundTie | null = atLine.length ? { tied: atLine, places: atLine.length, rule: 'threshold', passes: atLine } : null;
    return { ok: true, ranked, ...split(new Set(ranked.filter((r) => r.score >= rule.minScore - EPS).map((r) => r.applicationId))), tie, statement };
  }
  const n = rule.count;
  if (ranked.length <= n) return { ok: true, ranked, passes: ranked.map((r) => r.applicationId), leaves: [], tie: null, statement };
  if (!tiedOnMerit(ranked[n - 1]!, ranked[n]!, input.tieBreakGroups)) {
    return { ok: true, ranked, ...split(new Set(ranked.slice(0, n).map((r) => r.applicationId))), tie: null, statement };
  }
  let start = n - 1;
  while (start > 0 && tiedOnMerit(ranked[start - 1]!, ranked[start]!, input.tieBreakGroups)) start--;
  let end = n;
  while (end + 1 < ranked.length && tiedOnMerit(ranked[end]!, ranked[end + 1]!, input.tieBreakGroups)) end++;
  const tied = ranked.slice(start, end + 1).map((r) => r.applicationId);
  const places = n - start;
  const above = ranked.slice(0, start).map((r) => r.applicationId);
  if (rule.ties === 'all-pass') {
    return { ok: true, ranked, ...split(new Set([...above, ...tied])), tie: { tied, places, rule: 'all-pass', passes: tied }, statement };
  }
  const chosen = [...new Set(input.tiePasses ?? [])];
  const tie: RoundTie = { tied, places, rule: 'office-decides', passes: chosen.filter((id) => tied.includes(id)) };
  const outside = chosen.filter((id) => !tied.includes(id));
  if (outside.length || chosen.length !== places) {
    const labels = tied.map((id) => input.entries.find((e) => e.applicationId === id)?.label ?? id).join(', ');
    return {
      ok: false,
      tie,
      ranked,
      issues: [
        {
          field: 'tiePasses',
          message: {
            ko: `경계 동점 ${tied.length}건(${labels}) 가운데 통과할 ${places}건을 사유와 함께 지정하세요`,
            en: `name the ${places} of the ${tied.length} applications tied at the cut (${labels}) that pass, with a reason`,
          },
        },
      ],
    };
  }
  return { ok: true, ranked, ...split(new Set([...above, ...chosen])), tie, statement };
}
