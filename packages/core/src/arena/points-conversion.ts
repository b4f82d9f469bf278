import { z } from 'zod';

/**
 * How a user-evaluation score (arena rating or Likert mean) becomes points, as configured per
 * program. The "best" conversions are relative: the best team gets full points, as K-AI's user
 * evaluation did in January 2026 (top team 25.0 of 25).
 */
export const pointsConversion = z.discriminatedUnion('kind', [
  /** full × value / best; for positive scores such as Likert means */
  z.object({ kind: z.literal('proportionalToBest') }),
  /** full × (value − floor) / (best − floor), never below 0; e.g. floor 1 on a 1–5 scale */
  z.object({ kind: z.literal('linearFromFloorToBest'), floor: z.number() }),
  /**
   * For arena ratings: full × 2 · P(team beats the best team) = full × 2 / (1 + 10^((best − r)/400)).
   * Independent of the rating anchor, unlike a ratio of ratings.
   */
  z.object({ kind: z.literal('expectedScoreVsBest') }),
  /** absolute: full × (value − min) / (max − min), clamped to [0, full] */
  z.object({ kind: z.literal('linearOnScale'), min: z.number(), max: z.number() }),
]);
export type PointsConversion = z.infer<typeof pointsConversion>;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export function convertToPoints(values: Readonly<Record<string, number>>, fullPoints: number, conversion: PointsConversion): Record<string, number> {
  const teams = Object.keys(values);
  const out: Record<string, number> = {};
  if (teams.length === 0) return out;
  for (const t of teams) if (!Number.isFinite(values[t])) throw new Error(`score of ${t} is not a number`);
  const best = Math.max(...teams.map((t) => values[t]));
  for (const t of teams) {
    const v = values[t];
    switch (conversion.kind) {
      case 'proportionalToBest':
        if (!(best > 0)) throw new Error('proportionalToBest needs a positive best score');
        out[t] = (fullPoints * Math.max(0, v)) / best;
        break;
      case 'linearFromFloorToBest': {
        const span = best - conversion.floor;
        out[t] = span > 0 ? fullPoints * clamp((v - conversion.floor) / span, 0, 1) : v >= best ? fullPoints : 0;
        break;
      }
      case 'expectedScoreVsBest':
        out[t] = (fullPoints * 2) / (1 + Math.pow(10, (best - v) / 400));
        break;
      case 'linearOnScale':
        if (!(conversion.max > conversion.min)) throw new Error('linearOnScale needs max > min');
        out[t] = fullPoints * clamp((v - conversion.min) / (conversion.max - conversion.min), 0, 1);
        break;
    }
  }
  return out;
}
