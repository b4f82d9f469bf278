import type { EntityId } from './assignment-instance.ts';
import { normaliseTerm, tokenize } from './text-tokens.ts';

export interface ProposalExpertise {
  id: EntityId;
  domains: string[];
  keywords: string[];
  /** title, abstract and whatever text describes the proposal */
  text: string;
}

export interface ReviewerExpertise {
  id: EntityId;
  domains: string[];
  keywords: string[];
  /** a short profile of the reviewer's expertise */
  profile: string;
}

export interface AffinityOptions {
  /** weights of domain overlap, keyword overlap, text similarity and bids (default 0.3, 0.3, 0.4, 0.2) */
  weights?: { domain?: number; keyword?: number; text?: number; bid?: number };
  /** reviewer bids, [proposalId, reviewerId, bid] with bid in [−1, 1] (−1 unwilling … 1 eager) */
  bids?: [EntityId, EntityId, number][];
  /** keep the K best reviewers per proposal (default: all with a positive score) */
  topK?: number;
  /** pairs never to list (conflicts), [proposalId, reviewerId] */
  exclude?: [EntityId, EntityId][];
}

/** Size of the intersection over the size of the union (0 when both are empty). */
function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common);
}

type SparseVector = Map<string, number>;

/** TF-IDF vectors (log-scaled term frequency, smoothed IDF, unit length) over one shared corpus. */
function tfidfVectors(docs: string[][]): SparseVector[] {
  const df = new Map<string, number>();
  for (const doc of docs) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  const N = docs.length;
  return docs.map((doc) => {
    const tf = new Map<string, number>();
    for (const t of doc) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v: SparseVector = new Map();
    let norm = 0;
    for (const [t, f] of tf) {
      const w = (1 + Math.log(f)) * (Math.log((N + 1) / (df.get(t)! + 1)) + 1);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
    return v;
  });
}

/**
 * Affinity of every proposal–reviewer pair as a weighted sum of domain overlap, keyword overlap
 * (Jaccard), TF-IDF cosine of proposal text against reviewer profile, and the reviewer's bid; the
 * best `topK` reviewers per proposal are returned as `[proposalId, reviewerId, score]`, ready for
 * the assignment instance. Text similarity goes through an inverted index, so only pairs sharing a
 * term are ever compared. Ties go to the reviewer listed first.
 */
export function computeAffinity(proposals: ProposalExpertise[], reviewers: ReviewerExpertise[], options: AffinityOptions = {}): [EntityId, EntityId, number][] {
  const w = { domain: 0.3, keyword: 0.3, text: 0.4, bid: 0.2, ...options.weights };
  const docs = [...proposals.map((p) => tokenize(p.text)), ...reviewers.map((r) => tokenize(r.profile))];
  const vectors = tfidfVectors(docs);
  const reviewerVectors = vectors.slice(proposals.length);
  const postings = new Map<string, [number, number][]>();
  reviewerVectors.forEach((v, r) => {
    for (const [t, x] of v) {
      let list = postings.get(t);
      if (!list) postings.set(t, (list = []));
      list.push([r, x]);
    }
  });
  const reviewerDomains = reviewers.map((r) => new Set(r.domains.map(normaliseTerm)));
  const reviewerKeywords = reviewers.map((r) => new Set(r.keywords.map(normaliseTerm)));
  const key = (p: EntityId, r: EntityId) => `${p}\u0000${r}`;
  const bids = new Map((options.bids ?? []).map(([p, r, b]) => [key(p, r), Math.max(-1, Math.min(1, b))]));
  const excluded = new Set((options.exclude ?? []).map(([p, r]) => key(p, r)));
  const domainIndex = new Map<string, number[]>();
  const keywordIndex = new Map<string, number[]>();
  const index = (sets: Set<string>[], into: Map<string, number[]>) =>
    sets.forEach((s, r) => s.forEach((t) => (into.get(t) ?? into.set(t, []).get(t)!).push(r)));
  index(reviewerDomains, domainIndex);
  index(reviewerKeywords, keywordIndex);
  const bidsByProposal = new Map<string, number[]>();
  const reviewerIndex = new Map(reviewers.map((r, i) => [String(r.id), i]));
  for (const [p, r] of options.bids ?? []) {
    const ri = reviewerIndex.get(String(r));
    if (ri !== undefined) (bidsByProposal.get(String(p)) ?? bidsByProposal.set(String(p), []).get(String(p))!).push(ri);
  }

  const out: [EntityId, EntityId, number][] = [];
  proposals.forEach((p, pi) => {
    const cosine = new Map<number, number>();
    for (const [t, x] of vectors[pi]) for (const [r, y] of postings.get(t) ?? []) cosine.set(r, (cosine.get(r) ?? 0) + x * y);
    const domains = new Set(p.domains.map(normaliseTerm));
    const keywords = new Set(p.keywords.map(normaliseTerm));
    const touched = new Set<number>(cosine.keys());
    for (const d of domains) for (const r of domainIndex.get(d) ?? []) touched.add(r);
    for (const k of keywords) for (const r of keywordIndex.get(k) ?? []) touched.add(r);
    for (const r of bidsByProposal.get(String(p.id)) ?? []) touched.add(r);
    const scored: [number, number][] = [];
    for (const r of touched) {
      const rid = reviewers[r].id;
      if (excluded.has(key(p.id, rid))) continue;
      const score =
        w.domain * jaccard(domains, reviewerDomains[r]) +
        w.keyword * jaccard(keywords, reviewerKeywords[r]) +
        w.text * Math.min(1, cosine.get(r) ?? 0) +
        w.bid * (bids.get(key(p.id, rid)) ?? 0);
      if (score > 0) scored.push([r, Math.round(score * 1e6) / 1e6]);
    }
    scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    for (const [r, s] of scored.slice(0, options.topK ?? scored.length)) out.push([p.id, reviewers[r].id, s]);
  });
  return out;
}
