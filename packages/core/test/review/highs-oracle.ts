// HiGHS (WASM) as the oracle: the assignment LP is totally unimodular, so its LP optimum is the
// integer optimum our solver must reach.
import type { AssignmentInstance } from '../../src/review/assignment-instance.ts';

type Highs = { solve(lp: string, options?: Record<string, unknown>): { Status: string; ObjectiveValue: number } };
let loaded: Highs | undefined;
export async function loadHighs(): Promise<Highs> {
  loaded ??= (await (await import('highs')).default()) as unknown as Highs;
  return loaded;
}

/** The assignment LP in CPLEX LP format: x_k ∈ [0, 1] per non-conflicted candidate pair. */
export function assignmentLp(inst: AssignmentInstance): string {
  const conflicts = new Set(inst.conflicts.map(([p, r]) => `${p}|${r}`));
  const byProposal = new Map<string, string[]>(inst.proposals.map((p) => [String(p.id), []]));
  const byReviewer = new Map<string, string[]>(inst.reviewers.map((r) => [String(r.id), []]));
  const objective: string[] = [];
  const bounds: string[] = [' zero = 0'];
  inst.affinity.forEach(([p, r, s], k) => {
    if (conflicts.has(`${p}|${r}`)) return;
    const x = `x${k}`;
    objective.push(`${s >= 0 ? '+' : '-'} ${Math.abs(s)} ${x}`);
    byProposal.get(String(p))!.push(x);
    byReviewer.get(String(r))!.push(x);
    bounds.push(` 0 <= ${x} <= 1`);
  });
  const row = (xs: string[]) => (xs.length ? xs.join(' + ') : 'zero');
  const rows: string[] = [];
  inst.proposals.forEach((p, i) => rows.push(` p${i}: ${row(byProposal.get(String(p.id))!)} = ${p.reviews}`));
  inst.reviewers.forEach((r, i) => {
    const xs = byReviewer.get(String(r.id))!;
    rows.push(` u${i}: ${row(xs)} <= ${r.maxLoad}`);
    if (r.minLoad) rows.push(` l${i}: ${row(xs)} >= ${r.minLoad}`);
  });
  return ['Maximize', ` obj: ${objective.join(' ') || '0 zero'}`, 'Subject To', ...rows, 'Bounds', ...bounds, 'End'].join('\n');
}
