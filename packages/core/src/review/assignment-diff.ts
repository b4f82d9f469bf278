import { idKey, type AssignmentPair } from './assignment-instance.ts';

export interface AssignmentDiff {
  added: AssignmentPair[];
  removed: AssignmentPair[];
  kept: AssignmentPair[];
}

/**
 * The preview step between validate and commit: what a proposed assignment adds to, removes from
 * and keeps of the current one. Each list follows the order of the assignment it comes from.
 */
export function diffAssignments(current: AssignmentPair[], proposed: AssignmentPair[]): AssignmentDiff {
  const key = ([p, r]: AssignmentPair) => `${idKey(p)}\u0000${idKey(r)}`;
  const now = new Set(current.map(key));
  const next = new Set(proposed.map(key));
  const seen = new Set<string>();
  const added: AssignmentPair[] = [],
    kept: AssignmentPair[] = [],
    removed: AssignmentPair[] = [];
  for (const pair of proposed) {
    const k = key(pair);
    if (seen.has(k)) continue;
    seen.add(k);
    (now.has(k) ? kept : added).push(pair);
  }
  for (const pair of current) {
    const k = key(pair);
    if (!next.has(k) && !seen.has(`-${k}`)) {
      seen.add(`-${k}`);
      removed.push(pair);
    }
  }
  return { added, removed, kept };
}
