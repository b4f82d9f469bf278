import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/shared/random.ts';
import { FlowNetwork, solveMinCostFlow } from '../../src/review/min-cost-flow.ts';
import { loadHighs } from './highs-oracle.ts';

interface Arc { from: number; to: number; lower: number; upper: number; cost: number }

/** A random acyclic network (arcs go from lower to higher node) with supplies summing to zero. */
function randomNetwork(seed: number) {
  const rng = createRng(seed);
  const n = 3 + rng.int(8);
  const arcs: Arc[] = [];
  for (let u = 0; u < n; u++) {
    for (let v = u + 1; v < n; v++) {
      if (rng.next() < 0.45) {
        const upper = 1 + rng.int(5);
        arcs.push({ from: u, to: v, lower: rng.next() < 0.2 ? rng.int(upper + 1) : 0, upper, cost: rng.int(21) - 8 });
      }
    }
  }
  const supply = new Array<number>(n).fill(0);
  const amount = 1 + rng.int(6);
  supply[0] = amount;
  supply[n - 1] = -amount;
  if (n > 4 && rng.next() < 0.5) {
    supply[1] += 2;
    supply[n - 2] -= 2;
  }
  return { n, arcs, supply };
}

function lpOf({ n, arcs, supply }: ReturnType<typeof randomNetwork>): string {
  const obj = arcs.map((a, i) => `${a.cost >= 0 ? '+' : '-'} ${Math.abs(a.cost)} f${i}`).join(' ') || '0 zero';
  const rows: string[] = [];
  for (let v = 0; v < n; v++) {
    const terms = arcs.flatMap((a, i) => (a.from === v ? [`+ f${i}`] : a.to === v ? [`- f${i}`] : []));
    rows.push(` b${v}: ${terms.join(' ') || '0 zero'} ${terms.length ? '' : '+ zero'} = ${supply[v]}`);
  }
  const bounds = arcs.map((a, i) => ` ${a.lower} <= f${i} <= ${a.upper}`);
  return ['Minimize', ` obj: ${obj}`, 'Subject To', ...rows, 'Bounds', ' zero = 0', ...bounds, 'End'].join('\n');
}

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
