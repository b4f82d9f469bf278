import type { FieldIssue } from '../shared/localized.ts';
import { particle } from '../shared/korean-particles.ts';

export type Pair = [applicationId: string, reviewerId: string];

export interface ManualContext {
  /** the round's current assignment */
  current: Pair[];
  /** application id → a label for messages */
  applications: Map<string, string>;
  /** the round's panel: reviewer id → label, whether accepted, max load */
  panel: Map<string, { label: string; accepted: boolean; maxLoad: number }>;
  /** `${applicationId}|${reviewerId}` → why the pair is conflicted (unwaived conflicts only) */
  conflicts: Map<string, { ko: string; en: string }>;
}

const pairKey = (p: Pair) => `${p[0]}|${p[1]}`;

/**
 * A hand edit of an assignment goes the same way as a solver's: the proposed assignment is
 * checked, and every refusal says which pair and why. A conflicted pair is refused outright
 * (conflicts bind the office as much as the solver); so are reviewers outside the round's panel,
 * reviewers who have not accepted, and loads above a reviewer's maximum.
 */
export function applyManualChanges(ctx: ManualContext, add: Pair[], remove: Pair[]): { proposed: Pair[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const removeKeys = new Set(remove.map(pairKey));
  const currentKeys = new Set(ctx.current.map(pairKey));
  remove.forEach((p, i) => {
    if (!currentKeys.has(pairKey(p)))
      issues.push({ field: `remove.${i}`, message: { ko: '현재 배정에 없는 쌍입니다', en: 'this pair is not in the current assignment' } });
  });
  const proposed = ctx.current.filter((p) => !removeKeys.has(pairKey(p)));
  const proposedKeys = new Set(proposed.map(pairKey));
  add.forEach((p, i) => {
    const [appId, reviewerId] = p;
    const appLabel = ctx.applications.get(appId);
    const reviewer = ctx.panel.get(reviewerId);
    if (!appLabel)
      return void issues.push({ field: `add.${i}.0`, message: { ko: '이 공모에 제출된 신청이 아닙니다', en: 'not a submitted application of this call' } });
    if (!reviewer)
      return void issues.push({
        field: `add.${i}.1`,
        message: { ko: '이 평가 단계의 평가위원단에 없는 위원입니다', en: "the reviewer is not on this round's panel" },
      });
    if (!reviewer.accepted)
      return void issues.push({
        field: `add.${i}.1`,
        message: { ko: `${reviewer.label} 위원은 위촉을 수락하지 않았습니다`, en: `${reviewer.label} has not accepted the invitation` },
      });
    const conflict = ctx.conflicts.get(pairKey(p));
    if (conflict) {
      return void issues.push({
        field: `add.${i}`,
        message: {
          ko: `${reviewer.label} 위원과 "${appLabel}"${particle(appLabel, '은/는')} 이해충돌 관계라 배정할 수 없습니다: ${conflict.ko}`,
          en: `${reviewer.label} has a conflict of interest with "${appLabel}" and cannot be assigned: ${conflict.en}`,
        },
      });
    }
    if (proposedKeys.has(pairKey(p))) return;
    proposedKeys.add(pairKey(p));
    proposed.push(p);
  });
  const loads = new Map<string, number>();
  for (const [, r] of proposed) loads.set(r, (loads.get(r) ?? 0) + 1);
  for (const [r, load] of loads) {
    const reviewer = ctx.panel.get(r);
    if (reviewer && load > reviewer.maxLoad) {
      issues.push({
        field: 'add',
        message: {
          ko: `${reviewer.label} 위원의 배정 수(${load})가 최대(${reviewer.maxLoad})를 넘습니다`,
          en: `${reviewer.label} would have ${load} proposals, above their maximum of ${reviewer.maxLoad}`,
        },
      });
    }
  }
  return { proposed, issues };
}
