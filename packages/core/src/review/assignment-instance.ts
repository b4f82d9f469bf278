import { z } from 'zod';
import type { FieldIssue } from '../shared/localized.ts';

/** Proposal and reviewer ids as they appear in files: strings, or numbers kept as given. */
const entityId = z.union([z.string().min(1), z.number()]);
export type EntityId = z.infer<typeof entityId>;

/** reviews and loads: the solver holds them in 32-bit arrays, so a bigger number would wrap around */
const count = z.number().int().min(0).max(1_000_000);

/** One reviewer-assignment problem: who needs how many reviews, who may take how many, and who fits whom. */
export const assignmentInstance = z.object({
  proposals: z.array(z.object({ id: entityId, reviews: count })),
  reviewers: z.array(z.object({ id: entityId, maxLoad: count, minLoad: count.optional() })),
  /** the only candidate pairs: [proposalId, reviewerId, score], higher is better */
  affinity: z.array(z.tuple([entityId, entityId, z.number()])),
  /** pairs that must never be assigned */
  conflicts: z.array(z.tuple([entityId, entityId])).default([]),
});
export type AssignmentInstance = z.infer<typeof assignmentInstance>;
export type AssignmentPair = [proposalId: EntityId, reviewerId: EntityId];

/** The instance in index form, ready for the solver. Pair arrays are parallel, in `affinity` order. */
export interface IndexedInstance {
  instance: AssignmentInstance;
  proposalCount: number;
  reviewerCount: number;
  reviews: Int32Array;
  maxLoad: Int32Array;
  minLoad: Int32Array;
  pairProposal: Int32Array;
  pairReviewer: Int32Array;
  pairScore: Float64Array;
  /** 1 when the pair is listed in `conflicts` and so is not a candidate */
  pairConflicted: Uint8Array;
}

const issue = (field: string, ko: string, en: string): FieldIssue => ({ field, message: { ko, en } });

/** A stable map key for an id, so that "7" and 7 are the same id. */
export const idKey = (id: EntityId): string => String(id);

/**
 * Checks shape and meaning (unknown ids, duplicate ids and pairs, minimum above maximum load) and
 * returns every problem, each naming its field, or the instance in index form.
 */
export function validateAssignmentInstance(input: unknown): { indexed?: IndexedInstance; issues: FieldIssue[] } {
  const parsed = assignmentInstance.safeParse(input);
  if (!parsed.success) {
    return {
      issues: parsed.error.issues.map((i) =>
        issue(i.path.join('.') || '(root)', `형식 오류: ${i.message}`, `invalid: ${i.message}`),
      ),
    };
  }
  const inst = parsed.data;
  const out: FieldIssue[] = [];

  const proposalIndex = new Map<string, number>();
  inst.proposals.forEach((p, i) => {
    const k = idKey(p.id);
    if (proposalIndex.has(k)) out.push(issue(`proposals.${i}.id`, `중복된 제안서 id "${k}"`, `duplicate proposal id "${k}"`));
    else proposalIndex.set(k, i);
  });
  const reviewerIndex = new Map<string, number>();
  inst.reviewers.forEach((r, i) => {
    const k = idKey(r.id);
    if (reviewerIndex.has(k)) out.push(issue(`reviewers.${i}.id`, `중복된 평가위원 id "${k}"`, `duplicate reviewer id "${k}"`));
    else reviewerIndex.set(k, i);
    if (r.minLoad !== undefined && r.minLoad > r.maxLoad) {
      out.push(issue(`reviewers.${i}.minLoad`, `최소 배정 수(${r.minLoad})가 최대 배정 수(${r.maxLoad})보다 큽니다`, `minLoad (${r.minLoad}) is greater than maxLoad (${r.maxLoad})`));
    }
  });

  const P = inst.proposals.length;
  const R = inst.reviewers.length;
  const resolve = (list: 'affinity' | 'conflicts', i: number, pid: EntityId, rid: EntityId): [number, number] | undefined => {
    const p = proposalIndex.get(idKey(pid));
    const r = reviewerIndex.get(idKey(rid));
    if (p === undefined) out.push(issue(`${list}.${i}.0`, `알 수 없는 제안서 id "${pid}"`, `unknown proposal id "${pid}"`));
    if (r === undefined) out.push(issue(`${list}.${i}.1`, `알 수 없는 평가위원 id "${rid}"`, `unknown reviewer id "${rid}"`));
    return p === undefined || r === undefined ? undefined : [p, r];
  };

  const conflictKeys = new Set<number>();
  inst.conflicts.forEach(([pid, rid], i) => {
    const pr = resolve('conflicts', i, pid, rid);
    if (pr) conflictKeys.add(pr[0] * R + pr[1]);
  });

  const n = inst.affinity.length;
  const pairProposal = new Int32Array(n);
  const pairReviewer = new Int32Array(n);
  const pairScore = new Float64Array(n);
  const pairConflicted = new Uint8Array(n);
  const seenPairs = new Map<number, number>();
  inst.affinity.forEach(([pid, rid, score], i) => {
    const pr = resolve('affinity', i, pid, rid);
    if (!pr) return;
    const key = pr[0] * R + pr[1];
    const first = seenPairs.get(key);
    if (first !== undefined) {
      out.push(issue(`affinity.${i}`, `제안서 "${pid}"와 평가위원 "${rid}" 쌍이 affinity.${first}에 이미 있습니다`, `pair ("${pid}", "${rid}") is already listed at affinity.${first}`));
      return;
    }
    seenPairs.set(key, i);
    pairProposal[i] = pr[0];
    pairReviewer[i] = pr[1];
    pairScore[i] = score;
    pairConflicted[i] = conflictKeys.has(key) ? 1 : 0;
  });

  if (out.length) return { issues: out };
  return {
    issues: [],
    indexed: {
      instance: inst,
      proposalCount: P,
      reviewerCount: R,
      reviews: Int32Array.from(inst.proposals, (p) => p.reviews),
      maxLoad: Int32Array.from(inst.reviewers, (r) => r.maxLoad),
      minLoad: Int32Array.from(inst.reviewers, (r) => r.minLoad ?? 0),
      pairProposal,
      pairReviewer,
      pairScore,
      pairConflicted,
    },
  };
}
