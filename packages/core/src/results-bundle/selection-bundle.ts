import { z } from 'zod';
import { rankSelection, type RoundSheet } from '../review/rank-selection.ts';
import type { AggregationRule } from '../review/aggregate.ts';
import { localizedText, type LocalizedText } from '../shared/localized.ts';
import { csvNumber, csvText, toCsv } from './csv-table.ts';
import { BundleInputError, cells, jsonText, readCsv, readJson, type BuiltBundle, type BundleFiles, type PrivateInput } from './bundle-files.ts';
import type { ResultPublication } from './public-inputs.ts';

/**
 * A selection result: the call's ranking (each round aggregated by the call's rule, rounds
 * combined by weight, stated tie-breaks) and the office's outcome per application. Applications
 * are named by receipt number, reviewers by pseudonyms; proposal texts, names and the reviewers'
 * comments stay out.
 */
export const SELECTION_FILES = { computation: 'computation.json', scores: 'review-scores.csv', decisions: 'decisions.csv', result: 'result.json' } as const;

const computationFile = z.object({
  groups: z.array(z.object({ key: z.string(), name: localizedText, points: z.number() })),
  rule: z.object({
    method: z.enum(['mean', 'trimmed-mean']),
    trimMinimumReviewers: z.number().int().optional(),
    normalise: z.enum(['none', 'z-score']).optional(),
  }),
  rounds: z.array(z.object({ key: z.string(), name: localizedText, weight: z.number().nonnegative() })),
  tieBreakGroups: z.array(z.string()),
  /** published scores are rounded to this many decimals, as on the office's ranking table */
  scoreDecimals: z.number().int().min(0).max(9),
});

export interface SelectionRoundFigure {
  score: number;
  reviews: number;
  trimmed: boolean;
}
export interface SelectionFigures {
  ranking: Record<string, { rank: number; score: number; rounds: Record<string, SelectionRoundFigure | null> }>;
  /** applications not ranked, with the weighted rounds they were not scored in */
  unranked: Record<string, string[]>;
  decisions: Record<string, string>;
}

export interface SelectionBundleInput {
  groups: { key: string; name: LocalizedText; points: number }[];
  rule: AggregationRule;
  rounds: { key: string; name: LocalizedText; weight: number }[];
  tieBreakGroups: string[];
  scoreDecimals: number;
  /** counted sheets; `applicationId` is the receipt number, `reviewerId` a stable pseudonym */
  sheets: RoundSheet[];
  decisions: { application: string; outcome: string; reason: string }[];
  /** the reviewers' written comments (canonical JSON text), listed by hash only */
  reviewComments: { items: number; text: string };
  /** each application's proposal as submitted (canonical JSON text), listed by hash only */
  proposals: { application: string; text: string }[];
  /** the ranking as the office published it */
  published: SelectionFigures;
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

export function buildSelectionBundle(input: SelectionBundleInput, publication: ResultPublication): BuiltBundle {
  const files: Record<string, string> = {};
  const priv: PrivateInput[] = [];
  const groupKeys = input.groups.map((g) => g.key);
  files[SELECTION_FILES.computation] = jsonText({
    groups: input.groups,
    rule: input.rule,
    rounds: input.rounds,
    tieBreakGroups: input.tieBreakGroups,
    scoreDecimals: input.scoreDecimals,
  });
  const scores = toCsv(
    ['round', 'application', 'reviewer', ...groupKeys],
    input.sheets.map((s) => [s.round, s.applicationId, s.reviewerId, ...groupKeys.map((g) => s.groups[g] ?? 0)]),
  );
  if (publication.reviewScores === 'public') files[SELECTION_FILES.scores] = scores;
  else priv.push({ input: 'reviewScores', what: { ko: '평가위원별 점수표', en: "each reviewer's score sheet" }, content: scores, items: input.sheets.length });
  files[SELECTION_FILES.decisions] = toCsv(
    ['application', 'outcome'],
    input.decisions.map((d) => [d.application, d.outcome]),
  );
  const reasons = toCsv(
    ['application', 'reason'],
    input.decisions.map((d) => [d.application, d.reason]),
  );
  if (publication.decisionReasons === 'public') files['decision-reasons.csv'] = reasons;
  else
    priv.push({
      input: 'decisionReasons',
      what: { ko: '선정 결정 사유', en: 'the written reason of each selection decision' },
      content: reasons,
      items: input.decisions.length,
    });
  priv.push({
    input: 'reviewComments',
    what: { ko: '평가위원 의견', en: "the reviewers' written comments" },
    content: input.reviewComments.text,
    items: input.reviewComments.items,
  });
  priv.push({
    input: 'proposalTexts',
    what: { ko: '제안서 본문', en: 'the proposals as submitted' },
    content: input.proposals.map((p) => `${p.application}\n${p.text}\n`).join(''),
    items: input.proposals.length,
  });
  files[SELECTION_FILES.result] = jsonText(input.published);
  return { computationVersion: 1, files, private: priv };
}

/** Version 1: the ranking as `rankSelection` makes it, scores rounded as the ranking table shows them. */
export function recomputeSelectionV1(files: BundleFiles): SelectionFigures {
  const c = readJson(files, SELECTION_FILES.computation, computationFile);
  const name = SELECTION_FILES.scores;
  const roundKeys = new Set(c.rounds.map((r) => r.key));
  const sheets: RoundSheet[] = readCsv(files, name).map((r, i) =>
    cells(() => {
      const roundKey = csvText(r, 'round', name);
      if (!roundKeys.has(roundKey)) throw new BundleInputError(`${name}: line ${i + 2} names round "${roundKey}", which computation.json does not have`);
      return {
        round: roundKey,
        applicationId: csvText(r, 'application', name),
        reviewerId: csvText(r, 'reviewer', name),
        groups: Object.fromEntries(c.groups.map((g) => [g.key, csvNumber(r, g.key, name, i + 2)])),
      };
    }),
  );
  const decisions = readCsv(files, SELECTION_FILES.decisions).map((r) =>
    cells(() => [csvText(r, 'application', SELECTION_FILES.decisions), csvText(r, 'outcome', SELECTION_FILES.decisions)] as const),
  );
  const { perRound, ranked, missing, weighted } = rankSelection({ rule: c.rule, rounds: c.rounds, tieBreakGroups: c.tieBreakGroups, sheets });
  const ranking: SelectionFigures['ranking'] = {};
  for (const r of ranked) {
    ranking[r.applicationId] = {
      rank: r.rank,
      score: round(r.score, c.scoreDecimals),
      rounds: Object.fromEntries(
        c.rounds.map((rd) => {
          const s = perRound.get(rd.key)!.get(r.applicationId);
          return [rd.key, s ? { score: round(s.score, c.scoreDecimals), reviews: s.reviewCount, trimmed: s.trimmed } : null];
        }),
      ),
    };
  }
  const unranked: Record<string, string[]> = {};
  for (const [app] of decisions) if (!ranking[app]) unranked[app] = missing.get(app) ?? weighted;
  for (const [app, rounds] of missing) if (!ranking[app]) unranked[app] = rounds;
  return { ranking, unranked, decisions: Object.fromEntries(decisions) };
}
