import { issue, type FieldIssue } from '../shared/localized.ts';

export const selectionOutcomes = ['selected', 'reserve', 'rejected'] as const;
export type SelectionOutcome = (typeof selectionOutcomes)[number];

export const outcomeLabels: Record<SelectionOutcome, { ko: string; en: string }> = {
  selected: { ko: '선정', en: 'selected' },
  reserve: { ko: '예비', en: 'reserve' },
  rejected: { ko: '미선정', en: 'rejected' },
};

/** One application's decision with what the limits need: its GPUs asked per phase. */
export interface SelectionEntry {
  applicationId: string;
  label: string;
  outcome: SelectionOutcome;
  reason: string;
  gpuRequest: { phaseKey: string; gpus: number }[];
}

export interface SelectionLimits {
  taskCount: number;
  /** GPUs the program's pools hold in all */
  poolGpus: number;
}

/**
 * The rules a selection must keep: a reason for every decision, no more selected applications than
 * the program has tasks, and in every phase the selected applications' GPUs fit the pool (GPUs are
 * held concurrently within a phase, so phases are checked one by one, not summed).
 */
export function checkSelection(entries: SelectionEntry[], limits: SelectionLimits): FieldIssue[] {
  const out: FieldIssue[] = [];
  entries.forEach((e, i) => {
    if (e.reason.trim() === '')
      out.push(issue(`decisions.${i}.reason`, `"${e.label}"의 결정 사유를 적어 주세요`, `give a reason for the decision on "${e.label}"`));
  });
  const selected = entries.filter((e) => e.outcome === 'selected');
  if (selected.length > limits.taskCount) {
    out.push(
      issue(
        'decisions',
        // the limit is the call's task slots (the program's task count when the call names none)
        `선정 수(${selected.length})가 이 공모의 과제 자리(${limits.taskCount}개)를 넘습니다`,
        `${selected.length} applications are selected but the call funds ${limits.taskCount} tasks`,
      ),
    );
  }
  const perPhase = new Map<string, number>();
  for (const e of selected) for (const r of e.gpuRequest) perPhase.set(r.phaseKey, (perPhase.get(r.phaseKey) ?? 0) + r.gpus);
  for (const [phase, gpus] of perPhase) {
    if (gpus > limits.poolGpus) {
      out.push(
        issue(
          'decisions',
          `선정 과제들이 ${phase}에 요청한 GPU(${gpus}장)가 GPU 풀(${limits.poolGpus}장)을 넘습니다`,
          `the selected applications ask for ${gpus} GPUs in ${phase} but the pool holds ${limits.poolGpus}`,
        ),
      );
    }
  }
  return out;
}

/** The GPUs an application holds at once: its largest request in any phase. */
export function peakGpus(gpuRequest: { gpus: number }[]): number {
  return gpuRequest.reduce((m, r) => Math.max(m, r.gpus), 0);
}
