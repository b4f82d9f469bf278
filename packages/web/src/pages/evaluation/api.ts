import { useQuery } from '@tanstack/react-query';
import { evaluationContract as ev } from '@stagegate/core/contract/evaluation';
import { provenanceContract as pv } from '@stagegate/core/contract/provenance';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { ApiRequestError } from '../../api/client';
import { call } from '../../api/contract-client';

export { evaluationContract } from '@stagegate/core/contract/evaluation';
export { provenanceContract } from '@stagegate/core/contract/provenance';

export type TaskResults = ResponseOf<typeof ev.task>;
export type SuiteResults = TaskResults['suites'][number];
export type Verdict = NonNullable<SuiteResults['runs'][number]['verdict']>;
export type JobView = ResponseOf<typeof ev.job>['job'];
/** What an import answers: a preview, unchanged (the same file again), or committed (201). */
export type ImportAnswer = ResponseOf<typeof ev.import> | ResponseOf<typeof ev.import, 201>;
/** What starting a suite run answers: a preview, or the queued job (202). */
export type SuiteRunAnswer = ResponseOf<typeof ev.suiteRun> | ResponseOf<typeof ev.suiteRun, 202>;

export type ComparisonDetail = ResponseOf<typeof pv.comparison>;
export type ProvenanceVerdict = NonNullable<ComparisonDetail['verdict']>;
/** What starting a comparison answers: a preview, or the queued job (202). */
export type ComparisonStart = ResponseOf<typeof pv.start> | ResponseOf<typeof pv.start, 202>;

export const useEvaluationTasks = () => useQuery({ queryKey: ['evaluation', 'tasks'], queryFn: () => call(ev.tasks).then((r) => r.tasks) });

export const useTaskResults = (taskId: string) =>
  useQuery({
    queryKey: ['evaluation', 'task', taskId],
    queryFn: () => call(ev.task, { params: { taskId } }),
    enabled: !!taskId,
    // follow a suite run while it is waiting or running
    refetchInterval: (q) => (q.state.data?.suiteRuns.some((j) => j.status === 'queued' || j.status === 'running') ? 1500 : false),
  });

/** Sends a multipart form the way api() sends JSON: same error shape. */
export async function postForm<T>(path: string, form: FormData): Promise<T> {
  const res = await fetch(path, { method: 'POST', credentials: 'include', body: form });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const e = json?.error ?? {};
    throw new ApiRequestError(res.status, e.code ?? 'error', e.message ?? res.statusText, e.field, e.issues ?? []);
  }
  return json as T;
}

// ── provenance ──────────────────────────────────────────────────────────────

export const useCheckpoints = () => useQuery({ queryKey: ['provenance', 'checkpoints'], queryFn: () => call(pv.checkpoints) });

export const useComparisons = () =>
  useQuery({
    queryKey: ['provenance', 'comparisons'],
    queryFn: () => call(pv.comparisons).then((r) => r.comparisons),
    // poll while something is waiting or running
    refetchInterval: (q) => (q.state.data?.some((c) => c.job.status === 'queued' || c.job.status === 'running') ? 1000 : false),
  });

export const useComparison = (id: string) =>
  useQuery({
    queryKey: ['provenance', 'comparison', id],
    queryFn: () => call(pv.comparison, { params: { id } }),
    refetchInterval: (q) => (q.state.data && (q.state.data.job.status === 'queued' || q.state.data.job.status === 'running') ? 1000 : false),
  });
