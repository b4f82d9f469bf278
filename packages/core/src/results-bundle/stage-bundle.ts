import { z } from 'zod';
import { stageEvaluationScheme, type StageEvaluationScheme } from '../program/definition.ts';
import { localizedText } from '../shared/localized.ts';
import { scoringRules, type ScoringRules } from '../stage-evaluation/scoring-rules.ts';
import type { TeamStageResult } from '../stage-evaluation/score-stage.ts';
import type { DecisionProposal } from '../stage-evaluation/propose-decision.ts';
import { computeStageResults, leafComponents, type PanelOrder, type StageBootstrap, type StageRecords } from '../stage-evaluation/stage-results.ts';
import { csvNumber, csvText, toCsv } from './csv-table.ts';
import { BundleInputError, cells, jsonText, readCsv, readJson, type BuiltBundle, type BundleFiles, type PrivateInput } from './bundle-files.ts';
import type { ResultPublication } from './public-inputs.ts';
import { ARENA_FILES, arenaVoteFiles, recomputeArenaRatings, type BundledArena } from './arena-votes.ts';

/**
 * A stage decision: every team's points per component, totals, indices and gate outcomes under the
 * frozen scheme, the decision the policy implies, the bootstrap's chance of finishing last, and the
 * decision the office confirmed (departures named, with their reason).
 */
export const STAGE_FILES = {
  computation: 'computation.json',
  measurements: 'measurements.csv',
  expertScores: 'expert-scores.csv',
  goals: 'stage-goals.csv',
  gates: 'gate-rulings.csv',
  result: 'result.json',
} as const;

const computationFile = z.object({
  schemeVersion: z.number().int().positive(),
  scheme: stageEvaluationScheme,
  rules: scoringRules,
  teams: z.array(z.string()).min(1),
  bootstrap: z.object({ rounds: z.number().int().positive().max(100_000), seed: z.number().int() }),
});

export interface StageFigures {
  teams: Record<string, { total: number; points: Record<string, number>; indices: Record<string, number>; gates: Record<string, string> }>;
  average: number;
  proposal: Record<string, { outcome: string; rank: number; basis: string | null }>;
  unresolvedTie: string[];
  probabilityLast: Record<string, number> | null;
  decision: { decidedOn: string; outcomes: Record<string, string>; departures: string[]; departureReason: string | null };
  /** arena components' ratings per team: the values the components used, refitted from the votes on verify */
  arenaRatings?: Record<string, Record<string, number>>;
}

/** The figures a stage result publishes, from core's scoring and proposal. */
export function stageFigures(
  results: readonly TeamStageResult[],
  average: number,
  proposal: DecisionProposal,
  probabilityLast: Record<string, number> | null,
  decision: StageFigures['decision'],
): StageFigures {
  return {
    teams: Object.fromEntries(
      results.map((r) => [
        r.team,
        { total: r.total, points: r.pointsByComponent, indices: r.indices, gates: Object.fromEntries(r.gates.map((g) => [g.key, g.status])) },
      ]),
    ),
    average,
    proposal: Object.fromEntries(proposal.items.map((p) => [p.team, { outcome: p.outcome, rank: p.rank, basis: p.basis ?? null }])),
    unresolvedTie: proposal.unresolvedTie,
    probabilityLast,
    decision,
  };
}

export interface StageBundleInput {
  schemeVersion: number;
  scheme: StageEvaluationScheme;
  rules: ScoringRules;
  teams: string[];
  bootstrap: StageBootstrap;
  panelOrder: PanelOrder;
  /** expert labels already pseudonymised; rows in the order the computation read them */
  records: StageRecords;
  measurementSources: Record<string, string>;
  goalTexts: { team: string; component: string; position: number; goal: string }[];
  gateEvidenceSha256: Record<string, string>;
  /** the votes of arena components, evaluators already pseudonymised */
  arenas?: BundledArena[];
  published: StageFigures;
}

const VERSION_OF: Record<PanelOrder, number> = { 'as-given': 1, 'by-expert': 2 };
const at = (team: string, key: string) => `${team}|${key}`;

export function buildStageBundle(input: StageBundleInput, publication: ResultPublication): BuiltBundle {
  const files: Record<string, string> = {};
  const priv: PrivateInput[] = [];
  const put = (input_: keyof ResultPublication, name: string, content: string, items: number, what: { ko: string; en: string }) => {
    if (publication[input_] === 'public') files[name] = content;
    else priv.push({ input: input_, what, content, items });
  };
  files[STAGE_FILES.computation] = jsonText({
    schemeVersion: input.schemeVersion,
    scheme: input.scheme,
    rules: input.rules,
    teams: input.teams,
    bootstrap: input.bootstrap,
  });
  const kindOf = new Map(leafComponents(input.scheme).map((c) => [c.key, c.kind]));
  const r = input.records;
  put(
    'measurements',
    STAGE_FILES.measurements,
    toCsv(
      ['team', 'component', 'kind', 'value', 'source'],
      r.measurements.map((m) => [m.team, m.component, kindOf.get(m.component) ?? '', m.value, input.measurementSources[at(m.team, m.component)] ?? '']),
    ),
    r.measurements.length,
    { ko: '측정값', en: 'measurements' },
  );
  put(
    'expertScores',
    STAGE_FILES.expertScores,
    toCsv(
      ['team', 'component', 'expert', 'score'],
      r.expertScores.map((s) => [s.team, s.component, s.expert, s.score]),
    ),
    r.expertScores.length,
    { ko: '전문가 위원별 점수', en: "each panel member's score" },
  );
  files[STAGE_FILES.goals] = toCsv(
    ['team', 'component', 'met'],
    r.goals.map((g) => [g.team, g.component, g.met === null ? '' : g.met]),
  );
  put(
    'goalTexts',
    'stage-goal-texts.csv',
    toCsv(
      ['team', 'component', 'position', 'goal'],
      input.goalTexts.map((g) => [g.team, g.component, g.position, g.goal]),
    ),
    input.goalTexts.length,
    { ko: '단계 목표 문구(제안서)', en: 'the wording of declared stage goals (proposal text)' },
  );
  put(
    'gateRulings',
    STAGE_FILES.gates,
    toCsv(
      ['team', 'gate', 'passed', 'reason_ko', 'reason_en', 'evidence_sha256'],
      r.gates.map((g) => [
        g.team,
        g.gate,
        g.passed === null ? '' : g.passed,
        g.reason?.ko ?? '',
        g.reason?.en ?? '',
        input.gateEvidenceSha256[at(g.team, g.gate)] ?? '',
      ]),
    ),
    r.gates.length,
    { ko: '관문 심사 결과', en: 'gate rulings' },
  );
  const arenas = input.arenas ?? [];
  let published = input.published;
  if (arenas.length) {
    const votes = arenaVoteFiles(arenas);
    if (publication.arenaVotes === 'public') Object.assign(files, votes);
    else {
      priv.push({
        input: 'arenaVotes',
        what: { ko: '아레나 투표(평가자 가명)', en: 'arena votes (evaluators under pseudonyms)' },
        content: votes[ARENA_FILES.votes]!,
        items: arenas.reduce((n, a) => n + a.votes.length, 0),
      });
      // ratings nobody outside can refit are not published as checkable figures
      const { arenaRatings: _withheld, ...rest } = published;
      published = rest;
    }
  }
  files[STAGE_FILES.result] = jsonText(published);
  return { computationVersion: VERSION_OF[input.panelOrder], files, private: priv };
}

const bool = (raw: string, name: string, line: number, column: string): boolean | null => {
  if (raw === '') return null;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new BundleInputError(`${name}: line ${line}, column "${column}" is not true/false ("${raw}")`);
};

function readRecords(files: BundleFiles): StageRecords {
  const m = STAGE_FILES.measurements,
    e = STAGE_FILES.expertScores,
    g = STAGE_FILES.goals,
    t = STAGE_FILES.gates;
  return cells(() => ({
    measurements: readCsv(files, m).map((r, i) => ({
      team: csvText(r, 'team', m),
      component: csvText(r, 'component', m),
      value: csvNumber(r, 'value', m, i + 2),
    })),
    expertScores: readCsv(files, e).map((r, i) => ({
      team: csvText(r, 'team', e),
      component: csvText(r, 'component', e),
      expert: csvText(r, 'expert', e),
      score: csvNumber(r, 'score', e, i + 2),
    })),
    goals: readCsv(files, g).map((r, i) => ({
      team: csvText(r, 'team', g),
      component: csvText(r, 'component', g),
      met: bool(csvText(r, 'met', g), g, i + 2, 'met'),
    })),
    gates: readCsv(files, t).map((r, i) => {
      const ko = csvText(r, 'reason_ko', t),
        en = csvText(r, 'reason_en', t);
      const reason = ko && en ? localizedText.parse({ ko, en }) : null;
      return { team: csvText(r, 'team', t), gate: csvText(r, 'gate', t), passed: bool(csvText(r, 'passed', t), t, i + 2, 'passed'), reason };
    }),
  }));
}

const publishedDecision = z.object({
  decidedOn: z.string(),
  outcomes: z.record(z.string(), z.string()),
  departures: z.array(z.string()),
  departureReason: z.string().nullable(),
});

/** Stage computations by version; they differ only in the order panel scores enter the bootstrap. */
export function recomputeStage(order: PanelOrder) {
  return (files: BundleFiles): StageFigures => {
    const c = readJson(files, STAGE_FILES.computation, computationFile);
    const records = readRecords(files);
    const results = computeStageResults(c.scheme, c.rules, c.teams, records, order, c.bootstrap);
    // the confirmed decision is the office's; it must follow the proposal except where it says it departs
    const decision = readJson(files, STAGE_FILES.result, z.object({ decision: publishedDecision })).decision;
    const outcomes = Object.fromEntries(
      results.proposal.items.map((p) => [p.team, decision.departures.includes(p.team) ? (decision.outcomes[p.team] ?? p.outcome) : p.outcome]),
    );
    const figures = stageFigures(results.results, results.average, results.proposal, results.probabilityLast, { ...decision, outcomes });
    const arenaRatings = recomputeArenaRatings(files);
    return arenaRatings ? { ...figures, arenaRatings } : figures;
  };
}
