import type { LocalizedText } from '../shared/localized.ts';

/** One reviewer's submitted scores for one application. */
export interface ScoreSheet {
  applicationId: string;
  reviewerId: string;
  /** points per criteria group, e.g. { technical: 27, goals: 25, market: 33 } */
  groups: Record<string, number>;
}

export interface AggregationRule {
  /** 'trimmed-mean' drops one highest and one lowest total when enough reviewers scored */
  method: 'mean' | 'trimmed-mean';
  /** reviewers needed before trimming applies (default 5); below it the plain mean is used */
  trimMinimumReviewers?: number;
  /**
   * Rescale each reviewer's totals to z-scores and back onto the panel's overall mean and standard
   * deviation, so a harsh or generous reviewer weighs like the others. A reviewer with fewer than
   * two sheets, or all-equal totals, keeps their raw totals.
   */
  normalise?: 'none' | 'z-score';
}

export interface AggregatedScore {
  applicationId: string;
  /** the aggregated total */
  score: number;
  /** aggregated points per criteria group (same method, raw scores), for tie-breaks and reports */
  groups: Record<string, number>;
  reviewCount: number;
  trimmed: boolean;
}

const total = (s: ScoreSheet) => Object.values(s.groups).reduce((a, b) => a + b, 0);

function center(values: number[], trim: boolean): number {
  const v = [...values].sort((a, b) => a - b);
  const kept = trim ? v.slice(1, -1) : v;
  return kept.reduce((a, b) => a + b, 0) / kept.length;
}

function meanStd(xs: number[]): [number, number] {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const s = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
  return [m, s];
}

/** Aggregates sheets per application as configured; applications in first-seen order. */
export function aggregateScores(sheets: ScoreSheet[], rule: AggregationRule): AggregatedScore[] {
  const minimum = rule.trimMinimumReviewers ?? 5;
  const totals = new Map<ScoreSheet, number>(sheets.map((s) => [s, total(s)]));
  if (rule.normalise === 'z-score' && sheets.length > 1) {
    const [gm, gs] = meanStd(sheets.map(total));
    const byReviewer = new Map<string, ScoreSheet[]>();
    for (const s of sheets) (byReviewer.get(s.reviewerId) ?? byReviewer.set(s.reviewerId, []).get(s.reviewerId)!).push(s);
    for (const own of byReviewer.values()) {
      const [m, sd] = meanStd(own.map(total));
      if (own.length < 2 || sd === 0) continue;
      for (const s of own) totals.set(s, gm + ((total(s) - m) / sd) * gs);
    }
  }
  const byApp = new Map<string, ScoreSheet[]>();
  for (const s of sheets) (byApp.get(s.applicationId) ?? byApp.set(s.applicationId, []).get(s.applicationId)!).push(s);
  return [...byApp].map(([applicationId, own]) => {
    const trim = rule.method === 'trimmed-mean' && own.length >= Math.max(3, minimum);
    const groups: Record<string, number> = {};
    for (const g of new Set(own.flatMap((s) => Object.keys(s.groups)))) {
      groups[g] = center(
        own.map((s) => s.groups[g] ?? 0),
        trim,
      );
    }
    return {
      applicationId,
      score: center(
        own.map((s) => totals.get(s)!),
        trim,
      ),
      groups,
      reviewCount: own.length,
      trimmed: trim,
    };
  });
}

export type TieBreakRule = { kind: 'group'; group: string } | { kind: 'review-count' } | { kind: 'id' };

export interface RankedApplication extends AggregatedScore {
  rank: number;
  /** why this application is placed above the next one when their scores are equal */
  tieBreak?: { rule: TieBreakRule; over: string; message: LocalizedText };
}

/** Scores closer than this are equal: sums of decimal points carry floating-point dust. */
const EPS = 1e-9;

/**
 * Ranks by score, breaking ties by the criteria groups in the order given (put the highest-weight
 * group first, e.g. marketability at 40 for `specialized-fm`), then by more reviews, then by id.
 * Each application that wins a tie against the next one says which rule decided it.
 */
export function rankApplications(scores: AggregatedScore[], tieBreakGroups: string[] = []): RankedApplication[] {
  const rules: TieBreakRule[] = [...tieBreakGroups.map((group) => ({ kind: 'group' as const, group })), { kind: 'review-count' }, { kind: 'id' }];
  const decide = (a: AggregatedScore, b: AggregatedScore): [number, TieBreakRule | undefined] => {
    if (Math.abs(a.score - b.score) > EPS) return [b.score - a.score, undefined];
    for (const rule of rules) {
      const d =
        rule.kind === 'group'
          ? (b.groups[rule.group] ?? 0) - (a.groups[rule.group] ?? 0)
          : rule.kind === 'review-count'
            ? b.reviewCount - a.reviewCount
            : a.applicationId < b.applicationId
              ? -1
              : a.applicationId > b.applicationId
                ? 1
                : 0;
      if (Math.abs(d) > EPS) return [d, rule];
    }
    return [0, undefined];
  };
  const sorted = [...scores].sort((a, b) => decide(a, b)[0]);
  return sorted.map((s, i) => {
    const next = sorted[i + 1];
    const ranked: RankedApplication = { ...s, rank: i + 1 };
    const rule = next ? decide(s, next)[1] : undefined;
    if (next && rule) ranked.tieBreak = { rule, over: next.applicationId, message: describeTieBreak(rule, s, next) };
    return ranked;
  });
}

function describeTieBreak(rule: TieBreakRule, a: AggregatedScore, b: AggregatedScore): LocalizedText {
  const score = +a.score.toFixed(3);
  if (rule.kind === 'group') {
    return {
      ko: `총점 동점(${score})으로 '${rule.group}' 항목 점수가 높아(${+a.groups[rule.group].toFixed(3)} > ${+(b.groups[rule.group] ?? 0).toFixed(3)}) ${b.applicationId}보다 앞섭니다`,
      en: `tied at ${score}; ranked above ${b.applicationId} on a higher '${rule.group}' score (${+a.groups[rule.group].toFixed(3)} > ${+(b.groups[rule.group] ?? 0).toFixed(3)})`,
    };
  }
  if (rule.kind === 'review-count') {
    return {
      ko: `총점과 항목 점수가 같아 평가 수가 많은 쪽(${a.reviewCount} > ${b.reviewCount})이 ${b.applicationId}보다 앞섭니다`,
      en: `tied on score and groups; ranked above ${b.applicationId} on more reviews (${a.reviewCount} > ${b.reviewCount})`,
    };
  }
  return {
    ko: `모든 기준이 같아 식별자 순서로 ${b.applicationId}보다 앞섭니다`,
    en: `tied on every criterion; ranked above ${b.applicationId} by id order`,
  };
}

export interface RoundScores {
  key: string;
  weight: number;
  scores: { applicationId: string; score: number }[];
}

/**
 * Combines review rounds (e.g. documents, then presentations) by their weights. Only applications
 * scored in every round are combined; the others are listed as incomplete with the rounds missing
 * (in a shortlist, those are the ones not invited to the later round).
 */
export function combineRounds(rounds: RoundScores[]): {
  combined: { applicationId: string; score: number; byRound: Record<string, number> }[];
  incomplete: { applicationId: string; missingRounds: string[] }[];
} {
  const weightSum = rounds.reduce((a, r) => a + r.weight, 0);
  if (!(weightSum > 0)) throw new RangeError('round weights must add up to more than 0');
  const ids = new Set<string>();
  const byRound = rounds.map((r) => new Map(r.scores.map((s) => [s.applicationId, s.score])));
  for (const r of rounds) for (const s of r.scores) ids.add(s.applicationId);
  const combined: { applicationId: string; score: number; byRound: Record<string, number> }[] = [];
  const incomplete: { applicationId: string; missingRounds: string[] }[] = [];
  for (const id of ids) {
    const missing = rounds.filter((_, i) => !byRound[i].has(id)).map((r) => r.key);
    if (missing.length) {
      incomplete.push({ applicationId: id, missingRounds: missing });
      continue;
    }
    const parts = Object.fromEntries(rounds.map((r, i) => [r.key, byRound[i].get(id)!]));
    combined.push({ applicationId: id, score: rounds.reduce((a, r, i) => a + r.weight * byRound[i].get(id)!, 0) / weightSum, byRound: parts });
  }
  return { combined, incomplete };
}
