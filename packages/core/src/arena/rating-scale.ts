/**
 * Ratings are Elo-like: 400 points of difference mean 10:1 odds, i.e. rating = 400·log10(strength)
 * + offset. Only differences are estimated; where 1000 sits is a convention (the anchor).
 */
export const RATING_PER_NATURAL_LOG = 400 / Math.LN10;
export const DEFAULT_RATING_CENTRE = 1000;

/**
 * The anchor that fixes the offset. Default: the mean rating of the rated models is 1000, so adding
 * a model moves everyone a little. LMArena-style anchoring to one model pins that model instead.
 */
export type RatingAnchor = { kind: 'mean'; rating: number } | { kind: 'model'; model: string; rating: number };

export const meanAnchor: RatingAnchor = { kind: 'mean', rating: DEFAULT_RATING_CENTRE };

/** The model LMArena's published notebooks pin, and where (`elo_scores += 1114 - elo_scores[mixtral]`). */
export const LMARENA_ANCHOR_MODEL = 'mixtral-8x7b-instruct-v0.1';
export const LMARENA_ANCHOR_RATING = 1114;

/**
 * LMArena's scale: 400·log10 strength + 1000 with the mean log strength at 0 (its unpenalised
 * logistic regression started at 0), then shifted so mixtral-8x7b-instruct-v0.1 is 1114 when it is
 * among the models.
 */
export function lmarenaAnchor(models: readonly string[]): RatingAnchor {
  return models.includes(LMARENA_ANCHOR_MODEL) ? { kind: 'model', model: LMARENA_ANCHOR_MODEL, rating: LMARENA_ANCHOR_RATING } : meanAnchor;
}

/** Natural-log strengths → anchored ratings. */
export function toRatings(logStrength: ArrayLike<number>, models: string[], anchor: RatingAnchor = meanAnchor): Float64Array {
  const n = logStrength.length;
  let reference: number;
  if (anchor.kind === 'mean') {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += logStrength[i];
    reference = n ? sum / n : 0;
  } else {
    const i = models.indexOf(anchor.model);
    if (i < 0) throw new Error(`anchor model ${anchor.model} has no votes`);
    reference = logStrength[i];
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = anchor.rating + RATING_PER_NATURAL_LOG * (logStrength[i] - reference);
  return out;
}

/** Probability that a model rated `a` beats one rated `b` (ties counted half) under Bradley–Terry. */
export function expectedScore(a: number, b: number): number {
  return 1 / (1 + Math.pow(10, (b - a) / 400));
}
