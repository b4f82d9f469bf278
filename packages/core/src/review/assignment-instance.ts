import { z } from 'zod';
import { issue, type FieldIssue } from '../shared/localized.ts';

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

/** A stable map key for an id, so that "7" and 7 are the same id. */
export const idKey = (id: EntityId): string => String(id);

/**
 * Checks shape and meaning (unknown ids, duplicate ids and pairs, minimum above maximum load) and
 * returns every problem, each naming its field, or the instance in index form. Linear in the
 * input: ids resolve through maps, duplicate pairs are found per proposal with typed arrays.
 */
export function validateAssignmentInstance(input: unknown): { indexed?: IndexedInstance; issues: FieldIssue[] } {
  const parsed = parseInstance(input);
  if (!parsed.success) {
    return {
      issues: parsed.error.issues.map((i) => issue(i.path.join('.') || '(root)', `형식 오류: ${i.message}`, `invalid: ${i.message}`)),
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
      out.push(
        issue(
          `reviewers.${i}.minLoad`,
          `최소 배정 수(${r.minLoad})가 최대 배정 수(${r.maxLoad})보다 큽니다`,
          `minLoad (${r.minLoad}) is greater than maxLoad (${r.maxLoad})`,
        ),
      );
    }
  });

  const P = inst.proposals.length;
  const R = inst.reviewers.length;
  const unknownProposal = (list: string, i: number, pid: EntityId) => issue(`${list}.${i}.0`, `알 수 없는 제안서 id "${pid}"`, `unknown proposal id "${pid}"`);
  const unknownReviewer = (list: string, i: number, rid: EntityId) =>
    issue(`${list}.${i}.1`, `알 수 없는 평가위원 id "${rid}"`, `unknown reviewer id "${rid}"`);

  const conflictKeys = new Set<number>();
  for (let i = 0; i < inst.conflicts.length; i++) {
    const [pid, rid] = inst.conflicts[i];
    const p = proposalIndex.get(idKey(pid));
    const r = reviewerIndex.get(idKey(rid));
    if (p === undefined) out.push(unknownProposal('conflicts', i, pid));
    if (r === undefined) out.push(unknownReviewer('conflicts', i, rid));
    if (p !== undefined && r !== undefined) conflictKeys.add(p * R + r);
  }

  // Pairs resolve to indices first (−1 for an unknown id); duplicates are then found proposal by
  // proposal; issues are reported last, in affinity order as before.
  const n = inst.affinity.length;
  const pairProposal = new Int32Array(n);
  const pairReviewer = new Int32Array(n);
  const pairScore = new Float64Array(n);
  const pairConflicted = new Uint8Array(n);
  let unresolved = false;
  // pairs usually come grouped by proposal: the last lookup is reused for a repeated id
  let lastPid: EntityId | undefined, lastP: number | undefined;
  for (let i = 0; i < n; i++) {
    const pair = inst.affinity[i];
    const pid = pair[0];
    if (pid !== lastPid) {
      lastPid = pid;
      lastP = proposalIndex.get(idKey(pid));
    }
    const r = reviewerIndex.get(idKey(pair[1]));
    pairProposal[i] = lastP ?? -1;
    pairReviewer[i] = r ?? -1;
    pairScore[i] = pair[2];
    if (lastP === undefined || r === undefined) unresolved = true;
    else if (conflictKeys.size && conflictKeys.has(lastP * R + r)) pairConflicted[i] = 1;
  }
  const firstListing = duplicatePairs(pairProposal, pairReviewer, P, R);

  if (unresolved || firstListing) {
    for (let i = 0; i < n; i++) {
      const [pid, rid] = inst.affinity[i];
      if (pairProposal[i] < 0) out.push(unknownProposal('affinity', i, pid));
      if (pairReviewer[i] < 0) out.push(unknownReviewer('affinity', i, rid));
      const first = firstListing ? firstListing[i] : -1;
      if (first >= 0) {
        out.push(
          issue(
            `affinity.${i}`,
            `제안서 "${pid}"와 평가위원 "${rid}" 쌍이 affinity.${first}에 이미 있습니다`,
            `pair ("${pid}", "${rid}") is already listed at affinity.${first}`,
          ),
        );
      }
    }
  }

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

/**
 * For each pair listed again, the index of its first listing (−1 elsewhere); null when no pair
 * repeats. Pairs with an unknown id (−1) are skipped. A counting sort groups pair indices by
 * proposal, keeping affinity order, and one mark per reviewer finds repeats within a group.
 */
function duplicatePairs(pairProposal: Int32Array, pairReviewer: Int32Array, P: number, R: number): Int32Array | null {
  const n = pairProposal.length;
  const groupStart = new Int32Array(P + 1);
  for (let i = 0; i < n; i++) if (pairProposal[i] >= 0 && pairReviewer[i] >= 0) groupStart[pairProposal[i] + 1]++;
  for (let p = 0; p < P; p++) groupStart[p + 1] += groupStart[p];
  const order = new Int32Array(groupStart[P]);
  const fill = groupStart.slice(0, P);
  for (let i = 0; i < n; i++) if (pairProposal[i] >= 0 && pairReviewer[i] >= 0) order[fill[pairProposal[i]]++] = i;
  const markedBy = new Int32Array(R).fill(-1);
  const firstAt = new Int32Array(R);
  let firstListing: Int32Array | null = null;
  for (let p = 0; p < P; p++) {
    for (let k = groupStart[p]; k < groupStart[p + 1]; k++) {
      const i = order[k],
        r = pairReviewer[i];
      if (markedBy[r] !== p) {
        markedBy[r] = p;
        firstAt[r] = i;
        continue;
      }
      firstListing ??= new Int32Array(n).fill(-1);
      firstListing[i] = firstAt[r];
    }
  }
  return firstListing;
}

/** Only proposals and reviewers go through zod when the pair lists already have the right shape. */
const instanceHead = assignmentInstance.pick({ proposals: true, reviewers: true });

const isEntityId = (x: unknown): boolean => (typeof x === 'string' && x.length > 0) || (typeof x === 'number' && Number.isFinite(x));

/** The shape `assignmentInstance` asks of a pair list, checked without building a copy of each tuple. */
function isPairList(list: unknown, withScore: boolean): list is unknown[][] {
  if (!Array.isArray(list)) return false;
  const size = withScore ? 3 : 2;
  for (let i = 0; i < list.length; i++) {
    const t: unknown = list[i];
    if (!Array.isArray(t) || t.length !== size || !isEntityId(t[0]) || !isEntityId(t[1])) return false;
    if (withScore && !(typeof t[2] === 'number' && Number.isFinite(t[2]))) return false;
  }
  return true;
}

/**
 * The schema's verdict. zod copying half a million pair tuples took most of the validation time,
 * so well-formed pair lists are checked by hand; anything off goes through zod as a whole, so the
 * issues (and their messages) are zod's own.
 */
function parseInstance(input: unknown): { success: true; data: AssignmentInstance } | { success: false; error: z.ZodError } {
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    const record = input as Record<string, unknown>;
    const conflicts = record.conflicts === undefined ? [] : record.conflicts;
    if (isPairList(record.affinity, true) && isPairList(conflicts, false)) {
      const head = instanceHead.safeParse(input);
      if (head.success) {
        return {
          success: true,
          data: {
            ...head.data,
            affinity: record.affinity.slice() as AssignmentInstance['affinity'],
            conflicts: conflicts.slice() as AssignmentInstance['conflicts'],
          },
        };
      }
    }
  }
  return assignmentInstance.safeParse(input);
}
