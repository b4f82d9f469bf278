import type { AppContext } from '../context.ts';
import type { Tx } from '../db/connect.ts';
import type { JobRow } from './job-queue.ts';

export interface JobTools {
  /** records progress for the UI and renews the lease (throttled by the worker) */
  progress(p: Record<string, unknown>): void;
  /** aborted when the worker stops */
  signal: AbortSignal;
}

/**
 * What a job produces: a result to show, and the rows to store with it in the transaction that marks
 * it done; what `commit` returns is added to the result.
 */
export interface JobOutcome {
  result: Record<string, unknown>;
  commit?: (tx: Tx) => Promise<void | Record<string, unknown>>;
}

/** One kind of job; throwing fails the job with the error's message, which is kept on the job row. */
export type JobHandler = (ctx: AppContext, job: JobRow, tools: JobTools) => Promise<JobOutcome>;
