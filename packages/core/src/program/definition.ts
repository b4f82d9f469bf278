import { z } from 'zod';
import { localizedText } from '../shared/localized.ts';
import { eligibilitySettings } from '../eligibility/rules.ts';
import { resultPublication } from '../results-bundle/public-inputs.ts';
import { redistributionRule } from '../stage-evaluation/redistribution.ts';
import { costShareScheme } from './cost-share.ts';
import { selectionRound } from '../selection/selection-rounds.ts';
import { selectionScheme } from '../selection/selection-scheme.ts';
import { callBriefing, callDocument, CALL_DOCUMENTS_MAX } from '../call/call-document.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const isoInstant = z.string().datetime({ offset: true });
const key = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes');

export const supportType = z.enum(['gpu', 'data', 'talent']);

export const phase = z.object({
  key,
  name: localizedText,
  start: isoDate,
  end: isoDate,
  /** the most GPUs one task may hold at once in this phase, over every pool, and why (the call's terms) */
  maxGpusPerTask: z.object({ gpus: z.number().int().positive(), reason: localizedText }).optional(),
});
export type Phase = z.infer<typeof phase>;

export const gpuPool = z.object({
  key,
  name: localizedText,
  gpuModel: z.string().min(1),
  gpuCount: z.number().int().positive(),
  gpusPerNode: z.number().int().positive(),
  hostingSite: localizedText,
});

/**
 * An expert-majority rule: an application may be selected only when more than half of the
 * reviewers who submitted a sheet on it recommend it. A sheet recommends when its total reaches
 * `recommendAtPoints` — the sheets carry scores only, so the threshold is program data.
 */
export const majorityRule = z.object({
  kind: z.literal('majority'),
  of: z.literal('experts'),
  recommendAtPoints: z.number().nonnegative(),
});
export type MajorityRule = z.infer<typeof majorityRule>;

export const additionalCallTerms = z.object({
  /** the call whose freed slots this call fills, and how many */
  fills: z.object({ call: key, slots: z.number().int().positive() }),
  /** GPUs offered to the team selected here, per pool, in whole nodes */
  gpuOffer: z.array(z.object({ pool: key, gpus: z.number().int().positive() })).min(1),
  decisionRule: majorityRule,
  /** "no one selected" is a valid recorded outcome; the slot stays empty and the offer returns to the pool */
  allowNoSelection: z.boolean().default(false),
  note: localizedText.optional(),
});
export type AdditionalCallTerms = z.infer<typeof additionalCallTerms>;

export const call = z.object({
  key,
  name: localizedText,
  opens: isoInstant,
  closes: isoInstant,
  /** receipt numbers read `PREFIX-YEAR-NNNN` */
  receiptPrefix: z.string().regex(/^[A-Z]{2,6}$/),
  notice: localizedText.optional(),
  /** the briefing session for applicants (설명회), shown on the public call page */
  briefing: callBriefing.optional(),
  /** the announcement and forms, uploaded first (`POST /api/v1/programs/:slug/call-documents`) */
  documents: z.array(callDocument).max(CALL_DOCUMENTS_MAX).optional(),
  /**
   * the tasks the call funds; `keys` names tasks the office registered for its slots (filled by
   * the selection before any new task is made). Absent: the program's task count.
   */
  taskSlots: z
    .object({ count: z.number().int().positive(), keys: z.array(key).default([]) })
    .refine((s) => s.keys.length <= s.count && new Set(s.keys).size === s.keys.length, { message: 'at most `count` distinct keys', path: ['keys'] })
    .optional(),
  /** an additional call fills slots freed in a running program (e.g. by an eliminated team) */
  kind: z.enum(['regular', 'additional']).default('regular'),
  additional: additionalCallTerms.optional(),
  /**
   * the selection's ordered rounds (documents, presentation …) with their weights and the shortlist
   * between them; absent: one documents round weighted 1
   */
  selectionRounds: z.array(selectionRound).optional(),
});
export type Call = z.infer<typeof call>;

// the scheme's shape lives with the rounds that may carry their own
export type { SelectionScheme } from '../selection/selection-scheme.ts';

export const stageComponent: z.ZodType<StageComponent> = z.lazy(() =>
  z.object({
    key,
    name: localizedText,
    points: z.number().nonnegative(),
    kind: z.enum(['benchmark', 'expertPanel', 'userEvaluation', 'stageGoals', 'group']),
    children: z.array(stageComponent).optional(),
  }),
);
export interface StageComponent {
  key: string;
  name: { ko: string; en: string };
  points: number;
  kind: 'benchmark' | 'expertPanel' | 'userEvaluation' | 'stageGoals' | 'group';
  children?: StageComponent[];
}

export const decisionPolicy = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('eliminateLowest'),
    perStage: z.number().int().positive(),
    startTeams: z.number().int().positive(),
    finalTeams: z.number().int().positive(),
  }),
  z.object({ kind: z.literal('advanceAtThreshold'), minPoints: z.number() }),
  z.object({ kind: z.literal('continueIfStageGoalsMet'), nextPhase: key }),
]);
export type DecisionPolicy = z.infer<typeof decisionPolicy>;

export const gate = z.object({ key, name: localizedText, description: localizedText });

export const stageEvaluationScheme = z.object({
  totalPoints: z.number().positive(),
  cadenceMonths: z.number().int().positive(),
  firstAfterMonths: z.number().int().positive(),
  /** K-AI: at least this share of the global models released within the window */
  performanceTarget: z.object({ ratio: z.number().positive().max(2), referenceWindowMonths: z.number().int().positive() }).optional(),
  components: z.array(stageComponent).min(1),
  indices: z.array(z.object({ key, name: localizedText, components: z.array(key) })).default([]),
  gates: z.array(gate).default([]),
  decisionPolicy,
  appealDays: z.number().int().nonnegative().default(7),
});
export type StageEvaluationScheme = z.infer<typeof stageEvaluationScheme>;

export const programDefinition = z.object({
  /** bump when the meaning of a program's data changes; loading the same version again is a no-op */
  version: z.number().int().positive(),
  slug: key,
  name: localizedText,
  shortName: localizedText,
  description: localizedText,
  ministry: localizedText,
  supportTypes: z.array(supportType).min(1),
  durationMonths: z.number().int().positive(),
  taskCount: z.number().int().positive(),
  phases: z.array(phase).min(1),
  gpuPools: z.array(gpuPool),
  calls: z.array(call),
  selectionScheme,
  stageEvaluation: stageEvaluationScheme,
  eligibility: eligibilitySettings,
  /** how an eliminated team's GPUs go to the remaining teams; absent: they stay in the pool */
  redistribution: redistributionRule.optional(),
  /** openness tiers and the team's own cost share at each; a proposal declares its tier */
  costShare: costShareScheme.optional(),
  sources: z.array(localizedText).default([]),
  /** per input of a published result: in the bundle, or listed by hash only (defaults: see resultPublication) */
  resultPublication: resultPublication.optional(),
});
export type ProgramDefinition = z.infer<typeof programDefinition>;
