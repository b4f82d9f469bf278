import { createRng } from '../../src/shared/random.ts';
import { defaultScoringRules } from '../../src/stage-evaluation/scoring-rules.ts';
import { computeStageResults, leafComponents, type PanelOrder, type StageRecords } from '../../src/stage-evaluation/stage-results.ts';
import { buildStageBundle, stageFigures } from '../../src/results-bundle/stage-bundle.ts';
import { arenaPointRatings, pseudonymiseVoters, type BundledArenaVote } from '../../src/results-bundle/arena-votes.ts';
import { resultPublication } from '../../src/results-bundle/public-inputs.ts';
import { rankSelection } from '../../src/review/rank-selection.ts';
import { buildSelectionBundle, type SelectionFigures } from '../../src/results-bundle/selection-bundle.ts';
import { kaiScheme } from '../stage-evaluation/fixtures.ts';

export const publication = resultPublication.parse({});
export const teams = ['kai-a', 'kai-b', 'kai-c', 'kai-d', 'kai-e'];
export const rules = { ...defaultScoringRules(kaiScheme), expertPanel: { scaleMax: 100 } };

/** Five close teams with ten panel members each, panel rows stored in reverse member order. */
export function stageRecords(): StageRecords {
  const rng = createRng(7);
  const leaves = leafComponents(kaiScheme);
  const measurements = teams.flatMap((team, i) =>
    leaves
      .filter((c) => c.kind === 'benchmark' || c.kind === 'userEvaluation')
      .map((c) => ({ team, component: c.key, value: c.kind === 'benchmark' ? 0.9 + i * 0.004 : 3.8 + i * 0.03 })),
  );
  const expertScores = teams.flatMap((team, i) =>
    leaves
      .filter((c) => c.kind === 'expertPanel')
      .flatMap((c) =>
        Array.from({ length: 10 }, (_, m) => ({
          team,
          component: c.key,
          expert: `E${String(m + 1).padStart(2, '0')}`,
          score: Math.round(70 + i * 0.6 + rng.normal() * 8),
        })).reverse(),
      ),
  );
  const gates = teams.flatMap((team) =>
    kaiScheme.gates.map((g) => ({ team, gate: g.key, passed: true, reason: { ko: '자체 설계 확인', en: 'own design confirmed' } })),
  );
  return { measurements, expertScores, goals: [], gates };
}

/** What the office publishes for a stage decision computed with `order`. */
export function stageBundle(order: PanelOrder) {
  const records = stageRecords();
  const r = computeStageResults(kaiScheme, rules, teams, records, order);
  const outcomes = Object.fromEntries(r.proposal.items.map((p) => [p.team, p.outcome]));
  const published = stageFigures(r.results, r.average, r.proposal, r.probabilityLast, {
    decidedOn: '2026-01-12',
    outcomes,
    departures: [],
    departureReason: null,
  });
  return buildStageBundle(
    {
      schemeVersion: 1,
      scheme: kaiScheme,
      rules,
      teams,
      bootstrap: { rounds: 400, seed: 20260115 },
      panelOrder: order,
      records,
      measurementSources: {},
      goalTexts: [],
      gateEvidenceSha256: {},
      published,
    },
    publication,
  );
}

const groups = [
  { key: 'technical', name: { ko: '기술', en: 'Technical' }, points: 30 },
  { key: 'goals', name: { ko: '목표', en: 'Goals' }, points: 30 },
  { key: 'market', name: { ko: '시장', en: 'Market' }, points: 40 },
];

export function selectionBundle() {
  const rng = createRng(11);
  const apps = ['SFM-2025-0001', 'SFM-2025-0002', 'SFM-2025-0003', 'SFM-2025-0004'];
  const sheets = apps.flatMap((a, i) =>
    Array.from({ length: 5 }, (_, r) => ({
      round: 'documents',
      applicationId: a,
      reviewerId: `R-${r}`,
      groups: { technical: 20 + i + Math.round(rng.next() * 5), goals: 22 + Math.round(rng.next() * 5), market: 28 + i + Math.round(rng.next() * 6) },
    })),
  );
  const rule = { method: 'trimmed-mean' as const, trimMinimumReviewers: 5, normalise: 'none' as const };
  const rounds = [{ key: 'documents', name: { ko: '서면 평가', en: 'Document review' }, weight: 1 }];
  const { perRound, ranked } = rankSelection({ rule, rounds, tieBreakGroups: ['market', 'technical', 'goals'], sheets });
  const r2 = (x: number) => Math.round(x * 100) / 100;
  const published: SelectionFigures = { ranking: {}, unranked: {}, decisions: {} };
  for (const r of ranked) {
    const s = perRound.get('documents')!.get(r.applicationId)!;
    published.ranking[r.applicationId] = {
      rank: r.rank,
      score: r2(r.score),
      rounds: { documents: { score: r2(s.score), reviews: s.reviewCount, trimmed: s.trimmed } },
    };
    published.decisions[r.applicationId] = r.rank <= 2 ? 'selected' : 'rejected';
  }
  const decisions = apps.map((a) => ({ application: a, outcome: published.decisions[a]!, reason: '심사 결과' }));
  return buildSelectionBundle(
    {
      groups,
      rule,
      rounds,
      tieBreakGroups: ['market', 'technical', 'goals'],
      scoreDecimals: 2,
      sheets,
      decisions,
      reviewComments: { items: 0, text: '' },
      proposals: apps.map((a) => ({ application: a, text: '{}' })),
      published,
    },
    publication,
  );
}

/**
 * A stage decision whose user evaluation is an arena: votes between the five teams from named
 * evaluators (the office's records), ratings fitted from them and used as the component's values.
 */
export function arenaStageBundle(publish = publication) {
  const rng = createRng(18);
  const component = leafComponents(kaiScheme).find((c) => c.kind === 'userEvaluation')!.key;
  const evaluators = ['kim.minji@example.kr', 'park.jae@example.kr', 'lee.seoyeon@example.kr', 'choi.dong@example.kr'];
  const votes: BundledArenaVote[] = [];
  for (let k = 0; k < 240; k++) {
    const i = Math.floor(rng.next() * teams.length);
    const j = (i + 1 + Math.floor(rng.next() * (teams.length - 1))) % teams.length;
    const pA = 1 / (1 + 10 ** ((j - i) / 4));
    const u = rng.next();
    const winner = u < 0.1 ? 'tie' : u < 0.1 + 0.9 * pA ? 'model_a' : 'model_b';
    votes.push({ model_a: teams[i]!, model_b: teams[j]!, winner, evaluator: evaluators[k % evaluators.length]! });
  }
  const arena = { component, seed: 42, bootstrapRounds: 200, capPerEvaluator: 50, votes: pseudonymiseVoters(votes) };
  const ratings = arenaPointRatings(arena.votes, arena.capPerEvaluator, arena.seed);
  const base = stageRecords();
  const records = { ...base, measurements: base.measurements.map((m) => (m.component === component ? { ...m, value: ratings[m.team]! } : m)) };
  const r = computeStageResults(kaiScheme, rules, teams, records, 'by-expert');
  const outcomes = Object.fromEntries(r.proposal.items.map((p) => [p.team, p.outcome]));
  const published = {
    ...stageFigures(r.results, r.average, r.proposal, r.probabilityLast, { decidedOn: '2026-01-12', outcomes, departures: [], departureReason: null }),
    arenaRatings: { [component]: ratings },
  };
  const built = buildStageBundle(
    {
      schemeVersion: 1,
      scheme: kaiScheme,
      rules,
      teams,
      bootstrap: { rounds: 400, seed: 20260115 },
      panelOrder: 'by-expert',
      records,
      measurementSources: {},
      goalTexts: [],
      gateEvidenceSha256: {},
      arenas: [arena],
      published,
    },
    publish,
  );
  return { built, component, evaluators, ratings };
}
