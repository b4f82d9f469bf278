import { z } from 'zod';

/**
 * Per input of a published result: `public` puts it in the bundle; `hashOnly` leaves it out and
 * lists only its SHA-256, so a later disclosure can be matched against what was published. Inputs
 * that identify people or hold proposal texts default to `hashOnly`; the figures a decision rests
 * on default to `public`, because without them nobody outside can recompute it.
 */
const visibility = z.enum(['public', 'hashOnly']);

export const resultPublication = z.object({
  /** selection: each counted score sheet's points per criteria group, reviewers under pseudonyms */
  reviewScores: visibility.default('public'),
  /** selection: the office's written reason per decision */
  decisionReasons: visibility.default('hashOnly'),
  /** stage: benchmark ratios, user-evaluation scores and panel means, with the benchmark mapping */
  measurements: visibility.default('public'),
  /** stage: the votes behind arena ratings, evaluators under pseudonyms, with the seed */
  arenaVotes: visibility.default('public'),
  /** stage: each panel member's score, members under pseudonyms */
  expertScores: visibility.default('public'),
  /** stage: the panel's ruling on each gate with its reasons */
  gateRulings: visibility.default('public'),
  /** stage: the declared stage goals' wording (proposal text) */
  goalTexts: visibility.default('hashOnly'),
  /** final: each task's final score */
  finalScores: visibility.default('public'),
});
export type ResultPublication = z.infer<typeof resultPublication>;
