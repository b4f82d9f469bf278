import { z } from 'zod';
import { scoringRules } from '../stage-evaluation/scoring-rules.ts';
import { text } from './route.ts';
import {
  appealWindow,
  decisionOutcome,
  enforcementRecord,
  outcomeChangeWithTask,
  outcomeRecord,
  reopenEffect,
  scheme,
  stageResults,
} from './stage-evaluation-shapes.ts';

/*
 * What each stage-evaluation mutation answers once it passed validation (invalid input is a 422
 * naming the field, a stale revision a 409; see the routes): its status in the mode asked for and
 * the preview or record of the change.
 */
const answer = <S extends z.ZodRawShape>(shape: S) => z.object({ status: z.enum(['valid', 'preview', 'committed']), ...shape });

const measurementChange = z.object({ team: z.string(), component: z.string(), before: z.number().nullable(), after: z.number() });

export const openAnswer = answer({
  scheme,
  rules: scoringRules,
  teams: z.array(z.object({ id: z.string(), key: z.string(), name: text })),
  /** on commit: the new evaluation */
  id: z.string().optional(),
});

export const seatsAnswer = answer({ seats: z.array(z.object({ email: z.string(), label: z.string() })) });
export const schemeVersionAnswer = answer({ version: z.number().int(), changes: z.array(z.string()) });
export const measurementsAnswer = answer({ changes: z.array(measurementChange) });

export const benchmarkPullAnswer = answer({
  suite: z.string(),
  changes: z.array(measurementChange),
  pulled: z.array(
    z.object({
      team: z.string(),
      component: z.string(),
      category: z.string(),
      ratio: z.number(),
      benchmarks: z.array(z.string()),
      comparisonId: z.string(),
      verdict: z.enum(['pass', 'fail', 'inconclusive']),
      runFile: z.string(),
      comparedAt: z.string(),
    }),
  ),
  skipped: z.array(z.object({ team: z.string(), component: z.string(), reason: text })),
});

export const userEvaluationPullAnswer = answer({
  changes: z.array(measurementChange),
  pulled: z.array(
    z.object({
      team: z.string(),
      component: z.string(),
      arenaId: z.string(),
      kind: z.enum(['pairwise', 'likert']),
      value: z.number(),
      arenaPoints: z.number(),
      stagePoints: z.number(),
    }),
  ),
  skipped: z.array(z.object({ team: z.string().nullable(), component: z.string(), reason: text })),
  conversionWarning: text.nullable(),
  conversion: z.object({ kind: z.enum(['proportionalToBest', 'linearFromFloorToBest', 'expectedScoreVsBest', 'linearOnScale']), description: text }),
  /** Likert means the pull replaces with ratings: the commit must name the conversion */
  replacesLikert: z.array(z.object({ team: z.string(), component: z.string(), likertMean: z.number(), arenaValue: z.number() })),
});

export const expertScoresAnswer = answer({ count: z.number().int() });
export const goalsAnswer = answer({ met: z.number().int(), declared: z.number().int() });
export const declarationAnswer = answer({ gate: z.string() });
export const rulingAnswer = answer({ gate: z.string(), passed: z.boolean() });

const allocation = z.object({
  id: z.string(),
  taskId: z.string(),
  taskKey: z.string(),
  poolKey: z.string(),
  phaseKey: z.string(),
  gpus: z.number().int(),
  gpuMinutes: z.number().int().nullable(),
  start: z.string(),
  end: z.string(),
});
const allocationChange = z.object({
  kind: z.enum(['created', 'changed', 'removed']),
  allocationId: z.string(),
  taskKey: z.string(),
  before: allocation.nullable(),
  after: allocation.nullable(),
  fields: z.array(z.string()),
});
const slurmPlan = z.object({ ko: z.array(z.string()), en: z.array(z.string()) });
const gpusPerPool = z.record(z.string(), z.number().int());

const poolRedistribution = z.object({
  poolKey: z.string(),
  rule: z.enum(['equal-split', 'proportional', 'by-rank', 'office-decides']),
  effectiveFrom: z.string(),
  returned: z.number().int(),
  available: z.number().int(),
  shares: z.array(
    z.object({
      team: z.string(),
      before: z.number().int(),
      gpus: z.number().int(),
      limitedBy: z.array(z.object({ phaseKey: z.string(), gpus: z.number().int() })).optional(),
    }),
  ),
  keptInPool: z.number().int(),
  explanation: text,
});

/** What confirming the decision does to allocations, pools and Slurm, computed before anything changes. */
const plannedEnforcement = z.object({
  records: z.array(enforcementRecord),
  allocationChanges: z.array(allocationChange),
  gpusReturned: gpusPerPool,
  redistribution: z.array(poolRedistribution),
  freeBefore: gpusPerPool,
  freeAfter: gpusPerPool,
  slurmPlan,
});

const firstDecision = z.object({
  decidedOn: z.string(),
  schemeVersion: z.number().int(),
  results: stageResults,
  outcomes: z.array(outcomeRecord),
  /** task keys where the office departs from the proposal */
  departures: z.array(z.string()),
  enforcement: plannedEnforcement,
  appealDays: z.number().int(),
  appealClosesIfPublishedToday: z.string(),
  retroactive: z
    .object({
      today: z.string(),
      daysLate: z.number().int(),
      allocationsEndingInPast: z.array(z.object({ taskKey: z.string(), poolKey: z.string(), gpus: z.number().int(), endedOn: z.string() })),
      gpuDaysReturnedLate: z.number(),
    })
    .nullable(),
});

/** While an upheld appeal has the decision reopened: the corrected decision that replaces the one in force. */
const correction = z.object({
  kind: z.literal('correction'),
  appeal: z.object({ id: z.string(), team: z.string(), grounds: z.string(), reason: z.string() }),
  replacesVersion: z.number().int(),
  effectiveFrom: z.string(),
  results: stageResults,
  outcomes: z.array(outcomeRecord),
  changes: z.array(outcomeChangeWithTask),
  ...reopenEffect,
  appealWindows: z.array(appealWindow),
  allocationChanges: z.array(allocationChange),
  slurmPlan,
  retroactive: z.object({ today: z.string(), daysLate: z.number().int() }).nullable(),
});

export const decisionAnswer = z.union([answer(correction.shape), answer(firstDecision.shape)]);

export const publishAnswer = answer({
  /** on commit */
  publishedAt: z.string().optional(),
  appealClosesAt: z.string(),
  appealDays: z.number().int(),
  outcomes: z.array(z.object({ taskKey: z.string(), name: text, outcome: decisionOutcome, rank: z.number().int(), total: z.number() })),
});

export const appealAnswer = answer({ appealId: z.string().optional(), closesAt: z.string() });
export const appealResolutionAnswer = answer({ outcome: z.enum(['upheld', 'rejected']), reopens: z.boolean() });
