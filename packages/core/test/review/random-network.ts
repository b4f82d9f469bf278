// Small random flow networks for checking solvers against the HiGHS LP.
import { createRng } from '../../src/shared/random.ts';
import { FlowNetwork } from '../../src/review/min-cost-flow.ts';

export interface Arc {
  from: number;
  to: number;
  lower: number;
  upper: number;
  cost: number;
}

/** A random acyclic network (arcs go from lower to higher node) with supplies summing to zero. */
export function randomNetwork(seed: number) {
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
export type RandomNetwork = ReturnType<typeof randomNetwork>;

export function lpOf({ n, arcs, supply }: RandomNetwork): string {
  const obj = arcs.map((a, i) => `${a.cost >= 0 ? '+' : '-'} ${Math.abs(a.cost)} f${i}`).join(' ') || '0 zero';
  const rows: string[] = [];
  for (let v = 0; v < n; v++) {
    const terms = arcs.flatMap((a, i) => (a.from === v ? [`+ f${i}`] : a.to === v ? [`- f${i}`] : []));
    rows.push(` b${v}: ${terms.join(' ') || '0 zero'} ${terms.length ? '' : '+ zero'} = ${supply[v]}`);
  }
  const bounds = arcs.map((a, i) => ` ${a.lower} <= f${i} <= ${a.upper}`);
  return ['Minimize', ` obj: ${obj}`, 'Subject To', ...rows, 'Bounds', ' zero = 0', ...bounds, 'End'].join('\n');
}

export function toFlowNetwork(g: RandomNetwork): FlowNetwork {
  const net = new FlowNetwork(g.n);
  g.supply.forEach((s, v) => net.setSupply(v, s));
  for (const a of g.arcs) net.addArc(a.from, a.to, a.upper, a.cost, a.lower);
  return net;
}
