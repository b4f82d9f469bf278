import type { FieldIssue } from '../shared/localized.ts';
import type { AssignmentPair, IndexedInstance } from './assignment-instance.ts';
import { validateAssignmentInstance } from './assignment-instance.ts';
import { countingObstacles, groupShortfall, minLoadsCrowdOut, minLoadUnmet, type InfeasibilityReason } from './assignment-infeasibility.ts';
import { assignmentPotentials } from './assignment-prices.ts';
import { solveMinCostFlowByCostScaling } from './cost-scaling.ts';
import { hasFeasibleFlow } from './max-flow.ts';
import { FlowNetwork, solveMinCostFlow, type FlowSolution } from './min-cost-flow.ts';

export interface AssignOptions {
  /**
   * Spread load. First the smallest largest load any valid assignment allows is found (every
   * reviewer is capped there, so the busiest reviewer never carries more than without balancing);
   * then each further proposal on a reviewer costs more than the one before (the k-th costs
   * (k − 1) · range / (2 · largest load), so all the rising costs together stay within half the score
   * range) and loads even out where that costs little affinity. The
   * objective reported is the affinity actually obtained, no longer the unconstrained maximum.
   */
  balance?: boolean;
}

export type AssignmentResult =
  | {
      feasible: true;
      /** sum of the original affinity scores over the assigned pairs */
      objective: number;
      /** [proposalId, reviewerId], by proposal then reviewer in input order */
      assignments: AssignmentPair[];
      /** assigned proposals per reviewer, in input order */
      loads: number[];
    }
  | { feasible: false; reasons: InfeasibilityReason[] };

/** Validation failed: every issue names its field. */
export class InvalidAssignmentInstance extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.message.en}`).join('; '));
  }
}

/** Validates, then solves; throws InvalidAssignmentInstance on bad input. */
export function assignReviewers(input: unknown, options: AssignOptions = {}): AssignmentResult {
  const { indexed, issues } = validateAssignmentInstance(input);
  if (!indexed) throw new InvalidAssignmentInstance(issues);
  return assignIndexed(indexed, options);
}

/** Largest magnitude we let path costs reach, with headroom under 2^53 for sums of reduced costs. */
const SAFE_PATH_COST = 2 ** 50;

/**
 * Solves an already validated instance as a min-cost flow:
 * proposal (supply = reviews) → reviewer (capacity 1 per candidate pair) → sink (minLoad..maxLoad).
 * Scores become integer costs `max − round(score · scale)`; every unit of flow crosses exactly one
 * pair arc, so the shift by `max` does not change which assignment is optimal.
 */
export function assignIndexed(ix: IndexedInstance, options: AssignOptions = {}): AssignmentResult {
  const obstacles = countingObstacles(ix);
  if (obstacles.length) return { feasible: false, reasons: obstacles };

  let built = buildNetwork(ix, { mode: 'affinity' });
  let solution = solveMinCostFlow(built.network, { potential: startingPotentials(ix, built) });
  if (!solution.feasible) {
    // explain() reads where a cold start leaves the unrouted supply (at the stuck proposals)
    return { feasible: false, reasons: explain(ix, solveMinCostFlow(built.network)) };
  }
  if (options.balance) {
    const cap = smallestFeasibleMaxLoad(
      ix,
      loadsOf(ix, built, solution).reduce((a, b) => Math.max(a, b), 0),
    );
    built = buildNetwork(ix, { mode: 'balance', cap });
    // A tight cap leaves almost no slack, where shortest paths degrade and cost scaling does not.
    solution = solveMinCostFlowByCostScaling(built.network);
    if (!solution.feasible) throw new Error('internal: the balanced network lost feasibility');
  }

  const chosen: number[] = [];
  for (let k = 0; k < built.pairArc.length; k++) {
    const arc = built.pairArc[k];
    if (arc >= 0 && solution.flow[arc] > 0) chosen.push(k);
  }
  chosen.sort((a, b) => ix.pairProposal[a] - ix.pairProposal[b] || ix.pairReviewer[a] - ix.pairReviewer[b]);
  let objective = 0;
  const assignments: AssignmentPair[] = chosen.map((k) => {
    objective += ix.pairScore[k];
    return [ix.instance.proposals[ix.pairProposal[k]].id, ix.instance.reviewers[ix.pairReviewer[k]].id];
  });
  return { feasible: true, objective: tidy(objective), assignments, loads: loadsOf(ix, built, solution) };
}

/** The price guess for the affinity network (see assignment-prices.ts), in the network's own costs. */
function startingPotentials(ix: IndexedInstance, built: BuiltNetwork): Float64Array {
  const { cost } = built.network.arcs();
  let count = 0;
  for (let k = 0; k < built.pairArc.length; k++) if (built.pairArc[k] >= 0) count++;
  const pairProposal = new Int32Array(count),
    pairReviewer = new Int32Array(count),
    pairCost = new Float64Array(count);
  for (let k = 0, i = 0; k < built.pairArc.length; k++) {
    const arc = built.pairArc[k];
    if (arc < 0) continue;
    pairProposal[i] = ix.pairProposal[k];
    pairReviewer[i] = ix.pairReviewer[k];
    pairCost[i++] = cost[arc];
  }
  return assignmentPotentials({
    proposalCount: ix.proposalCount,
    reviewerCount: ix.reviewerCount,
    reviews: ix.reviews,
    capacity: ix.maxLoad,
    pairProposal,
    pairReviewer,
    pairCost,
  });
}

function loadsOf(ix: IndexedInstance, built: BuiltNetwork, solution: FlowSolution): number[] {
  const loads = new Array<number>(ix.reviewerCount).fill(0);
  for (let k = 0; k < built.pairArc.length; k++) {
    const arc = built.pairArc[k];
    if (arc >= 0 && solution.flow[arc] > 0) loads[ix.pairReviewer[k]]++;
  }
  return loads;
}

/**
 * Binary search on a common load cap between what the counting bound allows and `known`
 * (a cap met by a solution already found). Each check is one maximum flow, no costs involved.
 */
function smallestFeasibleMaxLoad(ix: IndexedInstance, known: number): number {
  let demand = 0,
    minNeeded = 0;
  for (let p = 0; p < ix.proposalCount; p++) demand += ix.reviews[p];
  for (let r = 0; r < ix.reviewerCount; r++) minNeeded = Math.max(minNeeded, ix.minLoad[r]);
  let lo = Math.max(minNeeded, Math.ceil(demand / Math.max(1, ix.reviewerCount)));
  let hi = known;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hasFeasibleFlow(buildNetwork(ix, { mode: 'feasibility', cap: mid }).network)) hi = mid;
    else lo = mid + 1;
  }
  return hi;
}

/** Drops floating-point dust from a sum of decimal scores (0.1 + 0.2 reads 0.3). */
function tidy(x: number): number {
  return Number(x.toPrecision(12));
}

interface BuiltNetwork {
  network: FlowNetwork;
  /** arc id of each affinity pair, −1 when the pair is conflicted */
  pairArc: Int32Array;
}

interface NetworkMode {
  /** affinity: maximise affinity; balance: affinity with convex load costs; feasibility: no costs */
  mode: 'affinity' | 'balance' | 'feasibility';
  /** common cap on every reviewer's load, on top of their own maxLoad */
  cap?: number;
  /** leave minimum loads out (to tell whether they are what makes an instance infeasible) */
  withoutMinLoads?: boolean;
}

function buildNetwork(ix: IndexedInstance, how: NetworkMode): BuiltNetwork {
  const P = ix.proposalCount,
    R = ix.reviewerCount;
  const sink = P + R;
  const nodes = P + R + 1;
  const cap = how.cap ?? Infinity;

  let lo = Infinity,
    hi = -Infinity;
  for (let k = 0; k < ix.pairScore.length; k++) {
    if (ix.pairConflicted[k]) continue;
    lo = Math.min(lo, ix.pairScore[k]);
    hi = Math.max(hi, ix.pairScore[k]);
  }
  const range = hi > lo ? hi - lo : 1;
  let maxL = 1;
  for (let r = 0; r < R; r++) maxL = Math.max(maxL, Math.min(cap, ix.maxLoad[r]));
  // Scores become integers with six decimals, fewer if path costs could leave exact arithmetic.
  // Balance is solved by cost scaling, whose prices reach about 2·n² times the largest cost.
  const costSpan = (s: number) => range * s * (how.mode === 'balance' ? maxL : 1) + 1;
  const exact = (s: number) =>
    how.mode === 'balance' ? 3 * nodes * (nodes + 1) * costSpan(s) <= Number.MAX_SAFE_INTEGER : nodes * costSpan(s) <= SAFE_PATH_COST;
  let scale = 1e6;
  while (scale > 1e-9 && !exact(scale)) scale /= 10;
  const withCosts = how.mode !== 'feasibility';
  const scaledMax = Math.round(hi * scale);
  const step = Math.max(1, Math.round((range * scale) / (2 * maxL)));

  let demand = 0;
  for (let p = 0; p < P; p++) demand += ix.reviews[p];
  const network = new FlowNetwork(nodes, ix.pairScore.length + R * (how.mode === 'balance' ? maxL : 1));
  for (let p = 0; p < P; p++) network.setSupply(p, ix.reviews[p]);
  network.setSupply(sink, -demand);

  const pairArc = new Int32Array(ix.pairScore.length).fill(-1);
  for (let k = 0; k < ix.pairScore.length; k++) {
    if (ix.pairConflicted[k]) continue;
    const cost = withCosts ? scaledMax - Math.round(ix.pairScore[k] * scale) : 0;
    pairArc[k] = network.addArc(ix.pairProposal[k], P + ix.pairReviewer[k], 1, cost);
  }
  for (let r = 0; r < R; r++) {
    const max = Math.min(cap, ix.maxLoad[r]);
    const min = how.withoutMinLoads ? 0 : Math.min(ix.minLoad[r], max);
    if (how.mode !== 'balance') {
      network.addArc(P + r, sink, max, 0, min);
      continue;
    }
    // unit arcs with rising costs: the cheapest are filled first, and the forced minimum is those
    for (let k = 1; k <= max; k++) network.addArc(P + r, sink, 1, step * (k - 1), k <= min ? 1 : 0);
  }
  return { network, pairArc };
}

/**
 * The counting arguments found nothing, yet no flow exists. Without minimum loads the stuck
 * proposals' residual reach is a Hall violator: those proposals' eligible reviewers are all full
 * and serve only them. If the instance is feasible without minimum loads, the minimums are to
 * blame and the reviewers left short are named.
 */
function explain(ix: IndexedInstance, solution: FlowSolution): InfeasibilityReason[] {
  const P = ix.proposalCount,
    R = ix.reviewerCount;
  const hasMin = ix.minLoad.some((x) => x > 0);
  const relaxed = hasMin ? solveMinCostFlow(buildNetwork(ix, { mode: 'feasibility', withoutMinLoads: true }).network) : solution;
  if (!relaxed.feasible) {
    const stuck: number[] = [];
    for (let p = 0; p < P; p++) if (relaxed.imbalance[p] > 0) stuck.push(p);
    const mark = relaxed.residualReachable(stuck);
    const ps: number[] = [],
      rs: number[] = [];
    for (let p = 0; p < P; p++) if (mark[p]) ps.push(p);
    for (let r = 0; r < R; r++) if (mark[P + r]) rs.push(r);
    return [groupShortfall(ix, ps, rs)];
  }
  const out: InfeasibilityReason[] = [];
  for (let r = 0; r < R; r++) {
    const short = solution.imbalance[P + r];
    if (short < 0) out.push(minLoadUnmet(ix, r, ix.minLoad[r] + short));
  }
  if (!out.length) {
    // the minimums were met by taking reviewers the stuck proposals needed: name those proposals
    const stuck: number[] = [];
    for (let p = 0; p < P; p++) if (solution.imbalance[p] > 0) stuck.push(p);
    out.push(minLoadsCrowdOut(ix, stuck));
  }
  return out;
}
