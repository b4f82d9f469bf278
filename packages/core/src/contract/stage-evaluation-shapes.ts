import { z } from 'zod';
import { gate, stageEvaluationScheme } from '../program/definition.ts';
import type { ComponentScore } from '../stage-evaluation/score-stage.ts';
import { text } from './route.ts';

/*
 * The shapes a stage evaluation is answered in, shared by the office's, the team's and the public
 * routes (stage-evaluations.ts). Everything here is as the server writes it: instants are ISO
 * strings already (the views convert them), texts are shown as stored.
 */

export const evaluationStatus = z.enum(['open', 'decided', 'published', 'reopened']);

/** One stage evaluation in a list: the office's and the public's. */
export const evaluationListItem = z.object({
  id: z.string(),
  program: z.string(),
  stageKey: z.string(),
  name: text,
  periodStart: z.string(),
  periodEnd: z.string(),
  status: evaluationStatus,
  publishedAt: z.string().nullable(),
});
/** what a team reads before publication: neither its result nor the rulings behind it (issue 12 item 8) */
const UNDER_EVALUATION = 'underEvaluation';
export const teamEvaluationStatus = z.enum([...evaluationStatus.options, UNDER_EVALUATION]);
export const decisionOutcome = z.enum(['continue', 'eliminate']);
export const appealStatus = z.enum(['open', 'upheld', 'rejected']);

/** A problem with one field, in both languages. */
const fieldIssue = z.object({ field: z.string(), message: text });

/** The frozen scheme of the version in force (the program's scheme as it was frozen). */
export const scheme = stageEvaluationScheme;

export const evaluationSummary = z.object({
  id: z.string(),
  program: z.string(),
  programName: text,
  programShortName: text,
  stageKey: z.string(),
  stageName: text.nullable(),
  nextPhaseKey: z.string().nullable(),
  name: text,
  periodStart: z.string(),
  periodEnd: z.string(),
  status: evaluationStatus,
  revision: z.number().int(),
  openedAt: z.string(),
  publishedAt: z.string().nullable(),
  schemeVersion: z.number().int(),
});

export const versionSummary = z.object({ version: z.number().int(), effectiveFrom: z.string(), reason: text.nullable(), changes: z.array(z.string()) });

export const team = z.object({
  id: z.string(),
  key: z.string(),
  name: text,
  leadOrganisationName: text.nullable(),
  status: z.string(),
  targetModel: z.string().nullable(),
});

export const componentScore: z.ZodType<ComponentScore> = z.lazy(() =>
  z.object({
    key: z.string(),
    name: text,
    kind: z.enum(['benchmark', 'expertPanel', 'userEvaluation', 'stageGoals', 'group']),
    maxPoints: z.number(),
    points: z.number(),
    measured: z.number().optional(),
    children: z.array(componentScore).optional(),
  }),
);

export const gateOutcome = z.object({ key: z.string(), name: text, status: z.enum(['passed', 'failed', 'pending']), reason: text.optional() });

const teamStageResult = z.object({
  team: z.string(),
  components: z.array(componentScore),
  pointsByComponent: z.record(z.string(), z.number()),
  total: z.number(),
  indices: z.record(z.string(), z.number()),
  gates: z.array(gateOutcome),
  gatesPassed: z.boolean(),
  stageGoals: z.object({ met: z.number(), declared: z.number() }).optional(),
  missing: z.array(z.string()),
});

const decisionProposal = z.object({
  policy: z.enum(['eliminateLowest', 'advanceAtThreshold', 'continueIfStageGoalsMet']),
  items: z.array(
    z.object({
      team: z.string(),
      outcome: decisionOutcome,
      reasons: z.array(text),
      basis: z.enum(['gate', 'points', 'threshold', 'stageGoals']).optional(),
      rank: z.number().int(),
      total: z.number(),
    }),
  ),
  blocking: z.array(text),
  unresolvedTie: z.array(z.string()),
  incomplete: z.array(text),
});

/** The scored table, the policy's proposal and the panel bootstrap's chance of finishing last. */
export const stageResults = z.object({
  results: z.array(teamStageResult),
  issues: z.array(fieldIssue),
  proposal: decisionProposal,
  average: z.number(),
  probabilityLast: z.record(z.string(), z.number()).nullable(),
  probabilityLastNote: text.nullable(),
});

export const outcomeRecord = z.object({
  taskId: z.string(),
  taskKey: z.string(),
  outcome: decisionOutcome,
  proposed: decisionOutcome,
  reasons: z.array(text),
  basis: z.string().optional(),
  rank: z.number().int(),
  total: z.number(),
});

export const enforcementRecord = z.object({
  taskId: z.string(),
  taskKey: z.string(),
  action: decisionOutcome,
  statusBefore: z.string(),
  statusAfter: z.string(),
  allocationsEnded: z.array(z.object({ allocationId: z.string(), poolKey: z.string(), gpus: z.number().int(), endedOn: z.string() })),
  allocationsStarted: z.array(z.object({ allocationId: z.string(), poolKey: z.string(), gpus: z.number().int(), startsOn: z.string() })),
  /** absent on decisions made before redistribution */
  gpusReceived: z.array(z.object({ poolKey: z.string(), gpus: z.number().int(), from: z.string() })).optional(),
});

/** What a correction after an upheld appeal changed, as far as allocations go. */
export const reopenEffect = {
  restored: z.array(z.object({ taskKey: z.string(), poolKey: z.string(), phaseKey: z.string(), gpus: z.number().int(), start: z.string(), end: z.string() })),
  takenBack: z.array(z.object({ taskKey: z.string(), poolKey: z.string(), gpus: z.number().int(), from: z.string() })),
  ended: z.array(z.object({ taskKey: z.string(), poolKey: z.string(), phaseKey: z.string(), gpus: z.number().int(), from: z.string() })),
  given: z.array(z.object({ taskKey: z.string(), poolKey: z.string(), gpus: z.number().int(), from: z.string() })),
};
export const appealWindow = z.object({ taskKey: z.string(), lastDay: z.string(), closesAt: z.string() });
const outcomeChange = { taskKey: z.string(), before: decisionOutcome, after: decisionOutcome };

/** A corrected decision's record: the appeal, its reason, the version replaced and what changed (ended, given, windows absent in older ones). */
export const decisionCorrection = z.object({
  appealId: z.string(),
  team: z.string(),
  reason: z.string(),
  replacesVersion: z.number().int(),
  effectiveFrom: z.string(),
  changes: z.array(z.object(outcomeChange)),
  restored: reopenEffect.restored,
  takenBack: reopenEffect.takenBack,
  ended: reopenEffect.ended.optional(),
  given: reopenEffect.given.optional(),
  appealWindows: z.array(appealWindow).optional(),
});

/** The same, as the public reads it: which version it made, every list present. */
export const publicCorrection = z.object({
  version: z.number().int(),
  replacesVersion: z.number().int(),
  effectiveFrom: z.string(),
  team: z.string(),
  reason: z.string(),
  changes: z.array(z.object(outcomeChange)),
  ...reopenEffect,
  appealWindows: z.array(appealWindow),
});

export const outcomeChangeWithTask = z.object({ taskId: z.string(), ...outcomeChange });

export const gateDeclaration = z.object({ items: z.record(z.string(), z.boolean()), statement: z.string() });
export const evidenceLink = z.object({ label: z.string(), url: z.string() });

/** A team's own view: its declarations, the rulings and result once published, its appeals. */
export const teamView = z.object({
  evaluation: evaluationSummary.extend({ status: teamEvaluationStatus }),
  scheme,
  team,
  gates: z.array(
    z.object({ gate, declaration: gateDeclaration.nullable(), evidence: z.array(evidenceLink), passed: z.boolean().nullable(), reason: text.nullable() }),
  ),
  goals: z.array(z.object({ component: z.string(), goal: z.string(), met: z.boolean().nullable(), evidence: z.string().nullable() })),
  result: teamStageResult.nullable(),
  outcome: outcomeRecord.nullable(),
  appealClosesAt: z.string().nullable(),
  appeals: z.array(z.object({ id: z.string(), grounds: z.string(), filedAt: z.string(), status: appealStatus, resolution: z.string().nullable() })),
  /** `decided` once the team may read its outcome */
  decision: z.enum(['decided', UNDER_EVALUATION]),
});
