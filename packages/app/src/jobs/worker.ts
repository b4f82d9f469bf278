import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AppContext } from '../context.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { claimNextJob, failJob, finishJob, reportProgress, type JobRow } from './job-queue.ts';
import type { JobHandler } from './job-handler.ts';
import { jobHandlers } from './handlers.ts';

export interface WorkerOptions {
  /** names this worker on the job rows it takes; default host:pid:random */
  id?: string;
  /** how long to wait when no job is waiting */
  pollMs?: number;
  handlers?: Record<string, JobHandler>;
  /** minimum time between two progress writes of one job */
  progressEveryMs?: number;
  /** how long stop() waits for a running job before returning */
  stopWaitMs?: number;
}

export interface WorkerHandle {
  id: string;
  stop(): Promise<void>;
}

export type RunResult = 'idle' | 'done' | 'failed' | 'lost';

export function workerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * Takes one waiting job and runs it to the end: done with its outcome stored in one transaction,
 * or failed with the error kept on the row. 'idle' when nothing was waiting.
 */
export async function runNextJob(ctx: AppContext, id: string, opts: Pick<WorkerOptions, 'handlers' | 'progressEveryMs'> & { signal?: AbortSignal } = {}): Promise<RunResult> {
  const handlers = opts.handlers ?? jobHandlers;
  const job = await claimNextJob(ctx.db, id, { kinds: Object.keys(handlers) });
  if (!job) return 'idle';
  return runClaimed(ctx, id, job, handlers[job.kind]!, opts.progressEveryMs ?? 500, opts.signal ?? new AbortController().signal);
}

async function runClaimed(ctx: AppContext, id: string, job: JobRow, handler: JobHandler, progressEveryMs: number, signal: AbortSignal): Promise<RunResult> {
  let lastWrite = 0;
  let pending: Record<string, unknown> | null = null;
  let writing: Promise<unknown> = Promise.resolve();
  const flush = () => {
    if (!pending) return;
    const p = pending;
    pending = null;
    lastWrite = Date.now();
    writing = writing.then(() => reportProgress(ctx.db, job.id, id, p)).catch(() => undefined);
  };
  const tools = {
    signal,
    progress(p: Record<string, unknown>) {
      pending = p;
      if (Date.now() - lastWrite >= progressEveryMs) flush();
    },
  };
  try {
    const outcome = await handler(ctx, job, tools);
    flush();
    await writing;
    const ok = await ctx.db.transaction(async (tx) => {
      if (!(await finishJob(tx, job.id, id, outcome.result))) return false;
      await outcome.commit?.(tx);
      await appendAudit(tx, null, { action: 'job.done', objectType: 'job', objectId: job.id, after: { kind: job.kind, worker: id, result: outcome.result } });
      return true;
    });
    return ok ? 'done' : 'lost';
  } catch (e) {
    await writing;
    const message = (e as Error).message || String(e);
    const ok = await ctx.db.transaction(async (tx) => {
      if (!(await failJob(tx, job.id, id, message))) return false;
      await appendAudit(tx, null, { action: 'job.failed', objectType: 'job', objectId: job.id, after: { kind: job.kind, worker: id, error: message } });
      return true;
    });
    return ok ? 'failed' : 'lost';
  }
}

/**
 * The loop `stagegate serve` starts: takes jobs one at a time while there are any, sleeps `pollMs`
 * when there are none. Several processes may each run one; the database decides who takes what.
 */
export function startWorker(ctx: AppContext, opts: WorkerOptions = {}): WorkerHandle {
  const id = opts.id ?? workerId();
  const pollMs = opts.pollMs ?? 1000;
  const controller = new AbortController();
  let wake: (() => void) | null = null;
  const log = (msg: string, err?: unknown) => process.stderr.write(`[worker ${id}] ${msg}${err ? `: ${(err as Error).message}` : ''}\n`);
  const loop = (async () => {
    while (!controller.signal.aborted) {
      let result: RunResult = 'idle';
      try {
        result = await runNextJob(ctx, id, { handlers: opts.handlers, progressEveryMs: opts.progressEveryMs, signal: controller.signal });
      } catch (e) {
        // the database was unreachable for a moment: wait and try again rather than stop the loop
        log('could not take a job', e);
      }
      if (result === 'idle' && !controller.signal.aborted) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, pollMs);
          wake = () => (clearTimeout(t), resolve());
        });
        wake = null;
      }
    }
  })();
  return {
    id,
    async stop() {
      controller.abort();
      (wake as (() => void) | null)?.();
      // a long job does not hold the shutdown: its lease runs out and another worker takes it again
      await Promise.race([loop, new Promise((r) => setTimeout(r, opts.stopWaitMs ?? 5000).unref())]);
    },
  };
}
