import type { JobKind } from '@stagegate/core/contract/job';
import type { JobHandler } from './job-handler.ts';
import { provenanceCompareJob, PROVENANCE_COMPARE } from '../provenance/compare-job.ts';
import { suiteRunJob, SUITE_RUN } from '../evaluation/suite-run-job.ts';
import { slurmApplyJob, SLURM_APPLY } from '../slurm-sync/apply-job.ts';
import { usageImportJob, USAGE_IMPORT } from '../usage/usage-import-job.ts';

/** Every kind of job the worker knows, by name: exactly the kinds the contract lists, so the office's list names each one. */
export const jobHandlers: Record<string, JobHandler> = {
  [PROVENANCE_COMPARE]: provenanceCompareJob,
  [SUITE_RUN]: suiteRunJob,
  [SLURM_APPLY]: slurmApplyJob,
  [USAGE_IMPORT]: usageImportJob,
} satisfies Record<JobKind, JobHandler>;
