import type { BenchmarkScale } from './scoring-rules.ts';

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Linear between the floor (0 points) and the target (full points), capped at full points. */
export function benchmarkPoints(ratio: number, points: number, scale: BenchmarkScale): number {
  return points * clamp01((ratio - scale.floor) / (scale.target - scale.floor));
}

export function expertPanelPoints(mean: number, points: number, scaleMax: number): number {
  return points * clamp01(mean / scaleMax);
}

export function stageGoalsPoints(met: number, declared: number, points: number): number {
  return points * clamp01(met / declared);
}

export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  // the epsilon nudges values such as 2.675 that binary floating point stores a hair low
  return Math.round(value * f + Math.sign(value) * 1e-9) / f;
}
