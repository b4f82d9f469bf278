import type { PairTable } from './pair-table.ts';

export interface BradleyTerryOptions {
  /**
   * 0 (the default): the plain maximum-likelihood fit, as LMArena computes it (a logistic
   * regression without penalty, ties half a win to each side). It exists only when every split of
   * the models into two groups has a win (or tie) each way across it; otherwise the fit reports
   * `mleExists: false` and the models that break it.
   *
   * > 0: an explicit prior. Every model plays this many pseudo-games, all ties, against one
   * fictitious reference player whose strength is fitted like any other (as KRACH does). An
   * undefeated or winless model then gets a finite rating, and models never compared with each
   * other are linked through the reference. It shifts ratings (by up to ~17 points on real vote
   * sets with priorGames 1), so it is a choice a report must state, never a silent default.
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
  /** false when the plain MLE does not exist (priorGames 0 and a split with no win across it) */
  mleExists: boolean;
  /** with mleExists false: why (which models never lost, which never won, across a split) */
  cutOff: MleCutOff | null;
}

export const BT_DEFAULTS = { priorGames: 0, tolerance: 1e-9, maxIterations: 10_000 } as const;

/** Why the plain MLE does not exist: groups no win crosses, the smaller side named. */
export interface MleCutOff {
  /** models that never lost (nor tied) against the models outside their group */
  neverLost: string[];
  /** models that never won (nor tied) against the models outside their group */
  neverWon: string[];
}

/**
 * Whether the plain MLE exists: the directed graph "i scored (won or tied) against j" must be
 * strongly connected (Zermelo 1929; Ford 1957). When it is not, the strongly connected components
 * with no score coming in (never lost) or going out (never won) are named, the small ones first.
 */
export function mleCutOff(table: PairTable): MleCutOff | null {
  const m = table.models.length;
  if (m <= 1) return null;
  const out: number[][] = Array.from({ length: m }, () => []);
  const into: number[][] = Array.from({ length: m }, () => []);
  for (let p = 0; p < table.first.length; p++) {
    const a = table.first[p]!,
      b = table.second[p]!;
    if (table.firstWins[p]! + table.ties[p]! > 0) {
      out[a]!.push(b);
      into[b]!.push(a);
    }
    if (table.secondWins[p]! + table.ties[p]! > 0) {
      out[b]!.push(a);
      into[a]!.push(b);
    }
  }
  // Kosaraju, iteratively: finishing order on the graph, then components on its reverse
  const order: number[] = [];
  const seen = new Uint8Array(m);
  for (let s = 0; s < m; s++) {
    if (seen[s]) continue;
    seen[s] = 1;
    const stack: [number, number][] = [[s, 0]];
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const [v, k] = top;
      if (k < out[v]!.length) {
        top[1]++;
        const w = out[v]![k]!;
        if (!seen[w]) {
          seen[w] = 1;
          stack.push([w, 0]);
        }
      } else {
        order.push(v);
        stack.pop();
      }
    }
  }
  const comp = new Int32Array(m).fill(-1);
  let components = 0;
  for (let k = m - 1; k >= 0; k--) {
    const s = order[k]!;
    if (comp[s] !== -1) continue;
    const stack = [s];
    comp[s] = components;
    while (stack.length)
      for (const w of into[stack.pop()!]!)
        if (comp[w] === -1) {
          comp[w] = components;
          stack.push(w);
        }
    components++;
  }
  if (components === 1) return null;
  const hasIn = new Uint8Array(components),
    hasOut = new Uint8Array(components),
    size = new Int32Array(components);
  for (let v = 0; v < m; v++) {
    size[comp[v]!]++;
    for (const w of out[v]!)
      if (comp[w] !== comp[v]) {
        hasOut[comp[v]!] = 1;
        hasIn[comp[w]!] = 1;
      }
  }
  const pick = (flag: Uint8Array) => {
    const ids = [...Array(components).keys()].filter((c) => !flag[c]);
    const small = ids.filter((c) => size[c]! * 2 <= m);
    const chosen = new Set(small.length ? small : ids);
    return table.models.filter((_, v) => chosen.has(comp[v]!));
  };
  return { neverLost: pick(hasIn), neverWon: pick(hasOut) };
}

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
  if (!(prior >= 0) || !Number.isFinite(prior)) throw new Error('priorGames must be 0 (plain MLE) or positive');
  if (prior === 0) return fitPlainMle(table, options);
  const tolerance = options.tolerance ?? BT_DEFAULTS.tolerance;
  const maxIterations = options.maxIterations ?? BT_DEFAULTS.maxIterations;
  const m = table.models.length;
  const pairs = table.first.length;

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
      const a = table.first[p],
        b = table.second[p];
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
  return { logStrength, strength: pi.slice(0, m), iterations, converged, mleExists: true, cutOff: null };
}

/**
 * The plain MLE by the same fixed point without the reference player; the likelihood is scale
 * invariant, so strengths are renormalised to geometric mean 1 each iteration (mean log 0, which
 * is where LMArena's unpenalised logistic regression, started at 0, leaves the mean coefficient).
 */
function fitPlainMle(table: PairTable, options: BradleyTerryOptions): BradleyTerryFit {
  const tolerance = options.tolerance ?? BT_DEFAULTS.tolerance;
  const maxIterations = options.maxIterations ?? BT_DEFAULTS.maxIterations;
  const m = table.models.length;
  const pairs = table.first.length;
  const cutOff = mleCutOff(table);
  if (cutOff) {
    return { logStrength: new Float64Array(m).fill(NaN), strength: new Float64Array(m).fill(NaN), iterations: 0, converged: false, mleExists: false, cutOff };
  }
  const firstScore = new Float64Array(pairs);
  const secondScore = new Float64Array(pairs);
  for (let p = 0; p < pairs; p++) {
    firstScore[p] = table.firstWins[p] + table.ties[p] / 2;
    secondScore[p] = table.secondWins[p] + table.ties[p] / 2;
  }
  // each model's pairs, so strengths can be updated in place (Gauss–Seidel): the simultaneous
  // update oscillates without the reference player (two models swap their strengths forever)
  const count = new Int32Array(m + 1);
  for (let p = 0; p < pairs; p++) {
    count[table.first[p]! + 1]++;
    count[table.second[p]! + 1]++;
  }
  for (let i = 0; i < m; i++) count[i + 1] += count[i]!;
  const adjPair = new Int32Array(2 * pairs);
  const fill = count.slice(0, m);
  for (let p = 0; p < pairs; p++) {
    adjPair[fill[table.first[p]!]!++] = p;
    adjPair[fill[table.second[p]!]!++] = p;
  }

  const pi = new Float64Array(m).fill(1);
  if (options.start && options.start.length >= m && options.start.every((x) => x > 0 && Number.isFinite(x))) pi.set(options.start.subarray(0, m));
  const previous = new Float64Array(m);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    previous.set(pi);
    for (let i = 0; i < m; i++) {
      let num = 0,
        den = 0;
      for (let k = count[i]!; k < count[i + 1]!; k++) {
        const p = adjPair[k]!;
        const isFirst = table.first[p] === i;
        const j = isFirst ? table.second[p]! : table.first[p]!;
        const won = isFirst ? firstScore[p]! : secondScore[p]!;
        const lost = isFirst ? secondScore[p]! : firstScore[p]!;
        const inv = 1 / (pi[i]! + pi[j]!);
        num += won * pi[j]! * inv;
        den += lost * inv;
      }
      pi[i] = num / den;
    }
    let meanLog = 0;
    for (let i = 0; i < m; i++) meanLog += Math.log(pi[i]!);
    const scale = Math.exp(meanLog / m);
    let change = 0;
    for (let i = 0; i < m; i++) {
      pi[i]! /= scale;
      const d = Math.abs(Math.log(pi[i]! / previous[i]!));
      if (d > change) change = d;
    }
    if (change < tolerance) {
      converged = true;
      break;
    }
  }
  const logStrength = new Float64Array(m);
  for (let i = 0; i < m; i++) logStrength[i] = Math.log(pi[i]);
  return { logStrength, strength: pi.slice(), iterations, converged, mleExists: true, cutOff: null };
}
