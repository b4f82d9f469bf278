import { describe, expect, it } from 'vitest';
import { FlowNetwork, solveMinCostFlow } from '../../src/review/min-cost-flow.ts';
import { createRng } from '../../src/shared/random.ts';
import { loadHighs } from './highs-oracle.ts';
import { lpOf, randomNetwork } from './random-network.ts';

describe('solveMinCostFlow', () => {
  it('agrees with the HiGHS LP on 300 random networks with lower bounds and negative costs', async () => {
    const highs = await loadHighs();
    let feasible = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const g = randomNetwork(seed);
      const net = new FlowNetwork(g.n);
      g.supply.forEach((s, v) => net.setSupply(v, s));
      for (const a of g.arcs) net.addArc(a.from, a.to, a.upper, a.cost, a.lower);
      const ours = solveMinCostFlow(net);
      const lp = highs.solve(lpOf(g), { output_flag: false });
      expect(ours.feasible, `seed ${seed}`).toBe(lp.Status === 'Optimal');
      if (!ours.feasible) continue;
      feasible++;
      expect(ours.cost, `seed ${seed}`).toBeCloseTo(lp.ObjectiveValue, 6);
      // conservation and bounds on the flow returned
      const net2 = new Array<number>(g.n).fill(0);
      g.arcs.forEach((a, i) => {
        expect(ours.flow[i]).toBeGreaterThanOrEqual(a.lower);
        expect(ours.flow[i]).toBeLessThanOrEqual(a.upper);
        expect(Number.isInteger(ours.flow[i])).toBe(true);
        net2[a.from] += ours.flow[i];
        net2[a.to] -= ours.flow[i];
      });
      expect(net2).toEqual(g.supply);
    }
    expect(feasible).toBeGreaterThan(50);
    expect(feasible).toBeLessThan(300);
  }, 60_000);

  it('reaches the same optimum from any starting potentials (warm start), on the same 300 networks', async () => {
    const highs = await loadHighs();
    let compared = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const g = randomNetwork(seed);
      const net = new FlowNetwork(g.n);
      g.supply.forEach((s, v) => net.setSupply(v, s));
      for (const a of g.arcs) net.addArc(a.from, a.to, a.upper, a.cost, a.lower);
      const rng = createRng(seed + 1000);
      // a wild guess: potentials far off the duals, so that many arcs start full and others empty
      const potential = Float64Array.from({ length: g.n }, () => rng.int(41) - 20);
      const warm = solveMinCostFlow(net, { potential });
      const lp = highs.solve(lpOf(g), { output_flag: false });
      expect(warm.feasible, `seed ${seed}`).toBe(lp.Status === 'Optimal');
      if (!warm.feasible) continue;
      compared++;
      expect(warm.cost, `seed ${seed}`).toBeCloseTo(lp.ObjectiveValue, 6);
      const balance = new Array<number>(g.n).fill(0);
      g.arcs.forEach((a, i) => {
        expect(warm.flow[i]).toBeGreaterThanOrEqual(a.lower);
        expect(warm.flow[i]).toBeLessThanOrEqual(a.upper);
        balance[a.from] += warm.flow[i];
        balance[a.to] -= warm.flow[i];
      });
      expect(balance).toEqual(g.supply);
    }
    expect(compared).toBeGreaterThan(50);
  }, 60_000);

  it('refuses starting potentials of the wrong length or not integers, naming them', () => {
    const net = new FlowNetwork(2);
    net.addArc(0, 1, 1, 3);
    expect(() => solveMinCostFlow(net, { potential: new Float64Array(3) })).toThrow(/potential must have one entry per node \(2\)/);
    expect(() => solveMinCostFlow(net, { potential: Float64Array.of(0, 0.5) })).toThrow(/potential must be a safe integer/);
  });

  it('refuses a negative cycle', () => {
    const net = new FlowNetwork(2);
    net.addArc(0, 1, 1, -5);
    net.addArc(1, 0, 1, 1);
    expect(() => solveMinCostFlow(net)).toThrow(/negative-cost cycle/);
  });

  it('rejects non-integer data with a reason', () => {
    const net = new FlowNetwork(2);
    expect(() => net.addArc(0, 1, 1.5, 0)).toThrow(/capacity/);
    expect(() => net.addArc(0, 5, 1, 0)).toThrow(/node 5/);
  });
});
