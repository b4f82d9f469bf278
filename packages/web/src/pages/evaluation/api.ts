import { useQuery } from '@tanstack/react-query';
import { api, ApiRequestError } from '../../api/client';
import type { LocalizedText } from '../../api/types';

export type Verdict = 'pass' | 'fail' | 'inconclusive';
export type ProvenanceVerdict = 'likely_shared' | 'inconclusive' | 'independent';

export interface TaskSummary {
  id: string;
  key: string;
  name: LocalizedText;
  programSlug: string;
  status: string;
  targetModel: string | null;
  leadOrganisationName: LocalizedText | null;
}

export interface TaskListItem extends TaskSummary {
  latest: { runId: string; createdAt: string; verdict: Verdict | null; ratio: number | null; ci: [number, number] | null } | null;
}

export interface ReferenceInfo {
  name: string;
  vendor: string;
  releaseDate: string;
  demo: boolean;
}

export interface BenchmarkComparison {
  name: string;
  metric: string;
  candidate: number;
  reference: number;
  ratio: number;
  ci: [number, number];
  pAtLeastTarget: number;
  method: string;
  weight: number;
}

export interface ComparisonView {
  id: string;
  verdict: Verdict;
  verdictText: LocalizedText;
  target: number;
  seed: number;
  resamples: number;
  evaluationDate: string;
  windowMonths: number;
  aggregate: { ratio: number; ci: [number, number]; pAtLeastTarget: number; verdict: Verdict; method: string };
  benchmarks: BenchmarkComparison[];
  referenceOf: Record<string, { model: string; source: string; role: 'frontier' | 'target' }>;
  targetScores: Record<string, number>;
  counted: ReferenceInfo[];
  excluded: (ReferenceInfo & { why: 'too-old' | 'after-date' })[];
  windowFrom: string;
  missing: string[];
  notes: LocalizedText[];
}

export interface SuiteBenchmark {
  name: string;
  label: LocalizedText;
  category: string;
  metric: string;
  higherIsBetter: boolean;
  chance: number;
  itemCount: number | null;
  demo: boolean;
}

export interface JobView {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: Record<string, unknown> | null;
  error: string | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface SuiteResults {
  key: string;
  name: LocalizedText;
  evaluationDate: string;
  categoryWeights: Record<string, number>;
  demo: boolean;
  benchmarks: SuiteBenchmark[];
  window: { counted: ReferenceInfo[]; excluded: (ReferenceInfo & { why: 'too-old' | 'after-date' })[]; windowFrom: string } | null;
  runs: { id: string; fileName: string; source: string; modelName: string | null; createdAt: string; verdict: Verdict | null; itemsStored: string[] }[];
  latest: {
    runId: string;
    fileName: string;
    modelName: string | null;
    createdAt: string;
    scores: { benchmark: string; metric: string; filter: string; value: number; stderr: number | null }[];
    comparison: ComparisonView | null;
  } | null;
}

export interface TaskResults {
  task: TaskSummary;
  target: { ratio: number; referenceWindowMonths: number } | null;
  suites: SuiteResults[];
  suiteRuns: (JobView & { suite?: string })[];
}

export const useEvaluationTasks = () => useQuery({ queryKey: ['evaluation', 'tasks'], queryFn: () => api<{ tasks: TaskListItem[] }>('/api/v1/evaluation/tasks').then((r) => r.tasks) });

export const useTaskResults = (taskId: string) =>
  useQuery({
    queryKey: ['evaluation', 'task', taskId],
    queryFn: () => api<TaskResults>(`/api/v1/evaluation/tasks/${taskId}`),
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

export interface ComparisonListItem {
  id: string;
  label: string | null;
  candidatePath: string;
  referencePaths: string[];
  verdict: ProvenanceVerdict | null;
  createdAt: string;
  job: JobView;
}

export interface ComponentAssessment {
  kind: string;
  verdict: ProvenanceVerdict;
  reason: LocalizedText;
  tensorsCompared: number;
  medianCosine: number | null;
  sharedFraction: number;
  baselineCosine: number | null;
}

export interface ProvenanceReportView {
  generatedAt: string | null;
  candidate: { label: string; path: string; tensors: number; parameters: number; bytes: number };
  references: { label: string; path: string; tensors: number; parameters: number; bytes: number }[];
  verdict: ProvenanceVerdict;
  summary: LocalizedText;
  comparisons: { reference: { label: string; path: string }; verdict: ProvenanceVerdict; reason: LocalizedText; components: ComponentAssessment[] }[];
}

export interface ComparisonDetail {
  id: string;
  label: string | null;
  candidatePath: string;
  referencePaths: string[];
  verdict: ProvenanceVerdict | null;
  createdAt: string;
  job: JobView;
  report: ProvenanceReportView | null;
  evidence: { id: string; taskId: string; taskKey: string; taskName: LocalizedText; stageKey: string; gateKey: string; note: string | null; attachedAt: string }[];
}

export const useCheckpoints = () =>
  useQuery({ queryKey: ['provenance', 'checkpoints'], queryFn: () => api<{ root: string; checkpoints: { path: string; kind: 'file' | 'folder'; bytes: number }[] }>('/api/v1/provenance/checkpoints') });

export const useComparisons = () =>
  useQuery({
    queryKey: ['provenance', 'comparisons'],
    queryFn: () => api<{ comparisons: ComparisonListItem[] }>('/api/v1/provenance/comparisons').then((r) => r.comparisons),
    // poll while something is waiting or running
    refetchInterval: (q) => (q.state.data?.some((c) => c.job.status === 'queued' || c.job.status === 'running') ? 1000 : false),
  });

export const useComparison = (id: string) =>
  useQuery({
    queryKey: ['provenance', 'comparison', id],
    queryFn: () => api<ComparisonDetail>(`/api/v1/provenance/comparisons/${id}`),
    refetchInterval: (q) => (q.state.data && (q.state.data.job.status === 'queued' || q.state.data.job.status === 'running') ? 1000 : false),
  });
