/**
 * Exact integer minimum-cost flow by cost scaling (Goldberg's push–relabel with ε-optimality),
 * for networks where successive shortest paths degrade: when capacity barely exceeds demand
 * (every reviewer must take exactly their cap), the last augmenting paths of the shortest-path
 * method cross most of the graph, one unit at a time. Cost scaling does the same work in a few
 * passes per scale instead, whatever the slack.
 *
 * Costs are multiplied by n + 1, so ε = 1 on the scaled costs is ε < 1/n on the original integer
 * costs, which makes the flow optimal. Feasibility is settled first by a maximum flow; for an
 * infeasible network that maximum flow is the answer (what it left unrouted, not a cheapest one).
 * The result depends only on the input (node and arc order included).
 */
import { findFeasibleFlow } from './max-flow.ts';
import type { FlowNetwork, FlowSolution } from './min-cost-flow.ts';

/** How much ε shrinks between refinements; 8–16 is the usual sweet spot. */
const ALPHA = 12;

/** Same contract as `solveMinCostFlow`. */
export function solveMinCostFlowByCostScaling(network: FlowNetwork): FlowSolution {
  const routable = findFeasibleFlow(network);
  if (!routable.feasible) return routable;
  const n = network.nodeCount;
  const { from, to, lower, upper, cost } = network.arcs();
  const m = from.length;

  // Residual edges in CSR order: each node's edges are contiguous; rev pairs an edge with its reverse.
  const start = new Int32Array(n + 1);
  for (let a = 0; a < m; a++) {
    start[from[a] + 1]++;
    start[to[a] + 1]++;
  }
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const head = new Int32Array(2 * m);
  const rev = new Int32Array(2 * m);
  const residual = new Float64Array(2 * m);
  const scaled = new Float64Array(2 * m);
  const forward = new Int32Array(m);
  const excess = Float64Array.from(network.supply);
  const fill = start.slice(0, n);
  const multiplier = n + 1;
  let maxCost = 0;
  for (let a = 0; a < m; a++) {
    const f = fill[from[a]]++,
      b = fill[to[a]]++;
    forward[a] = f;
    head[f] = to[a];
    head[b] = from[a];
    rev[f] = b;
    rev[b] = f;
    residual[f] = upper[a] - lower[a];
    scaled[f] = cost[a] * multiplier;
    scaled[b] = -cost[a] * multiplier;
    maxCost = Math.max(maxCost, Math.abs(cost[a]));
    excess[from[a]] -= lower[a];
    excess[to[a]] += lower[a];
  }
  // A refinement lowers a price by at most about (α + 1)·n·ε, and the ε after the first sum to
  // maxCost·(n + 1)/(α − 1): prices stay within about 1.2·n·maxCost·(n + 1) (checked again as they move).
  const priceFloor = -2 * n * maxCost * multiplier - 1;
  if (-priceFloor + 2 * maxCost * multiplier > Number.MAX_SAFE_INTEGER) {
    throw new RangeError('arc costs are too large for exact cost scaling; scale the costs down');
  }

  const price = new Float64Array(n);
  const current = new Int32Array(n);
  const queue = new Int32Array(n);
  const queued = new Uint8Array(n);

  const refine = (epsilon: number) => {
    // Saturating every edge with negative reduced cost makes the pseudoflow 0-optimal.
    for (let u = 0; u < n; u++) {
      const pu = price[u];
      for (let k = start[u], end = start[u + 1]; k < end; k++) {
        const r = residual[k];
        if (r > 0 && scaled[k] + pu - price[head[k]] < 0) {
          residual[k] = 0;
          residual[rev[k]] += r;
          excess[u] -= r;
          excess[head[k]] += r;
        }
      }
    }
    let qh = 0,
      qt = 0;
    for (let v = 0; v < n; v++) {
      current[v] = start[v];
      if (excess[v] > 0) {
        queue[qt++] = v;
        queued[v] = 1;
      }
    }
    let pending = qt;
    // FIFO discharge; the queue is circular, holding each active node at most once.
    while (pending > 0) {
      const u = queue[qh];
      qh = qh + 1 === n ? 0 : qh + 1;
      pending--;
      queued[u] = 0;
      const end = start[u + 1];
      let k = current[u];
      while (excess[u] > 0) {
        const pu = price[u];
        while (k < end && !(residual[k] > 0 && scaled[k] + pu - price[head[k]] < 0)) k++;
        if (k < end) {
          const v = head[k];
          const amount = excess[u] < residual[k] ? excess[u] : residual[k];
          residual[k] -= amount;
          residual[rev[k]] += amount;
          excess[u] -= amount;
          excess[v] += amount;
          if (excess[v] > 0 && !queued[v]) {
            queued[v] = 1;
            queue[qt] = v;
            qt = qt + 1 === n ? 0 : qt + 1;
            pending++;
          }
          continue;
        }
        // relabel: lower u's price just enough that its cheapest residual edge becomes admissible
        let best = -Infinity;
        for (let j = start[u]; j < end; j++) {
          if (residual[j] > 0) {
            const p = price[head[j]] - scaled[j];
            if (p > best) best = p;
          }
        }
        if (best === -Infinity) throw new Error('internal: an active node has no residual edge in a feasible network');
        price[u] = best - epsilon;
        if (price[u] < priceFloor) throw new RangeError('cost scaling left the exact integer range; scale the costs down');
        k = start[u];
      }
      current[u] = k;
    }
  };

  // refine at least once: with all costs zero the flow still has to be routed
  let epsilon = maxCost * multiplier;
  do {
    epsilon = Math.max(1, Math.ceil(epsilon / ALPHA));
    refine(epsilon);
  } while (epsilon > 1);

  const flow = new Float64Array(m);
  let total = 0;
  for (let a = 0; a < m; a++) {
    flow[a] = lower[a] + residual[rev[forward[a]]];
    total += flow[a] * cost[a];
  }
  return {
    feasible: true,
    cost: total,
    flow,
    imbalance: new Float64Array(n),
    residualReachable(starts: number[]) {
      const mark = new Uint8Array(n);
      const list: number[] = [];
      for (const s of starts) {
        if (!mark[s]) {
          mark[s] = 1;
          list.push(s);
        }
      }
      for (let q = 0; q < list.length; q++) {
        const u = list[q];
        for (let k = start[u]; k < start[u + 1]; k++) {
          if (residual[k] > 0 && !mark[head[k]]) {
            mark[head[k]] = 1;
            list.push(head[k]);
          }
        }
      }
      return mark;
    },
  };
}
