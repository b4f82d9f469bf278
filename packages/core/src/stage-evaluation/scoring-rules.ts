import { z } from 'zod';
import { pointsConversion } from '../arena/points-conversion.ts';
import type { StageEvaluationScheme } from '../program/definition.ts';

/** Benchmark ratio → points: 0 at or below `floor`, full at or above `target`, linear between. */
export const benchmarkScale = z
  .object({ floor: z.number().nonnegative(), target: z.number().positive() })
  .refine((s) => s.target > s.floor, 'target must be above floor');
export type BenchmarkScale = z.infer<typeof benchmarkScale>;

/**
 * How measurements become points, fixed with the scheme before the evaluation opens. Kept beside
 * the scheme (not inside StageComponent) so existing program data stays valid; a program may
 * store it with its scheme version.
 */
export const scoringRules = z.object({
  benchmark: benchmarkScale,
  /** per benchmark component key, e.g. team-specific benchmarks measured against a declared target */
  benchmarkByComponent: z.record(z.string(), benchmarkScale).default({}),
  /**
   * Where each benchmark component's ratio comes from when it is pulled from the evaluation store:
   * per component key, the benchmark category of the stage's suite whose compared benchmarks it
   * averages (K-AI: nia-benchmark ← nia, common-benchmarks ← common, team-benchmarks ←
   * team-specific). Frozen with the scheme, so a pull cannot change meaning mid-evaluation; absent
   * in rules frozen before it existed (then only manual entry and CSV fill the component).
   */
  benchmarkCategories: z.record(z.string(), z.string().min(1)).optional(),
  /** expert points = component points × panel mean / scaleMax */
  expertPanel: z.object({ scaleMax: z.number().positive() }),
  userEvaluation: z.object({ conversion: pointsConversion }),
  /** a team "met its stage goals" when met / declared reaches this share */
  stageGoals: z.object({ requiredShare: z.number().min(0).max(1) }),
  /**
   * Component points are rounded to this many decimals before they are added up, so the published
   * table adds up and anyone recomputing from it reaches the same decision.
   */
  decimals: z.number().int().min(0).max(6),
  eliminateLowest: z.object({
    /**
     * false (K-AI, January 2026): gate failures are eliminated on top of the k lowest on points
     * among the teams that passed every gate. true: a gate elimination uses up one of the k.
     */
    gateEliminationsCountTowardK: z.boolean(),
  }),
  /**
   * Equal totals are separated by these components' points, in order, higher first. Default: the
   * scheme's top-level components in the order listed.
   */
  tieBreak: z.array(z.string()).optional(),
});
export type ScoringRules = z.infer<typeof scoringRules>;

/** Reasonable rules for a scheme: benchmarks linear from 0 to the program's performance target. */
export function defaultScoringRules(scheme: StageEvaluationScheme): ScoringRules {
  return {
    benchmark: { floor: 0, target: scheme.performanceTarget?.ratio ?? 1 },
    benchmarkByComponent: {},
    expertPanel: { scaleMax: 100 },
    userEvaluation: { conversion: { kind: 'proportionalToBest' } },
    stageGoals: { requiredShare: 1 },
    decimals: 1,
    eliminateLowest: { gateEliminationsCountTowardK: false },
  };
}
