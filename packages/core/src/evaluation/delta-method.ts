import type { RatioSpec } from './ratio.ts';

/**
 * Standard error of the ratio from the two scores' standard errors (first-order delta method,
 * candidate and reference independent). For higher-is-better with c the chance level,
 * R = (s − c)/(r − c) and Var R ≈ σs²/(r − c)² + (s − c)²σr²/(r − c)⁴. Lower-is-better swaps roles.
 */
export function ratioStandardError(candidate: { score: number; stderr: number }, reference: { score: number; stderr: number }, spec: RatioSpec): number {
  const [num, den] = spec.higherIsBetter ? [candidate, reference] : [reference, candidate];
  const a = num.score - spec.chance;
  const b = den.score - spec.chance;
  const variance = (num.stderr * num.stderr) / (b * b) + (a * a * den.stderr * den.stderr) / (b * b * b * b);
  return Math.sqrt(variance);
}
