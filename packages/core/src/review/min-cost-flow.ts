/**
 * Exact integer minimum-cost flow: successive shortest paths with node potentials.
 *
 * Each augmentation runs Dijkstra on reduced costs from one node with excess and stops at the
 * first node with a deficit it settles; only the settled nodes' potentials move (by d(v) − D),
 * which keeps every reduced cost non-negative. On sparse assignment networks the searches stay
 * small, so the work per unit of flow is far below a full Dijkstra over the graph.
 *
 * Everything lives in typed arrays indexed by residual edge (2·arc forward, 2·arc+1 backward);
 * no per-arc objects. The result depends only on the input (node and arc order included).
 */

/** Builder for a network with node supplies (positive = source, negative = sink) and arcs with bounds. */
export class FlowNetwork {
  readonly nodeCount: number;
  readonly supply: Float64Array;
  private arcFrom: Int32Array;
  private arcTo: Int32Array;
  private arcLower: Float64Array;
  private arcUpper: Float64Array;
  private arcCost: Float64Array;
  private count = 0;

  constructor(nodeCount: number, expectedArcs = 16) {
    if (!Number.isInteger(nodeCount) || nodeCount < 0) throw new RangeError(`node count must be a non-negative integer, got ${nodeCount}`);
    this.nodeCount = nodeCount;
    this.supply = new Float64Array(nodeCount);
    const cap = Math.max(16, expectedArcs);
    this.arcFrom = new Int32Array(cap);
    this.arcTo = new Int32Array(cap);
    this.arcLower = new Float64Array(cap);
    this.arcUpper = new Float64Array(cap);
    this.arcCost = new Float64Array(cap);
  }

  get arcCount(): number {
    return this.count;
  }

  setSupply(node: number, amount: number): void {
    this.checkNode(node);
    checkInteger(amount, 'supply');
    this.supply[node] = amount;
  }

  /** Adds an arc carrying between `lower` and `upper` units at `cost` per unit; returns its id. */
  addArc(from: number, to: number, upper: number, cost: number, lower = 0): number {
    this.checkNode(from);
    this.checkNode(to);
    checkInteger(upper, 'arc capacity');
    checkInteger(lower, 'arc lower bound');
    checkInteger(cost, 'arc cost');
    if (lower < 0 || upper < lower) throw new RangeError(`arc bounds must satisfy 0 <= lower <= upper, got [${lower}, ${upper}]`);
    if (this.count === this.arcFrom.length) this.grow();
    const i = this.count++;
    this.arcFrom[i] = from;
    this.arcTo[i] = to;
    this.arcLower[i] = lower;
    this.arcUpper[i] = upper;
    this.arcCost[i] = cost;
    return i;
  }

  /** @internal read access for the solver */
  arcs() {
    const n = this.count;
    return {
      from: this.arcFrom.subarray(0, n),
      to: this.arcTo.subarray(0, n),
      lower: this.arcLower.subarray(0, n),
      upper: this.arcUpper.subarray(0, n),
      cost: this.arcCost.subarray(0, n),
    };
  }

  private checkNode(v: number) {
    if (!Number.isInteger(v) || v < 0 || v >= this.nodeCount) throw new RangeError(`node ${v} is outside 0..${this.nodeCount - 1}`);
  }

  private grow() {
    const cap = this.arcFrom.length * 2;
    const g = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.arcFrom = g(this.arcFrom, (n) => new Int32Array(n));
    this.arcTo = g(this.arcTo, (n) => new Int32Array(n));
    this.arcLower = g(this.arcLower, (n) => new Float64Array(n));
    this.arcUpper = g(this.arcUpper, (n) => new Float64Array(n));
    this.arcCost = g(this.arcCost, (n) => new Float64Array(n));
  }
}

function checkInteger(x: number, what: string) {
  if (!Number.isSafeInteger(x)) throw new RangeError(`${what} must be a safe integer, got ${x}`);
}

export interface FlowSolution {
  /** true when every supply and demand is met within the arc bounds */
  feasible: boolean;
  /** total cost of the flow found (of the best partial flow when infeasible) */
  cost: number;
  /** flow on each arc, by arc id */
  flow: Float64Array;
  /** supply still unrouted per node after solving: > 0 undelivered excess, < 0 unmet demand */
  imbalance: Float64Array;
  /** nodes reachable from `starts` in the final residual network (used to explain infeasibility) */
  residualReachable(starts: number[]): Uint8Array;
}

const UNSEEN = -1;

export interface MinCostFlowOptions {
  /**
   * Starting node potentials (a guess at the optimal duals; any values are valid). Every arc whose
   * reduced cost `cost + π(from) − π(to)` is negative starts at its upper bound, the others at
   * their lower bound: a pseudoflow with no negative residual reduced cost, from which the
   * shortest paths move only what the guess got wrong. The optimum is the same as from a cold
   * start (an exact minimum cost flow either way); a good guess leaves far fewer and shorter
   * searches. When infeasible, what is left unrouted may sit elsewhere than after a cold start.
   * Without it, zero potentials (Bellman–Ford when some cost is negative) and every arc at its lower bound.
   */
  potential?: Float64Array;
}

/** Solves the min-cost flow problem; never throws for infeasibility (see `feasible`). */
export function solveMinCostFlow(network: FlowNetwork, options: MinCostFlowOptions = {}): FlowSolution {
  const n = network.nodeCount;
  const { from, to, lower, upper, cost } = network.arcs();
  const m = from.length;

  // Residual edges in CSR order: a node's edges sit side by side (forward edges of its outgoing
  // arcs and reverse edges of its incoming ones, in arc order), so a search scans each node's
  // residuals, heads and costs as contiguous memory; rev pairs an edge with its reverse.
  const start = new Int32Array(n + 1);
  for (let a = 0; a < m; a++) {
    start[from[a] + 1]++;
    start[to[a] + 1]++;
  }
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const head = new Int32Array(2 * m);
  const rev = new Int32Array(2 * m);
  const residual = new Float64Array(2 * m);
  const edgeCost = new Float64Array(2 * m);
  const backward = new Int32Array(m);
  const excess = Float64Array.from(network.supply);
  const fill = start.slice(0, n);
  const given = options.potential;
  if (given) {
    if (given.length !== n) throw new RangeError(`potential must have one entry per node (${n}), got ${given.length}`);
    for (let v = 0; v < n; v++) checkInteger(given[v], 'potential');
  }
  let baseCost = 0;
  for (let a = 0; a < m; a++) {
    const u = from[a],
      v = to[a],
      l = lower[a];
    const f = fill[u]++,
      b = fill[v]++;
    backward[a] = b;
    head[f] = v;
    head[b] = u;
    rev[f] = b;
    rev[b] = f;
    residual[f] = upper[a] - l;
    residual[b] = 0;
    edgeCost[f] = cost[a];
    edgeCost[b] = -cost[a];
    if (l > 0) {
      // the lower bound is sent up front and the supplies adjusted: the standard reduction
      excess[u] -= l;
      excess[v] += l;
      baseCost += l * cost[a];
    }
    if (given && residual[f] > 0 && cost[a] + given[u] - given[v] < 0) {
      // negative reduced cost under the starting potentials: the arc starts full
      const r = residual[f];
      residual[b] = r;
      residual[f] = 0;
      excess[u] -= r;
      excess[v] += r;
    }
  }

  // Live edges: within each node's block, the edges with residual capacity, kept in block order
  // (live[start[u] .. liveEnd[u])). A reviewer has one incoming arc per candidate proposal but
  // only its assigned ones can be walked back, so searches scan these instead of the whole block;
  // the order is the block's, so the search visits nodes exactly as a full scan would.
  const live = new Int32Array(2 * m);
  const liveEnd = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    let k = start[u];
    for (let e = start[u]; e < start[u + 1]; e++) if (residual[e] > 0) live[k++] = e;
    liveEnd[u] = k;
  }
  /** First position in u's live list whose edge is not before e (binary search: the list is sorted). */
  const livePosition = (u: number, e: number): number => {
    let lo = start[u],
      hi = liveEnd[u];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (live[mid] < e) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const unlink = (e: number) => {
    const u = head[rev[e]];
    const at = livePosition(u, e);
    live.copyWithin(at, at + 1, liveEnd[u]);
    liveEnd[u]--;
  };
  const link = (e: number) => {
    const u = head[rev[e]];
    const at = livePosition(u, e);
    live.copyWithin(at + 1, at, liveEnd[u]);
    live[at] = e;
    liveEnd[u]++;
  };

  const potential = given ? Float64Array.from(given) : initialPotentials(n, m, from, to, cost, upper, lower);

  // Dijkstra state, reused across searches; `seen[v] === epoch` marks v touched in this search.
  const dist = new Float64Array(n);
  const parentEdge = new Int32Array(n);
  const seen = new Int32Array(n).fill(UNSEEN);
  const heap = new Int32Array(n);
  const heapPos = new Int32Array(n);
  const settled = new Int32Array(n);
  let epoch = 0;

  const siftUp = (i: number) => {
    const v = heap[i],
      dv = dist[v];
    while (i > 0) {
      const p = (i - 1) >> 1;
      const w = heap[p];
      if (dist[w] <= dv) break;
      heap[i] = w;
      heapPos[w] = i;
      i = p;
    }
    heap[i] = v;
    heapPos[v] = i;
  };
  const siftDown = (i: number, size: number) => {
    const v = heap[i],
      dv = dist[v];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && dist[heap[c + 1]] < dist[heap[c]]) c++;
      const w = heap[c];
      if (dist[w] >= dv) break;
      heap[i] = w;
      heapPos[w] = i;
      i = c;
    }
    heap[i] = v;
    heapPos[v] = i;
  };

  let size = 0;
  const removeAt = (i: number) => {
    heapPos[heap[i]] = -1;
    size--;
    if (i === size) return;
    const last = heap[size];
    heap[i] = last;
    heapPos[last] = i;
    siftDown(i, size);
    if (heapPos[last] === i) siftUp(i);
  };

  /** Shortest path from `s` to the nearest node with a deficit; returns it, or -1 if none is reachable. */
  const search = (s: number): number => {
    epoch++;
    size = 0;
    let settledCount = 0;
    dist[s] = 0;
    seen[s] = epoch;
    parentEdge[s] = -1;
    heap[0] = s;
    heapPos[s] = 0;
    size = 1;
    let target = -1;
    while (size > 0) {
      const u = heap[0];
      size--;
      if (size > 0) {
        heap[0] = heap[size];
        siftDown(0, size);
      }
      heapPos[u] = -1;
      settled[settledCount++] = u;
      if (excess[u] < 0 && u !== s) {
        target = u;
        break;
      }
      const du = dist[u];
      const pu = potential[u];
      for (let k = start[u], end = liveEnd[u]; k < end; k++) {
        const e = live[k];
        const v = head[e];
        const nd = du + edgeCost[e] + pu - potential[v];
        if (nd <= du && excess[v] < 0 && v !== s) {
          // a deficit at the current minimum distance is final already: stop without sweeping ties
          dist[v] = nd;
          parentEdge[v] = e;
          if (heapPos[v] >= 0) removeAt(heapPos[v]);
          seen[v] = epoch;
          settled[settledCount++] = v;
          target = v;
          break;
        }
        if (seen[v] !== epoch) {
          seen[v] = epoch;
          dist[v] = nd;
          parentEdge[v] = e;
          heap[size] = v;
          siftUp(size++);
        } else if (heapPos[v] >= 0 && nd < dist[v]) {
          dist[v] = nd;
          parentEdge[v] = e;
          siftUp(heapPos[v]);
        }
      }
      if (target >= 0) break;
    }
    for (let i = 0; i < size; i++) heapPos[heap[i]] = -1;
    if (target < 0) return -1;
    const D = dist[target];
    if (!(D < Number.MAX_SAFE_INTEGER)) throw new RangeError('path costs exceed the exact integer range; scale the costs down');
    // Only settled nodes move, by d(v) − D ≤ 0: the "lazy" form of potential += min(d, D).
    for (let i = 0; i < settledCount; i++) {
      const v = settled[i];
      potential[v] += dist[v] - D;
    }
    return target;
  };

  const stuck: number[] = [];
  for (let s = 0; s < n; s++) {
    while (excess[s] > 0) {
      const t = search(s);
      if (t < 0) {
        stuck.push(s);
        break;
      }
      let amount = Math.min(excess[s], -excess[t]);
      for (let v = t; v !== s;) {
        const e = parentEdge[v];
        if (residual[e] < amount) amount = residual[e];
        v = head[rev[e]];
      }
      for (let v = t; v !== s;) {
        const e = parentEdge[v];
        const r = rev[e];
        residual[e] -= amount;
        if (residual[e] === 0) unlink(e);
        if (residual[r] === 0) link(r);
        residual[r] += amount;
        v = head[r];
      }
      excess[s] -= amount;
      excess[t] += amount;
    }
  }

  const flow = new Float64Array(m);
  let total = baseCost;
  for (let a = 0; a < m; a++) {
    const extra = residual[backward[a]];
    flow[a] = lower[a] + extra;
    total += extra * cost[a];
  }
  let feasible = true;
  for (let v = 0; v < n; v++) if (excess[v] !== 0) feasible = false;

  return {
    feasible,
    cost: total,
    flow,
    imbalance: excess,
    residualReachable(starts: number[]) {
      const mark = new Uint8Array(n);
      const queue: number[] = [];
      for (const s of starts) {
        if (!mark[s]) {
          mark[s] = 1;
          queue.push(s);
        }
      }
      for (let q = 0; q < queue.length; q++) {
        const u = queue[q];
        for (let e = start[u]; e < start[u + 1]; e++) {
          const v = head[e];
          if (residual[e] > 0 && !mark[v]) {
            mark[v] = 1;
            queue.push(v);
          }
        }
      }
      return mark;
    },
  };
}

/**
 * Zero potentials when every cost is non-negative; otherwise Bellman–Ford (queue-based) over the
 * residual arcs, so Dijkstra starts from non-negative reduced costs. A negative cycle makes the
 * problem unbounded below and is refused.
 */
function initialPotentials(n: number, m: number, from: Int32Array, to: Int32Array, cost: Float64Array, upper: Float64Array, lower: Float64Array): Float64Array {
  const pot = new Float64Array(n);
  let negative = false;
  for (let a = 0; a < m; a++) if (cost[a] < 0 && upper[a] > lower[a]) negative = true;
  if (!negative) return pot;
  const outStart = new Int32Array(n + 1);
  for (let a = 0; a < m; a++) if (upper[a] > lower[a]) outStart[from[a] + 1]++;
  for (let v = 0; v < n; v++) outStart[v + 1] += outStart[v];
  const out = new Int32Array(outStart[n]);
  const fill = outStart.slice(0, n);
  for (let a = 0; a < m; a++) if (upper[a] > lower[a]) out[fill[from[a]]++] = a;
  const inQueue = new Uint8Array(n).fill(1);
  const relaxCount = new Int32Array(n);
  const queue: number[] = [];
  for (let v = 0; v < n; v++) queue.push(v);
  for (let q = 0; q < queue.length; q++) {
    const u = queue[q];
    inQueue[u] = 0;
    for (let k = outStart[u]; k < outStart[u + 1]; k++) {
      const a = out[k];
      const v = to[a];
      const nd = pot[u] + cost[a];
      if (nd < pot[v]) {
        pot[v] = nd;
        if (++relaxCount[v] > n) throw new RangeError('the network has a negative-cost cycle of unbounded capacity');
        if (!inQueue[v]) {
          inQueue[v] = 1;
          queue.push(v);
        }
      }
    }
  }
  // distances satisfy d(v) ≤ d(u) + c(u,v), i.e. reduced cost c + d(u) − d(v) ≥ 0
  return pot;
}
