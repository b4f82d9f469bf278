import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/shared/random.ts';
import { solveMinCostFlowByCostScaling } from '../../src/review/cost-scaling.ts';
import { hasFeasibleFlow } from '../../src/review/max-flow.ts';
import { FlowNetwork, solveMinCostFlow } from '../../src/review/min-cost-flow.ts';
import { syntheticInstance } from '../../src/review/synthetic-instance.ts';
import { loadHighs } from './highs-oracle.ts';
import { lpOf, randomNetwork, toFlowNetwork, type RandomNetwork } from './random-network.ts';

/** The random acyclic network plus a few backward arcs, so it has cycles (some of negative cost). */
function withCycles(seed: number): RandomNetwork {
  const g = randomNetwork(seed);
  const rng = createRng(seed * 31 + 7);
  const arcs = [...g.arcs];
  for (let i = 0; i < 1 + rng.int(4); i++) {
    const u = 1 + rng.int(g.n - 1),
      v = rng.int(u);
    arcs.push({ from: u, to: v, lower: 0, upper: 1 + rng.int(3), cost: rng.int(21) - 12 });
  }
  return { ...g, arcs };
}

function expectConservedWithinBounds(g: RandomNetwork, flow: Float64Array) {
  const net = new Array<number>(g.n).fill(0);
  g.arcs.forEach((a, i) => {
    expect(Number.isInteger(flow[i])).toBe(true);
    expect(flow[i]).toBeGreaterThanOrEqual(a.lower);
    expect(flow[i]).toBeLessThanOrEqual(a.upper);
    net[a.from] += flow[i];
    net[a.to] -= flow[i];
  });
  expect(net).toEqual(g.supply);
}

describe('hasFeasibleFlow', () => {
  it('agrees with the HiGHS LP on feasibility for 400 random networks with lower bounds and cycles', async () => {
    const highs = await loadHighs();
    let feasible = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const g = seed % 2 ? randomNetwork(seed) : withCycles(seed);
      const lp = highs.solve(lpOf(g), { output_flag: false });
      const ours = hasFeasibleFlow(toFlowNetwork(g));
      expect(ours, `seed ${seed}`).toBe(lp.Status === 'Optimal');
      if (ours) feasible++;
    }
    expect(feasible).toBeGreaterThan(50);
    expect(feasible).toBeLessThan(400);
  }, 60_000);

  it('refuses supplies that do not sum to zero', () => {
    const net = new FlowNetwork(2);
    net.setSupply(0, 2);
    net.setSupply(1, -1);
    net.addArc(0, 1, 5, 0);
    expect(hasFeasibleFlow(net)).toBe(false);
  });
});

describe('solveMinCostFlowByCostScaling', () => {
  it('reaches the HiGHS LP optimum on 400 random networks, negative cycles included', async () => {
    const highs = await loadHighs();
    let feasible = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const g = seed % 2 ? randomNetwork(seed) : withCycles(seed);
      const lp = highs.solve(lpOf(g), { output_flag: false });
      const ours = solveMinCostFlowByCostScaling(toFlowNetwork(g));
      expect(ours.feasible, `seed ${seed}`).toBe(lp.Status === 'Optimal');
      if (!ours.feasible) continue;
      feasible++;
      expect(ours.cost, `seed ${seed}`).toBeCloseTo(lp.ObjectiveValue, 6);
      expectConservedWithinBounds(g, ours.flow);
    }
    expect(feasible).toBeGreaterThan(50);
  }, 60_000);

  it('matches the shortest-path solver on tight assignment networks with rising load costs', () => {
    // every reviewer must take exactly `cap`: the case shortest paths handle slowly
    let compared = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const rng = createRng(seed);
      const reviewers = 5 + rng.int(20),
        cap = 1 + rng.int(4),
        reviews = 1 + rng.int(3);
      const proposals = Math.floor((reviewers * cap) / reviews);
      const inst = syntheticInstance(seed, { proposals, reviewers, candidates: Math.min(reviewers, 3 + rng.int(8)), reviews, maxLoad: cap, decimals: 6 });
      const P = proposals,
        sink = P + reviewers;
      const net = new FlowNetwork(P + reviewers + 1);
      for (let p = 0; p < P; p++) net.setSupply(p, reviews);
      net.setSupply(sink, -P * reviews);
      const index = (id: string) => Number(id.slice(1)) - 1;
      for (const [p, r, s] of inst.affinity) net.addArc(index(String(p)), P + index(String(r)), 1, 1_000_000 - Math.round(s * 1e6));
      for (let r = 0; r < reviewers; r++) for (let k = 1; k <= cap; k++) net.addArc(P + r, sink, 1, 50_000 * (k - 1));
      const plain = solveMinCostFlow(net);
      const scaled = solveMinCostFlowByCostScaling(net);
      expect(scaled.feasible, `seed ${seed}`).toBe(plain.feasible);
      if (!plain.feasible) continue;
      compared++;
      expect(scaled.cost, `seed ${seed}`).toBe(plain.cost);
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('reports what an infeasible network leaves unrouted', () => {
    const net = new FlowNetwork(3);
    net.setSupply(0, 2);
    net.setSupply(2, -2);
    net.addArc(0, 1, 1, 3);
    net.addArc(1, 2, 5, 1);
    const res = solveMinCostFlowByCostScaling(net);
    expect(res.feasible).toBe(false);
    expect(res.imbalance[0]).toBe(1);
  });

  it('refuses costs too large for exact arithmetic instead of rounding', () => {
    const net = new FlowNetwork(1000);
    net.setSupply(0, 1);
    net.setSupply(999, -1);
    net.addArc(0, 999, 1, 2 ** 40);
    expect(() => solveMinCostFlowByCostScaling(net)).toThrow(/too large/);
  });
});
