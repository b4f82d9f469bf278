import { useQuery } from '@tanstack/react-query';
import type { SlurmStep } from '@stagegate/core/slurm/plan';
import { api } from '../../api/client';

export type { SlurmStep };

/** GET /api/v1/slurm/plan: what Slurm must change today, and the digest that apply asks for. */
export interface SlurmSyncPlan {
  source: { kind: 'database'; day: string } | { kind: 'file'; name: string };
  allowDestructive: boolean;
  empty: boolean;
  summary: { create: number; modify: number; remove: number; destructive: number; skipped: number; runnable: number };
  steps: SlurmStep[];
  digest: string;
}

export interface SlurmApplyJob {
  job: { id: string; status: 'queued' | 'running' | 'done' | 'failed'; progress: { done?: number; total?: number } | null; error: string | null };
  result: { applied: number; unchanged: number; skipped: number } | null;
}

export const slurmPlanUrl = (allowDestructive: boolean) => `/api/v1/slurm/plan${allowDestructive ? '?allowDestructive=true' : ''}`;

export function useSlurmPlan(allowDestructive: boolean) {
  return useQuery({ queryKey: ['slurm-plan', allowDestructive], queryFn: () => api<SlurmSyncPlan>(slurmPlanUrl(allowDestructive)), retry: false });
}

/** Follows an apply job until it is done or failed. */
export function useSlurmApplyJob(jobId: string | null) {
  return useQuery({
    queryKey: ['slurm-job', jobId],
    queryFn: () => api<SlurmApplyJob>(`/api/v1/slurm/jobs/${jobId}`),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.job.status === 'done' || q.state.data.job.status === 'failed') ? false : 1000),
  });
}
