import type { AdditionalCallTerms, Call, MajorityRule, ProgramDefinition } from '../program/definition.ts';
import { issue, type FieldIssue, type LocalizedText } from '../shared/localized.ts';
import { particle } from '../shared/korean-particles.ts';

/** A call's additional-call terms, or undefined for a regular call. */
export function additionalTerms(call: Pick<Call, 'kind' | 'additional'>): AdditionalCallTerms | undefined {
  return call.kind === 'additional' ? call.additional : undefined;
}

/**
 * The program-data rules of the additional calls: the terms are present exactly when the kind says
 * so, the filled call exists and is a regular one with that many slots, and the offer names a pool
 * and fits it in whole nodes.
 */
export function additionalCallIssues(p: Pick<ProgramDefinition, 'calls' | 'gpuPools' | 'taskCount'>): FieldIssue[] {
  const out: FieldIssue[] = [];
  p.calls.forEach((c, i) => {
    const at = `calls.${i}`;
    if (c.kind !== 'additional') {
      if (c.additional)
        out.push(
          issue(`${at}.kind`, '추가 공모 조건이 있으면 공모 종류는 추가 공모여야 합니다', 'a call with additional-call terms must be of kind "additional"'),
        );
      return;
    }
    const t = c.additional;
    if (!t) {
      out.push(
        issue(
          `${at}.additional`,
          '추가 공모에는 채울 자리, GPU 제공량, 결정 규칙이 필요합니다',
          'an additional call needs the slots it fills, its GPU offer and its decision rule',
        ),
      );
      return;
    }
    const filled = p.calls.find((x) => x.key === t.fills.call);
    if (!filled || filled.key === c.key || filled.kind === 'additional') {
      out.push(
        issue(
          `${at}.additional.fills.call`,
          `채울 자리가 있는 정규 공모 "${t.fills.call}"${particle(t.fills.call, '이/가')} 없습니다`,
          `no regular call "${t.fills.call}" whose slots this call could fill`,
        ),
      );
    } else {
      const slots = filled.taskSlots?.count ?? p.taskCount;
      if (t.fills.slots > slots) {
        out.push(
          issue(
            `${at}.additional.fills.slots`,
            `채울 자리(${t.fills.slots}개)가 "${filled.key}" 공모의 과제 자리(${slots}개)보다 많습니다`,
            `${t.fills.slots} slots to fill but call "${filled.key}" funds ${slots}`,
          ),
        );
      }
    }
    t.gpuOffer.forEach((o, j) => {
      const field = `${at}.additional.gpuOffer.${j}`;
      const pool = p.gpuPools.find((x) => x.key === o.pool);
      if (!pool) {
        out.push(issue(`${field}.pool`, `없는 GPU 풀 "${o.pool}"`, `no GPU pool "${o.pool}"`));
        return;
      }
      if (o.gpus % pool.gpusPerNode !== 0) {
        out.push(
          issue(
            `${field}.gpus`,
            `제공 GPU(${o.gpus}장)가 노드당 ${pool.gpusPerNode}장의 배수가 아닙니다`,
            `the offer of ${o.gpus} GPUs is not a whole number of nodes of ${pool.gpusPerNode}`,
          ),
        );
      }
      if (o.gpus > pool.gpuCount) {
        out.push(
          issue(
            `${field}.gpus`,
            `제공 GPU(${o.gpus}장)가 풀 "${pool.name.ko}"의 ${pool.gpuCount}장보다 많습니다`,
            `the offer of ${o.gpus} GPUs exceeds pool "${pool.name.en}" (${pool.gpuCount})`,
          ),
        );
      }
    });
  });
  return out;
}

/** How the panel stands on one application under the majority rule. */
export interface MajorityTally {
  /** reviewers with a submitted sheet */
  reviewers: number;
  /** of them, those whose sheet reaches the recommending total */
  recommending: number;
  /** recommendations a majority needs: more than half of the reviewers */
  needed: number;
  majority: boolean;
}

/** Tallies submitted sheet totals; no submitted sheet is never a majority. */
export function majorityTally(rule: MajorityRule, totals: readonly number[]): MajorityTally {
  const reviewers = totals.length;
  const recommending = totals.filter((t) => t >= rule.recommendAtPoints).length;
  const needed = Math.floor(reviewers / 2) + 1;
  return { reviewers, recommending, needed, majority: reviewers > 0 && recommending >= needed };
}

/** One selection decision of an additional call with its panel tally. */
export interface MajorityEntry {
  /** the field the refusal names, e.g. `decisions.0.outcome` */
  field: string;
  label: string;
  outcome: string;
  tally: MajorityTally;
}

/** Refuses each application selected without an expert majority, saying how far it fell short. */
export function majorityIssues(entries: readonly MajorityEntry[]): FieldIssue[] {
  return entries
    .filter((e) => e.outcome === 'selected' && !e.tally.majority)
    .map((e) =>
      issue(
        e.field,
        `"${e.label}"${particle(e.label, '은/는')} 전문가 과반의 추천을 받지 못했습니다 (위원 ${e.tally.reviewers}명 중 ${e.tally.recommending}명 추천, ${e.tally.needed}명 필요)`,
        `"${e.label}" lacks an expert majority (${e.tally.recommending} of ${e.tally.reviewers} reviewers recommend it; ${e.tally.needed} needed)`,
      ),
    );
}

/**
 * Whether "no one selected" may be recorded: only where the call allows it, with a reason, and
 * while no application of the call is selected (a selected one would hold the slot).
 */
export function noSelectionIssues(call: Pick<Call, 'kind' | 'additional'>, reason: string, selectedCount: number): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (!additionalTerms(call)?.allowNoSelection) {
    out.push(issue('outcome', "이 공모는 '선정 없음'을 결과로 두지 않습니다", 'this call does not allow "no selection" as its outcome'));
  }
  if (reason.trim() === '') out.push(issue('reason', '선정 없음의 사유를 적어 주세요', 'give the reason for selecting no one'));
  if (selectedCount > 0) {
    out.push(
      issue(
        'outcome',
        `선정된 신청이 ${selectedCount}건 있습니다. 선정을 바꾼 뒤에 '선정 없음'을 기록할 수 있습니다`,
        `${selectedCount} application(s) are selected; change them before recording no selection`,
      ),
    );
  }
  return out;
}

/** The GPUs the call offers in all (its selection must fit them, and they return to the pools when no one is selected). */
export function offeredGpus(terms: AdditionalCallTerms): number {
  return terms.gpuOffer.reduce((s, o) => s + o.gpus, 0);
}

export const noSelectionLabel: LocalizedText = { ko: '선정 없음', en: 'no selection' };
