import type { PairTable } from './pair-table.ts';

export interface BradleyTerryOptions {
  /**
   * Regularisation: every model plays this many pseudo-games, all ties, against one fictitious
   * reference player whose strength is fitted like any other (as KRACH does). An undefeated or
   * winless model then gets a finite rating, models never compared with each other are linked
   * through the reference, and the likelihood keeps its scale invariance, so strengths can be
   * renormalised each iteration without moving the fixed point. With hundreds of real battles per
   * model the pull is negligible (a fraction 1/battles of a game). Default 1.
   */
  priorGames?: number;
  /** stop when no natural-log strength moves more than this in one iteration; default 1e-9 */
  tolerance?: number;
  maxIterations?: number;
  /** warm start (strengths, not logs), e.g. the point estimate when fitting bootstrap replicates */
  start?: Float64Array;
}

export interface BradleyTerryFit {
  /** natural-log strengths, not yet anchored; see toRatings */
  logStrength: Float64Array;
  strength: Float64Array;
  iterations: number;
  converged: boolean;
}

export const BT_DEFAULTS = { priorGames: 1, tolerance: 1e-9, maxIterations: 10_000 } as const;

/**
 * Maximum a-posteriori Bradley–Terry strengths from aggregated pair counts, ties counting half a
 * win to each side. Uses Newman's fixed-point iteration (JMLR 2023), a reorganised Zermelo/MM
 * update with the same fixed point as the likelihood equations
 *   Σ_j w_ij = Σ_j n_ij · π_i / (π_i + π_j)
 * but typically an order of magnitude fewer iterations:
 *   π_i ← Σ_j w_ij π_j/(π_i+π_j)  /  Σ_j w_ji/(π_i+π_j)
 * Each iteration is one pass over the pairs.
 */
export function fitBradleyTerry(table: PairTable, options: BradleyTerryOptions = {}): BradleyTerryFit {
  const prior = options.priorGames ?? BT_DEFAULTS.priorGames;
  const tolerance = options.tolerance ?? BT_DEFAULTS.tolerance;
  const maxIterations = options.maxIterations ?? BT_DEFAULTS.maxIterations;
  const m = table.models.length;
  const pairs = table.first.length;
  if (prior <= 0) throw new Error('priorGames must be positive so every strength stays finite');

  const firstScore = new Float64Array(pairs);
  const secondScore = new Float64Array(pairs);
  for (let p = 0; p < pairs; p++) {
    firstScore[p] = table.firstWins[p] + table.ties[p] / 2;
    secondScore[p] = table.secondWins[p] + table.ties[p] / 2;
  }

  // index m is the reference player; strengths are kept relative to it (π_m = 1)
  let pi = new Float64Array(m + 1).fill(1);
  if (options.start) pi.set(options.start.subarray(0, m));
  let next = new Float64Array(m + 1);
  const num = new Float64Array(m + 1);
  const den = new Float64Array(m + 1);
  const halfPrior = prior / 2;
  let iterations = 0;
  let converged = false;

  while (iterations < maxIterations) {
    iterations++;
    num[m] = 0;
    den[m] = 0;
    for (let i = 0; i < m; i++) {
      const inv = halfPrior / (pi[i] + 1);
      num[i] = inv; // π_ref = 1
      den[i] = inv;
      num[m] += inv * pi[i];
      den[m] += inv;
    }
    for (let p = 0; p < pairs; p++) {
      const a = table.first[p], b = table.second[p];
      const inv = 1 / (pi[a] + pi[b]);
      num[a] += firstScore[p] * pi[b] * inv;
      den[a] += secondScore[p] * inv;
      num[b] += secondScore[p] * pi[a] * inv;
      den[b] += firstScore[p] * inv;
    }
    const reference = num[m] / den[m];
    let change = 0;
    for (let i = 0; i < m; i++) {
      next[i] = num[i] / den[i] / reference;
      const d = Math.abs(Math.log(next[i] / pi[i]));
      if (d > change) change = d;
    }
    next[m] = 1;
    [pi, next] = [next, pi];
    if (change < tolerance) {
      converged = true;
      break;
    }
  }

  const logStrength = new Float64Array(m);
  for (let i = 0; i < m; i++) logStrength[i] = Math.log(pi[i]);
  return { logStrength, strength: pi.slice(0, m), iterations, converged };
}
