import { useQuery } from '@tanstack/react-query';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { slurmContract as c } from '@stagegate/core/contract/slurm';
import { call } from '../../api/contract-client';

/** GET /api/v1/slurm/plan: what Slurm must change today, and the digest that apply asks for. */
export type SlurmSyncPlan = ResponseOf<typeof c.plan>;
export type SlurmStep = SlurmSyncPlan['steps'][number];

export const loadSlurmPlan = (allowDestructive: boolean) => call(c.plan, { query: { allowDestructive: allowDestructive ? 'true' : undefined } });

/** Queues the apply of the plan previewed (its digest); 409 when the plan changed since. */
export const applySlurmPlan = (digest: string, allowDestructive: boolean) =>
  call(c.apply, { body: { digest, allowDestructive } }) as unknown as Promise<ResponseOf<typeof c.apply, 202>>;

export function useSlurmPlan(allowDestructive: boolean) {
  return useQuery({ queryKey: ['slurm-plan', allowDestructive], queryFn: () => loadSlurmPlan(allowDestructive), retry: false });
}

/** Follows an apply job until it is done or failed. */
export function useSlurmApplyJob(jobId: string | null) {
  return useQuery({
    queryKey: ['slurm-job', jobId],
    queryFn: () => call(c.job, { params: { jobId: jobId! } }),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.job.status === 'done' || q.state.data.job.status === 'failed') ? false : 1000),
  });
}
