/**
 * Does any flow meet every supply within the arc bounds? Answered by one maximum flow (Dinic)
 * on the standard reduction: lower bounds are sent up front, then a super source feeds every
 * node left with excess and a super sink drains every node left short. Costs are ignored, which
 * is what makes this far cheaper than a min-cost flow: on a bipartite assignment network Dinic
 * needs O(√V) phases of linear work.
 */
import type { FlowNetwork, FlowSolution } from './min-cost-flow.ts';

export function hasFeasibleFlow(network: FlowNetwork): boolean {
  return findFeasibleFlow(network).feasible;
}

/**
 * Some flow within the bounds, costs ignored: the maximum flow of the reduction. When none
 * exists, the result shows what could not be routed (`imbalance`) and the residual network
 * around it (`residualReachable`), as the min-cost solvers do.
 */
export function findFeasibleFlow(network: FlowNetwork): FlowSolution {
  const n = network.nodeCount;
  const { from, to, lower, upper, cost: arcCost } = network.arcs();
  const m = from.length;
  const excess = Float64Array.from(network.supply);
  for (let a = 0; a < m; a++) {
    excess[from[a]] -= lower[a];
    excess[to[a]] += lower[a];
  }
  let extra = 0;
  for (let v = 0; v < n; v++) if (excess[v] !== 0) extra++;

  const source = n,
    sink = n + 1,
    nodes = n + 2;
  const edges = m + extra;
  const eFrom = new Int32Array(edges),
    eTo = new Int32Array(edges),
    eCap = new Float64Array(edges);
  for (let a = 0; a < m; a++) {
    eFrom[a] = from[a];
    eTo[a] = to[a];
    eCap[a] = upper[a] - lower[a];
  }
  let e = m;
  for (let v = 0; v < n; v++) {
    if (excess[v] > 0) {
      eFrom[e] = source;
      eTo[e] = v;
      eCap[e++] = excess[v];
    } else if (excess[v] < 0) {
      eFrom[e] = v;
      eTo[e] = sink;
      eCap[e++] = -excess[v];
    }
  }
  const g = new ResidualGraph(nodes, eFrom, eTo, eCap);
  g.maxFlow(source, sink);

  const flow = new Float64Array(m);
  let cost = 0;
  for (let a = 0; a < m; a++) {
    flow[a] = lower[a] + g.flowOn(a);
    cost += flow[a] * arcCost[a];
  }
  // what the super source could not deliver stays as excess, what the super sink missed as deficit
  const imbalance = new Float64Array(n);
  e = m;
  let feasible = true;
  for (let v = 0; v < n; v++) {
    if (excess[v] === 0) continue;
    const missing = excess[v] > 0 ? excess[v] - g.flowOn(e) : excess[v] + g.flowOn(e);
    imbalance[v] = missing;
    if (missing !== 0) feasible = false;
    e++;
  }
  return { feasible, cost, flow, imbalance, residualReachable: (starts) => g.reachable(starts, n) };
}

/** Residual edges in CSR order (each node's edges contiguous); Dinic's maximum flow on them. */
class ResidualGraph {
  private start: Int32Array;
  private head: Int32Array;
  private rev: Int32Array;
  private residual: Float64Array;
  private forward: Int32Array;

  constructor(
    private n: number,
    from: Int32Array,
    to: Int32Array,
    cap: Float64Array,
  ) {
    const m = from.length;
    const start = new Int32Array(n + 1);
    for (let a = 0; a < m; a++) {
      start[from[a] + 1]++;
      start[to[a] + 1]++;
    }
    for (let v = 0; v < n; v++) start[v + 1] += start[v];
    const head = new Int32Array(2 * m);
    const rev = new Int32Array(2 * m);
    const residual = new Float64Array(2 * m);
    const forward = new Int32Array(m);
    const fill = start.slice(0, n);
    for (let a = 0; a < m; a++) {
      const f = fill[from[a]]++,
        b = fill[to[a]]++;
      forward[a] = f;
      head[f] = to[a];
      head[b] = from[a];
      rev[f] = b;
      rev[b] = f;
      residual[f] = cap[a];
    }
    this.start = start;
    this.head = head;
    this.rev = rev;
    this.residual = residual;
    this.forward = forward;
  }

  flowOn(arc: number): number {
    return this.residual[this.rev[this.forward[arc]]];
  }

  /** nodes below `limit` reachable from `starts` through residual edges between such nodes */
  reachable(starts: number[], limit: number): Uint8Array {
    const { start, head, residual } = this;
    const mark = new Uint8Array(limit);
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
        const v = head[k];
        if (v < limit && residual[k] > 0 && !mark[v]) {
          mark[v] = 1;
          list.push(v);
        }
      }
    }
    return mark;
  }

  maxFlow(s: number, t: number): number {
    const { n, start, head, rev, residual } = this;
    const level = new Int32Array(n);
    const queue = new Int32Array(n);
    const current = new Int32Array(n);
    const pathEdge = new Int32Array(n);
    let total = 0;
    for (;;) {
      level.fill(-1);
      level[s] = 0;
      let qh = 0,
        qt = 0;
      queue[qt++] = s;
      while (qh < qt) {
        const u = queue[qh++];
        for (let k = start[u]; k < start[u + 1]; k++) {
          const v = head[k];
          if (residual[k] > 0 && level[v] < 0) {
            level[v] = level[u] + 1;
            queue[qt++] = v;
          }
        }
      }
      if (level[t] < 0) return total;
      current.set(start.subarray(0, n));

      // Blocking flow by iterative depth-first search (paths can be longer than the call stack allows).
      let depth = 0;
      let u = s;
      for (;;) {
        if (u === t) {
          let amount = Infinity;
          for (let i = 0; i < depth; i++) amount = Math.min(amount, residual[pathEdge[i]]);
          let cut = -1;
          for (let i = 0; i < depth; i++) {
            const k = pathEdge[i];
            residual[k] -= amount;
            residual[rev[k]] += amount;
            if (cut < 0 && residual[k] === 0) cut = i;
          }
          total += amount;
          // resume from the tail of the first edge the augmentation saturated
          depth = cut;
          u = depth === 0 ? s : head[pathEdge[depth - 1]];
          continue;
        }
        let k = current[u];
        const end = start[u + 1];
        while (k < end && !(residual[k] > 0 && level[head[k]] === level[u] + 1)) k++;
        current[u] = k;
        if (k < end) {
          pathEdge[depth++] = k;
          u = head[k];
          continue;
        }
        // dead end: no augmenting path continues through u in this phase
        level[u] = -1;
        if (depth === 0) break;
        depth--;
        u = head[rev[pathEdge[depth]]];
        current[u]++;
      }
    }
  }
}
