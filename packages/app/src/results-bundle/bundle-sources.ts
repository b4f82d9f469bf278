import { and, eq } from 'drizzle-orm';
import { canonicalJson } from '@stagegate/core/application/canonical-json';
import { buildFinalBundle } from '@stagegate/core/results-bundle/final-bundle';
import { resultPublication, type ResultPublication } from '@stagegate/core/results-bundle/public-inputs';
import { buildSelectionBundle, type SelectionFigures } from '@stagegate/core/results-bundle/selection-bundle';
import { buildStageBundle, stageFigures } from '@stagegate/core/results-bundle/stage-bundle';
import type { BuiltBundle } from '@stagegate/core/results-bundle/bundle-files';
import type { ResultKind } from '@stagegate/core/results-bundle/manifest';
import type { DecisionProposal } from '@stagegate/core/stage-evaluation/propose-decision';
import type { TeamStageResult } from '@stagegate/core/stage-evaluation/score-stage';
import { STAGE_BOOTSTRAP } from '@stagegate/core/stage-evaluation/stage-results';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { Db, Tx } from '../db/connect.ts';
import { arenas as arenaTable, finalEvaluations, selectionDecisions, stageEvaluationDecisions, stageEvaluationGates } from '../db/schema/index.ts';
import { pseudonymiseVoters, type BundledArena } from '@stagegate/core/results-bundle/arena-votes';
import { arenaVotes } from '../arena/arena-votes.ts';
import { getProgram } from '../programs/program-store.ts';
import { loadReviewCall, submittedApplications } from '../review/review-call.ts';
import { aggregationRule, computeRanking, countedSheets, sheetGroups, tieBreakGroups } from '../review/ranking-service.ts';
import { loadEvaluation } from '../stage-evaluation/evaluation-store.ts';
import { loadRawInputs, stageRecords, STAGE_PANEL_ORDER } from '../stage-evaluation/results.ts';
import { finalTasks } from '../final-evaluation/final-evaluation-store.ts';
import { sha256Hex } from './verify-bundle.ts';
import { readAll } from '../db/read-all.ts';

/** Which published result a bundle is of. */
export interface BundleSubject {
  kind: ResultKind;
  /** stage evaluation id, `program/call` for a selection, final evaluation id */
  id: string;
}

export interface BundleSource {
  program: string;
  name: LocalizedText;
  built: BuiltBundle;
}

async function publicationOf(db: Db | Tx, slug: string): Promise<ResultPublication> {
  const program = await getProgram(db as Db, slug);
  return resultPublication.parse(program?.definition.resultPublication ?? {});
}

/** A reviewer's pseudonym: stable for the reviewer (their pool record), meaningless without the database. */
const reviewerPseudonym = (reviewerId: string) => `R-${sha256Hex(`reviewer:${reviewerId}`).slice(0, 10)}`;

async function selectionSource(db: Db | Tx, subjectId: string): Promise<BundleSource | undefined> {
  const [slug, callKey] = subjectId.split('/');
  const call = slug && callKey ? await loadReviewCall(db, slug, callKey) : undefined;
  if (!call?.config.publishedAt) return undefined;
  const [apps, sheets, ranking, decisions] = await readAll(db, [
    () => submittedApplications(db, slug!, callKey!),
    () => countedSheets(db, call),
    () => computeRanking(db, call),
    () =>
      db
        .select()
        .from(selectionDecisions)
        .where(and(eq(selectionDecisions.programSlug, slug!), eq(selectionDecisions.callKey, callKey!))),
  ]);
  // the ranking names applications by receipt number, as the office's ranking does
  const keyOf = new Map(apps.map((a) => [a.id, a.receiptNo ?? a.id]));
  const roundKey = new Map(call.rounds.map((r) => [r.id, r.key]));
  const published: SelectionFigures = { ranking: {}, unranked: {}, decisions: {} };
  for (const row of ranking.rows) {
    const k = keyOf.get(row.applicationId)!;
    if (row.rank !== null && row.score !== null) {
      published.ranking[k] = {
        rank: row.rank,
        score: row.score,
        rounds: Object.fromEntries(
          Object.entries(row.perRound).map(([rk, v]) => [rk, v ? { score: v.score, reviews: v.reviewCount, trimmed: v.trimmed } : null]),
        ),
      };
    } else published.unranked[k] = row.missingRounds;
    if (row.decision) published.decisions[k] = row.decision.outcome;
  }
  const c = call.program.calls.find((x) => x.key === callKey)!;
  const built = buildSelectionBundle(
    {
      groups: call.program.selectionScheme.groups.map((g) => ({ key: g.key, name: g.name, points: g.points })),
      rule: aggregationRule(call),
      rounds: call.rounds.map((r) => ({ key: r.key, name: r.name, weight: r.weight })),
      tieBreakGroups: tieBreakGroups(call),
      scoreDecimals: 2,
      sheets: sheets.map((s) => ({
        round: roundKey.get(s.roundId)!,
        applicationId: keyOf.get(s.applicationId) ?? s.applicationId,
        reviewerId: reviewerPseudonym(s.reviewerId),
        groups: sheetGroups(s.scores),
      })),
      decisions: decisions
        .filter((d) => keyOf.has(d.applicationId))
        .map((d) => ({ application: keyOf.get(d.applicationId)!, outcome: d.outcome, reason: d.reason }))
        .sort((a, b) => (a.application < b.application ? -1 : 1)),
      reviewComments: {
        items: sheets.filter((s) => Object.values(s.scores).some((c) => c.comment)).length,
        text: canonicalJson(
          sheets.map((s) => ({
            round: roundKey.get(s.roundId),
            application: keyOf.get(s.applicationId),
            reviewer: reviewerPseudonym(s.reviewerId),
            comments: Object.fromEntries(Object.entries(s.scores).map(([k, c]) => [k, c.comment ?? null])),
          })),
        ),
      },
      proposals: apps.map((a) => ({ application: keyOf.get(a.id)!, text: canonicalJson({ consortium: a.consortium, proposal: a.proposal }) })),
      published,
    },
    await publicationOf(db, slug!),
  );
  const name = { ko: `${call.program.shortName.ko} ${c.name.ko} 선정 결과`, en: `${call.program.shortName.en} ${c.name.en} selection result` };
  return { program: slug!, name, built };
}

async function stageSource(db: Db | Tx, id: string): Promise<BundleSource | undefined> {
  const loaded = await loadEvaluation(db, id);
  if (!loaded || loaded.evaluation.status !== 'published') return undefined;
  const [decision] = await db.select().from(stageEvaluationDecisions).where(eq(stageEvaluationDecisions.evaluationId, id));
  if (!decision) return undefined;
  const raw = await loadRawInputs(db, id);
  const records = stageRecords(loaded, raw);
  // panel members under pseudonyms that keep their order (E01 < E02 … as the labels sort), so the
  // bootstrap resamples them in the same order as the office did
  const labels = [...new Set(records.expertScores.map((s) => s.expert))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const width = Math.max(2, String(labels.length).length);
  const pseudonym = new Map(labels.map((l, i) => [l, `E${String(i + 1).padStart(width, '0')}`]));
  const keyOf = new Map(loaded.teams.map((t) => [t.id, t.key]));
  const stored = decision.results as { results: TeamStageResult[]; average: number; probabilityLast: Record<string, number> | null };
  const proposal = decision.proposal as DecisionProposal;
  const departures = decision.outcomes.filter((o) => o.outcome !== o.proposed || proposal.unresolvedTie.includes(o.taskKey)).map((o) => o.taskKey);
  const published = stageFigures(stored.results, stored.average, proposal, stored.probabilityLast, {
    decidedOn: decision.decidedOn,
    outcomes: Object.fromEntries(decision.outcomes.map((o) => [o.taskKey, o.outcome])),
    departures,
    departureReason: decision.departureReason,
  });
  const version = loaded.versions.find((v) => v.version === decision.schemeVersion) ?? loaded.version;
  const arenas = await stageArenaVotes(
    db,
    loaded.evaluation.programSlug,
    loaded.evaluation.stageKey,
    raw.measurements.filter((m) => m.source === 'arena').map((m) => m.componentKey),
  );
  if (arenas.length) {
    // the ratings the arena components used, as stored: verify refits them from the votes
    published.arenaRatings = Object.fromEntries(
      arenas.map((a) => [
        a.component,
        Object.fromEntries(
          raw.measurements
            .filter((m) => m.componentKey === a.component && m.source === 'arena')
            .map((m) => [keyOf.get(m.taskId) ?? m.taskId, m.value])
            .sort(([x], [y]) => (x! < y! ? -1 : 1)),
        ),
      ]),
    );
  }
  const gates = await db.select().from(stageEvaluationGates).where(eq(stageEvaluationGates.evaluationId, id));
  const built = buildStageBundle(
    {
      schemeVersion: version.version,
      scheme: version.scheme,
      rules: version.rules,
      teams: loaded.teams.map((t) => t.key),
      bootstrap: STAGE_BOOTSTRAP,
      panelOrder: STAGE_PANEL_ORDER,
      records: { ...records, expertScores: records.expertScores.map((s) => ({ ...s, expert: pseudonym.get(s.expert)! })) },
      measurementSources: Object.fromEntries(raw.measurements.map((m) => [`${keyOf.get(m.taskId) ?? m.taskId}|${m.componentKey}`, m.source])),
      goalTexts: raw.goals.map((g) => ({ team: keyOf.get(g.taskId) ?? g.taskId, component: g.componentKey, position: g.position, goal: g.goal })),
      arenas,
      gateEvidenceSha256: Object.fromEntries(
        gates.map((g) => [`${keyOf.get(g.taskId) ?? g.taskId}|${g.gateKey}`, sha256Hex(canonicalJson({ declaration: g.declaration, evidence: g.evidence }))]),
      ),
      published,
    },
    await publicationOf(db, loaded.evaluation.programSlug),
  );
  return { program: loaded.evaluation.programSlug, name: loaded.evaluation.name, built };
}

/** The pairwise arenas behind the stage's arena-rated components, their votes with evaluators pseudonymised. */
async function stageArenaVotes(db: Db | Tx, program: string, stage: string, arenaComponents: string[]): Promise<BundledArena[]> {
  if (!arenaComponents.length) return [];
  const rows = await db
    .select()
    .from(arenaTable)
    .where(and(eq(arenaTable.programSlug, program), eq(arenaTable.stageKey, stage)));
  const out: BundledArena[] = [];
  for (const a of rows.filter((r) => r.kind === 'pairwise' && arenaComponents.includes(r.componentKey))) {
    const votes = pseudonymiseVoters(await arenaVotes(db as Db, a.id)).map(({ model_a, model_b, winner, evaluator }) => ({
      model_a,
      model_b,
      winner,
      evaluator,
    }));
    out.push({ component: a.componentKey, seed: a.seed, bootstrapRounds: a.bootstrapRounds, capPerEvaluator: a.capPerEvaluator, votes });
  }
  return out;
}

async function finalSource(db: Db | Tx, id: string): Promise<BundleSource | undefined> {
  const [fe] = await db.select().from(finalEvaluations).where(eq(finalEvaluations.id, id));
  // a bundle is made when the office publishes (the row is already `published` in that transaction)
  if (!fe || fe.status === 'open') return undefined;
  const rows = await finalTasks(db as Db, id);
  const built = buildFinalBundle(
    {
      rule: fe.excellenceRule,
      scores: rows.map((r) => ({ task: r.key, score: r.row.score })),
      reports: rows.map((r) => ({ task: r.key, sha256: r.row.reportSha256 })),
      published: { designations: Object.fromEntries(rows.map((r) => [r.key, { rank: r.row.rank, excellent: r.row.excellent ?? false }])) },
    },
    await publicationOf(db, fe.programSlug),
  );
  return { program: fe.programSlug, name: fe.name, built };
}

/** Everything a bundle of this published result holds, read from the database; undefined while unpublished. */
export function bundleSource(db: Db | Tx, subject: BundleSubject): Promise<BundleSource | undefined> {
  switch (subject.kind) {
    case 'selection':
      return selectionSource(db, subject.id);
    case 'stage-decision':
      return stageSource(db, subject.id);
    case 'final-evaluation':
      return finalSource(db, subject.id);
  }
}
