import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { postForm } from '../evaluation/api';

/** What the covered days would hold for one task (or, with task null, for accounts no task holds). */
export interface UsageChange {
  taskId: string | null;
  task: string | null;
  program: string | null;
  beforeGpuHours: number;
  afterGpuHours: number;
}

export interface UsageImportResult {
  mode: 'preview' | 'commit';
  source: string;
  firstDay: string | null;
  lastDay: string | null;
  jobsRead: number;
  rowsToWrite: number;
  changes: UsageChange[];
  unmappedAccounts: string[];
  unmappedCount: number;
  notCharged: { count: number; byReason: Record<string, number> };
  rowsReplaced?: number;
}

export interface UsageImportJob {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  mode: 'preview' | 'commit' | null;
  progress: { phase?: 'reading' | 'pulling' | 'comparing'; bytesRead?: number; totalBytes?: number } | null;
  error: string | null;
  result: UsageImportResult | null;
}

export type UsageSource = { kind: 'upload'; sha256: string; fileName: string } | { kind: 'slurm' };

export const uploadSacct = (file: File) => {
  const form = new FormData();
  form.append('file', file);
  return postForm<{ upload: { sha256: string; sizeBytes: number; fileName: string } }>('/api/v1/usage/uploads', form);
};

export const requestPreview = (source: UsageSource, start: string | undefined, end: string | undefined) =>
  api<{ job: UsageImportJob }>('/api/v1/usage/import-jobs', { method: 'POST', body: { mode: 'preview', source, ...(start ? { start } : {}), ...(end ? { end } : {}) } });

export const requestCommit = (previewJobId: string, reason: string) =>
  api<{ job: UsageImportJob }>('/api/v1/usage/import-jobs', { method: 'POST', body: { mode: 'commit', previewJobId, ...(reason ? { reason } : {}) } });

/** Follows an import job until it is done or failed. */
export function useUsageImportJob(jobId: string | null) {
  return useQuery({
    queryKey: ['usage-import-job', jobId],
    queryFn: () => api<{ job: UsageImportJob }>(`/api/v1/usage/import-jobs/${jobId}`),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.job.status === 'done' || q.state.data.job.status === 'failed') ? false : 1000),
  });
}
