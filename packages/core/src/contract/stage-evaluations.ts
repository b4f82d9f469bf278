import { z } from 'zod';
import { redistributionRule } from '../stage-evaluation/redistribution.ts';
import { scoringRules } from '../stage-evaluation/scoring-rules.ts';
import { file, idParam, route, text } from './route.ts';
import {
  appealStatus,
  decisionCorrection,
  enforcementRecord,
  evaluationListItem,
  evaluationSummary,
  evidenceLink,
  gateDeclaration,
  outcomeRecord,
  scheme,
  stageResults,
  team,
  teamEvaluationStatus,
  teamView,
  versionSummary,
} from './stage-evaluation-shapes.ts';
import {
  appealAnswer,
  appealResolutionAnswer,
  benchmarkPullAnswer,
  declarationAnswer,
  decisionAnswer,
  expertScoresAnswer,
  goalsAnswer,
  measurementsAnswer,
  openAnswer,
  publishAnswer,
  rulingAnswer,
  schemeVersionAnswer,
  seatsAnswer,
  userEvaluationPullAnswer,
} from './stage-evaluation-answers.ts';

const mode = z.enum(['validate', 'preview', 'commit']);
const teamParam = idParam.extend({ team: z.string().min(1).max(80) });
const gateParam = teamParam.extend({ gate: z.string().min(1).max(80) });
const localized = z.object({ ko: z.string().max(4000), en: z.string().max(4000) });
const measurementSource = z.enum(['manual', 'import', 'evaluation-store', 'review', 'arena', 'likert']);
/** GPUs of one allocation, as the allocation routes bound them */
const gpuCount = z.number().int().min(0).max(100_000);

const measurementEntry = z.object({
  team: z.string().min(1).max(80),
  component: z.string().min(1).max(80),
  value: z.number(),
  source: measurementSource.optional(),
  sourceRef: z.string().max(500).optional(),
  note: z.string().max(2000).optional(),
});

const decision = z.object({
  decidedOn: z.string(),
  schemeVersion: z.number().int(),
  outcomes: z.array(outcomeRecord),
  departureReason: z.string().nullable(),
  enforcement: z.array(enforcementRecord),
  slurmPlan: z.array(z.string()),
  /** null until the results are published: the appeal window starts then */
  appealClosesAt: z.string().nullable(),
  retroactiveReason: z.string().nullable(),
  confirmedAt: z.string(),
  /** 1 for the first decision; each correction after an upheld appeal adds one */
  version: z.number().int(),
  correction: decisionCorrection.nullable(),
});

/** A provenance report attached to a team's gate as evidence; its report is readable once the comparison finished. */
const provenanceReport = z.object({
  id: z.string(),
  taskId: z.string(),
  team: z.string(),
  gateKey: z.string(),
  note: z.string().nullable(),
  attachedAt: z.string(),
  comparisonId: z.string(),
  verdict: z.string().nullable(),
  label: z.string().nullable(),
  candidatePath: z.string(),
  ready: z.boolean(),
  reportUrl: z.string().nullable(),
});

const expertScore = z.object({ team: z.string(), component: z.string(), expert: z.string(), score: z.number() });

/** What the office sees of one evaluation: inputs, live results and proposal (or the decision's snapshot), decision, appeals, seats. */
const officeView = z.object({
  evaluation: evaluationSummary,
  /** today in Seoul by the database clock, and the day a decision takes effect unless the office dates it */
  today: z.string(),
  defaultDecidedOn: z.string(),
  scheme,
  rules: scoringRules,
  versions: z.array(versionSummary),
  /** the program's scheme as edited since opening; the evaluation keeps its frozen version */
  programSchemeDrift: z.array(z.string()),
  redistribution: redistributionRule.nullable(),
  gpuPools: z.array(z.object({ key: z.string(), name: text, gpusPerNode: z.number().int() })),
  phaseNames: z.record(z.string(), text),
  teams: z.array(team),
  inputs: z.object({
    measurements: z.array(
      z.object({
        team: z.string(),
        component: z.string(),
        value: z.number(),
        source: z.string(),
        sourceRef: z.string().nullable(),
        note: z.string().nullable(),
        enteredAt: z.string(),
      }),
    ),
    expertScores: z.array(expertScore),
    goals: z.array(
      z.object({
        team: z.string(),
        component: z.string(),
        position: z.number().int(),
        goal: z.string(),
        met: z.boolean().nullable(),
        evidence: z.string().nullable(),
      }),
    ),
    /** the stage goals each team declared in the proposal it was selected on */
    declaredGoals: z.array(z.object({ team: z.string(), metric: z.string(), target: z.string(), dueDate: z.string().nullable() })),
    gates: z.array(
      z.object({
        team: z.string(),
        gate: z.string(),
        declaration: gateDeclaration.nullable(),
        evidence: z.array(evidenceLink),
        declaredAt: z.string().nullable(),
        passed: z.boolean().nullable(),
        reason: text.nullable(),
        ruledAt: z.string().nullable(),
      }),
    ),
    provenanceReports: z.array(provenanceReport),
  }),
  ...stageResults.shape,
  decision: decision.nullable(),
  /** while reopened: the upheld appeal the re-proposed decision answers */
  reopenedFor: z.object({ id: z.string(), team: z.string(), grounds: z.string(), resolution: z.string().nullable() }).nullable(),
  appeals: z.array(
    z.object({
      id: z.string(),
      team: z.string(),
      grounds: z.string(),
      filedAt: z.string(),
      status: appealStatus,
      resolution: z.string().nullable(),
      resolvedAt: z.string().nullable(),
    }),
  ),
  experts: z.array(z.object({ email: z.string(), name: z.string(), label: z.string() })),
  seat: z.null(),
});

/** What a seated panel member sees: the evaluation, its teams and expert components, and only their own scores. */
const expertView = z.object({
  evaluation: evaluationSummary,
  scheme,
  rules: z.object({ expertPanel: scoringRules.shape.expertPanel }),
  teams: z.array(team),
  seat: z.string(),
  inputs: z.object({ expertScores: z.array(expertScore) }),
});

/** The office's and the panel's stage evaluations, and what a team reads and files of its own. */
export const stageEvaluationsContract = {
  list: route('GET', '/api/v1/stage-evaluations', {
    querystring: z.object({ program: z.string().max(80).optional() }),
    response: {
      200: z.object({
        evaluations: z.array(evaluationListItem),
      }),
    },
  }),
  open: route('POST', '/api/v1/stage-evaluations', {
    body: z.object({
      program: z.string().min(1).max(80),
      stageKey: z.string().min(1).max(80),
      nextPhaseKey: z.string().max(80).optional(),
      name: localized.optional(),
      periodStart: z.string().max(10),
      periodEnd: z.string().max(10),
      rules: z.unknown().optional(),
      teams: z.array(z.string().max(80)).max(200).optional(),
      mode,
    }),
    response: { 200: openAnswer },
  }),
  get: route('GET', '/api/v1/stage-evaluations/:id', { params: idParam, response: { 200: z.union([officeView, expertView]) } }),
  seatExperts: route('PUT', '/api/v1/stage-evaluations/:id/experts', {
    params: idParam,
    body: z.object({ seats: z.array(z.object({ email: z.string().min(1).max(320), label: z.string().max(80) })).max(100), mode }),
    response: { 200: seatsAnswer },
  }),
  changeScheme: route('POST', '/api/v1/stage-evaluations/:id/scheme-versions', {
    params: idParam,
    body: z.object({ scheme: z.unknown(), rules: z.unknown().optional(), reason: localized, expectedRevision: z.number().int().positive(), mode }),
    response: { 200: schemeVersionAnswer },
  }),
  measurements: route('PUT', '/api/v1/stage-evaluations/:id/measurements', {
    params: idParam,
    body: z.object({ entries: z.array(measurementEntry).min(1).max(2000), mode }),
    response: { 200: measurementsAnswer },
  }),
  importMeasurements: route('POST', '/api/v1/stage-evaluations/:id/measurements/import', {
    params: idParam,
    body: z.object({ csv: z.string().min(1).max(1_000_000), fileName: z.string().max(200).optional(), source: measurementSource.optional(), mode }),
    response: { 200: measurementsAnswer },
  }),
  pullBenchmarks: route('POST', '/api/v1/stage-evaluations/:id/pulls/benchmarks', {
    params: idParam,
    body: z.object({ mode }),
    response: { 200: benchmarkPullAnswer },
  }),
  pullUserEvaluation: route('POST', '/api/v1/stage-evaluations/:id/pulls/user-evaluation', {
    params: idParam,
    // replacing Likert means with ratings commits only with the frozen conversion named here
    body: z.object({ mode, conversion: z.string().max(40).optional() }),
    response: { 200: userEvaluationPullAnswer },
  }),
  evidenceReport: route('GET', '/api/v1/stage-evaluations/:id/gate-evidence/:evidenceId/report.html', {
    params: idParam.extend({ evidenceId: z.string().max(80) }),
    querystring: z.object({ lang: z.enum(['ko', 'en']).default('ko') }),
    response: { 200: file('the provenance report as a page of its own', 'text/html') },
  }),
  expertScores: route('PUT', '/api/v1/stage-evaluations/:id/expert-scores', {
    params: idParam,
    body: z.object({
      entries: z
        .array(z.object({ team: z.string().min(1).max(80), component: z.string().min(1).max(80), expert: z.string().max(80), score: z.number() }))
        .min(1)
        .max(2000),
      mode,
    }),
    response: { 200: expertScoresAnswer },
  }),
  letter: route('GET', '/api/v1/stage-evaluations/:id/teams/:team/letter.pdf', {
    params: teamParam,
    response: { 200: file("the team's official letter: a Korean page, then an English page (times in Asia/Seoul)", 'application/pdf') },
  }),
  team: route('GET', '/api/v1/stage-evaluations/:id/teams/:team', { params: teamParam, response: { 200: teamView } }),
  goals: route('PUT', '/api/v1/stage-evaluations/:id/teams/:team/goals', {
    params: teamParam,
    body: z.object({
      component: z.string().min(1).max(80),
      goals: z.array(z.object({ goal: z.string().max(2000), met: z.boolean().nullable(), evidence: z.string().max(4000).optional() })).max(100),
      mode,
    }),
    response: { 200: goalsAnswer },
  }),
  declaration: route('PUT', '/api/v1/stage-evaluations/:id/teams/:team/gates/:gate/declaration', {
    params: gateParam,
    body: z.object({
      items: z.record(z.string().max(80), z.boolean()),
      statement: z.string().max(8000),
      evidence: z.array(z.object({ label: z.string().max(200), url: z.string().max(2000) })).max(50),
      mode,
    }),
    response: { 200: declarationAnswer },
  }),
  ruling: route('PUT', '/api/v1/stage-evaluations/:id/teams/:team/gates/:gate/ruling', {
    params: gateParam,
    body: z.object({ passed: z.boolean(), reason: z.object({ ko: z.string().max(4000), en: z.string().max(4000).optional() }), mode }),
    response: { 200: rulingAnswer },
  }),
  decide: route('POST', '/api/v1/stage-evaluations/:id/decision', {
    params: idParam,
    body: z.object({
      decidedOn: z.string().max(10).optional(),
      overrides: z.record(z.string().max(80), z.enum(['continue', 'eliminate'])).optional(),
      departureReason: z.string().max(8000).optional(),
      retroactiveReason: z.string().max(8000).optional(),
      // only where the program lets the office decide: GPUs per pool key, then per remaining team key
      redistribution: z.object({ amounts: z.record(z.string().max(80), z.record(z.string().max(80), gpuCount)) }).optional(),
      expectedRevision: z.number().int().positive(),
      mode,
    }),
    response: { 200: decisionAnswer },
  }),
  publish: route('POST', '/api/v1/stage-evaluations/:id/publish', { params: idParam, body: z.object({ mode }), response: { 200: publishAnswer } }),
  fileAppeal: route('POST', '/api/v1/stage-evaluations/:id/appeals', {
    params: idParam,
    body: z.object({ team: z.string().min(1).max(80), grounds: z.string().max(8000), mode }),
    response: { 200: appealAnswer },
  }),
  resolveAppeal: route('POST', '/api/v1/stage-evaluations/:id/appeals/:appealId/resolution', {
    params: idParam.extend({ appealId: z.string().max(80) }),
    body: z.object({ outcome: z.enum(['upheld', 'rejected']), reason: z.string().max(8000), mode }),
    response: { 200: appealResolutionAnswer },
  }),
  myTeams: route('GET', '/api/v1/my/stage-evaluation-teams', {
    response: {
      200: z.object({ teams: z.array(z.object({ evaluationId: z.string(), name: text, status: teamEvaluationStatus, taskKey: z.string(), taskName: text })) }),
    },
  }),
};
