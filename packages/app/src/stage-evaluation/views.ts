import { schemeChanges } from '@stagegate/core/stage-evaluation/scheme-version';
import { defaultDecisionDay } from '@stagegate/core/stage-evaluation/decision-day';
import { seoulToday } from '../db/clock.ts';
import type { TeamStageResult } from '@stagegate/core/stage-evaluation/score-stage';
import type { DecisionProposal } from '@stagegate/core/stage-evaluation/propose-decision';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import { stageEvaluationDecisionVersions, stageEvaluations, type DecisionCorrection, type DecisionOutcomeRecord } from '../db/schema/index.ts';
import { desc, eq } from 'drizzle-orm';
import { listGateEvidence } from './gate-evidence.ts';
import { loadEvaluation, listStageEvaluations, type LoadedEvaluation, type SchemeVersionRow } from './evaluation-store.ts';
import { computeResults, loadRawInputs } from './results.ts';
import { getDecision } from './decision.ts';
import { listAppeals } from './appeals.ts';
import { findTeam } from './inputs-store.ts';
import { declaredStageGoals } from './declared-goals.ts';

const versionSummary = (v: SchemeVersionRow) => ({ version: v.version, effectiveFrom: v.effectiveFrom.toISOString(), reason: v.reason, changes: v.changes });

function evaluationSummary(l: LoadedEvaluation) {
  const e = l.evaluation;
  return {
    id: e.id,
    program: e.programSlug,
    programName: l.program.name,
    programShortName: l.program.shortName,
    stageKey: e.stageKey,
    stageName: l.program.phases.find((p) => p.key === e.stageKey)?.name ?? null,
    nextPhaseKey: e.nextPhaseKey,
    name: e.name,
    periodStart: e.periodStart,
    periodEnd: e.periodEnd,
    status: e.status,
    revision: e.revision,
    openedAt: e.openedAt.toISOString(),
    publishedAt: e.publishedAt?.toISOString() ?? null,
    schemeVersion: l.version.version,
  };
}

const teamSummary = (t: LoadedEvaluation['teams'][number]) => ({
  id: t.id,
  key: t.key,
  name: t.name,
  leadOrganisationName: t.leadOrganisationName,
  status: t.status,
  targetModel: t.targetModel,
});

/** Everything the office and the panel see: inputs, live results and proposal, decision, appeals. */
export async function evaluationView(db: Db, id: string) {
  const loaded = await loadEvaluation(db, id);
  if (!loaded) return undefined;
  const raw = await loadRawInputs(db, id);
  const results = computeResults(loaded, raw);
  const decision = await getDecision(db, id);
  const appeals = await listAppeals(db, id);
  // while an upheld appeal has the decision reopened, the office works on the live results, not the snapshot
  const snapshot = loaded.evaluation.status === 'reopened' ? undefined : decision;
  const reopenedAppeal = appeals.find((a) => a.id === loaded.evaluation.reopenedForAppeal);
  const provenance = await listGateEvidence(db, loaded);
  // every input, appeal and piece of evidence belongs to a team the evaluation fixed when it opened
  const keys = new Map(loaded.teams.map((t) => [t.id, t.key]));
  const keyOf = (taskId: string) => keys.get(taskId)!;
  const today = await seoulToday(db);
  return {
    evaluation: evaluationSummary(loaded),
    /** today in Seoul by the database clock, and the day a decision takes effect unless the office dates it */
    today,
    defaultDecidedOn: defaultDecisionDay(today, loaded.evaluation.periodEnd),
    scheme: loaded.version.scheme,
    rules: loaded.version.rules,
    versions: loaded.versions.map(versionSummary),
    /** the program's scheme as edited since opening; the evaluation keeps its frozen version */
    programSchemeDrift: schemeChanges(loaded.version.scheme, loaded.program.stageEvaluation),
    /** how the program hands an eliminated team's GPUs on (null: they stay in the pool); the office gives amounts under `office-decides` */
    redistribution: loaded.program.redistribution ?? null,
    gpuPools: loaded.program.gpuPools.map((p) => ({ key: p.key, name: p.name, gpusPerNode: p.gpusPerNode })),
    phaseNames: Object.fromEntries(loaded.program.phases.map((p) => [p.key, p.name])),
    teams: loaded.teams.map(teamSummary),
    inputs: {
      measurements: raw.measurements.map((m) => ({
        team: keyOf(m.taskId),
        component: m.componentKey,
        value: m.value,
        source: m.source,
        sourceRef: m.sourceRef,
        note: m.note,
        enteredAt: m.enteredAt.toISOString(),
      })),
      expertScores: raw.expertScores.map((s) => ({ team: keyOf(s.taskId), component: s.componentKey, expert: s.expert, score: s.score })),
      goals: raw.goals.map((g) => ({ team: keyOf(g.taskId), component: g.componentKey, position: g.position, goal: g.goal, met: g.met, evidence: g.evidence })),
      /** the stage goals each team declared in its selected proposal: where the office's goal-by-goal check starts */
      declaredGoals: await declaredStageGoals(db, loaded),
      gates: raw.gates.map((g) => ({
        team: keyOf(g.taskId),
        gate: g.gateKey,
        declaration: g.declaration,
        evidence: g.evidence,
        declaredAt: g.declaredAt?.toISOString() ?? null,
        passed: g.passed,
        reason: g.rulingReason,
        ruledAt: g.ruledAt?.toISOString() ?? null,
      })),
      provenanceReports: provenance,
    },
    results: snapshot ? (snapshot.results as { results: TeamStageResult[] }).results : results.results,
    issues: snapshot ? [] : results.issues,
    average: snapshot ? (snapshot.results as { average: number }).average : results.average,
    probabilityLast: snapshot ? (snapshot.results as { probabilityLast: Record<string, number> | null }).probabilityLast : results.probabilityLast,
    probabilityLastNote: results.probabilityLastNote,
    proposal: snapshot ? (snapshot.proposal as DecisionProposal) : results.proposal,
    decision: decision ? decisionSummary(decision) : null,
    /** while reopened: the upheld appeal the re-proposed decision answers */
    reopenedFor: reopenedAppeal
      ? { id: reopenedAppeal.id, team: keyOf(reopenedAppeal.taskId), grounds: reopenedAppeal.grounds, resolution: reopenedAppeal.resolution }
      : null,
    appeals: appeals.map((a) => ({
      id: a.id,
      team: keyOf(a.taskId),
      grounds: a.grounds,
      filedAt: a.filedAt.toISOString(),
      status: a.status,
      resolution: a.resolution,
      resolvedAt: a.resolvedAt?.toISOString() ?? null,
    })),
  };
}

function decisionSummary(d: NonNullable<Awaited<ReturnType<typeof getDecision>>>) {
  return {
    decidedOn: d.decidedOn,
    schemeVersion: d.schemeVersion,
    outcomes: d.outcomes,
    departureReason: d.departureReason,
    enforcement: d.enforcement,
    slurmPlan: d.slurmPlan,
    appealClosesAt: d.appealClosesAt?.toISOString() ?? null,
    retroactiveReason: d.retroactiveReason,
    confirmedAt: d.confirmedAt.toISOString(),
    version: d.version,
    correction: d.correction,
  };
}

/** What a team member sees of their own team: declarations, rulings, its result once decided, its appeals. */
export async function teamView(db: Db, id: string, team: string) {
  const loaded = await loadEvaluation(db, id);
  if (!loaded) return undefined;
  const task = findTeam(loaded, team);
  if (!task) return undefined;
  const raw = await loadRawInputs(db, id);
  const decision = await getDecision(db, id);
  const appeals = (await listAppeals(db, id)).filter((a) => a.taskId === task.id);
  const outcome = decision?.outcomes.find((o) => o.taskId === task.id) ?? null;
  const result = decision ? ((decision.results as { results: TeamStageResult[] }).results.find((r) => r.team === task.key) ?? null) : null;
  return {
    evaluation: evaluationSummary(loaded),
    scheme: loaded.version.scheme,
    team: teamSummary(task),
    gates: loaded.version.scheme.gates.map((g) => {
      const row = raw.gates.find((x) => x.taskId === task.id && x.gateKey === g.key);
      return { gate: g, declaration: row?.declaration ?? null, evidence: row?.evidence ?? [], passed: row?.passed ?? null, reason: row?.rulingReason ?? null };
    }),
    goals: raw.goals.filter((g) => g.taskId === task.id).map((g) => ({ component: g.componentKey, goal: g.goal, met: g.met, evidence: g.evidence })),
    result,
    outcome,
    appealClosesAt: decision?.appealClosesAt?.toISOString() ?? null,
    appeals: appeals.map((a) => ({ id: a.id, grounds: a.grounds, filedAt: a.filedAt.toISOString(), status: a.status, resolution: a.resolution })),
  };
}

export async function listView(db: Db, programSlug?: string) {
  const rows = await listStageEvaluations(db, programSlug);
  return rows.map((e) => ({
    id: e.id,
    program: e.programSlug,
    stageKey: e.stageKey,
    name: e.name,
    periodStart: e.periodStart,
    periodEnd: e.periodEnd,
    status: e.status,
    publishedAt: e.publishedAt?.toISOString() ?? null,
  }));
}

export interface PublicStanding {
  rank: number;
  team: string;
  name: { ko: string; en: string };
  leadOrganisationName: { ko: string; en: string } | null;
  total: number;
  components: TeamStageResult['components'];
  indices: Record<string, number>;
  gates: TeamStageResult['gates'];
  outcome: DecisionOutcomeRecord['outcome'];
  proposed: DecisionOutcomeRecord['proposed'];
  reasons: DecisionOutcomeRecord['reasons'];
  probabilityLast: number | null;
}

/**
 * The public record of a stage evaluation: always its scheme and version history (criteria and
 * every published change), and once published the leaderboard, who advanced and who was eliminated
 * and why. Panel members' individual scores are never public.
 */
export async function publicView(db: Db, id: string) {
  const loaded = await loadEvaluation(db, id);
  if (!loaded) return undefined;
  const summary = evaluationSummary(loaded);
  const base = { evaluation: { ...summary, revision: undefined }, scheme: loaded.version.scheme, versions: loaded.versions.map(versionSummary) };
  // while an upheld appeal has it reopened, the decision in force stays the public record
  const reopened = loaded.evaluation.status === 'reopened';
  const decision = loaded.evaluation.status === 'published' || reopened ? await getDecision(db, id) : undefined;
  if (!decision) return { ...base, published: false as const };
  const snap = decision.results as {
    results: TeamStageResult[];
    average: number;
    probabilityLast: Record<string, number> | null;
    probabilityLastNote: LocalizedText | null;
  };
  const appeals = await listAppeals(db, id);
  const standings: PublicStanding[] = decision.outcomes.map((o) => {
    const r = snap.results.find((x) => x.team === o.taskKey)!;
    const t = loaded.teams.find((x) => x.id === o.taskId)!;
    return {
      rank: o.rank,
      team: o.taskKey,
      name: t.name,
      leadOrganisationName: t.leadOrganisationName,
      total: r.total,
      components: r.components,
      indices: r.indices,
      gates: r.gates,
      outcome: o.outcome,
      proposed: o.proposed,
      reasons: o.reasons,
      probabilityLast: snap.probabilityLast?.[o.taskKey] ?? null,
    };
  });
  standings.sort((a, b) => a.rank - b.rank || (a.team < b.team ? -1 : 1));
  return {
    ...base,
    published: true as const,
    decidedOn: decision.decidedOn,
    decisionSchemeVersion: decision.schemeVersion,
    average: snap.average,
    probabilityLastNote: snap.probabilityLastNote,
    departureReason: decision.departureReason,
    reopened,
    decisionVersion: decision.version,
    corrections: await publicCorrections(db, id, decision.version, decision.correction),
    standings,
    appealClosesAt: decision.appealClosesAt?.toISOString() ?? null,
    appeals: {
      filed: appeals.length,
      open: appeals.filter((a) => a.status === 'open').length,
      upheld: appeals.filter((a) => a.status === 'upheld').length,
      rejected: appeals.filter((a) => a.status === 'rejected').length,
    },
  };
}

/** Each correction an upheld appeal made, newest first: the version it made, which it replaced, from when, why. */
async function publicCorrections(db: Db, id: string, version: number, current: DecisionCorrection | null) {
  const older = await db
    .select()
    .from(stageEvaluationDecisionVersions)
    .where(eq(stageEvaluationDecisionVersions.evaluationId, id))
    .orderBy(desc(stageEvaluationDecisionVersions.version));
  const all = [
    ...(current ? [{ version, c: current }] : []),
    ...older.flatMap((v) => {
      const c = (v.decision as { correction?: DecisionCorrection | null }).correction;
      return c ? [{ version: v.version, c }] : [];
    }),
  ];
  return all.map(({ version: v, c }) => ({
    version: v,
    replacesVersion: c.replacesVersion,
    effectiveFrom: c.effectiveFrom,
    team: c.team,
    reason: c.reason,
    changes: c.changes,
    restored: c.restored,
    takenBack: c.takenBack,
    ended: c.ended ?? [],
    given: c.given ?? [],
    appealWindows: c.appealWindows ?? [],
  }));
}

export type PublicResults = NonNullable<Awaited<ReturnType<typeof publicView>>>;

export async function publicList(db: Db) {
  const rows = await db.select().from(stageEvaluations);
  return rows
    .sort((a, b) => (a.periodEnd < b.periodEnd ? 1 : -1))
    .map((e) => ({
      id: e.id,
      program: e.programSlug,
      stageKey: e.stageKey,
      name: e.name,
      periodStart: e.periodStart,
      periodEnd: e.periodEnd,
      status: e.status,
      published: e.status === 'published',
      publishedAt: e.publishedAt?.toISOString() ?? null,
      schemeVersion: e.currentSchemeVersion,
    }));
}
