/**
 * A starting guess at the optimal duals of the assignment network (proposal → reviewer → sink),
 * so that the exact shortest-path solver only repairs what the guess gets wrong.
 *
 * The guess comes from an auction (Bertsekas' forward auction, reviewers as `capacity` identical
 * seats): a proposal that still needs a reviewer bids for the candidate that is cheapest at cost +
 * price, raising that reviewer's price by how much better it is than the next best, plus ε; a full
 * reviewer's price is its lowest standing bid, and that bid's proposal goes back to bidding.
 * Popular reviewers are wanted by far more proposals than they can take (greedy alone puts about
 * half the flow of the benchmark instances on overloaded reviewers); the auction settles most of
 * that at a fraction of the cost of the shortest paths. ε is one cost unit: these instances have
 * slack, so the bidding ends after about a dozen bids per unit of demand even so, and a coarser ε
 * (tried: 1/256 to 1/32 of the cost range) gives looser prices that leave the solver far more to
 * repair. Any prices are valid starting duals for the exact solver; they only have to be close.
 */

/**
 * Bids allowed per unit of demand before the auction stops where it is (the benchmark instances
 * settle at 12–15; a price war on a crowded instance is cut short and left to the exact solver).
 */
const BIDS_PER_UNIT = 32;

export interface AssignmentShape {
  proposalCount: number;
  reviewerCount: number;
  /** units each proposal must place (its supply) */
  reviews: Int32Array;
  /** capacity of each reviewer's arc to the sink */
  capacity: Int32Array;
  /** pair arcs: proposal index, reviewer index (0-based among reviewers) and integer cost */
  pairProposal: Int32Array;
  pairReviewer: Int32Array;
  pairCost: Float64Array;
}

/**
 * Node potentials for the network with nodes [proposals, reviewers, sink]: π(reviewer) = −price,
 * π(proposal) = −(its (reviews + 1)-th cheapest cost + price), π(sink) = 0. Under these, exactly
 * the pairs a proposal would choose at these prices and the sink arcs of priced reviewers have
 * negative reduced cost, which is where the solver's warm start puts the flow.
 */
export function assignmentPotentials(shape: AssignmentShape): Float64Array {
  const { proposalCount: P, reviewerCount: R, reviews, capacity, pairProposal, pairReviewer, pairCost } = shape;
  const m = pairProposal.length;
  // pairs grouped by proposal (CSR), reviewer and cost side by side
  const pStart = new Int32Array(P + 1);
  for (let k = 0; k < m; k++) pStart[pairProposal[k] + 1]++;
  for (let p = 0; p < P; p++) pStart[p + 1] += pStart[p];
  const fill = pStart.slice(0, P);
  const reviewerOf = new Int32Array(m);
  const costOf = new Float64Array(m);
  const proposalOf = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const p = pairProposal[k];
    const j = fill[p]++;
    reviewerOf[j] = pairReviewer[k];
    costOf[j] = pairCost[k];
    proposalOf[j] = p;
  }
  /** pairs a proposal holds now (pairs on reviewers who can take none count as held: never bid for) */
  const held = new Uint8Array(m);
  for (let j = 0; j < m; j++) if (capacity[reviewerOf[j]] <= 0) held[j] = 1;
  const epsilon = 1;

  // seats: reviewer r's standing bids sit in seatStart[r] .. seatStart[r] + seated[r]
  const seatStart = new Int32Array(R + 1);
  for (let r = 0; r < R; r++) seatStart[r + 1] = seatStart[r] + Math.max(0, capacity[r]);
  const seatPair = new Int32Array(seatStart[R]);
  const seatBid = new Float64Array(seatStart[R]);
  const seated = new Int32Array(R);
  /** price of a reviewer: 0 while a seat is free, else its lowest standing bid */
  const price = new Float64Array(R);
  const needs = new Int32Array(P);
  const queue = new Int32Array(P + 1);
  let qHead = 0,
    qTail = 0,
    queued = 0,
    demand = 0;
  for (let p = 0; p < P; p++) {
    needs[p] = reviews[p];
    demand += reviews[p];
    if (needs[p] > 0) {
      queue[qTail++] = p;
      queued++;
    }
  }
  let budget = BIDS_PER_UNIT * demand;
  while (queued > 0 && budget-- > 0) {
    const p = queue[qHead];
    let best = -1,
      w1 = Infinity,
      w2 = Infinity;
    for (let j = pStart[p]; j < pStart[p + 1]; j++) {
      if (held[j]) continue;
      const w = costOf[j] + price[reviewerOf[j]];
      if (w < w1) {
        w2 = w1;
        w1 = w;
        best = j;
      } else if (w < w2) w2 = w;
    }
    if (best < 0) {
      // no candidate left to bid for: the solver will find out
      needs[p] = 0;
    } else {
      const r = reviewerOf[best];
      const bid = price[r] + (w2 === Infinity ? 0 : w2 - w1) + epsilon;
      held[best] = 1;
      needs[p]--;
      let seat: number;
      if (seated[r] < capacity[r]) seat = seatStart[r] + seated[r]++;
      else {
        // the lowest bid loses its seat and its proposal bids again
        seat = seatStart[r];
        for (let s = seat + 1; s < seatStart[r + 1]; s++) if (seatBid[s] < seatBid[seat]) seat = s;
        const lost = seatPair[seat];
        held[lost] = 0;
        const q = proposalOf[lost];
        if (needs[q]++ === 0) {
          queue[qTail] = q;
          qTail = qTail === P ? 0 : qTail + 1;
          queued++;
        }
      }
      seatPair[seat] = best;
      seatBid[seat] = bid;
      if (seated[r] === capacity[r]) {
        let low = Infinity;
        for (let s = seatStart[r]; s < seatStart[r + 1]; s++) low = Math.min(low, seatBid[s]);
        price[r] = low;
      }
    }
    if (needs[p] === 0) {
      qHead = qHead === P ? 0 : qHead + 1;
      queued--;
    }
  }

  const potential = new Float64Array(P + R + 1);
  const top = new Float64Array(maxOf(reviews) + 1);
  for (let p = 0; p < P; p++) {
    // threshold: the (reviews + 1)-th cheapest cost + price; every pair below it is chosen
    const want = reviews[p] + 1;
    let kept = 0;
    for (let j = pStart[p]; j < pStart[p + 1]; j++) {
      const w = costOf[j] + price[reviewerOf[j]];
      if (kept === want && w >= top[kept - 1]) continue;
      let i = kept < want ? kept++ : kept - 1;
      while (i > 0 && top[i - 1] > w) {
        top[i] = top[i - 1];
        i--;
      }
      top[i] = w;
    }
    let t: number;
    if (kept === want) t = top[want - 1];
    else {
      // fewer pairs than reviews: every pair is chosen; any potential below all of them does
      t = 1;
      for (let j = pStart[p]; j < pStart[p + 1]; j++) t = Math.max(t, costOf[j] + price[reviewerOf[j]] + 1);
    }
    potential[p] = -t;
  }
  for (let r = 0; r < R; r++) potential[P + r] = -price[r];
  return potential;
}

function maxOf(xs: Int32Array): number {
  let max = 0;
  for (const x of xs) max = Math.max(max, x);
  return max;
}
