import type { LocalizedText } from '../shared/localized.ts';

/**
 * An assignment run: it starts `running`, ends `no_solution` (with the reasons) or `complete`
 * (a proposed assignment and its diff), and only a complete run is `deployed` — which makes its
 * assignment the round's current one. A later deployment marks the previous one `superseded`.
 */
export const runStatuses = ['running', 'no_solution', 'complete', 'deployed', 'superseded'] as const;
export type RunStatus = (typeof runStatuses)[number];
export type RunEvent = 'solved' | 'failed' | 'deploy' | 'supersede';

const transitions: Record<RunStatus, Partial<Record<RunEvent, RunStatus>>> = {
  running: { solved: 'complete', failed: 'no_solution' },
  complete: { deploy: 'deployed', supersede: 'superseded' },
  no_solution: {},
  deployed: { supersede: 'superseded' },
  superseded: {},
};

const statusLabels: Record<RunStatus, LocalizedText> = {
  running: { ko: '실행 중', en: 'running' },
  no_solution: { ko: '해 없음', en: 'no solution' },
  complete: { ko: '완료(미반영)', en: 'complete' },
  deployed: { ko: '반영됨', en: 'deployed' },
  superseded: { ko: '대체됨', en: 'superseded' },
};

export function runStatusLabel(s: RunStatus): LocalizedText {
  return statusLabels[s];
}

export function nextRunStatus(from: RunStatus, event: RunEvent): { ok: true; to: RunStatus } | { ok: false; message: LocalizedText } {
  const to = transitions[from][event];
  if (to) return { ok: true, to };
  return {
    ok: false,
    message: {
      ko: `"${statusLabels[from].ko}" 상태의 배정 실행은 ${event === 'deploy' ? '반영할' : '변경할'} 수 없습니다`,
      en: `a run that is ${statusLabels[from].en} cannot ${event === 'deploy' ? 'be deployed' : `take "${event}"`}`,
    },
  };
}
