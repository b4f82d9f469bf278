import { z } from 'zod';
import { localizedText } from '../shared/localized.ts';

/** The panel's ruling on one gate for one team: pass or fail, always with reasons. */
export const gateRuling = z.object({ passed: z.boolean(), reason: localizedText });
export type GateRuling = z.infer<typeof gateRuling>;

export const stageGoalsReport = z.object({
  met: z.number().int().nonnegative(),
  declared: z.number().int().positive(),
});

/**
 * Everything measured about one team in one stage evaluation, keyed by the scheme's component keys
 * so a scheme with two benchmark components (or two panels) needs no new field.
 */
export const teamStageInputs = z.object({
  team: z.string().min(1),
  /** achieved share of the reference per benchmark component, e.g. 0.93 = 93 % of the target model */
  benchmarkRatios: z.record(z.string(), z.number().nonnegative()).default({}),
  /** the panel's (trimmed) mean per expertPanel component, on the panel form's scale */
  expertPanel: z.record(z.string(), z.number().nonnegative()).default({}),
  /** per userEvaluation component: an arena rating or a Likert mean */
  userEvaluation: z.record(z.string(), z.number()).default({}),
  /** per stageGoals component: goals declared in the proposal and how many the panel found met */
  stageGoals: z.record(z.string(), stageGoalsReport).default({}),
  /** per gate key */
  gates: z.record(z.string(), gateRuling).default({}),
});
export type TeamStageInputs = z.input<typeof teamStageInputs>;
