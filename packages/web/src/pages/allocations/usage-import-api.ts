import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { usageImportContract as c, type usageImportSource } from '@stagegate/core/contract/usage-import';
import { call } from '../../api/contract-client';
import { postForm } from '../evaluation/api';

export type UsageImportJob = ResponseOf<typeof c.job>['job'];
export type UsageImportResult = NonNullable<UsageImportJob['result']>;
export type UsageSource = z.input<typeof usageImportSource>;

export const uploadSacct = (file: File) => {
  const form = new FormData();
  form.append('file', file);
  return postForm<ResponseOf<typeof c.upload, 201>>(c.upload.path, form);
};

export const requestPreview = (source: UsageSource, start: string | undefined, end: string | undefined) =>
  call(c.request, { body: { mode: 'preview', source, ...(start ? { start } : {}), ...(end ? { end } : {}) } }) as unknown as Promise<
    ResponseOf<typeof c.request, 202>
  >;

export const requestCommit = (previewJobId: string, reason: string) =>
  call(c.request, { body: { mode: 'commit', previewJobId, ...(reason ? { reason } : {}) } }) as unknown as Promise<ResponseOf<typeof c.request, 202>>;

/** Follows an import job until it is done or failed. */
export function useUsageImportJob(jobId: string | null) {
  return useQuery({
    queryKey: ['usage-import-job', jobId],
    queryFn: () => call(c.job, { params: { jobId: jobId! } }),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.job.status === 'done' || q.state.data.job.status === 'failed') ? false : 1000),
  });
}
