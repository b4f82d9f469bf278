import { classifyTensor } from './tensor-kind.ts';
import { renameTensor, type CompiledRule } from './name-mapping.ts';

export interface TensorInfo {
  name: string;
  dtype: string;
  shape: number[];
}

/** How a candidate tensor found its reference counterpart. */
export type MatchMethod = 'name' | 'mapping' | 'auto' | 'row-prefix';

export interface PlannedPair {
  candidate: TensorInfo;
  reference: TensorInfo;
  match: MatchMethod;
  /** elements compared from the start of both tensors: all of them, or the shared leading rows */
  comparedElements: number;
}

export interface SkippedTensor {
  side: 'candidate' | 'reference';
  name: string;
  dtype: string;
}

export interface PairingPlan {
  pairs: PlannedPair[];
  unmatchedCandidate: TensorInfo[];
  unmatchedReference: TensorInfo[];
  /** tensors whose dtype holds no weights to compare (integer buffers, flags) */
  skipped: SkippedTensor[];
}

export interface PairingOptions {
  rules: CompiledRule[];
  /** pair leftovers that are the only tensor of their kind, layer and shape on both sides */
  autoMap: boolean;
  comparableDtype(dtype: string): boolean;
}

export function elementCount(shape: number[]): number {
  return shape.reduce((a, d) => a * d, 1);
}

const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * A vocabulary extension keeps the old rows of an embedding and appends new ones: same trailing
 * dimensions, different row count. Row-major storage makes the shared rows a common prefix.
 */
function sharedRowPrefix(a: number[], b: number[]): number | null {
  if (a.length < 1 || a.length !== b.length || a[0] === b[0]) return null;
  if (!a.slice(1).every((d, i) => d === b[i + 1])) return null;
  return Math.min(a[0]!, b[0]!) * elementCount(a.slice(1));
}

export function planTensorPairs(candidate: TensorInfo[], reference: TensorInfo[], opts: PairingOptions): PairingPlan {
  const skipped: SkippedTensor[] = [];
  const keep = (side: SkippedTensor['side']) => (t: TensorInfo) => {
    if (opts.comparableDtype(t.dtype)) return true;
    skipped.push({ side, name: t.name, dtype: t.dtype });
    return false;
  };
  const cands = candidate.filter(keep('candidate'));
  const refs = reference.filter(keep('reference'));

  const refByName = new Map(refs.map((t) => [t.name, t]));
  const refByAlias = new Map<string, TensorInfo>();
  if (opts.rules.length) {
    for (const t of refs) {
      const alias = renameTensor(t.name, opts.rules);
      if (alias !== t.name && !refByAlias.has(alias)) refByAlias.set(alias, t);
    }
  }

  const used = new Set<string>();
  const pairs: PlannedPair[] = [];
  const leftCandidates: TensorInfo[] = [];
  for (const c of cands) {
    let ref = refByName.get(c.name);
    let match: MatchMethod = 'name';
    if (!ref || used.has(ref.name)) {
      ref = undefined;
      if (opts.rules.length) {
        const renamed = renameTensor(c.name, opts.rules);
        ref = refByName.get(renamed) ?? refByAlias.get(c.name);
        if (ref && used.has(ref.name)) ref = undefined;
        match = 'mapping';
      }
    }
    if (ref && sameShape(c.shape, ref.shape)) {
      used.add(ref.name);
      pairs.push({ candidate: c, reference: ref, match, comparedElements: elementCount(c.shape) });
      continue;
    }
    const prefix = ref ? sharedRowPrefix(c.shape, ref.shape) : null;
    if (ref && prefix !== null) {
      used.add(ref.name);
      pairs.push({ candidate: c, reference: ref, match: 'row-prefix', comparedElements: prefix });
      continue;
    }
    leftCandidates.push(c);
  }

  let unmatchedCandidate = leftCandidates;
  let unmatchedReference = refs.filter((r) => !used.has(r.name));
  if (opts.autoMap) {
    const key = (t: TensorInfo) => {
      const p = classifyTensor(t.name);
      return `${p.kind}|${p.layer ?? '-'}|${t.shape.join('x')}`;
    };
    const group = (ts: TensorInfo[]) => {
      const g = new Map<string, TensorInfo[]>();
      for (const t of ts) g.set(key(t), [...(g.get(key(t)) ?? []), t]);
      return g;
    };
    const cg = group(unmatchedCandidate), rg = group(unmatchedReference);
    const paired = new Set<TensorInfo>();
    for (const [k, cs] of cg) {
      const rs = rg.get(k);
      // several same-shaped tensors in one layer (q, k, v, o) cannot be told apart by position
      if (cs.length !== 1 || rs?.length !== 1) continue;
      pairs.push({ candidate: cs[0]!, reference: rs[0]!, match: 'auto', comparedElements: elementCount(cs[0]!.shape) });
      paired.add(cs[0]!).add(rs[0]!);
    }
    unmatchedCandidate = unmatchedCandidate.filter((t) => !paired.has(t));
    unmatchedReference = unmatchedReference.filter((t) => !paired.has(t));
  }
  return { pairs, unmatchedCandidate, unmatchedReference, skipped };
}
