import { classifyTensor } from './tensor-kind.ts';
import { renameTensor, type CompiledRule } from './name-mapping.ts';

export interface TensorInfo {
  name: string;
  dtype: string;
  shape: number[];
}

/**
 * How a candidate tensor found its reference counterpart: the same name, the same name once each
 * side's common prefix is stripped (`model.` ↔ `transformer.`), a rename rule, a grown vocabulary
 * (same role, shared leading rows), or shape and position in the layer order when names say nothing.
 */
export type MatchMethod = 'name' | 'prefix' | 'mapping' | 'row-prefix' | 'order';

/** The report's split: pairs found through names (including a vocabulary's role) versus shape and order. */
export const pairedByName = (m: MatchMethod): boolean => m !== 'order';

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

/** Counterparts by name whose shapes differ: never compared element by element, listed instead. */
export interface ShapeMismatch {
  candidate: TensorInfo;
  reference: TensorInfo;
  /** `head`: a task head (classifier, score) with another number of outputs, not a grown vocabulary */
  reason: 'head' | 'shape';
}

export interface PairingPlan {
  pairs: PlannedPair[];
  unmatchedCandidate: TensorInfo[];
  unmatchedReference: TensorInfo[];
  shapeMismatches: ShapeMismatch[];
  /** tensors whose dtype holds no weights to compare (integer buffers, flags) */
  skipped: SkippedTensor[];
}

export interface PairingOptions {
  rules: CompiledRule[];
  /** pair leftovers by shape and position within the layer order */
  autoMap: boolean;
  comparableDtype(dtype: string): boolean;
}

export function elementCount(shape: number[]): number {
  return shape.reduce((a, d) => a * d, 1);
}

const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * The two tensors a vocabulary extension grows: the input embedding and the output head over the
 * vocabulary. Task heads (classifier, score) have one row per class and are not among them.
 */
type VocabRole = 'input-embedding' | 'output-head';
const inputEmbedding = /(^|[._])(embed|embedding|embed_tokens|wte|word_embeddings|tok_embeddings|embed_in|token_embedding|tok_embed|shared)([._]|$)/;
const outputHead = /(^|[._])(lm_head|embed_out)([._]|$)|(^|\.)output\.weight$/;
const taskHead = /(^|[._])(classifier|score|cls|qa_outputs|head)([._]|$)/;

export function vocabRole(name: string): VocabRole | null {
  const lower = name.toLowerCase();
  if (outputHead.test(lower)) return 'output-head';
  if (inputEmbedding.test(lower)) return 'input-embedding';
  return null;
}

/**
 * A vocabulary extension keeps the old rows of an embedding and appends new ones: same trailing
 * dimensions, different row count. Row-major storage makes the shared rows a common prefix.
 */
function sharedRowPrefix(a: number[], b: number[]): number | null {
  if (a.length < 1 || a.length !== b.length || a[0] === b[0]) return null;
  if (!a.slice(1).every((d, i) => d === b[i + 1])) return null;
  return Math.min(a[0]!, b[0]!) * elementCount(a.slice(1));
}

function rowPrefixFor(c: TensorInfo, r: TensorInfo): number | null {
  const role = vocabRole(c.name);
  return role !== null && role === vocabRole(r.name) ? sharedRowPrefix(c.shape, r.shape) : null;
}

/** The longest run of leading name segments every given name shares (`model.`), or ''. */
function commonNamePrefix(names: string[]): string {
  if (names.length < 2) return '';
  const split = names.map((n) => n.split('.'));
  const shortest = Math.min(...split.map((s) => s.length));
  let k = 0;
  // never the last segment: a name is never stripped to nothing
  while (k < shortest - 1 && split.every((s) => s[k] === split[0]![k])) k++;
  return k ? split[0]!.slice(0, k).join('.') + '.' : '';
}

class Pairing {
  readonly pairs: PlannedPair[] = [];
  readonly shapeMismatches: ShapeMismatch[] = [];
  private readonly taken = new Set<TensorInfo>();
  constructor(
    readonly cands: TensorInfo[],
    readonly refs: TensorInfo[],
  ) {}

  free = (t: TensorInfo) => !this.taken.has(t);
  freeCandidates = () => this.cands.filter(this.free);
  freeReferences = () => this.refs.filter(this.free);

  /** Name-based counterparts: paired when shapes agree or a vocabulary grew, else listed as mismatched. */
  byName(c: TensorInfo, r: TensorInfo, match: MatchMethod): void {
    this.taken.add(c).add(r);
    if (sameShape(c.shape, r.shape)) {
      this.pairs.push({ candidate: c, reference: r, match, comparedElements: elementCount(c.shape) });
      return;
    }
    const prefix = rowPrefixFor(c, r);
    if (prefix !== null) {
      this.pairs.push({ candidate: c, reference: r, match: 'row-prefix', comparedElements: prefix });
      return;
    }
    const head = taskHead.test(c.name.toLowerCase()) || taskHead.test(r.name.toLowerCase());
    this.shapeMismatches.push({ candidate: c, reference: r, reason: head ? 'head' : 'shape' });
  }

  byOrder(c: TensorInfo, r: TensorInfo): void {
    this.taken.add(c).add(r);
    this.pairs.push({ candidate: c, reference: r, match: 'order', comparedElements: elementCount(c.shape) });
  }
}

/** Pairs each side's tensors that share a key and are as many on both sides, in their order. */
function pairInOrder(p: Pairing, key: (t: TensorInfo) => string): void {
  const group = (ts: TensorInfo[]) => {
    const g = new Map<string, TensorInfo[]>();
    for (const t of ts) g.set(key(t), [...(g.get(key(t)) ?? []), t]);
    return g;
  };
  const rg = group(p.freeReferences());
  for (const [k, cs] of group(p.freeCandidates())) {
    const rs = rg.get(k);
    // unequal counts mean a layer was added or dropped: position no longer says which is which
    if (rs?.length !== cs.length) continue;
    cs.forEach((c, i) => p.byOrder(c, rs[i]!));
  }
}

/**
 * Pairs candidate tensors with reference tensors: by name, then by name after stripping each
 * side's common prefix, then by the rename rules, then (autoMap) by shape and position within the
 * layer order. Tensors of different shapes are never compared, except an input embedding or output
 * head grown by added tokens (same role, same columns: the shared leading rows are compared).
 * Both lists are expected in file order.
 */
export function planTensorPairs(candidate: TensorInfo[], reference: TensorInfo[], opts: PairingOptions): PairingPlan {
  const skipped: SkippedTensor[] = [];
  const keep = (side: SkippedTensor['side']) => (t: TensorInfo) => {
    if (opts.comparableDtype(t.dtype)) return true;
    skipped.push({ side, name: t.name, dtype: t.dtype });
    return false;
  };
  const p = new Pairing(candidate.filter(keep('candidate')), reference.filter(keep('reference')));

  const refByName = new Map(p.refs.map((t) => [t.name, t]));
  for (const c of p.cands) {
    const r = refByName.get(c.name);
    if (r) p.byName(c, r, 'name');
  }

  // a renamed wrapper (`model.` ↔ `transformer.`, `base_model.model.`): strip what every remaining name shares
  const candPrefix = commonNamePrefix(p.freeCandidates().map((t) => t.name));
  const refPrefix = commonNamePrefix(p.freeReferences().map((t) => t.name));
  if (candPrefix !== refPrefix) {
    const strip = (t: TensorInfo, prefix: string) => (t.name.startsWith(prefix) ? t.name.slice(prefix.length) : t.name);
    const refByStripped = new Map<string, TensorInfo>();
    for (const r of p.freeReferences()) refByStripped.set(strip(r, refPrefix), r);
    for (const c of p.freeCandidates()) {
      const r = refByStripped.get(strip(c, candPrefix));
      if (r && p.free(r)) p.byName(c, r, 'prefix');
    }
  }

  if (opts.rules.length) {
    const refByAlias = new Map<string, TensorInfo>();
    for (const r of p.freeReferences()) {
      const alias = renameTensor(r.name, opts.rules);
      if (alias !== r.name && !refByAlias.has(alias)) refByAlias.set(alias, r);
    }
    const freeRefByName = new Map(p.freeReferences().map((t) => [t.name, t]));
    for (const c of p.freeCandidates()) {
      const r = freeRefByName.get(renameTensor(c.name, opts.rules)) ?? refByAlias.get(c.name);
      if (r && p.free(r)) p.byName(c, r, 'mapping');
    }
  }

  // a vocabulary grown under another library's name (`embed_tokens` ↔ `wte`): one tensor per role
  for (const role of ['input-embedding', 'output-head'] as const) {
    const cs = p.freeCandidates().filter((t) => vocabRole(t.name) === role);
    const rs = p.freeReferences().filter((t) => vocabRole(t.name) === role);
    if (cs.length === 1 && rs.length === 1 && rowPrefixFor(cs[0]!, rs[0]!) !== null) p.byName(cs[0]!, rs[0]!, 'row-prefix');
  }

  if (opts.autoMap) {
    const shape = (t: TensorInfo) => t.shape.join('x');
    // within a block first (q, k, v, o keep their order within the layer), then across the stack
    pairInOrder(p, (t) => `${classifyTensor(t.name).layer ?? '-'}|${shape(t)}`);
    pairInOrder(p, shape);
  }

  const inOrder = (side: TensorInfo[]) => {
    const at = new Map(side.map((t, i) => [t, i]));
    return (a: TensorInfo, b: TensorInfo) => at.get(a)! - at.get(b)!;
  };
  const byCandidate = inOrder(p.cands),
    byReference = inOrder(p.refs);
  return {
    pairs: [...p.pairs].sort((a, b) => byCandidate(a.candidate, b.candidate)),
    unmatchedCandidate: p
      .freeCandidates()
      .concat(p.shapeMismatches.map((m) => m.candidate))
      .sort(byCandidate),
    unmatchedReference: p
      .freeReferences()
      .concat(p.shapeMismatches.map((m) => m.reference))
      .sort(byReference),
    shapeMismatches: p.shapeMismatches,
    skipped,
  };
}
