/**
 * How a candidate's score relates to a reference's: candidate/reference when higher is better,
 * reference/candidate when lower is better (so ≥ 1 always means "at least as good"), and
 * chance-corrected for multiple choice: (s − c) / (r − c), which measures the distance above
 * guessing, so a model guessing at random on a 4-option test does not get 25 % credit.
 */
export interface RatioSpec {
  higherIsBetter: boolean;
  /** chance level; 0 gives the raw ratio */
  chance: number;
}

export function scoreRatio(candidate: number, reference: number, spec: RatioSpec): number {
  const c = spec.chance;
  return spec.higherIsBetter ? (candidate - c) / (reference - c) : (reference - c) / (candidate - c);
}
